package site

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tingo/app/ui"
)

// The same read-along checks in every engine: Chromium (chromedp), Chromium as a phone (touch), Firefox
// ESR (WebDriver BiDi, through puppeteer-core) and WebKit (WebKitWebDriver driving MiniBrowser under
// Xvfb). Each engine is a driver with a handful of real input operations; the checks are written once.
// Where an engine is not installed its test skips and says why, unless TINGO_ENGINES=required (CI).

// engineSkip skips (or, with TINGO_ENGINES=required, fails) a test for a missing engine.
func engineSkip(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("TINGO_ENGINES") == "required" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// errorHooks is served as the first script of every page in these tests: it records uncaught errors,
// rejected promises and console.error calls where every driver can read them (WebDriver classic has no
// console). It is test harness, not product: the product pages are served unchanged otherwise.
const errorHooks = `window.__errors = [];
addEventListener('error', e => __errors.push('error: ' + (e.message || e.type) + ' ' + (e.filename || (e.target && (e.target.src || e.target.href)) || '')), true);
addEventListener('unhandledrejection', e => __errors.push('rejection: ' + e.reason));
const __ce = console.error; console.error = (...a) => { __errors.push('console: ' + a.join(' ')); __ce.apply(console, a); };`

// engineServer serves the sample episode with the error hooks injected and app.wasm held back while
// hold is set (to see the prerendered page before the app starts).
type engineServer struct {
	srv  *Server
	hold chan struct{}
}

func (s *engineServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/__blank":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><title>blank</title>"))
		return
	case r.URL.Path == "/web/app.wasm" && s.hold != nil:
		select {
		case <-s.hold:
		case <-r.Context().Done():
			return
		}
	}
	withHooks(s.srv).ServeHTTP(w, r)
}

// withHooks serves h with the error hooks as the first script of every page (a path ending in /).
func withHooks(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/__hooks.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(errorHooks))
		case r.URL.Path == "/__share.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(shareStub))
		case strings.HasSuffix(r.URL.Path, "/"):
			hooks := `<head><script src="/__hooks.js"></script>`
			if r.URL.Query().Has("share") { // a page the share checks open: the share sheet's stand-in too
				hooks += `<script src="/__share.js"></script>`
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			w.Write([]byte(strings.Replace(rec.Body.String(), "<head>", hooks, 1)))
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// runChecks is the read-along in one engine: every check the issue lists.
// engineSites are the built sites the engines' checks open beside the served sample.
type engineSites struct{ chapters, show string }

func runChecks(t *testing.T, name string, d driver, phone bool, sites engineSites) {
	defer d.Close()
	es := &engineServer{srv: spelledSampleServer(t), hold: make(chan struct{})}
	ts := httptest.NewServer(es)
	defer ts.Close()
	s := &page{t: t, d: d, base: ts.URL, name: name}

	// The prerendered text is there and readable before the wasm starts. app.wasm is held back, so the
	// page never finishes loading: it is opened from another page without waiting for its load event.
	released := false
	release := func() {
		if !released {
			released = true
			close(es.hold)
		}
	}
	defer release()
	s.open("/")
	s.wait(`document.querySelectorAll('#transcript .seg').length === 61`, "the prerendered transcript")
	var covered string
	s.eval(`(() => { const r = document.createRange(), tx = document.querySelector('.seg .tx').firstChild; r.setStart(tx, 0); r.setEnd(tx, 1); const b = r.getBoundingClientRect(); const e = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return (e ? e.className : 'nothing') + (document.documentElement.classList.contains('live') ? ' (app already live)' : '') })()`, &covered)
	if covered != "tx" {
		t.Errorf("%s: before the app starts, the first words are under %q", name, covered)
	}
	// Reading along before the app, and the hand-over to it, in every engine.
	s.early()
	release()
	s.handOver()
	s.errors()

	// Setting the audio's time highlights the right segment.
	s.eval(`(() => { const a = document.getElementById('audio'); a.currentTime = 200; return true })()`, nil)
	s.wait(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); return c && +c.dataset.start <= 200 && 200 < +c.dataset.end })()`, "the segment at 200 s")

	// Real playback of the demo audio moves the highlight on.
	s.eval(`(() => { const a = document.getElementById('audio'); a.muted = true; a.currentTime = 119; return true })()`, nil)
	s.click("#play")
	s.playPast(121.5, "the demo audio to play past 121.5 s")
	s.wait(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); const t = document.getElementById('audio').currentTime; return c && +c.dataset.start <= t && t < +c.dataset.end && +c.dataset.start >= 120 })()`, "the highlight to follow playback into the segment at 2:02")

	// Follow mode yields to a manual scroll while playing.
	var y0 float64
	s.eval(`scrollY`, &y0)
	w, h := s.viewport()
	if err := d.Scroll(w/2, h/2, 900); err != nil {
		t.Fatalf("%s: scroll: %v", name, err)
	}
	s.wait(`!document.getElementById('now').hidden`, "the back-to-now button after a manual scroll")
	// A tap during a fling only stops it (as on any phone): let the page come to rest first.
	time.Sleep(800 * time.Millisecond)
	s.wait(`new Promise(done => { let moved = false; const f = () => moved = true; addEventListener('scroll', f); setTimeout(() => { removeEventListener('scroll', f); done(!moved) }, 500) })`, "the scroll to settle")
	s.click("#now")
	s.wait(`document.getElementById('now').hidden`, "following again")
	s.click("#play")
	s.wait(`document.getElementById('audio').paused`, "pause")

	// A click on a word seeks there. The reader turns following off (f) and the test scrolls to the word
	// with script; the word is measured once the page has settled.
	s.eval(`document.activeElement && document.activeElement.blur(), true`, nil)
	if err := d.Key("f"); err != nil {
		t.Fatalf("%s: key: %v", name, err)
	}
	s.wait(`!document.getElementById('now').hidden`, "f to stop following")
	pt := s.clickWord(30, 40, "")
	s.wait(fmt.Sprintf(`(() => { const t = document.getElementById('audio').currentTime; return t > %f && t < %f })()`, pt[2], pt[3]), "the click on a word to seek into its segment")

	// Search marks hits.
	s.eval(`(() => { const i = document.getElementById('search'); i.focus(); i.value = '馬斯克'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, nil)
	s.wait(`document.querySelectorAll('#transcript mark').length > 5`, "search marks")
	s.eval(`(() => { const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); i.blur(); return true })()`, nil)

	// The sample's spellings file: its 19 fixes marked; searching what the recognition wrote finds them,
	// marked inside their <ins>, and clearing the search keeps every fix.
	s.wait(`document.querySelectorAll('#transcript ins').length === 19`, "the sample's 19 fixes marked")
	s.eval(`(() => { const i = document.getElementById('search'); i.focus(); i.value = '陽竿菊'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, nil)
	s.wait(`[...document.querySelectorAll('#transcript ins mark')].length >= 4 && document.querySelectorAll('#transcript ins').length === 19`, "the wrong spelling's places marked in their fixes")
	s.eval(`(() => { const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); i.blur(); return true })()`, nil)
	s.wait(`document.querySelectorAll('#transcript mark').length === 0 && document.querySelectorAll('#transcript ins').length === 19`, "every fix kept after the search")

	// Keyboard: ? opens the help, Escape closes it, l skips 10 s on.
	s.eval(`document.activeElement && document.activeElement.blur(), true`, nil)
	if err := d.Key("?"); err != nil {
		t.Fatalf("%s: key: %v", name, err)
	}
	s.wait(`document.getElementById('help') && !document.getElementById('help').hidden`, "the help after ?")
	d.Key("Escape")
	s.wait(`document.getElementById('help').hidden`, "the help closed by Escape")
	var before float64
	s.eval(`document.getElementById('audio').currentTime`, &before)
	d.Key("l")
	s.wait(fmt.Sprintf(`Math.abs(document.getElementById('audio').currentTime - %f) < 1`, before+10), "l to skip 10 s")

	// A #t= link opens there, scrolled into view.
	s.open("/#t=1500")
	s.wait(liveJS, "the app on a deep link")
	s.wait(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); if (!c) return false; const b = c.getBoundingClientRect(); return +c.dataset.start <= 1500 && 1500 < +c.dataset.end && b.bottom > 0 && b.top < innerHeight })()`, "the deep link's segment, current and in view")
	if start := s.currentStart(); math.Abs(start-1500) > 70 {
		t.Errorf("%s: #t=1500 opened the segment at %v", name, start)
	}

	// A picture for the README.
	s.eval(`(() => { document.getElementById('audio').currentTime = 128; return true })()`, nil)
	s.wait(`new Promise(done => { const at = () => { const c = document.querySelector('.seg[aria-current="true"]'); return c && +c.dataset.start <= 128 && 128 < +c.dataset.end ? Math.round(c.getBoundingClientRect().top) : NaN }; const a = at(); setTimeout(() => done(a === at() && a >= document.querySelector('.top').getBoundingClientRect().bottom && a < innerHeight / 2), 300) })`, "the segment at 128 s current, still and clear of the header")
	s.screenshot("engine-" + name + ".png")
	s.errors()
	_ = phone
	shareChecks(t, name, d, ts.URL)
	scriptChecks(t, name, d, ts.URL)
	embedChecks(t, name, d, ts.URL)
	libraryScriptChecks(t, name, d, sites.show)
	chapterChecks(t, name, d, sites.chapters)
}

func TestEngines(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		engineSkip(t, "web/app.wasm is missing (make wasm): engine tests not run")
	}
	chapterSite := t.TempDir() // the spec's example chapters, built once for every engine
	buildChapterSite(t, chapterSite)
	showSite := t.TempDir() // a Traditional-Chinese show's library, for the reader's script
	buildTestSite(t, "科技浪 節目", showSite, "", noRemoteAudio, func(p *Podcast) {
		p.Description = "頭髮與發展: a Traditional-Chinese tech podcast."
	})
	sites := engineSites{chapters: chapterSite, show: showSite}
	t.Run("chromium", func(t *testing.T) { runChecks(t, "chromium", newChromiumDriver(t, false), false, sites) })
	t.Run("chromium-phone", func(t *testing.T) { runChecks(t, "chromium-phone", newChromiumDriver(t, true), true, sites) })
	t.Run("firefox", func(t *testing.T) { runChecks(t, "firefox", newFirefoxDriver(t), false, sites) })
	t.Run("webkit", func(t *testing.T) { runChecks(t, "webkit", newWebKitDriver(t), false, sites) })
}

// pointAtWord scrolls segment seg into the middle of the view, waits until it is laid out where it is
// drawn (segments use content-visibility: auto, so one just scrolled to is laid out a frame or two later,
// and scroll anchoring moves it as its neighbours get their real heights), and gives the middle of its
// character at off with the segment's times: [x, y, start, end].
func pointAtWord(s *page, seg, off int) []float64 {
	s.t.Helper()
	s.eval(fmt.Sprintf(`(() => { document.querySelectorAll('#transcript .seg')[%d].scrollIntoView({block: 'center', behavior: 'instant'}); return true })()`, seg), nil)
	s.wait(fmt.Sprintf(`new Promise(done => { const at = () => { const tx = document.querySelectorAll('#transcript .seg')[%d].querySelector('.tx').firstChild, r = document.createRange(); r.setStart(tx, %d); r.setEnd(tx, %d); const b = r.getBoundingClientRect(); const e = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return (b.width > 0 && e && e.closest('.tx') && e.closest('.seg') === tx.parentNode.closest('.seg')) ? scrollY + ':' + b.top : 'no' }; const a = at(); setTimeout(() => done(a !== 'no' && at() === a), 300) })`, seg, off, off+1), "the segment to be laid out where it is drawn")
	var pt []float64
	s.eval(fmt.Sprintf(`(() => { const seg = document.querySelectorAll('#transcript .seg')[%d]; const tx = seg.querySelector('.tx').firstChild, r = document.createRange(); r.setStart(tx, %d); r.setEnd(tx, %d); const b = r.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2, +seg.dataset.start, +seg.dataset.end] })()`, seg, off, off+1), &pt)
	return pt
}

// clickWord clicks, with the driver's real input, character off of segment seg, measured where it is
// drawn, and gives that point with the segment's times. A listener's first click must land: a click
// beside the word (on the timestamp, between segments) fails, saying where its mousedown and mouseup
// landed. (Clicks used to land beside the word, and were tried again, because the wait for the layout to
// settle never waited: a promise's !! is always true. page.wait now awaits it.) when prefixes what is
// said ("before the app, ").
func (s *page) clickWord(seg, off int, when string) []float64 {
	s.t.Helper()
	pt := pointAtWord(s, seg, off)
	s.eval(fmt.Sprintf(`(() => { const seg = document.querySelectorAll('#transcript .seg')[%d]; window.__clicks = []; window.__dbg = []; for (const t of ['mousedown', 'mouseup']) document.addEventListener(t, e => __dbg.push(t + ' ' + (e.target.className || e.target.tagName) + ' y' + scrollY), {capture: true, once: true}); document.addEventListener('click', e => __clicks.push(e.target.closest('.tx') && e.target.closest('.seg') === seg ? 'word' : e.target.className || e.target.id || e.target.tagName), {capture: true, once: true}); return true })()`, seg), nil)
	s.clickAt(pt[0], pt[1])
	var clicks, dbg []string
	s.wait(`window.__clicks.length > 0`, "the click")
	s.eval(`window.__clicks`, &clicks)
	if clicks[0] != "word" {
		s.eval(`window.__dbg`, &dbg)
		s.t.Fatalf("%s: %sthe first click at (%.0f, %.0f) landed on %q, not on the word: %v", s.name, when, pt[0], pt[1], clicks[0], dbg)
	}
	return pt
}

// early checks the page before app.wasm arrives (it is held back): web/early.js has made the prerendered
// transcript read along. The interface is in the reader's language, the search box says search is
// loading and keeps what is typed, and a real click on a word seeks into its segment and plays, with
// aria-current on it.
func (s *page) early() {
	s.t.Helper()
	s.wait(`document.documentElement.classList.contains('js') && !document.documentElement.classList.contains('live')`, "the early script, before the app")
	var lang, placeholder string
	s.eval(`document.getElementById('tingo').lang`, &lang)
	s.eval(`document.getElementById('search').placeholder`, &placeholder)
	var prefs []string
	s.eval(`navigator.languages`, &prefs)
	if want := ui.PickLang(prefs); lang != want {
		s.t.Errorf("%s: the page is prerendered in zh-Hant for a reader of %v: its interface is %q before the app, want %q", s.name, prefs, lang, want)
	}
	if want := map[string]string{"en": "Search is loading…", "zh-Hant": "搜尋載入中…", "zh-Hans": "搜索加载中…"}[lang]; !strings.HasPrefix(placeholder, want) || want == "" {
		s.t.Errorf("%s: before the app, the interface is %q and the search box says %q", s.name, lang, placeholder)
	}
	s.eval(`(() => { document.getElementById('audio').muted = true; return true })()`, nil)
	pt := s.clickWord(30, 40, "before the app, ")
	s.wait(fmt.Sprintf(`(() => { const a = document.getElementById('audio'), c = document.querySelector('.seg[aria-current="true"]'); return a.currentTime >= %f && a.currentTime < %f && !a.paused && c && +c.dataset.start === %f })()`, pt[2], pt[3], pt[2]),
		"a click on a word before the app to seek into its segment, play, and mark it current")
	// Typed before the app: kept, and searched once it is live.
	s.eval(`(() => { const i = document.getElementById('search'); i.value = '馬斯克'; return true })()`, nil)
}

// handOver checks that the app took over from the early script without a jump: the audio still plays,
// the segment current before is current after (or the one after it) and has not moved on the screen,
// and what was typed in the search box is searched.
func (s *page) handOver() {
	s.t.Helper()
	s.wait(`new Promise(done => { let moved = false; const f = () => moved = true; addEventListener('scroll', f); setTimeout(() => { removeEventListener('scroll', f); done(!moved) }, 500) })`, "the page to settle before the app takes over")
	var before []float64
	s.eval(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); return [+c.dataset.i, c.getBoundingClientRect().top, scrollY, document.getElementById('audio').paused ? 1 : 0] })()`, &before)
	s.wait(liveJS, "the app to go live")
	var after []float64
	s.eval(`(() => { const c = document.querySelector('.seg[aria-current="true"]'), a = document.getElementById('audio'); return [+c.dataset.i, c.getBoundingClientRect().top, scrollY, a.paused ? 1 : 0, document.querySelectorAll('.seg[aria-current]').length] })()`, &after)
	if after[3] == 1 && before[3] == 0 {
		s.t.Errorf("%s: the audio stopped when the app took over", s.name)
	}
	if after[0] != before[0] && after[0] != before[0]+1 || after[4] != 1 {
		s.t.Errorf("%s: current segment %v before the app took over, %v after (%v marked)", s.name, before[0], after[0], after[4])
	}
	// And it stays where it was: a few pixels at most (WebKit moves it by about 8 as the list is laid out
	// in go-app's page).
	if d := after[1] - before[1]; after[0] == before[0] && math.Abs(d) > 24 {
		s.t.Errorf("%s: the current segment moved from %.0f px to %.0f px when the app took over (scrollY %.0f, %.0f)", s.name, before[1], after[1], before[2], after[2])
	} else if math.Abs(d) > 2 {
		s.t.Logf("%s: the current segment moved %.0f px when the app took over", s.name, d)
	}
	s.wait(`document.getElementById('search').value === '馬斯克' && document.querySelectorAll('#transcript mark').length > 5`, "what was typed before the app, searched")
	s.eval(`(() => { const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); i.blur(); document.getElementById('audio').pause(); return true })()`, nil)
	s.wait(`document.getElementById('audio').paused && document.querySelectorAll('#transcript mark').length === 0`, "paused, search cleared")
}

// playPast waits for real playback to pass t. A media pipeline starved of CPU (WebKit's GStreamer on a
// loaded machine) can stall with the audio playing and its time still: once, after 15 s without progress,
// the audio is paused and played again, and that is logged.
func (s *page) playPast(t float64, what string) {
	s.t.Helper()
	past := fmt.Sprintf(`document.getElementById('audio').currentTime > %g`, t)
	var last float64 = -1
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var ok bool
		s.eval(past, &ok)
		if ok {
			return
		}
	}
	s.eval(`document.getElementById('audio').currentTime`, &last)
	s.t.Logf("%s: playback stalled at %.2f s on the way to %g s: paused and played again", s.name, last, t)
	s.eval(`(() => { const a = document.getElementById('audio'); a.pause(); a.play().catch(() => {}); return true })()`, nil)
	s.wait(past, what)
}
