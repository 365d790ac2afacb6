package ui

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The browser shell's small parts: the listeners a page hangs on the document (all removed by one
// Close, as Hyperaudio Lite hangs every listener on one AbortController), one helper for promises, one
// for timers, the audio element and local storage. Nothing else in the viewer holds a callback.

// listeners are the event listeners and callbacks of one page.
type listeners struct {
	funcs  []app.Func
	remove []func()
	guard  func() // recovers a panic in a callback, so it is shown rather than ending the program
}

// on adds fn as target's listener for event; opts are addEventListener's options.
func (l *listeners) on(target app.Value, event string, fn func(e app.Value), opts ...map[string]any) {
	f := l.fn(func(args []app.Value) { fn(args[0]) })
	if len(opts) > 0 {
		target.Call("addEventListener", event, f, opts[0])
	} else {
		target.Call("addEventListener", event, f)
	}
	l.remove = append(l.remove, func() { target.Call("removeEventListener", event, f) })
}

// fn is a JavaScript function calling f, released by Close.
func (l *listeners) fn(f func(args []app.Value)) app.Func {
	g := app.FuncOf(func(this app.Value, args []app.Value) any {
		if l.guard != nil {
			defer l.guard()
		}
		f(args)
		return nil
	})
	l.funcs = append(l.funcs, g)
	return g
}

// Close removes every listener and releases every function.
func (l *listeners) Close() {
	for _, r := range l.remove {
		r()
	}
	for _, f := range l.funcs {
		f.Release()
	}
	l.funcs, l.remove = nil, nil
}

// once is a JavaScript function that runs f the first time it is called and releases itself.
func once(guard func(), f func(args []app.Value)) app.Func {
	var fn app.Func
	fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		fn.Release()
		if guard != nil {
			defer guard()
		}
		f(args)
		return nil
	})
	return fn
}

// await runs ok or fail when a promise settles.
func await(guard func(), promise app.Value, ok, fail func(app.Value)) {
	var okF, failF app.Func
	settle := func(then func(app.Value)) app.Func {
		return app.FuncOf(func(this app.Value, args []app.Value) any {
			okF.Release()
			failF.Release()
			if guard != nil {
				defer guard()
			}
			then(args[0])
			return nil
		})
	}
	okF, failF = settle(ok), settle(fail)
	promise.Call("then", okF, failF)
}

// later runs f after a timer: after ms milliseconds, or, with frame, after the browser's next frame and
// a turn (when the page's layout is fresh).
func later(guard func(), ms float64, frame bool, f func()) {
	win := app.Window().JSValue()
	run := once(guard, func([]app.Value) { f() })
	if !frame {
		win.Call("setTimeout", run, ms)
		return
	}
	win.Call("requestAnimationFrame", once(nil, func([]app.Value) { win.Call("setTimeout", run, ms) }))
}

// audio is the page's one <audio>, as the viewer uses it.
type audio struct{ el app.Value }

func (a audio) Time() float64  { return a.el.Get("currentTime").Float() }
func (a audio) Seek(t float64) { a.el.Set("currentTime", t) }
func (a audio) Paused() bool   { return a.el.Get("paused").Bool() }
func (a audio) Pause()         { a.el.Call("pause") }
func (a audio) Ready() bool    { return a.el.Get("readyState").Int() > 0 } // it has metadata
func (a audio) Rate() float64  { return a.el.Get("playbackRate").Float() }
func (a audio) SetRate(r float64) {
	a.el.Set("playbackRate", r)
}

// Duration is the audio's duration; NaN while unknown.
func (a audio) Duration() float64 { return a.el.Get("duration").Float() }

// HasSource says whether there is anything to play.
func (a audio) HasSource() bool { return a.el.Get("src").Truthy() || a.el.Get("currentSrc").Truthy() }

// Play starts playback; done gets the browser's refusal, if any, by its name (NotAllowedError: no
// gesture yet) and its text.
func (a audio) Play(guard func(), done func(name, msg string)) {
	pr := a.el.Call("play")
	if !pr.Truthy() || !pr.Get("then").Truthy() {
		return
	}
	await(guard, pr, func(app.Value) {}, func(err app.Value) {
		done(jsString(err.Get("name")), jsString(err))
	})
}

// jsString gives any JavaScript value as text (String(v)): safe for numbers and strings, which have no
// methods to call from Go.
func jsString(v app.Value) string { return app.Window().Call("String", v).String() }

// store is local storage, typed; in memory where the browser has none (a sandboxed frame, storage
// turned off: reading it throws).
type store struct {
	ls  app.Value // nil: in memory
	mem map[string]string
}

// openStore finds local storage, once a page.
func openStore() *store {
	s := &store{mem: map[string]string{}}
	func() {
		defer func() { recover() }() // a SecurityError from the getter: no storage here
		if ls := app.Window().Get("localStorage"); ls.Truthy() {
			ls.Call("getItem", "tingo:probe")
			s.ls = ls
		}
	}()
	return s
}

var pageStore *store

// storage is the page's store.
func storage() *store {
	if pageStore == nil {
		pageStore = openStore()
	}
	return pageStore
}

// Get reads key; "" when it is not there.
func (s *store) Get(key string) string {
	if s.ls == nil {
		return s.mem[key]
	}
	if r := s.ls.Call("getItem", key); r.Truthy() {
		return r.String()
	}
	return ""
}

// Set writes key; a full storage keeps the value in memory instead.
func (s *store) Set(key, value string) {
	if s.ls != nil {
		ok := func() (ok bool) {
			defer func() { recover() }() // QuotaExceededError
			s.ls.Call("setItem", key, value)
			return true
		}()
		if ok {
			return
		}
	}
	s.mem[key] = value
}

// Bool reads a flag written by SetBool.
func (s *store) Bool(key string) bool { return s.Get(key) == "1" }

func (s *store) SetBool(key string, v bool) { s.Set(key, map[bool]string{true: "1", false: "0"}[v]) }

// SetSeconds writes a time, to a tenth of a second.
func (s *store) SetSeconds(key string, t float64) {
	if !math.IsNaN(t) {
		s.Set(key, strconv.FormatFloat(t, 'f', 1, 64))
	}
}
