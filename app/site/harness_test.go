package site

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The one browser harness. Every browser test and benchmark drives its engine through driver (Chromium
// through chromedp, WebKit through WebDriver, Firefox through WebDriver BiDi: engine_drivers_test.go) and
// reads the page through page: one eval, one wait, one "the app is live", one click on an element.
// What only Chromium's DevTools can do (emulated viewports and media, a throttled CPU and network, a cold
// cache, script turned off) is asked of page.cdp, which fails the test in another engine.

const root = "../.."

// driver is one tab of one engine.
type driver interface {
	Navigate(url string) error // and wait for the load event
	Reload() error
	Eval(js string) (json.RawMessage, error) // the value of a JavaScript expression (promises awaited)
	ClickAt(x, y float64) error              // a pointer click (a tap on a phone) at viewport coordinates
	Key(key string) error                    // a key press: a character, "Enter", "Escape", "ArrowRight", "Shift+Enter"
	Type(text string) error                  // text typed into the focused element, a key per character
	Upload(sel string, files ...string) error
	Scroll(x, y, dy float64) error // a wheel turn (a swipe on a phone) over a point
	Screenshot() ([]byte, error)   // PNG
	Close()
}

// consoleWatcher is a driver that hears every console error and exception of its tab, across
// navigations (Chromium's). Other engines' errors are read from the error hooks (errorHooks).
type consoleWatcher interface{ consoleErrors() []string }

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

// browser starts one headless chromium for the package's tests. Where chromium or app.wasm is missing
// the tests skip, saying so, unless TINGO_BROWSER=required (as in CI), where they fail.
func browser(t testing.TB) context.Context {
	t.Helper()
	need := func(format string, args ...any) {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		need("chromium is not installed (apt-get install chromium): browser tests not run")
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		need("web/app.wasm is missing (make wasm): browser tests not run")
	}
	browserOnce.Do(func() {
		dir, _ := os.MkdirTemp("", "tingo-chromium-")
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path), chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 900),
			chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true), chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
			chromedp.Flag("mute-audio", true),
		}
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, _ := chromedp.NewContext(alloc)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
			browserErr = err
			return
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("start chromium: %v", browserErr)
	}
	return browserCtx
}

// page is one tab on a server, in one engine.
type page struct {
	t      testing.TB
	d      driver
	name   string   // the engine (and the check), in every message
	base   string   // the server's address
	ignore []string // console errors holding one of these are expected (a host the test cannot reach)
}

// openPage serves srv and opens path (when not empty) in a new Chromium tab at 1280×900, once the app
// is live. Every console error and exception in the tab fails the test.
func openPage(t testing.TB, srv http.Handler, path string) *page {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	p := newTab(t, ts.URL, false)
	if path != "" {
		p.open(path)
		p.waitLive()
	}
	return p
}

// newTab opens a Chromium tab (a phone's, 390×844 and touch, when phone is set) on the server at base;
// it closes with the test, after its console errors are checked.
func newTab(t testing.TB, base string, phone bool) *page {
	t.Helper()
	d := newChromiumDriver(t, phone)
	d.watchConsole()
	t.Cleanup(d.Close)
	p := &page{t: t, d: d, name: "chromium", base: base}
	t.Cleanup(p.checkConsole)
	return p
}

// benchTab is a Chromium tab for one run of a benchmark, closed by the caller (close) when the run ends;
// its console is not checked (a peer's page may log what it likes).
func benchTab(b *testing.B, base string, phone bool) *page {
	b.Helper()
	return &page{t: b, d: newChromiumDriver(b, phone), name: "chromium", base: base}
}

func (p *page) close() { p.d.Close() }

// checkConsole fails the test for every console error the driver heard that is not ignored.
func (p *page) checkConsole() {
	w, ok := p.d.(consoleWatcher)
	if !ok {
		return
	}
next:
	for _, e := range w.consoleErrors() {
		for _, ok := range p.ignore {
			if strings.Contains(e, ok) {
				continue next
			}
		}
		p.t.Errorf("%s console: %s", p.name, e)
	}
}

// errors fails the test for every script error the page recorded in its error hooks.
func (p *page) errors() {
	p.t.Helper()
	var errs []string
	raw, err := p.d.Eval(`window.__errors ? window.__errors.splice(0) : ['the error hooks did not load']`)
	if err == nil {
		json.Unmarshal(raw, &errs)
	}
	for _, e := range errs {
		p.t.Errorf("%s: script error: %s", p.name, e)
	}
}

// cdp runs Chromium DevTools actions: what only Chromium can do.
func (p *page) cdp(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	c, ok := p.d.(*chromiumDriver)
	if !ok {
		p.t.Fatalf("%s: the test needs Chromium's DevTools", p.name)
	}
	if err := c.run(steps...); err != nil {
		p.t.Fatalf("%s: devtools: %v", p.name, err)
	}
}

// screen is a screen for Chromium to emulate: its size in CSS pixels, device pixels to one, a phone's
// touch and viewport rules, and the reader's color scheme ("light", "dark").
type screen struct {
	width, height int64
	scale         float64
	phone         bool
	scheme        string
}

// emulate makes the tab's view the screen.
func (p *page) emulate(s screen) {
	p.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(max(s.scale, 1))}
	if s.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	scheme := cmp.Or(s.scheme, "light")
	p.cdp(chromedp.EmulateViewport(s.width, s.height, opts...), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

// eval evaluates js and decodes its value into v (when not nil).
func (p *page) eval(js string, v any) {
	p.t.Helper()
	raw, err := p.d.Eval(js)
	if err != nil {
		p.t.Fatalf("%s: evaluate %s: %v", p.name, js, err)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			p.t.Fatalf("%s: evaluate %s = %s: %v", p.name, js, raw, err)
		}
	}
}

// eval is page.eval giving its value.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	var v T
	p.eval(js, &v)
	return v
}

// wait polls a JavaScript condition (a promise is awaited) until it holds, for up to 30 s. Polling
// goes on across a navigation.
func (p *page) wait(js, what string) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ok bool
		raw, err := p.d.Eval("Promise.resolve(" + js + ").then(v => !!v)")
		if err == nil && json.Unmarshal(raw, &ok) == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.errors()
			state, _ := p.d.Eval(`(() => { const a = document.getElementById('audio'), c = document.querySelector('.seg[aria-current="true"]'); return {time: a && a.currentTime, paused: a && a.paused, current: c && c.dataset.start, scrollY, url: location.href, html: document.documentElement.className, early: typeof tingoEarly, loaded: performance.getEntriesByType('resource').map(e => e.name.split('/').pop()).join(' ')} })()`)
			p.t.Fatalf("%s: waiting for %s (%s): %v; page: %s", p.name, what, js, err, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// framePoll is a promise that checks cond at every frame and resolves true once it holds, or false
// after ms milliseconds. (wait's 50 ms round trips are too coarse for what a benchmark times.)
func framePoll(cond string, ms int64) string {
	return fmt.Sprintf(`new Promise(done => { const t0 = performance.now(); const f = () => { let v = false; try { v = !!(%s) } catch (e) {} if (v) done(true); else if (performance.now() - t0 > %d) done(false); else requestAnimationFrame(f) }; f() })`, cond, ms)
}

// pollUntil waits for a condition frame by frame (framePoll), across navigations and for longer than
// one evaluation may take: it fails the test when the condition has not held within timeout.
func (p *page) pollUntil(js string, timeout time.Duration, what string) {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		var ok bool
		raw, err := p.d.Eval(framePoll(js, 10000))
		if err == nil && json.Unmarshal(raw, &ok) == nil && ok {
			return
		}
		if err != nil {
			time.Sleep(50 * time.Millisecond)
		}
	}
	p.t.Fatalf("%s: waiting %v for %s (%s)", p.name, timeout, what, js)
}

const liveJS = `document.documentElement.classList.contains('live') && document.getElementById('audio').controls === false && document.querySelector('#transcript-slot .seg') !== null`

// waitLive waits until the wasm app has adopted the page: the player replaced the native controls.
func (p *page) waitLive() {
	p.t.Helper()
	p.wait(liveJS, "the app to go live")
}

// open navigates to path on the page's server and waits for its load event.
func (p *page) open(path string) {
	p.t.Helper()
	if err := p.d.Navigate(p.base + path); err != nil {
		p.t.Fatalf("%s: open %s: %v", p.name, path, err)
	}
}

// openNoWait starts navigating to path and returns at once (the load event may be held back).
func (p *page) openNoWait(path string) {
	go p.d.Navigate(p.base + path)
}

func (p *page) reload() {
	p.t.Helper()
	if err := p.d.Reload(); err != nil {
		p.t.Fatalf("%s: reload: %v", p.name, err)
	}
}

func (p *page) key(keys ...string) {
	p.t.Helper()
	for _, k := range keys {
		if err := p.d.Key(k); err != nil {
			p.t.Fatalf("%s: key %q: %v", p.name, k, err)
		}
	}
}

// typeText types text into the focused element, a key per character.
func (p *page) typeText(text string) {
	p.t.Helper()
	if err := p.d.Type(text); err != nil {
		p.t.Fatalf("%s: type %q: %v", p.name, text, err)
	}
}

// typeInto clicks the element sel and types text into it.
func (p *page) typeInto(sel, text string) {
	p.t.Helper()
	p.click(sel)
	p.typeText(text)
}

// scroll turns the wheel (swipes, on a phone) by dy over a point.
func (p *page) scroll(x, y, dy float64) {
	p.t.Helper()
	if err := p.d.Scroll(x, y, dy); err != nil {
		p.t.Fatalf("%s: scroll: %v", p.name, err)
	}
}

func (p *page) upload(sel string, files ...string) {
	p.t.Helper()
	if err := p.d.Upload(sel, files...); err != nil {
		p.t.Fatalf("%s: upload %v into %s: %v", p.name, files, sel, err)
	}
}

func (p *page) clickAt(x, y float64) {
	p.t.Helper()
	if err := p.d.ClickAt(x, y); err != nil {
		p.t.Fatalf("%s: click at (%.0f, %.0f): %v", p.name, x, y, err)
	}
}

// click clicks the middle of the first element sel matches, as a pointer would, once it is shown. One
// outside the view, or under a bar fixed to its edge, is scrolled to the middle of the view first; a
// click on an element something else still covers fails.
func (p *page) click(sel string) {
	p.t.Helper()
	p.wait(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (!e) return false; const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 && getComputedStyle(e).visibility !== 'hidden' })()`, sel+" to be shown")
	at := `(() => { const e = document.querySelector(` + jsString(sel) + `), b = e.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2, top = document.elementFromPoint(x, y); return [x, y, top && top.closest(` + jsString(sel) + `) ? 1 : 0] })()`
	var pt []float64
	p.eval(at, &pt)
	if pt[2] == 0 {
		p.eval(`(() => { document.querySelector(`+jsString(sel)+`).scrollIntoView({block: 'center', behavior: 'instant'}); return true })()`, nil)
		p.eval(at, &pt)
	}
	if pt[2] == 0 {
		var what string
		p.eval(fmt.Sprintf(`(() => { const e = document.elementFromPoint(%f, %f); return e ? e.outerHTML.slice(0, 120) : 'nothing' })()`, pt[0], pt[1]), &what)
		p.t.Fatalf("%s: %s is covered at (%.0f, %.0f) by %s", p.name, sel, pt[0], pt[1], what)
	}
	p.clickAt(pt[0], pt[1])
}

func (p *page) currentStart() float64 {
	return eval[float64](p, `(() => { const c = document.querySelector('.seg[aria-current="true"]'); return c ? +c.dataset.start : -1 })()`)
}

func (p *page) viewport() (float64, float64) {
	var wh []float64
	p.eval(`[innerWidth, innerHeight]`, &wh)
	return wh[0], wh[1]
}

// png is the view as PNG.
func (p *page) png() []byte {
	p.t.Helper()
	png, err := p.d.Screenshot()
	if err != nil {
		p.t.Fatalf("%s: screenshot: %v", p.name, err)
	}
	return png
}

// screenshot saves the view as file in TINGO_SCREENSHOTS (a temporary folder when unset).
func (p *page) screenshot(file string) {
	p.t.Helper()
	png, err := p.d.Screenshot()
	if err != nil {
		p.t.Errorf("%s: screenshot: %v", p.name, err)
		return
	}
	dir := os.Getenv("TINGO_SCREENSHOTS")
	if dir == "" {
		dir = p.t.TempDir()
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, file), png, 0o644)
}
