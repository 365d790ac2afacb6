package site

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Browser tests: Debian's chromium, driven by chromedp, against the real handler in httptest. Every
// JavaScript exception and console error fails the test that caused it.

func sampleServer(t *testing.T) *Server {
	t.Helper()
	srv, err := NewServer(Options{Root: root, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// wavFile writes n seconds of a quiet tone as 8 kHz mono PCM WAV: audio that really plays.
func wavFile(t *testing.T, seconds int) string {
	t.Helper()
	const rate = 8000
	n := rate * seconds
	buf := make([]byte, 44+2*n)
	copy(buf, "RIFF")
	binary.LittleEndian.PutUint32(buf[4:], uint32(36+2*n))
	copy(buf[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(buf[16:], 16)
	binary.LittleEndian.PutUint16(buf[20:], 1)
	binary.LittleEndian.PutUint16(buf[22:], 1)
	binary.LittleEndian.PutUint32(buf[24:], rate)
	binary.LittleEndian.PutUint32(buf[28:], rate*2)
	binary.LittleEndian.PutUint16(buf[32:], 2)
	binary.LittleEndian.PutUint16(buf[34:], 16)
	copy(buf[36:], "data")
	binary.LittleEndian.PutUint32(buf[40:], uint32(2*n))
	for i := 0; i < n; i++ {
		v := int16(2000 * math.Sin(2*math.Pi*440*float64(i)/rate))
		binary.LittleEndian.PutUint16(buf[44+2*i:], uint16(v))
	}
	path := filepath.Join(t.TempDir(), "tone.wav")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBrowserPrerenderedWithoutJavaScript(t *testing.T) {
	p := openPage(t, sampleServer(t), "")
	p.cdp(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	p.open("/")
	n := eval[int](p, `document.querySelectorAll('#transcript .seg[data-start][data-end]').length`)
	if n != 61 {
		t.Errorf("with JavaScript off: %d segments, want 61", n)
	}
	// The text is readable: not covered by go-app's loading overlay.
	top := eval[string](p, `(() => { const r = document.createRange(), tx = document.querySelector('.seg .tx').firstChild; r.setStart(tx, 0); r.setEnd(tx, 1); const b = r.getBoundingClientRect(); const e = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return e ? e.className : '' })()`)
	if top != "tx" {
		t.Errorf("the first segment's text is covered by %q", top)
	}
	if href := eval[string](p, `document.querySelectorAll('.seg .ts')[2].getAttribute('href')`); href != "#t=122" {
		t.Errorf("third timestamp links to %q, want #t=122", href)
	}
	// The audio's own controls are there to play it, and no control that needs a script shows.
	if got := eval[string](p, `(() => { const a = document.getElementById('audio'), b = a.getBoundingClientRect(), hidden = [...document.querySelectorAll('#search, #play, #help-btn')].filter(e => { const r = e.getBoundingClientRect(); return getComputedStyle(e).visibility === 'hidden' || r.width === 0 }).length; return [a.controls, b.width > 100 && b.height > 20, hidden].join(' ') })()`); got != "true true 3" {
		t.Errorf("with JavaScript off: audio controls, shown, hidden script controls = %q, want \"true true 3\"", got)
	}
}

func TestBrowserFollowsTheAudio(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	if n := eval[int](p, `document.querySelectorAll('audio').length`); n != 1 {
		t.Errorf("%d audio elements, want 1", n)
	}
	for _, at := range []struct{ t, want float64 }{{125, 122}, {0.5, 0}, {3620, 3613}, {62, 62}} {
		eval[bool](p, fmt.Sprintf(`document.getElementById('audio').currentTime = %v, true`, at.t))
		p.wait(fmt.Sprintf(`(document.querySelector('.seg[aria-current="true"]') || {dataset: {}}).dataset.start === '%v'`, at.want), fmt.Sprintf("segment %v current at %vs", at.want, at.t))
		if n := eval[int](p, `document.querySelectorAll('[aria-current="true"]').length`); n != 1 {
			t.Errorf("%d current segments, want 1", n)
		}
	}
}

func TestBrowserPlaybackMovesHighlightAndCursor(t *testing.T) {
	tr := writeFile(t, "short.txt", "(00:00~00:02) 第一段 one two three\n(00:02~00:04) 第二段 four five six\n(00:04~00:06) 第三段 seven eight nine\n")
	srv, err := NewServer(Options{Root: root, Transcript: tr, Audio: wavFile(t, 6), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, srv, "/")
	p.click("#play")
	p.wait(`!document.getElementById('audio').paused`, "playback to start")
	p.wait(`document.getElementById('play').getAttribute('aria-pressed') === 'true'`, "the play button to show playing")
	p.wait(`(document.querySelector('.seg[aria-current="true"]') || {dataset: {}}).dataset.start === '2'`, "the second segment during playback")
	// The reading cursor sits over a word of the current segment, and moves on while it plays.
	cursorAt := `(() => { const c = document.getElementById('cursor'); if (c.hidden) return ''; const r = c.getBoundingClientRect();
		const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); const s = e && e.closest('.seg');
		return s ? s.dataset.start + '@' + Math.round(r.left) : '' })()`
	p.wait(cursorAt+`.startsWith('2@')`, "the cursor over the second segment")
	first := eval[string](p, cursorAt)
	p.wait(cursorAt+` !== '`+first+`'`, "the cursor to move to the next word")
	p.wait(`(document.querySelector('.seg[aria-current="true"]') || {dataset: {}}).dataset.start === '4'`, "the third segment during playback")
	p.wait(`document.getElementById('time').textContent.startsWith('0:0')`, "the time to show")
}

// charPoint is the viewport point at the middle of the character at off in segment i's text.
func (p *page) charPoint(i, off int) (float64, float64) {
	pt := eval[[]float64](p, fmt.Sprintf(`(() => {
		const seg = document.querySelectorAll('.seg')[%d]; seg.scrollIntoView({block: 'center'});
		const tx = seg.querySelector('.tx').firstChild, r = document.createRange();
		r.setStart(tx, %d); r.setEnd(tx, %d + 1); const b = r.getBoundingClientRect();
		return [b.left + b.width / 2, b.top + b.height / 2];
	})()`, i, off, off))
	return pt[0], pt[1]
}

func TestBrowserClickWordSeeks(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	// Segment 1 (1:02-2:02): a character two thirds of the way in is said about two thirds of the way.
	n := eval[int](p, `document.querySelectorAll('.seg')[1].querySelector('.tx').textContent.length`)
	x, y := p.charPoint(1, n*2/3)
	p.clickAt(x, y)
	got := eval[float64](p, `document.getElementById('audio').currentTime`)
	if got < 62+60*0.5 || got > 62+60*0.85 {
		t.Errorf("click two thirds into 1:02-2:02 seeks to %.1f s, want about %.0f s", got, 62+40.0)
	}
	if s := p.currentStart(); s != 62 {
		t.Errorf("current segment starts at %v, want 62", s)
	}
	// A timestamp link seeks to its segment's start.
	p.click(`.seg:nth-child(4) .ts`)
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < 184 || got > 184.5 {
		t.Errorf("timestamp 3:04 seeks to %v", got)
	}
	// Enter on a focused segment seeks to its start.
	eval[bool](p, `document.querySelectorAll('.seg')[5].focus(), true`)
	p.key("Enter")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < 305 || got > 305.5 {
		t.Errorf("Enter on segment 5:05 seeks to %v", got)
	}
}

func TestBrowserDeepLinks(t *testing.T) {
	srv := sampleServer(t)
	for _, tc := range []struct {
		path  string
		at    float64
		start float64
	}{{"/#t=90", 90, 62}, {"/#t=1:30", 90, 62}, {"/?t=125", 125, 122}, {"/#t=1:00:20", 3620, 3613}} {
		p := openPage(t, srv, tc.path)
		p.wait(fmt.Sprintf(`Math.abs(document.getElementById('audio').currentTime - %v) < 1`, tc.at), "the deep link's time")
		if s := p.currentStart(); s != tc.start {
			t.Errorf("%s: current segment %v, want %v", tc.path, s, tc.start)
		}
		p.wait(`(() => { const r = document.querySelector('.seg[aria-current="true"]').getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight })()`, tc.path+": the linked segment in view")
	}
	// A range plays and stops at its end.
	p := openPage(t, srv, "/#t=100,102")
	p.wait(`!document.getElementById('audio').paused`, "the range to play")
	p.wait(`document.getElementById('audio').paused`, "the range to stop")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < 101.9 || got > 102.6 {
		t.Errorf("range #t=100,102 stopped at %.2f", got)
	}
}

func TestBrowserFollowYieldsToTheReader(t *testing.T) {
	p := openPage(t, sampleServer(t), "/#t=1800")
	if !eval[bool](p, `document.getElementById('now').hidden`) {
		t.Fatal("back-to-now shown while following")
	}
	// The reader scrolls up with the wheel: following pauses, and the button points up.
	for range 5 {
		p.scroll(400, 400, -1500)
	}
	p.wait(`!document.getElementById('now').hidden`, "back-to-now to appear")
	if got := eval[string](p, `document.getElementById('follow').getAttribute('aria-pressed')`); got != "false" {
		t.Errorf("follow pressed = %s after scrolling away", got)
	}
	p.wait(`document.getElementById('now').textContent.includes('↓')`, "back-to-now to point down")
	// Time passes: following does not come back by itself.
	eval[bool](p, `document.getElementById('audio').currentTime = 1900, true`)
	time.Sleep(1500 * time.Millisecond)
	if eval[bool](p, `document.getElementById('now').hidden`) {
		t.Error("following resumed on its own")
	}
	p.click("#now")
	p.wait(`document.getElementById('now').hidden`, "back-to-now to go")
	p.wait(`(() => { const r = document.querySelector('.seg[aria-current="true"]').getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight })()`, "the current segment in view")
}

func TestBrowserOpenOwnFiles(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	good := writeFile(t, "mine.srt", "1\n00:00:01,000 --> 00:00:03,000\nAnn: Hello <b>there</b>\n\n2\n00:00:03,000 --> 00:00:05,000\n第二句\n")
	p.upload("#file", good)
	p.wait(`document.querySelectorAll('.seg').length === 2`, "the opened transcript")
	if title := eval[string](p, `document.getElementById('title').textContent`); title != "mine.srt" {
		t.Errorf("title = %q", title)
	}
	if spk := eval[string](p, `document.querySelector('.seg .spk').textContent`); spk != "Ann" {
		t.Errorf("speaker = %q", spk)
	}
	eval[bool](p, `document.getElementById('audio').currentTime = 3.5, true`)
	p.wait(`(document.querySelector('.seg[aria-current="true"]') || {dataset: {}}).dataset.start === '3'`, "the opened transcript to follow the audio")
	bad := writeFile(t, "broken.json", "{\n\"segments\": [\n{\"startTime\": \"soon\"}]}")
	p.upload("#file", bad)
	p.wait(`!!document.querySelector('#notice.error:not([hidden])')`, "an error message")
	msg := eval[string](p, `document.querySelector('#notice.error').textContent`)
	if !strings.Contains(msg, "broken.json:3") || !strings.Contains(msg, "invalid timestamp") {
		t.Errorf("error message = %q, want the file, line 3 and the problem", msg)
	}
	if n := eval[int](p, `document.querySelectorAll('.seg').length`); n != 2 {
		t.Errorf("a bad file replaced the transcript: %d segments", n)
	}
}

func TestBrowserNothingRunsFromATranscript(t *testing.T) {
	evil := writeFile(t, "evil.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\n<v <img src=x onerror=\"window.pwned=1\">>&lt;script&gt;window.pwned=2&lt;/script&gt; <img src=x onerror=window.pwned=3>\n\n00:02.000 --> 00:04.000\n\"><svg onload=window.pwned=4>\n")
	srv, err := NewServer(Options{Root: root, Transcript: evil, Title: `<img src=x onerror="window.pwned=5">`, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, srv, "/")
	time.Sleep(300 * time.Millisecond)
	if n := eval[int](p, `document.querySelectorAll('#tingo img, #tingo svg, #tingo script').length`); n != 0 {
		t.Errorf("%d elements injected from the transcript", n)
	}
	if eval[bool](p, `window.pwned !== undefined`) {
		t.Error("transcript code ran")
	}
	// The title reaches the head's <meta> tags without adding attributes or ending the head early.
	if n := eval[int](p, `document.querySelectorAll('meta[http-equiv], body meta, body link, body title').length`); n != 0 {
		t.Errorf("the title broke the head: %d elements out of place", n)
	}
	if got := eval[string](p, `document.querySelector('meta[property="og:title"]').content`); got != `<img src=x onerror=”window.pwned=5”>` {
		t.Errorf("og:title = %q", got)
	}
	if !strings.Contains(eval[string](p, `document.querySelector('.seg .tx').textContent`), "<script>") {
		t.Error("the transcript's text was not kept as text")
	}
	// The same file opened in the browser.
	p.upload("#file", evil)
	p.wait(`document.getElementById('title').textContent === 'evil.vtt'`, "the file to open")
	if n := eval[int](p, `document.querySelectorAll('#tingo img, #tingo svg, #tingo script').length`); n != 0 || eval[bool](p, `window.pwned !== undefined`) {
		t.Errorf("opened file injected %d elements", n)
	}
	// javascript: audio is refused, with a message.
	q := openPage(t, sampleServer(t), "/?audio=javascript:window.pwned=6")
	q.wait(`!!document.querySelector('#notice.error:not([hidden])')`, "the refusal")
	if src := eval[string](q, `document.getElementById('audio').getAttribute('src')`); strings.HasPrefix(src, "javascript") {
		t.Errorf("audio src = %q", src)
	}
}

func TestBrowserKeyboard(t *testing.T) {
	p := openPage(t, sampleServer(t), "/#t=100")
	p.wait(`Math.abs(document.getElementById('audio').currentTime - 100) < 0.5`, "the start")
	eval[bool](p, `document.activeElement.blur(), true`)
	p.key("l")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); math.Abs(got-110) > 0.5 {
		t.Errorf("l: time %v, want 110", got)
	}
	p.key("j")
	p.key("j")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); math.Abs(got-90) > 0.5 {
		t.Errorf("j j: time %v, want 90", got)
	}
	p.key(">")
	if got := eval[float64](p, `document.getElementById('audio').playbackRate`); got != 1.25 {
		t.Errorf(">: rate %v, want 1.25", got)
	}
	p.key("?")
	p.wait(`!document.getElementById('help').hidden`, "the help overlay")
	p.key("Escape")
	p.wait(`document.getElementById('help').hidden`, "the help overlay to close")
	p.key("k")
	p.wait(`!document.getElementById('audio').paused`, "k to play")
	p.key("k")
	p.wait(`document.getElementById('audio').paused`, "k to pause")
	p.key("f")
	p.wait(`document.getElementById('follow').getAttribute('aria-pressed') === 'false'`, "f to stop following")
	// Not while typing in a field.
	eval[bool](p, `(() => { const i = document.createElement('input'); i.id = 'typing'; document.body.append(i); i.focus(); return true })()`)
	before := eval[float64](p, `document.getElementById('audio').currentTime`)
	p.key("l")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got != before {
		t.Errorf("l while typing moved the time from %v to %v", before, got)
	}
}

func TestBrowserResumeAndSpeed(t *testing.T) {
	srv := sampleServer(t)
	p := openPage(t, srv, "/#t=600")
	p.click("#play")
	p.wait(`!document.getElementById('audio').paused`, "playback")
	p.click("#play")
	p.wait(`document.getElementById('audio').paused`, "pause")
	p.open("/")
	p.waitLive()
	p.wait(`!document.getElementById('resume').hidden`, "the resume offer")
	p.click("#resume-btn")
	// go-app runs click handlers in its own loop, after the click returns.
	p.wait(`(t => t >= 599 && t <= 605)(document.getElementById('audio').currentTime)`, "the resumed time, about 600")
	eval[bool](p, `(() => { const s = document.getElementById('speed'); s.value = '1.5'; s.dispatchEvent(new Event('change')); return true })()`)
	p.wait(`document.getElementById('audio').playbackRate === 1.5`, "speed 1.5")
}

// TestBrowserScreenshots takes the pages a listener sees, desktop and phone, light and dark, and writes
// them to TINGO_SCREENSHOTS (a temporary folder when unset).
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("TINGO_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	os.MkdirAll(dir, 0o755)
	srv := sampleServer(t)
	for _, shot := range []struct {
		name          string
		width, height int64
		mobile        bool
		scheme        string
	}{{"desktop-light", 1280, 800, false, "light"}, {"desktop-dark", 1280, 800, false, "dark"}, {"phone-light", 390, 844, true, "light"}, {"phone-dark", 390, 844, true, "dark"}, {"zoom-200", 640, 400, false, "light"}} {
		p := openPage(t, srv, "")
		p.emulate(screen{width: shot.width, height: shot.height, phone: shot.mobile, scheme: shot.scheme})
		p.open("/#t=128")
		p.waitLive()
		p.wait(`document.querySelector('.seg[aria-current="true"]') !== null`, "the current segment")
		time.Sleep(500 * time.Millisecond)
		shoot := func(name string) {
			if err := os.WriteFile(filepath.Join(dir, name+".png"), p.png(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		shoot(shot.name)
		if shot.name == "desktop-light" || shot.name == "phone-dark" {
			eval[bool](p, `(() => { const s = document.getElementById('search'); s.value = '陽肝菊'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
			p.wait(`document.querySelectorAll('#transcript mark').length > 0`, "marks")
			p.click("#next-hit")
			p.click("#next-hit")
			time.Sleep(300 * time.Millisecond)
			shoot(shot.name + "-search")
		}
	}
	t.Logf("screenshots in %s", dir)
}

func TestBrowserCopyQuote(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	eval[bool](p, `(() => { navigator.clipboard.writeText = s => { window.copied = s; return Promise.resolve() }; return true })()`)
	// Select four characters half-way through segment 1 (1:02-2:02).
	eval[bool](p, `(() => { const tx = document.querySelectorAll('.seg')[1].querySelector('.tx').firstChild;
		const r = document.createRange(); r.setStart(tx, 100); r.setEnd(tx, 104);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true })()`)
	p.wait(`!document.getElementById('copybar').hidden`, "the copy bar")
	p.click("#copy-quote")
	p.wait(`typeof window.copied === 'string'`, "the copied quote")
	got := eval[string](p, `window.copied`)
	sel := eval[string](p, `document.querySelectorAll('.seg')[1].querySelector('.tx').textContent.slice(100, 104)`)
	if !strings.HasPrefix(got, "“"+sel+"” — 科技浪") || !strings.Contains(got, "(1:") || !strings.Contains(got, p.base+"/#t=") {
		t.Errorf("copied quote = %q, want the selection %q, the title, its time and a link", got, sel)
	}
	p.wait(`document.getElementById('notice-text').textContent !== ''`, "the copied notice")
}

func TestBrowserHostedPair(t *testing.T) {
	srv := sampleServer(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/files/talk.vtt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("WEBVTT\n\n00:00.000 --> 00:02.000\n<v Bo>Hosted hello\n\n00:02.000 --> 00:04.000\n<v Bo>Second\n"))
	})
	mux.HandleFunc("/files/bad.srt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("1\nno timing here\n")) })
	mux.Handle("/", srv)
	ts := httptest.NewServer(mux)
	defer ts.Close()
	p := openPage(t, srv, "")
	p.base = ts.URL
	p.ignore = append(p.ignore, "404") // a failed fetch logs a 404 to the console: expected here
	p.open("/?transcript=/files/talk.vtt&audio=/media/kejilang-episode.mp3")
	p.waitLive()
	p.wait(`document.querySelectorAll('.seg').length === 2 && document.getElementById('title').textContent === 'talk.vtt'`, "the hosted transcript")
	if got := eval[string](p, `document.querySelector('.seg .spk').textContent`); got != "Bo" {
		t.Errorf("speaker = %q", got)
	}
	// A missing file and a file that is not a transcript say so in the page.
	for _, tc := range []struct{ q, want string }{
		{"/?transcript=/files/missing.vtt", "HTTP 404"},
		{"/?transcript=/files/bad.srt", "bad.srt"},
		{"/?transcript=javascript:alert(1)", "javascript:alert(1)"},
	} {
		p.open(tc.q)
		p.waitLive()
		p.wait(`!!document.querySelector('#notice.error:not([hidden])')`, tc.q+": an error")
		if msg := eval[string](p, `document.getElementById('notice-text').textContent`); !strings.Contains(msg, tc.want) {
			t.Errorf("%s: message %q, want it to name %q", tc.q, msg, tc.want)
		}
	}
}

func TestBrowserSearch(t *testing.T) {
	p := openPage(t, sampleServer(t), "/#t=1800")
	// What the reader sees: where the current segment sits on the screen. (scrollY itself moves as segments
	// off screen get their real sizes, which scroll anchoring absorbs.)
	onScreen := `document.querySelector('.seg[aria-current="true"]').getBoundingClientRect().top`
	time.Sleep(300 * time.Millisecond)
	before := eval[float64](p, onScreen)
	// "/" focuses the box; typing marks every hit without moving the page.
	eval[bool](p, `document.activeElement.blur(), true`)
	p.key("/")
	if id := eval[string](p, `document.activeElement.id`); id != "search" {
		t.Fatalf("/ focused %q", id)
	}
	// Type as a keyboard does, one character at a time into the focused box. (A click on the box
	// would first scroll it into view.)
	eval[bool](p, `document.getElementById('search').value = '', true`)
	p.typeText("超级电脑")
	p.wait(`document.querySelectorAll('#transcript mark').length > 0`, "marks")
	marks := eval[[]string](p, `[...document.querySelectorAll('#transcript mark')].map(m => m.textContent)`)
	for _, m := range marks {
		if m != "超級電腦" {
			t.Errorf("mark %q, want 超級電腦", m)
		}
	}
	if got := eval[string](p, `document.getElementById('count').textContent`); got != fmt.Sprintf("– / %d", len(marks)) {
		t.Errorf("count %q with %d marks", got, len(marks))
	}
	if got := eval[float64](p, onScreen); math.Abs(got-before) > 2 {
		t.Errorf("typing moved the current segment on screen from %v to %v", before, got)
	}
	if !eval[bool](p, `document.getElementById('now').hidden`) {
		t.Error("typing stopped following")
	}
	// Enter jumps to the first hit and scrolls there; Shift+Enter goes back round to the last.
	p.key("Enter")
	p.wait(`document.getElementById('count').textContent.startsWith('1 / ')`, "the first hit")
	if !eval[bool](p, `(() => { const r = document.querySelector('mark.current-hit').getBoundingClientRect(); return r.top > 0 && r.bottom < innerHeight })()`) {
		t.Error("the current hit is not in view")
	}
	p.key("Shift+Enter")
	p.wait(fmt.Sprintf(`document.getElementById('count').textContent === '%d / %d'`, len(marks), len(marks)), "the last hit")
	// The result list: one entry a segment, with its time and how it matched; a click seeks and plays. It
	// is ranked again once the dictionary has cut the words: wait for that before clicking in it.
	p.wait(`performance.getEntriesByName('tingo-words').length > 0`, "the words cut")
	time.Sleep(100 * time.Millisecond)
	n := eval[int](p, `document.querySelectorAll('#results .hit').length`)
	if n == 0 || eval[bool](p, `document.getElementById('results').hidden`) {
		t.Fatalf("%d results shown", n)
	}
	if tier := eval[string](p, `document.querySelector('#results .tier').textContent`); tier != "folded" {
		t.Errorf("first result's tier %q, want folded", tier)
	}
	if ticks := eval[int](p, `document.querySelectorAll('#markers i').length`); ticks != n {
		t.Errorf("%d scrubber ticks for %d results", ticks, n)
	}
	want := eval[float64](p, `+document.querySelector('#results .hit').dataset.t`)
	p.click("#results .hit")
	p.wait(`!document.getElementById('audio').paused`, "the result to play")
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got < want || got > want+1 {
		t.Errorf("result click seeks to %v, want %v", got, want)
	}
	eval[bool](p, `document.getElementById('audio').pause(), true`)
	// Sounds-like finds the sponsor's misheard name; switched off, only the spelling as typed.
	p.click("#search")
	p.key("Escape")
	p.wait(`document.querySelectorAll('#transcript mark').length === 0 && document.getElementById('results').hidden`, "Escape to clear")
	p.typeInto("#search", "陽肝菊")
	p.wait(`document.querySelectorAll('#transcript mark').length > 0`, "marks for 陽肝菊")
	all := eval[[]string](p, `[...new Set([...document.querySelectorAll('#transcript mark')].map(m => m.textContent))].sort()`)
	if fmt.Sprint(all) != "[羊肝菊 陽竿菊 陽肝菊]" {
		t.Errorf("陽肝菊 marks %v, want 陽竿菊, 陽肝菊 and 羊肝菊", all)
	}
	p.click("#sounds-like")
	p.wait(`[...document.querySelectorAll('#transcript mark')].every(m => m.textContent === '陽肝菊')`, "only 陽肝菊 without sounds-like")
	// n and N step through hits from outside the box.
	eval[bool](p, `document.activeElement.blur(), true`)
	p.key("n")
	p.wait(`document.getElementById('count').textContent.startsWith('1 / ')`, "n")
	// Hostile queries neither throw nor hang.
	for _, q := range []string{"(", "C++", "[", "😀", strings.Repeat("馬斯克 ", 2000)} {
		eval[bool](p, fmt.Sprintf(`(() => { const s = document.getElementById('search'); s.value = %q; s.dispatchEvent(new Event('input')); return true })()`, q))
	}
	p.wait(`document.getElementById('count').textContent !== ''`, "the last query's count")
	// Clicking a word inside a mark still seeks to that word.
	eval[bool](p, `(() => { const s = document.getElementById('search'); s.value = '馬斯克'; s.dispatchEvent(new Event('input')); return true })()`)
	p.wait(`document.querySelectorAll('#transcript mark').length > 10`, "marks for 馬斯克")
	pt := eval[[]float64](p, `(() => { const m = document.querySelectorAll('.seg')[20].querySelector('mark'); m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect(); return [r.left + 3, r.top + r.height / 2] })()`)
	p.clickAt(pt[0], pt[1])
	seg := eval[[]float64](p, `[+document.querySelectorAll('.seg')[20].dataset.start, +document.querySelectorAll('.seg')[20].dataset.end]`)
	if got := eval[float64](p, `document.getElementById('audio').currentTime`); got <= seg[0] || got >= seg[1] {
		t.Errorf("click on a mark in %v seeks to %v", seg, got)
	}
}

func TestBrowserTermChips(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	chips := eval[[]string](p, `[...document.querySelectorAll('#terms .chip')].map(c => c.dataset.q)`)
	if len(chips) < 10 || !strings.Contains(strings.Join(chips, " "), "馬斯克") {
		t.Fatalf("term chips %v, want the episode's names (馬斯克 among them)", chips)
	}
	n := eval[int](p, `+[...document.querySelectorAll('#terms .chip')].find(c => c.dataset.q === 'Neuralink').querySelector('.n').textContent`)
	p.click(`#terms .chip[data-q="Neuralink"]`)
	p.wait(`document.getElementById('search').value === 'Neuralink'`, "the chip to search for itself")
	p.wait(`document.getElementById('count').textContent.startsWith('1 / ')`, "the first hit")
	marks := eval[int](p, `[...document.querySelectorAll('#transcript mark')].filter(m => m.textContent.toLowerCase() === 'neuralink').length`)
	if marks != n {
		t.Errorf("chip Neuralink says %d, the page marks %d exact or folded", n, marks)
	}
}

func TestBrowserSegmentsOpenedFiles(t *testing.T) {
	p := openPage(t, sampleServer(t), "/")
	// Open the sample as the listener's own file: no native term index comes with it.
	abs, _ := filepath.Abs(filepath.Join(root, SampleTranscript))
	p.upload("#file", abs)
	p.wait(`document.getElementById('title').textContent === 'kejilang-episode.txt'`, "the opened file")
	// Search works at once, before the dictionary arrives.
	eval[bool](p, `(() => { const s = document.getElementById('search'); s.value = '马斯克'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	p.wait(`document.querySelectorAll('#transcript mark').length > 0`, "marks")
	// The dictionary arrives; the browser cuts the words and makes the term index.
	p.wait(`performance.getEntriesByName('tingo-dict').length > 0 && document.querySelectorAll('#terms .chip').length > 0`, "the browser's term index")
	chips := eval[[]string](p, `[...document.querySelectorAll('#terms .chip')].map(c => c.dataset.q)`)
	if !strings.Contains(" "+strings.Join(chips, " ")+" ", " 馬斯克 ") {
		t.Errorf("browser term chips %v lack 馬斯克", chips)
	}
	ms := eval[float64](p, `performance.getEntriesByName('tingo-dict')[0].duration`)
	heap := eval[float64](p, `window.tingoDictHeapMB`)
	t.Logf("dictionary ready in %.0f ms, Go heap %.1f MB, %d chips", ms, heap, len(chips))
	// The reader's own words are suggested as they type.
	eval[bool](p, `(() => { const s = document.getElementById('search'); s.value = '機器'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	p.wait(`[...document.querySelectorAll('#suggest option')].some(o => o.value === '機器人')`, "the suggestion 機器人")
}
