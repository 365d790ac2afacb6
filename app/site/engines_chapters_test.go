package site

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// chapterChecks: the Podcasting 2.0 spec's example chapters in a built site, in one engine: a heading at
// each chapter's segment, the contents, the chapter being heard named and followed through real playback,
// [ and ] to step, ticks on the scrubber, and skipping a sponsor read.
func chapterChecks(t *testing.T, name string, d driver, dir string) {
	ts := httptest.NewServer(withHooks(plainHost(dir)))
	defer ts.Close()
	s := &page{t: t, d: d, base: ts.URL, name: name + " (chapters)"}
	s.open("/show/spec/")
	s.wait(liveJS, "the app on the chapters page")
	// Every listed chapter heads the segment it starts in (a segment was split where one starts inside it).
	var bad []string
	s.eval(`(() => { const out = []; const hs = document.querySelectorAll('#transcript h2.chap'); if (hs.length !== 9) out.push(hs.length + ' headings');
		for (const h of hs) { let n = h.nextElementSibling; if (n && n.classList.contains('chap-extra')) n = n.nextElementSibling;
			if (!n || !n.classList.contains('seg') || Math.abs(+n.dataset.start - +h.dataset.start) > 1.5) out.push(h.dataset.start + ' heads ' + (n && n.dataset.start)) }
		if (document.querySelectorAll('#toc li').length !== 9) out.push('contents ' + document.querySelectorAll('#toc li').length);
		return out })()`, &bad)
	for _, b := range bad {
		t.Errorf("%s: chapters: %s", s.name, b)
	}
	// The contents open with a click; a chapter there plays from its start.
	s.toTop()
	s.click("#toc summary")
	s.wait(`document.querySelector('#toc details').open`, "the contents to open")
	s.eval(`(() => { const a = document.getElementById('audio'); a.muted = true; a.currentTime = 300; return true })()`, nil)
	s.wait(`document.getElementById('chapter-now').textContent === 'Progress Report'`, "the chapter at 300 s named")
	s.toTop()
	if png, err := d.Screenshot(); err == nil {
		if dir := os.Getenv("TINGO_SCREENSHOTS"); dir != "" && (name == "chromium" || name == "chromium-phone") {
			os.WriteFile(filepath.Join(dir, "chapters-"+name+".png"), png, 0o644)
		}
	}
	// Seeking to 0 scrolls the page to the first segment (following): a tap during that scroll lands on
	// whatever has moved under it, so the page comes to rest, and back at its top, before the contents'
	// link is measured.
	s.eval(`document.getElementById('audio').currentTime = 0, true`, nil)
	s.toTop()
	s.click(`#toc li:nth-child(3) a`)
	s.wait(`(t => t >= 260 && t < 264)(document.getElementById('audio').currentTime) && document.getElementById('chapter-now').textContent === 'Progress Report' && location.hash === '#t=260'`,
		"the contents' third chapter to play from 260 s and be named in the player bar")
	s.eval(`document.getElementById('audio').pause(), true`, nil)
	// Real playback across a chapter's start: the bar and the contents follow.
	s.eval(`(() => { document.getElementById('audio').currentTime = 407.5; return true })()`, nil)
	s.wait(`document.getElementById('chapter-now').textContent === 'Progress Report'`, "the chapter before 410 s named")
	s.click("#play")
	s.playPast(410.5, "the audio to play past 410.5 s")
	s.wait(`document.getElementById('chapter-now').textContent === 'Namespace' && document.querySelector('#toc li[aria-current="true"] .ct').textContent === 'Namespace'`,
		"playback into the chapter at 410 s to name it and mark it in the contents")
	s.click("#play")
	s.wait(`document.getElementById('audio').paused`, "pause")
	// [ within three seconds of a chapter's start goes to the one before; ] to the next.
	s.eval(`document.activeElement && document.activeElement.blur(), document.getElementById('audio').currentTime = 411, true`, nil)
	s.wait(`document.getElementById('chapter-now').textContent === 'Namespace'`, "Namespace named")
	if err := d.Key("["); err != nil {
		t.Fatalf("%s: key: %v", s.name, err)
	}
	s.wait(`Math.abs(document.getElementById('audio').currentTime - 260) < 1`, "[ to go back to the chapter before")
	d.Key("]")
	s.wait(`Math.abs(document.getElementById('audio').currentTime - 410) < 1 && document.getElementById('chapter-now').textContent === 'Namespace'`, "] to go to the next chapter")
	// Ticks on the scrubber for the chapters within the audio (the demo audio is 62 minutes; the spec's
	// chapters after 3,720 s are listed and headed but have no place on its scrubber).
	s.wait(`(() => { const d = document.getElementById('audio').duration, n = [...document.querySelectorAll('#toc li')].filter(l => +l.dataset.start > 0 && +l.dataset.start < d).length; return n > 0 && document.querySelectorAll('#chapter-ticks i').length === n })()`,
		"a tick on the scrubber for each chapter within the audio")
	s.ignoreImages()
	s.errors()

	// A sponsor read (podcast.json's "sponsors"): named, skipped with one tap, and always when asked.
	s.open("/show/sponsored/#t=5")
	s.wait(liveJS, "the app on the sponsored page")
	s.wait(`!document.getElementById('skip-sponsor').hidden`, "skip sponsor offered in a sponsor read")
	s.click("#skip-sponsor")
	s.wait(`Math.abs(document.getElementById('audio').currentTime - 168) < 1 && document.getElementById('skip-sponsor').hidden`, "skip sponsor to go to the read's end")
	s.openContents()
	s.eval(`document.getElementById('always-skip').scrollIntoView({block: 'center', behavior: 'instant'}), true`, nil)
	s.wait(`new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => { const b = document.getElementById('always-skip').getBoundingClientRect(); done(b.top > document.querySelector('.top').getBoundingClientRect().bottom) })))`, "the setting clear of the header")
	s.click("#always-skip")
	s.wait(`document.getElementById('always-skip').checked && localStorage.getItem('tingo:always-skip-sponsors') === '1'`, "always skip, remembered")
	s.eval(`(() => { const a = document.getElementById('audio'); a.muted = true; a.currentTime = 150; return true })()`, nil)
	s.wait(`document.getElementById('chapter-now').textContent !== ''`, "a chapter named")
	s.click("#play")
	s.wait(`document.getElementById('audio').currentTime >= 168`, fmt.Sprint("playing a sponsor read with always-skip on to skip it"))
	s.eval(`(() => { const a = document.getElementById('audio'); a.pause(); localStorage.removeItem('tingo:always-skip-sponsors'); return true })()`, nil)
	s.ignoreImages()
	s.errors()
}

// openContents opens the contents with a tap, at the page's top. A tap while the page still scrolls to
// the segment just sought only stops the scroll (as on any phone), so it is tried again, and said.
func (s *page) openContents() {
	s.t.Helper()
	for try := 0; ; try++ {
		s.toTop()
		s.click("#toc summary")
		var open bool
		time.Sleep(300 * time.Millisecond)
		s.eval(`document.querySelector('#toc details').open`, &open)
		if open {
			return
		}
		if try == 2 {
			s.t.Fatalf("%s: three taps on the contents did not open them", s.name)
		}
		s.t.Logf("%s: the tap on the contents did not open them: again", s.name)
	}
}

// toTop waits for the page to come to rest (a seek scrolls smoothly to its segment), and goes to the top.
func (s *page) toTop() {
	s.t.Helper()
	s.settle()
	s.eval(`(document.activeElement && document.activeElement.blur(), scrollTo({top: 0, behavior: 'instant'}), true)`, nil)
	s.wait(settleJS, "the page to settle at its top")
}

// settleJS is true once the page has not scrolled for 400 ms.
const settleJS = `new Promise(done => { let moved = false; const f = () => moved = true; addEventListener('scroll', f); setTimeout(() => { removeEventListener('scroll', f); done(!moved) }, 400) })`

// settle waits for the page to come to rest.
func (s *page) settle() {
	s.t.Helper()
	s.wait(settleJS, "the page to settle")
}

// ignoreImages drops the load errors of the spec's example images (example.com serves none): a chapter
// image that does not load is the host's problem, not a script error.
func (s *page) ignoreImages() {
	s.eval(`(window.__errors = (window.__errors || []).filter(e => !e.includes('https://example.com/images/')), true)`, nil)
}
