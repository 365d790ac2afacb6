package site

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shareStub stands in for the system share sheet, which no test can press: it keeps what the page asks
// to share and resolves, as a sheet does when the listener picks a target. It is installed before the app
// starts, so the app finds a navigator.share as it would on a phone. Whether the engine has its own is
// kept in __nativeShare.
const shareStub = `window.__nativeShare = typeof navigator.share === 'function'; window.__shared = [];
Object.defineProperty(Navigator.prototype, 'share', {configurable: true, value: function (d) { __shared.push({title: d.title, text: d.text, url: d.url, files: (d.files || []).map(f => f.name + ' ' + f.type + ' ' + f.size)}); return Promise.resolve() }});
Object.defineProperty(Navigator.prototype, 'canShare', {configurable: true, value: function (d) { return !!d }});`

// selectInSegment selects 30 characters of the first segment at or after from, from its third, as a
// reader's drag would, and gives the segment's start and the selected text.
func (s *page) selectInSegment(from float64) (float64, string) {
	s.t.Helper()
	var got struct {
		Start float64
		Text  string
	}
	s.eval(fmt.Sprintf(`(() => {
		const seg = [...document.querySelectorAll('#transcript .seg')].find(e => +e.dataset.start >= %g);
		seg.scrollIntoView({block: 'center', behavior: 'instant'});
		const tx = seg.querySelector('.tx').firstChild, r = document.createRange();
		r.setStart(tx, 2); r.setEnd(tx, Math.min(tx.length - 2, 32));
		const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
		return {Start: +seg.dataset.start, Text: sel.toString()} })()`, from), &got)
	s.wait(`!document.getElementById('copybar').hidden`, "the copy bar over the selection")
	return got.Start, got.Text
}

// shareChecks: from a selection, Share hands the quote, the title and a range link to the share sheet in
// one tap; that link plays its range and stops; the quote card is drawn, square, every character of the
// quote on it in a glyph of its own, downloadable and shareable as a file; and the card's dialog closes
// with Escape.
func shareChecks(t *testing.T, name string, d driver, base string) {
	s := &page{t: t, d: d, base: base, name: name + " (share)"}
	s.open("/?share")
	s.wait(liveJS, "the app")
	var native bool
	s.eval(`__nativeShare`, &native)
	t.Logf("%s: the engine has its own navigator.share: %v (a recording stand-in is used)", s.name, native)

	start, text := s.selectInSegment(120)
	s.wait(`!document.getElementById('share-btn').hidden`, "the Share button where the browser shares")
	s.click("#share-btn")
	s.wait(`__shared.length === 1`, "one share for one tap")
	var sh struct{ Title, Text, URL string }
	s.eval(`__shared[0]`, &sh)
	var title string
	s.eval(`document.title`, &title)
	flat := strings.Join(strings.Fields(text), " ")
	if !strings.Contains(sh.Text, "“"+flat+"”") || !strings.Contains(title, sh.Title) || sh.Title == "" {
		t.Errorf("%s: shared %+v for the selection %q on the page %q", s.name, sh, flat, title)
	}
	u, err := url.Parse(sh.URL)
	var a, b float64
	if err == nil {
		_, err = fmt.Sscanf(u.Fragment, "t=%g,%g", &a, &b)
	}
	if err != nil || a < start || b <= a+0.5 || u.Query().Has("share") == false {
		t.Fatalf("%s: shared link %q (%v): want the page's address with #t=a,b inside the segment at %v", s.name, sh.URL, err, start)
	}

	// The shared link plays from a to b and stops there. An engine that lets the page play on its own
	// (Firefox) may have played it through before the test looks; the others wait for the play button.
	s.open("/" + "#" + u.Fragment)
	s.wait(liveJS, "the app on the range link")
	s.eval(`(() => { const a = document.getElementById('audio'); a.muted = true; return true })()`, nil)
	s.wait(fmt.Sprintf(`(() => { const a = document.getElementById('audio'); return Math.abs(a.currentTime - %g) < 0.6 || a.paused && Math.abs(a.currentTime - %g) < 0.6 })()`, a, b), "the range link's start")
	var paused bool
	s.eval(fmt.Sprintf(`(() => { const a = document.getElementById('audio'); return a.paused && a.currentTime < %g })()`, b-0.4), &paused)
	if paused {
		s.click("#play")
	}
	s.wait(fmt.Sprintf(`(() => { const a = document.getElementById('audio'); return a.paused && a.currentTime > %g })()`, b-0.4), "the range to stop at its end")
	var end float64
	s.eval(`document.getElementById('audio').currentTime`, &end)
	if math.Abs(end-b) > 0.6 {
		t.Errorf("%s: the range %v,%v stopped at %.2f", s.name, a, b, end)
	}

	// The quote card.
	s.open("/?share")
	s.wait(liveJS, "the app")
	_, text = s.selectInSegment(120)
	s.click("#card-btn")
	s.wait(`!!document.querySelector('dialog#card[open] img') && document.querySelector('dialog#card img').complete && document.querySelector('dialog#card img').naturalWidth > 0`, "the quote card")
	var card struct {
		Lines            []string
		Cut              bool
		W, H             float64
		Download, Href   string
		Share            bool
		Missing, Control []string
	}
	// Every character drawn is checked against the box a font draws for a character it lacks (U+10FFFD,
	// private use, in no font): a quote character drawn like that box is a missing glyph. The control (an
	// other such character) proves the check can see one.
	s.eval(`(async () => {
		const dlg = document.getElementById('card'), img = dlg.querySelector('img'), a = dlg.querySelector('a[download]');
		const font = getComputedStyle(document.querySelector('#transcript .tx')).fontFamily;
		const c = document.createElement('canvas'); c.width = c.height = 96;
		const g = c.getContext('2d', {willReadFrequently: true});
		const shot = ch => { g.clearRect(0, 0, 96, 96); g.font = '64px ' + font; g.fillStyle = '#000'; g.fillText(ch, 8, 72); return g.getImageData(0, 0, 96, 96).data.join() };
		const tofu = shot('\u{10FFFD}'), chars = [...new Set([...dlg.tingoCard.lines.join('')])].filter(ch => ch.trim() && ch !== '…');
		return {Lines: dlg.tingoCard.lines, Cut: dlg.tingoCard.cut, W: img.naturalWidth, H: img.naturalHeight,
			Download: a.download, Href: a.href.slice(0, 5), Share: !!document.getElementById('card-share'),
			Missing: chars.filter(ch => shot(ch) === tofu), Control: ['\u{10FFFE}'].filter(ch => shot(ch) === tofu)};
	})()`, &card)
	if card.W != 1080 || card.H != 1080 {
		t.Errorf("%s: the card is %v×%v, want 1080×1080", s.name, card.W, card.H)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if got, want := squash(strings.Join(card.Lines, "")), squash(text); got != want && !card.Cut {
		t.Errorf("%s: the card's lines %q are not the quote %q", s.name, card.Lines, text)
	}
	if len(card.Lines) < 2 {
		t.Errorf("%s: the quote took %d lines: a 30-character passage should wrap", s.name, len(card.Lines))
	}
	switch {
	case len(card.Control) != 1:
		// Firefox draws a missing glyph as a box with the character's code in it: no two are alike, so
		// this check cannot see one there. The fonts are the system's, the same in every engine here.
		t.Logf("%s: missing glyphs not checked: the engine draws each one differently", s.name)
	case len(card.Missing) > 0:
		t.Errorf("%s: characters drawn as missing glyphs: %q", s.name, card.Missing)
	}
	if !strings.HasSuffix(card.Download, ".png") || card.Href != "blob:" || !card.Share {
		t.Errorf("%s: the card's download %q (%s…), share as a file %v", s.name, card.Download, card.Href, card.Share)
	}
	s.click("#card-share")
	s.wait(`__shared.length === 1 && __shared[0].files.length === 1 && /\.png image\/png \d{4,}$/.test(__shared[0].files[0])`, "the card shared as a PNG file")
	if dir := os.Getenv("TINGO_SCREENSHOTS"); dir != "" && (name == "chromium" || name == "chromium-phone") {
		var data string
		s.eval(`(async () => { const b = await (await fetch(document.querySelector('dialog#card img').src)).blob(); return await new Promise(ok => { const r = new FileReader(); r.onload = () => ok(r.result.split(',')[1]); r.readAsDataURL(b) }) })()`, &data)
		if png, err := base64.StdEncoding.DecodeString(data); err == nil && name == "chromium" {
			os.WriteFile(filepath.Join(dir, "card.png"), png, 0o644)
		}
		s.screenshot("card-" + name + ".png")
	}
	if err := d.Key("Escape"); err != nil {
		t.Fatalf("%s: key: %v", s.name, err)
	}
	s.wait(`!document.getElementById('card')`, "Escape to close the card")
	s.errors()
}
