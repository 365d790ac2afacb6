package site

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"tingo/app/spell"
)

// spelledVTT has word times and names the spellings file below corrects, one to a shorter spelling.
const spelledVTT = `WEBVTT

00:00:00.000 --> 00:00:04.000
<00:00:00.000>I <00:00:00.500>met <00:00:01.000>Lex <00:00:01.500>Freemanson <00:00:02.000>in <00:00:02.500>Austin <00:00:03.000>today

00:00:04.000 --> 00:00:08.000
<00:00:04.000>and <00:00:04.500>Lex <00:00:05.000>Freemanson <00:00:05.500>likes <00:00:06.000>陽肝菊 <00:00:07.000>tea
`

const spelledList = "Lex Fridman\tLex Freemanson\n洋甘菊\t陽肝菊\n"

// TestBrowserSpellings: the viewer shows the right spellings, marked, with the originals on hover and
// focus; the cursor and a click land on the right word after a fix that shortened the text; searching
// the wrong spelling finds every place, and the marks never lose a fix.
func TestBrowserSpellings(t *testing.T) {
	srv := spelledTalkServer(t)
	p := openPage(t, srv, "/")
	insCount := `document.querySelectorAll('#transcript ins').length`
	if n := eval[int](p, insCount); n != 3 {
		t.Fatalf("%d <ins> in the page, want 3", n)
	}
	if got := eval[string](p, `document.querySelector('.seg .tx').textContent`); got != "I met Lex Fridman in Austin today" {
		t.Errorf("first segment reads %q", got)
	}
	if got := eval[string](p, `[...document.querySelectorAll('#transcript ins')].map(e => e.dataset.was + '>' + e.textContent).join('|')`); got != "Lex Freemanson>Lex Fridman|Lex Freemanson>Lex Fridman|陽肝菊>洋甘菊" {
		t.Errorf("fixes %q", got)
	}
	// The originals show under a focused segment's text (and on hover), and no word moves for it.
	before := eval[float64](p, `document.querySelector('.seg ins').getBoundingClientRect().left`)
	eval[bool](p, `(document.querySelector('.seg').focus(), true)`)
	if got := eval[string](p, `getComputedStyle(document.querySelector('.seg'), '::after').content`); !strings.Contains(got, "Lex Freemanson → Lex Fridman") {
		t.Errorf("a focused segment shows %s after it, want its fix's original", got)
	}
	if after := eval[float64](p, `document.querySelector('.seg ins').getBoundingClientRect().left`); after != before {
		t.Errorf("the fix moved from %v to %v when its segment took the focus", before, after)
	}
	// The cursor over the word being said, after the shorter fix: at 2.6 s, "Austin".
	eval[bool](p, `(document.getElementById('audio').currentTime = 2.6, true)`)
	cursorOver := `(() => { const c = document.getElementById('cursor'); if (c.hidden) return ''; const r = c.getBoundingClientRect();
		const tx = document.querySelector('.seg .tx'), text = tx.textContent, at = text.indexOf(WORD);
		const w = document.createTreeWalker(tx, NodeFilter.SHOW_TEXT); let n, off = 0, rg = document.createRange();
		while ((n = w.nextNode())) { if (at >= off && at < off + n.length) { rg.setStart(n, at - off); rg.setEnd(n, at - off + WORD.length); break } off += n.length }
		const b = rg.getBoundingClientRect(); return Math.abs(b.left - r.left) < 3 && Math.abs(b.width - r.width) < 3 ? 'yes' : r.left + ',' + r.width + ' vs ' + b.left + ',' + b.width })()`
	p.wait(strings.ReplaceAll(cursorOver, "WORD", `'Austin'`)+` === 'yes'`, "the cursor over Austin at 2.6 s")
	// A click on "today" seeks to its word's time.
	x, y := wordPoint(p, 0, "today")
	p.clickAt(x, y)
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < 3 || got > 3.4 { // and plays on from there
		t.Errorf("a click on \"today\" seeks to %v s, want 3", got)
	}
	// Searching the wrong spelling finds both places; the marks keep the fixes.
	search := func(q string) {
		eval[bool](p, `(() => { const i = document.getElementById('search'); i.focus(); i.value = '`+q+`'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	}
	search("Freemanson")
	p.wait(`document.querySelectorAll('#transcript mark').length === 2`, "two marks for the wrong spelling")
	if got := eval[string](p, `[...document.querySelectorAll('#transcript mark')].map(m => m.closest('ins') ? m.textContent : '!' + m.textContent).join('|')`); got != "Lex Fridman|Lex Fridman" {
		t.Errorf("marks %q, want each fix marked inside its <ins>", got)
	}
	if n := eval[int](p, insCount); n != 3 {
		t.Errorf("%d <ins> with the search on, want 3", n)
	}
	search("")
	p.wait(`document.querySelectorAll('#transcript mark').length === 0`, "the marks to go")
	if n := eval[int](p, insCount); n != 3 {
		t.Errorf("%d <ins> after the search, want 3", n)
	}
	search("陽肝菊")
	p.wait(`document.querySelectorAll('#transcript mark').length === 1`, "a mark for 陽肝菊")
	if got := eval[string](p, `document.querySelector('#transcript mark').textContent`); got != "洋甘菊" {
		t.Errorf("searching 陽肝菊 marks %q", got)
	}
}

// wordPoint is the viewport point at the middle of word's first character in segment i, once the page
// has settled there (two readings 300 ms apart agree, and the point is on the segment's text).
func wordPoint(p *page, i int, word string) (float64, float64) {
	p.t.Helper()
	at := `(() => {
		const seg = document.querySelectorAll('.seg')[` + strconv.Itoa(i) + `];
		const tx = seg.querySelector('.tx'), at = tx.textContent.indexOf('` + word + `');
		const w = document.createTreeWalker(tx, NodeFilter.SHOW_TEXT); let n, off = 0; const r = document.createRange();
		while ((n = w.nextNode())) { if (at >= off && at < off + n.length) { r.setStart(n, at - off); r.setEnd(n, at - off + 1); break } off += n.length }
		const b = r.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2, e = document.elementFromPoint(x, y);
		return e && e.closest('.seg') === seg ? [x, y] : [-1, -1];
	})()`
	eval[bool](p, `(document.querySelectorAll('.seg')[`+strconv.Itoa(i)+`].scrollIntoView({block: 'center'}), true)`)
	p.wait(`new Promise(done => { const a = JSON.stringify(`+at+`); setTimeout(() => done(a !== '[-1,-1]' && JSON.stringify(`+at+`) === a), 300) })`, "the word "+word+" laid out where it is drawn")
	pt := eval[[]float64](p, at)
	return pt[0], pt[1]
}

// TestBrowserAccessibilityNames: a name page and an episode whose fixes show their originals, in every
// view, with zero axe violations.
func TestBrowserAccessibilityNames(t *testing.T) {
	axe := axeSource(t)
	dir := t.TempDir()
	p0, _ := buildSpelled(t, dir)
	host, err := StaticHandler(dir, "/show/")
	if err != nil {
		t.Fatal(err)
	}
	ep := p0.Episodes[len(p0.Episodes)-1].Slug // the oldest: the sponsor read, with 洋甘菊
	for _, v := range axeViews {
		t.Run(strings.ReplaceAll(v.name, " ", "-"), func(t *testing.T) {
			p := openPage(t, host, "")
			p.emulate(axeScreen(v.width, v.dark))
			p.open("/show/names/" + nameSlug("洋甘菊") + "/")
			p.wait(`document.getElementById('name-count') !== null`, "the name page")
			axeCheck(p, axe, v.name+", a name page")
			if cut := eval[bool](p, `(e => e.scrollWidth > e.clientWidth + 1)(document.getElementById('name-count'))`); cut {
				t.Errorf("%s: the name page's count is cut: %q", v.name, eval[string](p, `document.getElementById('name-count').textContent`))
			}
			p.open("/show/" + ep + "/")
			p.waitLive()
			// A segment below the first (the copy buttons a focused segment shows sit above it, over the chips
			// when it is the first).
			eval[bool](p, `(document.querySelectorAll('.seg ins')[2].closest('.seg').focus(), true)`)
			axeCheck(p, axe, v.name+", an episode with its fixes' originals shown")
		})
	}
}

// TestEarlyClickAfterAFix: before the app arrives, web/early.js seeks a click to its word's time across
// the <ins> of a fix (the text's offset counts the fix's text, not just its own text node's).
func TestEarlyClickAfterAFix(t *testing.T) {
	srv := spelledTalkServer(t)
	wasm := make(chan struct{})
	t.Cleanup(func() { close(wasm) })
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/app.wasm" { // the app stays away: this is the early script's work
			select {
			case <-wasm:
			case <-r.Context().Done():
			}
			return
		}
		srv.ServeHTTP(w, r)
	})
	p := openPage(t, h, "")
	p.openNoWait("/")
	p.wait(`!!window.tingoEarly && !!document.getElementById('audio') && document.getElementById('audio').readyState >= 1 && !window.tingoLive`, "the early script with the audio, no app")
	for _, c := range []struct {
		seg  int
		word string
		at   float64
	}{{0, "today", 3}, {0, "Austin", 2.5}, {1, "tea", 7}} {
		x, y := wordPoint(p, c.seg, c.word)
		p.clickAt(x, y)
		if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < c.at || got > c.at+0.4 {
			t.Errorf("before the app, a click on %q seeks to %v s, want %v", c.word, got, c.at)
		}
	}
}

// spelledSampleServer serves the sample episode corrected by its spellings file.
func spelledSampleServer(t *testing.T) *Server {
	t.Helper()
	l, _ := sampleSpellings(t)
	srv, err := NewServer(Options{Root: root, Version: "test", Spellings: l})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// spelledTalkServer serves spelledVTT, corrected by spelledList, with eight seconds of audio.
func spelledTalkServer(t *testing.T) *Server {
	t.Helper()
	l, err := spell.Parse(strings.NewReader(spelledList), "spellings.txt")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(Options{Root: root, Transcript: writeFile(t, "talk.vtt", spelledVTT), Audio: wavFile(t, 8), Version: "test", Spellings: l})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}
