package site

import (
	"fmt"
	"math"
	"testing"
)

// TestBrowserReadingComfort: the header's Aa opens a panel (and Escape closes it, back on Aa) whose A− / A+ step the transcript's text size through five sizes and ↕ its line
// spacing through three; the segment being read stays where it is on screen; clicks still land on their
// word and the reading cursor on the new lines; the choice is remembered across a reload.
func TestBrowserReadingComfort(t *testing.T) {
	tr := writeFile(t, "short.txt", "(00:00~00:03) 第一段的文字 one two three\n(00:03~00:06) 第二段的文字 four five six seven\n(00:06~00:09) 第三段的文字 eight nine ten\n")
	srv, err := NewServer(Options{Root: root, Transcript: tr, Audio: wavFile(t, 9), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, srv, "/")
	size := func() float64 {
		return eval[float64](p, `parseFloat(getComputedStyle(document.querySelector('.seg .tx')).fontSize)`)
	}
	lineHeight := func() float64 {
		return eval[float64](p, `parseFloat(getComputedStyle(document.querySelector('.seg .tx')).lineHeight)`)
	}
	base, baseLH := size(), lineHeight()
	topHeight := eval[float64](p, `document.querySelector('.top').getBoundingClientRect().height`)
	p.click("#comfort-btn")
	p.wait(`document.getElementById('comfort-btn').getAttribute('aria-expanded') === 'true' && !document.getElementById('comfort').hidden`, "the text panel to open")
	if h := eval[float64](p, `document.querySelector('.top').getBoundingClientRect().height`); math.Abs(h-topHeight) > 1 {
		t.Errorf("opening the text panel made the header %.0f px tall, was %.0f: it should hang over the text", h, topHeight)
	}
	if got := eval[string](p, `document.getElementById('text-smaller').getAttribute('aria-disabled')`); got != "false" {
		t.Errorf("A− at the default size: aria-disabled=%s", got)
	}
	p.click("#text-smaller")
	p.wait(`document.getElementById('text-smaller').getAttribute('aria-disabled') === 'true'`, "A− to reach the smallest size")
	if r := size() / base; math.Abs(r-0.875) > 0.02 {
		t.Errorf("A− once: text at %.3f of its size, want 0.875", r)
	}
	p.click("#text-smaller") // at the end of the steps: nothing changes
	if r := size() / base; math.Abs(r-0.875) > 0.02 {
		t.Errorf("A− past the smallest: text at %.3f of its size", r)
	}
	for i := 0; i < 5; i++ {
		p.click("#text-larger")
	}
	p.wait(`document.getElementById('text-larger').getAttribute('aria-disabled') === 'true'`, "A+ to reach the largest size")
	if r := size() / base; math.Abs(r-1.5) > 0.02 {
		t.Errorf("A+ to the end: text at %.3f of its size, want 1.5", r)
	}
	p.click("#spacing")
	if r := lineHeight() / size() / (baseLH / base); math.Abs(r-2.1/1.75) > 0.03 {
		t.Errorf("↕ once: line spacing %.3f of the default, want %.3f", r, 2.1/1.75)
	}

	// Playing: the cursor sits over a word of the current segment, as tall as its line's text.
	p.click("#play")
	p.wait(`(document.querySelector('.seg[aria-current="true"]') || {dataset: {}}).dataset.start === '3'`, "the second segment during playback")
	cursorFit := `(() => { const c = document.getElementById('cursor'); if (c.hidden) return 0; const r = c.getBoundingClientRect();
		const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2), s = e && e.closest('.seg');
		if (!s || s.getAttribute('aria-current') !== 'true') return 0;
		const tx = s.querySelector('.tx').firstChild, w = document.createRange(); w.setStart(tx, 0); w.setEnd(tx, 1);
		return r.height / w.getBoundingClientRect().height })()`
	p.wait(cursorFit+` > 0`, "the cursor over the current segment")
	if fit := eval[float64](p, cursorFit); fit < 0.7 || fit > 1.5 {
		t.Errorf("the cursor is %.2f times the height of the enlarged text", fit)
	}
	p.click("#play")
	p.wait(`document.getElementById('audio').paused`, "pause")

	// A click on a word still lands on it: the last character of the second segment is said near its end.
	x, y := p.charPoint(1, eval[int](p, `document.querySelectorAll('.seg')[1].querySelector('.tx').textContent.length`)-1)
	p.clickAt(x, y)
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < 5 || got > 6 {
		t.Errorf("a click on the second segment's last word at the new size seeks to %.2f s, want 5–6", got)
	}

	// Remembered: a reload opens at the same size and spacing (web/early.js sets them before the app).
	want := fmt.Sprintf("%.2f", size())
	p.reload()
	p.wait(`document.documentElement.style.getPropertyValue('--ts') === '1.5' && document.documentElement.style.getPropertyValue('--lh') === '2.1'`, "the size and spacing set from storage")
	p.waitLive()
	if got := fmt.Sprintf("%.2f", size()); got != want {
		t.Errorf("after a reload the text is %s px, want %s", got, want)
	}
	p.click("#comfort-btn")
	p.wait(`!document.getElementById('comfort').hidden`, "the text panel to open again")
	if got := eval[string](p, `document.getElementById('spacing').dataset.step`); got != "2" {
		t.Errorf("after a reload the spacing button is at step %s, want 2", got)
	}
	// Escape closes the panel and leaves the keyboard on Aa.
	p.eval(`document.getElementById('spacing').focus(), true`, nil)
	p.key("Escape")
	p.wait(`document.getElementById('comfort').hidden && getComputedStyle(document.getElementById('comfort')).display === 'none' && document.activeElement === document.getElementById('comfort-btn') && document.getElementById('comfort-btn').getAttribute('aria-expanded') === 'false'`, "Escape to close the panel, focus on Aa")
}

// TestBrowserReadingComfortKeepsThePlace: changing the text size keeps the segment being read where it is
// on screen, following or not.
func TestBrowserReadingComfortKeepsThePlace(t *testing.T) {
	p := openPage(t, sampleServer(t), "/#t=1500")
	p.wait(`new Promise(done => { let moved = false; const f = () => moved = true; addEventListener('scroll', f); setTimeout(() => { removeEventListener('scroll', f); done(!moved && !!document.querySelector('.seg[aria-current="true"]')) }, 400) })`, "the deep link's segment, scrolled to and still")
	eval[bool](p, `(document.getElementById('comfort-btn').click(), true)`)
	p.wait(`!document.getElementById('comfort').hidden`, "the text panel to open")
	for _, button := range []string{"#text-larger", "#text-larger", "#spacing", "#text-smaller"} {
		moved := eval[float64](p, `new Promise(done => { const c = document.querySelector('.seg[aria-current="true"]'), top = c.getBoundingClientRect().top, ts = getComputedStyle(c).fontSize + getComputedStyle(c).lineHeight;
			document.querySelector('`+button+`').click();
			const check = () => getComputedStyle(c).fontSize + getComputedStyle(c).lineHeight !== ts ? requestAnimationFrame(() => done(c.getBoundingClientRect().top - top)) : setTimeout(check, 10); check() })`)
		if math.Abs(moved) > 2 {
			t.Errorf("%s moved the segment being read by %.0f px", button, moved)
		}
	}
}

// TestBrowserZoom200: a 1280×800 window at 200% zoom is a 640×400 view. Nothing scrolls sideways, the
// text keeps most of the screen (the header scrolls away in a short view; the player bar stays), and the
// header's controls are there at the page's top.
func TestBrowserZoom200(t *testing.T) {
	p := openPage(t, sampleServer(t), "")
	p.emulate(screen{width: 640, height: 400, scale: 2})
	p.open("/#t=1500")
	p.waitLive()
	p.wait(`new Promise(done => { let moved = false; const f = () => moved = true; addEventListener('scroll', f); setTimeout(() => { removeEventListener('scroll', f); done(!moved && !!document.querySelector('.seg[aria-current="true"]')) }, 400) })`, "the deep link's segment, scrolled to and still")
	got := eval[[]float64](p, `(() => { const top = document.querySelector('.top').getBoundingClientRect(), bar = document.getElementById('player').getBoundingClientRect(), c = document.querySelector('.seg[aria-current="true"]').getBoundingClientRect();
		return [document.documentElement.scrollWidth - innerWidth, (bar.top - Math.max(0, top.bottom)) / innerHeight, c.top, c.bottom, bar.top] })()`)
	if got[0] > 0 {
		t.Errorf("at 200%% zoom the page scrolls %.0f px sideways", got[0])
	}
	if got[1] < 0.5 {
		t.Errorf("at 200%% zoom the text has %.0f%% of the view between the header and the player bar", got[1]*100)
	}
	if got[2] >= got[4] || got[3] <= 0 {
		t.Errorf("at 200%% zoom the deep link's segment (%.0f–%.0f px) is not in view above the player bar (%.0f px)", got[2], got[3], got[4])
	}
	eval[bool](p, `scrollTo({top: 0, behavior: 'instant'}), true`)
	for _, id := range []string{"search", "comfort-btn", "help-btn"} {
		if hit := eval[bool](p, `(() => { const e = document.getElementById('`+id+`'), b = e.getBoundingClientRect(), h = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return b.width > 0 && !!h && (h === e || e.contains(h)) })()`); !hit {
			t.Errorf("at 200%% zoom #%s cannot be reached at the page's top", id)
		}
	}
}
