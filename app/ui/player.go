package ui

import (
	"fmt"
	"math"
	"runtime"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// player is the viewer's browser shell: it feeds the read-along core (readalong.Session) the audio's
// times and the reader's gestures, and carries out the effects the core returns on the page, touching
// the DOM only where something changed: the segment that stops and the one that starts being current,
// the cursor, the time text. go-app re-renders only the chrome (play button, follow), from the session.

type segRef struct {
	el app.Value // the <p class="seg">
	tx app.Value // its .tx, the words' element, found the first time it is needed
}

type player struct {
	v    *Viewer
	ctx  app.Context
	sess *readalong.Session // the Viewer's: what is heard, followed, played
	text *readalong.Texts   // each segment's words: as written, as shown, timed

	win, doc, list, slot app.Value
	audio                audio
	segs                 []segRef

	cursor       *readingCursor
	reduceMotion bool
	dirQueued    bool
	storeKey     string

	// The viewer's parts, each its own type over the player's page.
	find      *finder
	dict      *dictView
	script    *scriptView
	chap      *chapterNav
	share     *sharer
	transport *transport
	input     *gestures
	files     *opener
	lv        *listView

	on       listeners
	tickFunc app.Func // wakes the player when the next word starts
	timer    app.Value
}

func newPlayer(v *Viewer, ctx app.Context) *player {
	p := &player{v: v, ctx: ctx, sess: v.sess}
	p.find, p.dict, p.script = newFinder(p), &dictView{player: p}, &scriptView{player: p}
	p.chap, p.share = &chapterNav{player: p, ch: readalong.NewChapters(nil, nil, nil, nil)}, &sharer{player: p}
	p.transport, p.input, p.files, p.lv = &transport{p}, &gestures{p}, &opener{p}, &listView{p}
	p.on.guard = p.guard
	return p
}

// guard keeps a panic in a browser callback from ending the program (a dead page): it is shown instead.
func (p *player) guard() {
	if r := recover(); r != nil {
		p.notify(fmt.Sprintf("internal error: %v", r), true)
	}
}

// listen adds an event listener, removed on detach.
func (p *player) listen(target app.Value, event string, fn func(e app.Value), opts ...map[string]any) {
	p.on.on(target, event, fn, opts...)
}

// actionChanged is the player's go-app action: what the chrome shows changed (the session's playing,
// following or away state, a notice, a panel) outside go-app's own event handlers.
const actionChanged = "tingo/player-changed"

// refresh reports a change to the Viewer (actionChanged), which renders the chrome again.
func (p *player) refresh() {
	p.ctx.NewAction(actionChanged)
}

func (p *player) attach() {
	p.win = app.Window().JSValue()
	p.doc = p.win.Get("document")
	p.slot = p.doc.Call("getElementById", page.TranscriptSlot)
	p.reduceMotion = p.win.Call("matchMedia", "(prefers-reduced-motion: reduce)").Get("matches").Bool()
	if adopted.list != nil {
		p.slot.Call("appendChild", adopted.list)
		p.list = adopted.list
	}
	termsSlot := p.doc.Call("getElementById", page.TermsSlot)
	if adopted.terms != nil {
		termsSlot.Call("appendChild", adopted.terms)
	}
	// A chip searches for itself.
	p.listen(termsSlot, "click", func(e app.Value) {
		chip := e.Get("target").Call("closest", "button."+page.Chip)
		if !chip.Truthy() {
			return
		}
		q := chip.Call("getAttribute", page.DataQ).String()
		if s := p.doc.Call("getElementById", page.Search); s.Truthy() {
			s.Set("value", q)
		}
		p.find.runSearch(q)
		p.find.jump(1)
	})
	audioSlot := p.doc.Call("getElementById", page.AudioSlot)
	el := adopted.audio
	if el == nil {
		el = p.doc.Call("createElement", "audio")
		el.Set("id", page.Audio)
		el.Set("preload", "metadata")
	}
	p.audio = audio{el}
	audioSlot.Call("appendChild", el)
	el.Set("controls", false)
	if adopted.title != "" {
		p.v.title = adopted.title
	}
	p.storeKey = "tingo:pos:" + el.Call("getAttribute", "src").String() + ":" + p.v.title

	p.cursor = newReadingCursor(p.doc)
	p.lv.index()
	p.chap.readChapters()

	p.tickFunc = p.on.fn(func([]app.Value) {
		p.timer = nil
		if p.sess.Playing() {
			p.apply(p.sess.Tick(p.audio.Time()))
			p.transport.scheduleNext()
		}
	})

	p.transport.listenAudio()
	p.input.listenPage()
	p.find.listenResults()
	p.sess.RateChanged(p.audio.Rate())
	p.transport.showTime(p.audio.Time())
	p.chap.updateChapter(p.audio.Time())

	// Where the page was: go-app's new chrome must not move the text the listener is reading.
	if a := adopted.anchor; a != nil && adopted.scrollY >= 1 { // at the top there is nothing to keep
		keep := func() {
			if d := a.Call("getBoundingClientRect").Get("top").Float() - adopted.anchorTop; math.Abs(d) >= 1 {
				p.win.Call("scrollBy", map[string]any{"top": d, "behavior": "instant"})
			}
		}
		keep()
		// The segments around it are laid out again in the next frame (content-visibility): once more then.
		p.win.Call("requestAnimationFrame", once(p.guard, func([]app.Value) { keep() }))
	}
	if q := adopted.query; q != "" {
		if s := p.doc.Call("getElementById", page.Search); s.Truthy() {
			s.Set("value", q)
			if adopted.queryFocused {
				s.Call("focus", map[string]any{"preventScroll": true})
			}
		}
		p.find.runSearch(q)
	}

	p.script.initScript()

	u := app.Window().URL()
	if q := u.Query(); q.Get("transcript") != "" || q.Get("audio") != "" {
		p.files.openURLs(q.Get("transcript"), q.Get("audio"))
	}
	early := adopted.early
	switch {
	case early != nil && early.Truthy() && early.Get("moved").Truthy():
		// The early script already went where the link or the listener said: carry on from there.
		pending := early.Get("pending").Float()
		if p.audio.Ready() {
			pending = -1
		}
		p.sess.TakeOver(early.Get("stopAt").Float(), pending)
		p.apply(p.sess.Tick(p.audio.Time()))
	default:
		if r, ok := readalong.LinkTarget(u); ok {
			p.apply(p.sess.Link(r, p.audio.Ready()))
		} else {
			p.transport.offerResume()
		}
	}
	if early != nil && early.Truthy() && !early.Get("follow").Truthy() {
		p.apply(p.sess.StopFollowing())
	}
	if !p.audio.Paused() {
		p.transport.onPlay()
	}
	// A User Timing mark: when a click first seeks, with the memory the Go program holds from the wasm
	// (its linear memory). Benchmarks and the browser's tools read it.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.win.Get("performance").Call("mark", "tingo-ready", map[string]any{"detail": map[string]any{"wasmSysBytes": float64(ms.Sys)}})
}

// fitScrollMargin tells the stylesheet how tall the sticky header is (--top-h), so a segment scrolled to
// clears it however many lines the title wraps to (three in Firefox at 1280 px).
func (p *player) fitScrollMargin() {
	if top := p.doc.Call("querySelector", "."+page.Top); top.Truthy() {
		h := top.Call("getBoundingClientRect").Get("height").Float()
		p.doc.Get("documentElement").Get("style").Call("setProperty", "--top-h", strconv.FormatFloat(h, 'f', 0, 64)+"px")
	}
}

func (p *player) detach() { p.on.Close() }

// seg is segment i's times.
func (p *player) seg(i int) readalong.Segment { return p.sess.Segments()[i] }

// apply carries out what the session says the page must do.
func (p *player) apply(e readalong.Effects) {
	if e.Seek {
		p.audio.Seek(e.T)
	}
	if e.Pause {
		p.audio.Pause()
	}
	if e.Time {
		p.transport.showTime(e.T)
	}
	if e.Save {
		p.transport.savePosition(e.T)
	}
	if e.Ticked {
		p.chap.updateChapter(e.T)
	}
	if e.Moved {
		p.lv.setCurrent(e.Prev, e.Cur)
	}
	switch e.Scroll {
	case readalong.ScrollSmooth:
		p.lv.scrollTo(true)
	case readalong.ScrollInstant:
		p.lv.scrollTo(false)
	}
	if e.Away {
		p.lv.queueDirection()
	}
	if e.Ticked {
		p.lv.moveCursor(e.T)
	}
	if e.Play {
		p.transport.play()
	}
	if m, ok := map[readalong.Say]msg{readalong.SayPlaying: msgPlayingAt, readalong.SayPaused: msgPausedAt,
		readalong.SayJumped: msgJumpedTo}[e.Say]; ok {
		p.announce(fmt.Sprintf(tr(p.v.lang, m), readalong.Clock(e.T)))
	} else if e.Say == readalong.SayNotFollowing {
		p.announce(tr(p.v.lang, msgNotFollowing))
	}
	if e.Chrome {
		p.refresh()
	}
}

// update brings the page to the audio's time t.
func (p *player) update(t float64) { p.apply(p.sess.Tick(t)) }

func (p *player) announce(s string) {
	if el := p.doc.Call("getElementById", page.Live); el.Truthy() {
		el.Set("textContent", s)
	}
}

func (p *player) notify(msg string, isError bool) {
	p.v.notice, p.v.isError = msg, isError
	p.refresh()
}
