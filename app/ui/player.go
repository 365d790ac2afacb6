package ui

import (
	"fmt"
	"math"
	"runtime"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/transcript"
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

	on       listeners
	tickFunc app.Func // wakes the player when the next word starts
	timer    app.Value
}

func newPlayer(v *Viewer, ctx app.Context) *player {
	p := &player{v: v, ctx: ctx, sess: v.sess}
	p.find, p.dict, p.script = newFinder(p), &dictView{player: p}, &scriptView{player: p}
	p.chap, p.share = &chapterNav{player: p, cur: -1, skipped: -1}, &sharer{player: p}
	p.transport, p.input, p.files = &transport{p}, &gestures{p}, &opener{p}
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

// refresh asks go-app to re-render the chrome after state changed outside its handlers.
func (p *player) refresh() {
	p.ctx.Dispatch(func(app.Context) {})
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
	p.index()
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
	p.showTime(p.audio.Time())
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

// index reads each segment's times from the list into the session.
func (p *player) index() {
	p.resetFind()
	p.segs = nil
	var times []readalong.Segment
	cur := -1
	if p.list != nil {
		p.cursor.place(p.list)
		nodes := p.list.Call("querySelectorAll", page.SegSel)
		n := nodes.Length()
		p.segs = make([]segRef, n)
		times = make([]readalong.Segment, n)
		for i := 0; i < n; i++ {
			el := nodes.Index(i)
			s, _ := strconv.ParseFloat(el.Call("getAttribute", page.DataStart).String(), 64)
			e, _ := strconv.ParseFloat(el.Call("getAttribute", page.DataEnd).String(), 64)
			p.segs[i], times[i] = segRef{el: el}, readalong.Segment{Start: s, End: e}
		}
		// The segment the early script made current stays current, where it is: taking over is no
		// reason to scroll.
		if c := p.list.Call("querySelector", page.CurrentSel); c.Truthy() {
			if cur = p.input.segOf(c); cur < 0 {
				c.Call("removeAttribute", "aria-current")
			}
		}
	}
	p.sess.SetSegments(times, cur)
	p.text = readalong.NewTexts(times, p.readText, p.readWords)
}

// readText reads segment i's words and corrected spellings from the page.
func (p *player) readText(i int) (string, []transcript.Fix) {
	tx := p.txOf(i)
	var fixes []transcript.Fix
	if tx.Get("childElementCount").Int() > 0 {
		fixes = readFixes(tx)
	}
	return tx.Get("textContent").String(), fixes
}

// readWords reads segment i's word times (data-w).
func (p *player) readWords(i int) []readalong.Word {
	if w := p.segs[i].el.Call("getAttribute", page.DataW); !w.IsNull() {
		return page.ParseWords(w.String())
	}
	return nil
}

// txOf is segment i's words' element, found once: every lookup would leave the Go side one more
// reference to the element, for its garbage collector to release.
func (p *player) txOf(i int) app.Value {
	s := &p.segs[i]
	if s.tx == nil {
		s.tx = s.el.Call("querySelector", page.TxSel)
	}
	return s.tx
}

// readFixes finds the corrected spellings of a segment's text: its <ins> elements, with their offsets in
// bytes of the text.
func readFixes(tx app.Value) []transcript.Fix {
	var out []transcript.Fix
	at := 0
	nodes := tx.Get("childNodes")
	for k, n := 0, nodes.Length(); k < n; k++ {
		c := nodes.Index(k)
		t := c.Get("textContent").String()
		if c.Get("nodeName").String() == "INS" {
			out = append(out, transcript.Fix{Start: at, End: at + len(t), Was: c.Call("getAttribute", page.DataWas).String()})
		}
		at += len(t)
	}
	return out
}

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
		p.showTime(e.T)
	}
	if e.Save {
		p.transport.savePosition(e.T)
	}
	if e.Ticked {
		p.chap.updateChapter(e.T)
	}
	if e.Moved {
		if e.Prev >= 0 && e.Prev < len(p.segs) {
			p.segs[e.Prev].el.Call("removeAttribute", "aria-current")
		}
		p.segs[e.Cur].el.Call("setAttribute", "aria-current", "true")
	}
	switch e.Scroll {
	case readalong.ScrollSmooth:
		p.scrollTo(true)
	case readalong.ScrollInstant:
		p.scrollTo(false)
	}
	if e.Away {
		p.queueDirection()
	}
	if e.Ticked {
		p.moveCursor(e.T)
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

// moveCursor builds the cursor's animation for the current segment if it has none, and keeps it on t.
func (p *player) moveCursor(t float64) {
	i := p.sess.Current()
	if i < 0 {
		return
	}
	if i != p.cursor.seg {
		p.cursor.build(i, p.txOf(i), p.list, p.text.Timeline(i), p.seg(i))
	}
	p.cursor.sync(t, p.audio.Rate(), p.sess.Playing(), false)
}

// syncCursor puts the cursor on the audio at once (a seek, a pause, a new rate).
func (p *player) syncCursor() {
	p.cursor.sync(p.audio.Time(), p.audio.Rate(), p.sess.Playing(), true)
}

// showTime writes the time text and the scrubber.
func (p *player) showTime(t float64) {
	p.chap.renderChapterTicks()
	d := p.transport.duration()
	if el := p.doc.Call("getElementById", page.Time); el.Truthy() {
		el.Set("textContent", readalong.Clock(t)+" / "+readalong.Clock(d))
	}
	if sc := p.doc.Call("getElementById", page.Scrub); sc.Truthy() {
		sc.Set("max", d)
		sc.Set("value", t)
		sc.Call("setAttribute", "aria-valuetext", readalong.Clock(t))
	}
}

// scrollTo brings the current segment to the middle of the view: smoothly while reading along, at once
// for a deep link or when motion is reduced. A segment already in full view between the header and the
// player bar stays where it is: the page moves only when it must.
func (p *player) scrollTo(smooth bool) {
	i := p.sess.Current()
	if i < 0 {
		return
	}
	r := p.segs[i].el.Call("getBoundingClientRect")
	if top, bottom := r.Get("top").Float(), r.Get("bottom").Float(); top >= 100 && bottom <= p.win.Get("innerHeight").Float()-110 {
		return
	}
	behavior := "smooth"
	if p.reduceMotion || !smooth {
		behavior = "auto"
	}
	centerInView(p.win, p.segs[i].el, behavior)
}

// centerInView brings el to the middle of the view, as scrollIntoView({block: "center"}) does. In an
// embed, web/embed.js sets tingoCenter, which scrolls the frame's own page: scrollIntoView would scroll
// the host page around the frame too.
func centerInView(win, el app.Value, behavior string) {
	if win.Get("tingoCenter").Truthy() {
		win.Call("tingoCenter", el, behavior)
		return
	}
	el.Call("scrollIntoView", map[string]any{"block": "center", "behavior": behavior})
}

// queueDirection updates, once per frame at most, which way the "back to now" button points.
func (p *player) queueDirection() {
	if p.dirQueued {
		return
	}
	p.dirQueued = true
	p.win.Call("requestAnimationFrame", once(p.guard, func([]app.Value) {
		p.dirQueued = false
		if i := p.sess.Current(); i >= 0 && !p.sess.Following() {
			r := p.segs[i].el.Call("getBoundingClientRect")
			if p.sess.SetAway(r.Get("top").Float(), r.Get("bottom").Float(), p.win.Get("innerHeight").Float()) {
				p.refresh()
			}
		}
	}))
}

func (p *player) announce(s string) {
	if el := p.doc.Call("getElementById", page.Live); el.Truthy() {
		el.Set("textContent", s)
	}
}

func (p *player) notify(msg string, isError bool) {
	p.v.notice, p.v.isError = msg, isError
	p.refresh()
}
