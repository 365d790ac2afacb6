package site

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Chromium through chromedp; as a phone, a 390×844 touch screen where clicks are taps and scrolls swipes.

type chromiumDriver struct {
	ctx    context.Context
	cancel context.CancelFunc
	phone  bool
	mu     sync.Mutex
	errs   []string // console errors and exceptions, once watchConsole is called
}

func newChromiumDriver(t testing.TB, phone bool) *chromiumDriver {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	d := &chromiumDriver{ctx: ctx, cancel: cancel, phone: phone}
	// The tab is made by the first action on its own context: a shorter-lived context would close it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("true")); err != nil {
		t.Fatal(err)
	}
	if phone {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// watchConsole collects the tab's console errors and exceptions from now on.
func (d *chromiumDriver) watchConsole() {
	msgs := chromedp.Console(d.ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if os.Getenv("TINGO_CONSOLE") != "" {
				fmt.Println("console:", m.String())
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				d.mu.Lock()
				d.errs = append(d.errs, m.String())
				d.mu.Unlock()
			}
		}
	}()
}

func (d *chromiumDriver) consoleErrors() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.errs...)
}

func (d *chromiumDriver) run(a ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Do(ctx, a...)
}

func (d *chromiumDriver) Navigate(url string) error { return d.run(chromedp.Navigate(url)) }

func (d *chromiumDriver) Reload() error { return d.run(chromedp.Reload()) }

func (d *chromiumDriver) Type(text string) error { return d.run(chromedp.KeyEvent(text)) }

func (d *chromiumDriver) Upload(sel string, files ...string) error {
	return d.run(chromedp.SetUploadFiles(sel, files))
}

func (d *chromiumDriver) Eval(js string) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js, chromedp.EvalAwaitPromise))
}

func (d *chromiumDriver) ClickAt(x, y float64) error {
	if d.phone {
		return d.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error { return tapAt(ctx, tg, x, y) }))
	}
	return d.run(chromedp.MouseClickXY(x, y))
}

// tapAt is a finger down and up at a point of the viewport.
func tapAt(ctx context.Context, tg *chromedp.Target, x, y float64) error {
	start := input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}}
	if _, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, start); err != nil {
		return err
	}
	_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
	return err
}

// keyNames are the named keys the tests press, by their DOM names.
var keyNames = map[string]string{"Enter": kb.Enter, "Escape": kb.Escape, "Tab": kb.Tab,
	"ArrowLeft": kb.ArrowLeft, "ArrowRight": kb.ArrowRight, "ArrowUp": kb.ArrowUp, "ArrowDown": kb.ArrowDown}

func (d *chromiumDriver) Key(key string) error {
	k, shift := strings.CutPrefix(key, "Shift+")
	if named, ok := keyNames[k]; ok {
		k = named
	}
	if shift {
		return d.run(chromedp.KeyEvent(k, chromedp.KeyModifiers(chromedp.ModifierShift)))
	}
	return d.run(chromedp.KeyEvent(k))
}

func (d *chromiumDriver) Scroll(x, y, dy float64) error {
	return d.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if d.phone { // a finger swiping up
			touch := func(typ input.DispatchTouchEventType, py float64) error {
				pts := []*input.TouchPoint{{X: x, Y: py}}
				if typ == input.DispatchTouchEventTypeTouchEnd {
					pts = []*input.TouchPoint{}
				}
				_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts})
				return err
			}
			from := y + min(dy, 300)/2
			if err := touch(input.DispatchTouchEventTypeTouchStart, from); err != nil {
				return err
			}
			for i := 1; i <= 10; i++ {
				if err := touch(input.DispatchTouchEventTypeTouchMove, from-float64(i)*min(dy, 300)/10); err != nil {
					return err
				}
				time.Sleep(16 * time.Millisecond)
			}
			return touch(input.DispatchTouchEventTypeTouchEnd, 0)
		}
		_, err := cdp.Call(ctx, tg, input.SynthesizeScrollGesture, input.SynthesizeScrollGestureParams{X: x, Y: y, YDistance: -dy, GestureSourceType: input.GestureSourceTypeMouse, Speed: 2000})
		return err
	}))
}

func (d *chromiumDriver) Screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

func (d *chromiumDriver) Close() { d.cancel() }

// WebKit: WebKitWebDriver (plain W3C WebDriver over HTTP) driving MiniBrowser, on an Xvfb display
// when there is none.

const miniBrowser = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"

type webDriver struct {
	url     string // the session's address
	procs   []*exec.Cmd
	client  *http.Client
	display string
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func newWebKitDriver(t *testing.T) driver {
	drv, err := exec.LookPath("WebKitWebDriver")
	if err != nil {
		engineSkip(t, "WebKitWebDriver is not installed (apt-get install webkit2gtk-driver): webkit not run")
	}
	if _, err := os.Stat(miniBrowser); err != nil {
		engineSkip(t, "%s is missing (apt-get install webkit2gtk-driver): webkit not run", miniBrowser)
	}
	d := &webDriver{client: &http.Client{Timeout: 60 * time.Second}}
	env := os.Environ()
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		xvfb, err := exec.LookPath("Xvfb")
		if err != nil {
			engineSkip(t, "no display and no Xvfb (apt-get install xvfb): webkit not run")
		}
		// -displayfd: Xvfb picks a free display itself and writes its number to the pipe.
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
		cmd.ExtraFiles = []*os.File{w}
		if err := cmd.Start(); err != nil {
			t.Fatalf("start Xvfb: %v", err)
		}
		w.Close()
		d.procs = append(d.procs, cmd)
		line, err := bufio.NewReader(r).ReadString('\n')
		r.Close()
		if err != nil {
			d.Close()
			t.Fatalf("Xvfb gave no display: %v", err)
		}
		d.display = ":" + strings.TrimSpace(line)
		env = append(env, "DISPLAY="+d.display)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(drv, fmt.Sprintf("--port=%d", port))
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		t.Fatalf("start WebKitWebDriver: %v", err)
	}
	d.procs = append(d.procs, cmd)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var resp struct {
		SessionID string `json:"sessionId"`
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": miniBrowser, "args": []string{"--automation"}},
	}}}
	deadline := time.Now().Add(20 * time.Second)
	for {
		err = d.call(base, http.MethodPost, "/session", caps, &resp)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		d.Close()
		t.Fatalf("webkit session: %v", err)
	}
	d.url = base + "/session/" + resp.SessionID
	d.call(d.url, http.MethodPost, "/window/rect", map[string]any{"width": 1280, "height": 900}, nil)
	return d
}

// call sends a WebDriver command and decodes its value.
func (d *webDriver) call(base, method, path string, body, value any) error {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(out.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if value != nil {
		return json.Unmarshal(out.Value, value)
	}
	return nil
}

func (d *webDriver) Navigate(url string) error {
	return d.call(d.url, http.MethodPost, "/url", map[string]any{"url": url}, nil)
}

func (d *webDriver) Eval(js string) (json.RawMessage, error) {
	var v json.RawMessage
	err := d.call(d.url, http.MethodPost, "/execute/async", map[string]any{
		"script": `const done = arguments[arguments.length - 1]; Promise.resolve().then(() => (` + js + `)).then(v => done(v === undefined ? null : v), e => done({__error: String(e)}))`,
		"args":   []any{}}, &v)
	if err == nil && bytes.HasPrefix(v, []byte(`{"__error"`)) {
		return nil, errors.New(string(v))
	}
	return v, err
}

func (d *webDriver) actions(a ...map[string]any) error {
	err := d.call(d.url, http.MethodPost, "/actions", map[string]any{"actions": a}, nil)
	d.call(d.url, http.MethodDelete, "/actions", nil, nil)
	return err
}

func (d *webDriver) ClickAt(x, y float64) error {
	return d.actions(map[string]any{"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []map[string]any{
			{"type": "pointerMove", "x": int(x), "y": int(y), "origin": "viewport", "duration": 0},
			{"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0},
		}})
}

// webKeys are WebDriver's code points for the named keys.
var webKeys = map[string]string{"Enter": "\uE007", "Escape": "\uE00C", "Tab": "\uE004", "Shift": "\uE008",
	"ArrowLeft": "\uE012", "ArrowUp": "\uE013", "ArrowRight": "\uE014", "ArrowDown": "\uE015"}

func (d *webDriver) Key(key string) error {
	k, shift := strings.CutPrefix(key, "Shift+")
	if named, ok := webKeys[k]; ok {
		k = named
	}
	a := []map[string]any{{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}}
	if shift {
		a = append([]map[string]any{{"type": "keyDown", "value": webKeys["Shift"]}}, append(a, map[string]any{"type": "keyUp", "value": webKeys["Shift"]})...)
	}
	return d.actions(map[string]any{"type": "key", "id": "keyboard", "actions": a})
}

func (d *webDriver) Type(text string) error {
	var a []map[string]any
	for _, r := range text {
		a = append(a, map[string]any{"type": "keyDown", "value": string(r)}, map[string]any{"type": "keyUp", "value": string(r)})
	}
	return d.actions(map[string]any{"type": "key", "id": "keyboard", "actions": a})
}

func (d *webDriver) Reload() error {
	return d.call(d.url, http.MethodPost, "/refresh", map[string]any{}, nil)
}

// Upload sends the files' paths to a file input, as WebDriver does.
func (d *webDriver) Upload(sel string, files ...string) error {
	var el map[string]string
	if err := d.call(d.url, http.MethodPost, "/element", map[string]any{"using": "css selector", "value": sel}, &el); err != nil {
		return err
	}
	for _, id := range el {
		return d.call(d.url, http.MethodPost, "/element/"+id+"/value", map[string]any{"text": strings.Join(files, "\n")}, nil)
	}
	return fmt.Errorf("no element %s", sel)
}

func (d *webDriver) Scroll(x, y, dy float64) error {
	return d.actions(map[string]any{"type": "wheel", "id": "wheel", "actions": []map[string]any{
		{"type": "scroll", "x": int(x), "y": int(y), "deltaX": 0, "deltaY": int(dy), "origin": "viewport", "duration": 100}}})
}

func (d *webDriver) Screenshot() ([]byte, error) {
	var s string
	if err := d.call(d.url, http.MethodGet, "/screenshot", nil, &s); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(s)
}

func (d *webDriver) Close() {
	if d.url != "" {
		d.call(d.url, http.MethodDelete, "", nil, nil)
	}
	for i := len(d.procs) - 1; i >= 0; i-- { // politely, so Xvfb removes its socket and lock
		d.procs[i].Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { d.procs[i].Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			d.procs[i].Process.Kill()
			<-done
		}
	}
}

// Firefox ESR over WebDriver BiDi, through puppeteer-core in node: testdata/firefox-driver.mjs reads one
// JSON command per line and answers one per line. puppeteer-core is installed by `make engines` into
// .cache/engines (never committed).

type firefoxDriver struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
	mu  sync.Mutex
	id  int
}

func newFirefoxDriver(t *testing.T) driver {
	ff := os.Getenv("TINGO_FIREFOX")
	if ff == "" {
		ff = "/usr/bin/firefox-esr"
	}
	if _, err := os.Stat(ff); err != nil {
		engineSkip(t, "%s is not installed (apt-get install firefox-esr): firefox not run", ff)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		engineSkip(t, "node is not installed (apt-get install nodejs npm): firefox not run")
	}
	modules, _ := filepath.Abs(filepath.Join(root, ".cache", "engines", "node_modules"))
	if _, err := os.Stat(filepath.Join(modules, "puppeteer-core")); err != nil {
		engineSkip(t, "puppeteer-core is not installed (make engines): firefox not run")
	}
	cmd := exec.Command(node, filepath.Join("testdata", "firefox-driver.mjs"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules, "TINGO_FIREFOX="+ff)
	cmd.Stderr = os.Stderr
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the firefox driver: %v", err)
	}
	d := &firefoxDriver{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}
	if _, err := d.send("start", nil); err != nil {
		d.Close()
		t.Fatalf("firefox: %v", err)
	}
	return d
}

func (d *firefoxDriver) send(op string, args map[string]any) (json.RawMessage, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.id++
	b, _ := json.Marshal(map[string]any{"id": d.id, "op": op, "args": args})
	if _, err := d.in.Write(append(b, '\n')); err != nil {
		return nil, err
	}
	line, err := d.out.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("firefox driver: %w", err)
	}
	var r struct {
		OK    bool            `json:"ok"`
		Value json.RawMessage `json:"value"`
		Error string          `json:"error"`
	}
	if err := json.Unmarshal(line, &r); err != nil {
		return nil, fmt.Errorf("firefox driver said %q: %w", line, err)
	}
	if !r.OK {
		return nil, errors.New(r.Error)
	}
	return r.Value, nil
}

func (d *firefoxDriver) Navigate(url string) error {
	_, err := d.send("navigate", map[string]any{"url": url})
	return err
}

func (d *firefoxDriver) Eval(js string) (json.RawMessage, error) {
	return d.send("eval", map[string]any{"js": js})
}

func (d *firefoxDriver) ClickAt(x, y float64) error {
	_, err := d.send("click", map[string]any{"x": x, "y": y})
	return err
}

func (d *firefoxDriver) Key(key string) error {
	_, err := d.send("key", map[string]any{"key": key})
	return err
}

func (d *firefoxDriver) Type(text string) error {
	_, err := d.send("type", map[string]any{"text": text})
	return err
}

func (d *firefoxDriver) Reload() error {
	_, err := d.send("reload", nil)
	return err
}

func (d *firefoxDriver) Upload(sel string, files ...string) error {
	_, err := d.send("upload", map[string]any{"sel": sel, "files": files})
	return err
}

func (d *firefoxDriver) Scroll(x, y, dy float64) error {
	_, err := d.send("wheel", map[string]any{"x": x, "y": y, "dy": dy})
	return err
}

func (d *firefoxDriver) Screenshot() ([]byte, error) {
	v, err := d.send("screenshot", nil)
	if err != nil {
		return nil, err
	}
	var s string
	json.Unmarshal(v, &s)
	return base64.StdEncoding.DecodeString(s)
}

func (d *firefoxDriver) Close() {
	d.send("close", nil)
	d.in.Close()
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		d.cmd.Process.Kill()
	}
}
