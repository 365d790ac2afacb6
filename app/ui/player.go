package ui

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
	"tingo/app/transcript"
)

// player keeps the transcript in step with the audio, in the browser. It touches the DOM directly and
// only where something changed: the segment that stops and the one that starts being current, two
// highlight ranges, the time text. go-app re-renders only for the chrome's state (play button, follow).

type segRef struct {
	start, end float64
	el         app.Value // the <p class="seg">
	tx         app.Value // its .tx, the words' element, found the first time it is needed
	text       string    // its words, read from the page the first time they are needed
	read       bool
	fixes      []transcript.Fix // its corrected spellings (<ins> in the page), read with the text
	tl         *timeline        // built the first time the cursor needs it
}

type player struct {
	v   *Viewer
	ctx app.Context

	win, doc, audio, list, slot app.Value
	segs                        []segRef
	cur                         int

	cursor       app.Value // the reading cursor: a box over the word being said
	rangeWord    app.Value
	anim         app.Value // the cursor's Web Animation through the current segment's words
	animSeg      int       // the segment anim was built for; -1 for none
	animLines    string    // how animSeg's text lay when anim was built (lines)
	cursorCheck  bool      // a checkCursor is waiting for its frame
	following    bool
	userScrollAt float64 // performance.now() of the last wheel, touch or scrolling key
	stopAt       float64 // the end of a #t=a,b range: pause there
	pendingSeek  float64 // a seek asked for before the audio had metadata; -1 for none
	shownSec     int     // the whole second the time text shows
	lastSave     float64
	playing      bool
	dirQueued    bool
	reduceMotion bool
	storeKey     string
	copyFrom     copySource
	script       scriptView

	find        finder
	chap        chapterNav
	dict        *search.Dict
	dictState   dictState
	dictWaiting []func()

	funcs    []app.Func
	tickFunc app.Func // wakes the player when the next word starts
	timer    app.Value
}

func newPlayer(v *Viewer, ctx app.Context) *player {
	return &player{v: v, ctx: ctx, cur: -1, animSeg: -1, following: true, userScrollAt: math.Inf(-1), shownSec: -1, pendingSeek: -1, find: finder{current: -1}}
}

// guard keeps a panic in a browser callback from ending the program (a dead page): it is shown instead.
func (p *player) guard() {
	if r := recover(); r != nil {
		p.notify(fmt.Sprintf("internal error: %v", r), true)
	}
}

// jsString gives any JavaScript value as text (String(v)): safe for numbers and strings, which have no
// methods to call from Go.
func (p *player) jsString(v app.Value) string {
	return p.win.Call("String", v).String()
}

// listen adds an event listener whose function is released on detach.
func (p *player) listen(target app.Value, event string, fn func(e app.Value), opts ...map[string]any) {
	f := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer p.guard()
		fn(args[0])
		return nil
	})
	p.funcs = append(p.funcs, f)
	if len(opts) > 0 {
		target.Call("addEventListener", event, f, opts[0])
	} else {
		target.Call("addEventListener", event, f)
	}
}

// refresh asks go-app to re-render the chrome after state changed outside its handlers.
func (p *player) refresh() {
	p.ctx.Dispatch(func(app.Context) {})
}

func (p *player) attach() {
	p.win = app.Window().JSValue()
	p.doc = p.win.Get("document")
	p.slot = p.doc.Call("getElementById", "transcript-slot")
	p.reduceMotion = p.win.Call("matchMedia", "(prefers-reduced-motion: reduce)").Get("matches").Bool()
	if adopted.list != nil {
		p.slot.Call("appendChild", adopted.list)
		p.list = adopted.list
	}
	termsSlot := p.doc.Call("getElementById", "terms-slot")
	if adopted.terms != nil {
		termsSlot.Call("appendChild", adopted.terms)
	}
	// A chip searches for itself.
	p.listen(termsSlot, "click", func(e app.Value) {
		chip := e.Get("target").Call("closest", "button.chip")
		if !chip.Truthy() {
			return
		}
		q := chip.Call("getAttribute", "data-q").String()
		if s := p.doc.Call("getElementById", "search"); s.Truthy() {
			s.Set("value", q)
		}
		p.runSearch(q)
		p.jump(1)
	})
	audioSlot := p.doc.Call("getElementById", "audio-slot")
	if adopted.audio != nil {
		p.audio = adopted.audio
	} else {
		p.audio = p.doc.Call("createElement", "audio")
		p.audio.Set("id", "audio")
		p.audio.Set("preload", "metadata")
	}
	audioSlot.Call("appendChild", p.audio)
	p.audio.Set("controls", false)
	if adopted.title != "" {
		p.v.title = adopted.title
	}
	p.storeKey = "tingo:pos:" + p.audio.Call("getAttribute", "src").String() + ":" + p.v.title

	// The cursor is a box moved with transform over the word: the text itself is never repainted (a CSS
	// highlight range made Chromium repaint the whole paragraph at every word: 20 ms per second).
	p.rangeWord = p.doc.Call("createRange")
	p.cursor = p.doc.Call("createElement", "div")
	p.cursor.Set("id", "cursor")
	p.cursor.Set("className", "cursor")
	p.cursor.Call("setAttribute", "aria-hidden", "true")
	p.cursor.Set("hidden", true)
	p.index()
	p.readChapters()

	p.tickFunc = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer p.guard()
		p.timer = nil
		if p.playing {
			p.update(p.audio.Get("currentTime").Float())
			p.scheduleNext()
		}
		return nil
	})
	p.funcs = append(p.funcs, p.tickFunc)

	p.listenAudio()
	p.listenPage()
	p.listenResults()
	p.updateTime(p.audio.Get("currentTime").Float())
	p.updateChapter(p.audio.Get("currentTime").Float())

	// Where the page was: go-app's new chrome must not move the text the listener is reading.
	if a := adopted.anchor; a != nil && adopted.scrollY >= 1 { // at the top there is nothing to keep
		keep := func() {
			if d := a.Call("getBoundingClientRect").Get("top").Float() - adopted.anchorTop; math.Abs(d) >= 1 {
				p.win.Call("scrollBy", map[string]any{"top": d, "behavior": "instant"})
			}
		}
		keep()
		// The segments around it are laid out again in the next frame (content-visibility): once more then.
		var f app.Func
		f = app.FuncOf(func(this app.Value, args []app.Value) any {
			f.Release()
			keep()
			return nil
		})
		p.win.Call("requestAnimationFrame", f)
	}
	if q := adopted.query; q != "" {
		if s := p.doc.Call("getElementById", "search"); s.Truthy() {
			s.Set("value", q)
			if adopted.queryFocused {
				s.Call("focus", map[string]any{"preventScroll": true})
			}
		}
		p.runSearch(q)
	}

	p.initScript()

	u := app.Window().URL()
	if q := u.Query(); q.Get("transcript") != "" || q.Get("audio") != "" {
		p.openURLs(q.Get("transcript"), q.Get("audio"))
	}
	early := adopted.early
	switch {
	case early != nil && early.Truthy() && early.Get("moved").Truthy():
		// The early script already went where the link or the listener said: carry on from there.
		p.stopAt = early.Get("stopAt").Float()
		if pending := early.Get("pending").Float(); pending >= 0 && p.audio.Get("readyState").Int() == 0 {
			p.pendingSeek = pending
		}
		p.update(p.audio.Get("currentTime").Float())
	default:
		if r, ok := LinkTarget(u); ok {
			p.jumpToLink(r)
		} else {
			p.offerResume()
		}
	}
	if early != nil && early.Truthy() && !early.Get("follow").Truthy() {
		p.following, p.v.follow = false, false
		p.queueDirection()
		p.refresh()
	}
	if !p.audio.Get("paused").Bool() {
		p.onPlay()
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
	if top := p.doc.Call("querySelector", ".top"); top.Truthy() {
		h := top.Call("getBoundingClientRect").Get("height").Float()
		p.doc.Get("documentElement").Get("style").Call("setProperty", "--top-h", strconv.FormatFloat(h, 'f', 0, 64)+"px")
	}
}

func (p *player) detach() {
	for _, f := range p.funcs {
		f.Release()
	}
	p.funcs = nil
}

// index reads each segment's times from the list.
func (p *player) index() {
	p.segs = p.segs[:0]
	p.cur = -1
	p.resetFind()
	if p.list == nil {
		return
	}
	p.replaceCursor()
	nodes := p.list.Call("querySelectorAll", ".seg")
	n := nodes.Length()
	p.segs = make([]segRef, n)
	for i := 0; i < n; i++ {
		el := nodes.Index(i)
		s, _ := strconv.ParseFloat(el.Call("getAttribute", "data-start").String(), 64)
		e, _ := strconv.ParseFloat(el.Call("getAttribute", "data-end").String(), 64)
		p.segs[i] = segRef{start: s, end: e, el: el}
	}
	// The segment the early script made current stays current, where it is: taking over is no reason to
	// scroll.
	if c := p.list.Call("querySelector", ".seg[aria-current]"); c.Truthy() {
		if i := p.segOf(c); i >= 0 {
			p.cur = i
		} else {
			c.Call("removeAttribute", "aria-current")
		}
	}
}

// segmentAt is the segment being heard at t: the last one starting at or before t (in a gap between
// segments, the one before stays current).
func (p *player) segmentAt(t float64) int {
	i := sort.Search(len(p.segs), func(i int) bool { return p.segs[i].start > t }) - 1
	if i < 0 && len(p.segs) > 0 {
		return 0
	}
	return i
}

// text gives segment i's words, read from the page once.
func (p *player) text(i int) string {
	s := &p.segs[i]
	if !s.read {
		tx := p.txOf(i)
		s.text, s.read = tx.Get("textContent").String(), true
		if tx.Get("childElementCount").Int() > 0 {
			s.fixes = readFixes(tx)
		}
	}
	return s.text
}

// txOf is segment i's words' element, found once: every lookup would leave the Go side one more
// reference to the element, for its garbage collector to release.
func (p *player) txOf(i int) app.Value {
	s := &p.segs[i]
	if s.tx == nil {
		s.tx = s.el.Call("querySelector", ".tx")
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
			out = append(out, transcript.Fix{Start: at, End: at + len(t), Was: c.Call("getAttribute", "data-was").String()})
		}
		at += len(t)
	}
	return out
}

func (p *player) timeline(i int) *timeline {
	s := &p.segs[i]
	if s.tl == nil {
		text := p.text(i)
		var words []wordAt
		if w := s.el.Call("getAttribute", "data-w"); !w.IsNull() && w.String() != "" {
			for _, pair := range strings.Fields(w.String()) {
				o, t, _ := strings.Cut(pair, ":")
				off, err1 := strconv.Atoi(o)
				at, err2 := strconv.ParseFloat(t, 64)
				if err1 == nil && err2 == nil {
					words = append(words, wordAt{off, at})
				}
			}
		}
		s.tl = newTimeline(text, s.start, s.end, words)
	}
	return s.tl
}

// update moves the highlight, the cursor and the time to t. It does constant work per call.
func (p *player) update(t float64) {
	if p.stopAt > 0 && t >= p.stopAt {
		p.stopAt = 0
		p.audio.Call("pause")
	}
	p.updateTime(t)
	p.updateChapter(t)
	i := p.segmentAt(t)
	if i < 0 {
		return
	}
	if i != p.cur {
		if p.cur >= 0 && p.cur < len(p.segs) {
			p.segs[p.cur].el.Call("removeAttribute", "aria-current")
		}
		p.cur = i
		p.segs[i].el.Call("setAttribute", "aria-current", "true")
		if p.following {
			p.scrollToCurrent()
		} else {
			p.queueDirection()
		}
	}
	if i != p.animSeg {
		p.buildCursor(i)
	}
	p.syncCursor(t, false)
}

// The reading cursor. A box over the word being said, driven by a Web Animation built once per segment:
// a step keyframe at each word's time, moving the box with transform. The compositor plays it in step
// with the audio, frame by frame, and the main thread does no work per word. (Moving a box from Go at each
// word cost ~1.5 ms of main thread a time; a CSS highlight range made Chromium repaint the paragraph.)
// The animation is kept on the audio's clock: started, paused, re-timed and re-rated with it.

// buildCursor makes the animation for segment i from the positions of its words.
func (p *player) buildCursor(i int) {
	if p.anim != nil {
		p.anim.Call("cancel")
		p.anim = nil
	}
	p.animSeg = i
	if p.cursor == nil || p.list == nil || i < 0 {
		return
	}
	s := p.segs[i]
	tl := p.timeline(i)
	nodes, starts := p.txNodes(i)
	dur := s.end - s.start
	if len(nodes) == 0 || len(tl.units) == 0 || dur <= 0 {
		p.cursor.Set("hidden", true)
		return
	}
	box := p.list.Call("getBoundingClientRect")
	bx, by := box.Get("left").Float(), box.Get("top").Float()
	const base = 16.0 // the box's own size in px: keyframes scale it to each word
	// The keyframes go to the browser as one JSON string: one call instead of four for each word.
	var frames strings.Builder
	frames.WriteByte('[')
	n := 0
	last, lastTransform := -1.0, ""
	num := func(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }
	for off := 0; off < len(tl.units); {
		from, to := tl.WordAt(off)
		off = max(to, off+1)
		if isSpace16(tl.units[from]) {
			continue // a pause: the word before stays lit
		}
		a, aOff := nodeAt(nodes, starts, from, false)
		b, bOff := nodeAt(nodes, starts, to, true)
		p.rangeWord.Call("setStart", a, aOff)
		p.rangeWord.Call("setEnd", b, bOff)
		r := p.rangeWord.Call("getBoundingClientRect")
		w, h := r.Get("width").Float(), r.Get("height").Float()
		if w == 0 || h == 0 {
			continue
		}
		at := (tl.TimeAt(from) - s.start) / dur
		if n == 0 {
			at = 0
		}
		at = min(max(at, last), 1)
		last = at
		lastTransform = "translate(" + num(r.Get("left").Float()-bx, 0) + "px," + num(r.Get("top").Float()-by, 0) +
			"px) scale(" + num(w/base, 3) + "," + num(h/base, 3) + ")"
		if n > 0 {
			frames.WriteByte(',')
		}
		frames.WriteString(`{"offset":` + num(at, 6) + `,"easing":"steps(1, end)","transform":"` + lastTransform + `"}`)
		n++
	}
	if n == 0 {
		p.cursor.Set("hidden", true)
		return
	}
	frames.WriteString(`,{"offset":1,"transform":"` + lastTransform + `"}]`)
	keyframes := p.win.Get("JSON").Call("parse", frames.String())
	p.cursor.Set("hidden", false)
	p.anim = p.cursor.Call("animate", keyframes, map[string]any{"duration": dur * 1000, "fill": "both"})
	p.anim.Call("pause")
	p.animLines = p.lines(i) // the page is laid out already: the words were just measured
}

// txNodes lists the text nodes of segment i's text (split by search marks) and the UTF-16 offset at which
// each begins.
func (p *player) txNodes(i int) ([]app.Value, []int) {
	tx := p.txOf(i)
	if !tx.Truthy() {
		return nil, nil
	}
	walker := p.doc.Call("createTreeWalker", tx, 4) // NodeFilter.SHOW_TEXT
	var nodes []app.Value
	var starts []int
	off := 0
	for n := walker.Call("nextNode"); n.Truthy(); n = walker.Call("nextNode") {
		nodes = append(nodes, n)
		starts = append(starts, off)
		off += n.Get("length").Int()
	}
	return nodes, starts
}

// nodeAt finds the text node holding offset off and the offset within it; at the end of a node, end
// chooses that node rather than the next.
func nodeAt(nodes []app.Value, starts []int, off int, end bool) (app.Value, int) {
	k := 0
	for k+1 < len(nodes) && (starts[k+1] < off || !end && starts[k+1] == off) {
		k++
	}
	return nodes[k], off - starts[k]
}

// txOffset turns a (node, offset) in segment i's text into an offset in the whole text.
func (p *player) txOffset(i int, node app.Value, off int) (int, bool) {
	nodes, starts := p.txNodes(i)
	for k, n := range nodes {
		if n.Equal(node) {
			return starts[k] + off, true
		}
	}
	return 0, false
}

// syncCursor puts the animation on the audio's time and state; with force, even when close already.
func (p *player) syncCursor(t float64, force bool) {
	if p.anim == nil || p.animSeg < 0 {
		return
	}
	want := (t - p.segs[p.animSeg].start) * 1000
	rate := p.audio.Get("playbackRate").Float()
	if p.anim.Get("playbackRate").Float() != rate && rate > 0 {
		p.anim.Set("playbackRate", rate)
		force = true
	}
	if force || math.Abs(p.anim.Get("currentTime").Float()-want) > 120 {
		p.anim.Set("currentTime", want)
	}
	running := p.anim.Get("playState").String() == "running"
	if p.playing && !running {
		p.anim.Call("play")
	} else if !p.playing && running {
		p.anim.Call("pause")
	}
}

// replaceCursor puts the cursor in the current list; the next update builds its animation.
func (p *player) replaceCursor() {
	if p.list != nil {
		p.list.Call("appendChild", p.cursor)
	}
	if p.anim != nil {
		p.anim.Call("cancel")
		p.anim = nil
	}
	p.animSeg = -1
}

func isSpace16(u uint16) bool { return u == ' ' || u == '\t' || u == '\n' || u == 0x3000 || u == 0xA0 }

func (p *player) duration() float64 {
	d := p.audio.Get("duration").Float()
	if math.IsNaN(d) || math.IsInf(d, 0) || d <= 0 {
		if n := len(p.segs); n > 0 {
			return p.segs[n-1].end
		}
		return 0
	}
	return d
}

// updateTime writes the time text and the scrubber when the shown second changes.
func (p *player) updateTime(t float64) {
	if int(t) == p.shownSec {
		return
	}
	p.shownSec = int(t)
	p.renderChapterTicks()
	text := clockText(t) + " / " + clockText(p.duration())
	if el := p.doc.Call("getElementById", "time"); el.Truthy() {
		el.Set("textContent", text)
	}
	if sc := p.doc.Call("getElementById", "scrub"); sc.Truthy() {
		sc.Set("max", p.duration())
		sc.Set("value", t)
		sc.Call("setAttribute", "aria-valuetext", clockText(t))
	}
	if p.playing && math.Abs(t-p.lastSave) >= 5 {
		p.savePosition(t)
	}
}

func (p *player) savePosition(t float64) {
	p.lastSave = t
	defer func() { recover() }() // storage may be disabled
	p.win.Get("localStorage").Call("setItem", p.storeKey, strconv.FormatFloat(t, 'f', 1, 64))
}

func (p *player) offerResume() {
	defer func() { recover() }()
	v := p.win.Get("localStorage").Call("getItem", p.storeKey)
	if v.IsNull() {
		return
	}
	at, err := strconv.ParseFloat(v.String(), 64)
	if err == nil && at > 15 && (len(p.segs) == 0 || at < p.segs[len(p.segs)-1].end-10) {
		p.v.resumeAt = at
		p.refresh()
	}
}

// scheduleNext wakes the player when something it shows next changes: the next segment starts, the
// shown second turns, a range ends. That is about once a second, not sixty times (a call into wasm costs
// ~0.5 ms; per animation frame that was 30 ms of main thread a second). The cursor needs no wake-ups: its
// animation runs on the compositor.
func (p *player) scheduleNext() {
	if p.timer != nil {
		p.win.Call("clearTimeout", p.timer)
		p.timer = nil
	}
	if !p.playing {
		return
	}
	t := p.audio.Get("currentTime").Float()
	next := math.Floor(t) + 1
	if p.cur >= 0 && p.cur < len(p.segs) {
		if p.cur+1 < len(p.segs) {
			next = min(next, p.segs[p.cur+1].start)
		}
	}
	if p.stopAt > 0 {
		next = min(next, p.stopAt)
	}
	rate := p.audio.Get("playbackRate").Float()
	if rate <= 0 || math.IsNaN(rate) {
		rate = 1
	}
	delay := min(max((next-t)/rate*1000, 16), 1000)
	p.timer = p.win.Call("setTimeout", p.tickFunc, delay)
}

func (p *player) scrollToCurrent() { p.scrollTo(true) }

// scrollTo brings the current segment to the middle of the view: smoothly while reading along, at once
// for a deep link or when motion is reduced. A segment already in full view between the header and the
// player bar stays where it is: the page moves only when it must.
func (p *player) scrollTo(smooth bool) {
	if p.cur < 0 {
		return
	}
	r := p.segs[p.cur].el.Call("getBoundingClientRect")
	if top, bottom := r.Get("top").Float(), r.Get("bottom").Float(); top >= 100 && bottom <= p.win.Get("innerHeight").Float()-110 {
		return
	}
	behavior := "smooth"
	if p.reduceMotion || !smooth {
		behavior = "auto"
	}
	centerInView(p.win, p.segs[p.cur].el, behavior)
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
	var f app.Func
	f = app.FuncOf(func(this app.Value, args []app.Value) any {
		p.dirQueued = false
		f.Release()
		if p.following || p.cur < 0 {
			return nil
		}
		r := p.segs[p.cur].el.Call("getBoundingClientRect")
		dir := 0
		if r.Get("bottom").Float() < 0 {
			dir = -1
		} else if r.Get("top").Float() > p.win.Get("innerHeight").Float() {
			dir = 1
		}
		if dir != p.v.awayDir {
			p.v.awayDir = dir
			p.refresh()
		}
		return nil
	})
	p.win.Call("requestAnimationFrame", f)
}

func (p *player) pauseFollow() {
	p.following = false
	p.v.follow = false
	p.queueDirection()
	p.announce(tr(p.v.lang, msgNotFollowing))
	p.refresh()
}

func (p *player) resumeFollow(scroll bool) {
	changed := !p.following
	p.following = true
	p.v.follow = true
	// Asking to follow again outranks the swipe just before it: the scroll back to the current segment
	// must not read as the reader scrolling away (a phone's "back to now" comes right after a swipe).
	p.userScrollAt = -1e9
	if scroll {
		p.scrollToCurrent()
	}
	if changed {
		p.refresh()
	}
}

func (p *player) announce(s string) {
	if el := p.doc.Call("getElementById", "live"); el.Truthy() {
		el.Set("textContent", s)
	}
}

func (p *player) listenAudio() {
	p.listen(p.audio, "play", func(app.Value) { p.onPlay() })
	p.listen(p.audio, "pause", func(app.Value) {
		p.playing = false
		p.v.playing = false
		p.scheduleNext() // clears the timer
		p.syncCursor(p.audio.Get("currentTime").Float(), true)
		t := p.audio.Get("currentTime").Float()
		p.savePosition(t)
		p.announce(fmt.Sprintf(tr(p.v.lang, msgPausedAt), clockText(t)))
		p.refresh()
	})
	// timeupdate (4 Hz) backs the timer up: after a seek, a stall or a rate change it resynchronises.
	p.listen(p.audio, "loadedmetadata", func(app.Value) {
		if p.pendingSeek >= 0 {
			p.audio.Set("currentTime", p.pendingSeek)
			p.pendingSeek = -1
		}
	})
	for _, ev := range []string{"seeked", "loadedmetadata", "durationchange", "timeupdate", "ratechange"} {
		p.listen(p.audio, ev, func(app.Value) {
			if ev != "timeupdate" {
				p.shownSec = -1
			}
			t := p.audio.Get("currentTime").Float()
			p.update(t)
			if ev == "seeked" || ev == "ratechange" {
				p.syncCursor(t, true)
			}
			if ev != "timeupdate" || p.timer == nil {
				p.scheduleNext()
			}
		})
	}
	p.listen(p.audio, "ratechange", func(app.Value) {
		p.v.speed = p.audio.Get("playbackRate").Float()
		p.refresh()
	})
	p.listen(p.audio, "error", func(app.Value) {
		msg := "unsupported or unreachable"
		if e := p.audio.Get("error"); e.Truthy() && e.Get("message").Truthy() && e.Get("message").String() != "" {
			msg = e.Get("message").String()
		}
		p.notify(fmt.Sprintf(tr(p.v.lang, msgAudioError), msg), true)
	})
}

func (p *player) onPlay() {
	p.playing = true
	p.v.playing = true
	p.syncCursor(p.audio.Get("currentTime").Float(), true)
	p.announce(fmt.Sprintf(tr(p.v.lang, msgPlayingAt), clockText(p.audio.Get("currentTime").Float())))
	p.scheduleNext()
	p.refresh()
}

func (p *player) notify(msg string, isError bool) {
	p.v.notice, p.v.isError = msg, isError
	p.refresh()
}

func (p *player) listenPage() {
	if p.list != nil {
		p.listenList()
	}
	p.listen(p.doc, "keydown", p.onKey)
	for _, ev := range []string{"wheel", "touchmove", "mousedown"} {
		p.listen(p.win, ev, func(e app.Value) {
			if ev == "mousedown" && e.Get("target").Get("tagName").String() != "HTML" {
				return // only a press on the page's scrollbar scrolls
			}
			p.userScrollAt = p.win.Get("performance").Call("now").Float()
		}, map[string]any{"passive": true})
	}
	p.listen(p.win, "scroll", func(app.Value) {
		now := p.win.Get("performance").Call("now").Float()
		if p.following && now-p.userScrollAt < 1000 {
			p.pauseFollow()
		} else if !p.following {
			p.queueDirection()
		}
	}, map[string]any{"passive": true})
	p.listen(p.win, "hashchange", func(app.Value) {
		if r, ok := LinkTarget(app.Window().URL()); ok {
			p.jumpToLink(r)
		}
	})
	p.fitScrollMargin()
	p.listen(p.win, "resize", func(app.Value) {
		p.fitScrollMargin()
		p.animSeg = -1 // the text reflowed: the words moved
		p.update(p.audio.Get("currentTime").Float())
	}, map[string]any{"passive": true})
	p.listen(p.win, "pagehide", func(app.Value) { p.savePosition(p.audio.Get("currentTime").Float()) })
	p.listen(p.doc, "selectionchange", func(app.Value) { p.onSelection() })
	drop := p.doc.Call("getElementById", "drop")
	p.listen(p.doc, "dragover", func(e app.Value) {
		e.Call("preventDefault")
		drop.Set("hidden", false)
	})
	p.listen(p.doc, "dragleave", func(e app.Value) {
		if !e.Get("relatedTarget").Truthy() {
			drop.Set("hidden", true)
		}
	})
	p.listen(p.doc, "drop", func(e app.Value) {
		e.Call("preventDefault")
		drop.Set("hidden", true)
		if dt := e.Get("dataTransfer"); dt.Truthy() {
			p.openFiles(dt.Get("files"))
		}
	})
}

// listenList handles clicks and keys on the transcript with one listener each, however long it is.
func (p *player) listenList() {
	p.listen(p.list, "click", p.onListClick)
	p.listen(p.list, "keydown", func(e app.Value) {
		if e.Get("key").String() != "Enter" {
			return
		}
		if i := p.segOf(e.Get("target")); i >= 0 && e.Get("target").Get("tagName").String() == "P" {
			e.Call("preventDefault")
			p.seekTo(p.segs[i].start, true)
		}
	})
	p.listen(p.list, "focusin", func(e app.Value) {
		if i := p.segOf(e.Get("target")); i >= 0 {
			p.showCopyBar(p.segs[i].el, copySource{text: p.shownText(i), at: p.segs[i].start})
		}
	})
}

// segOf finds the index of the segment element that holds node, or -1.
func (p *player) segOf(node app.Value) int {
	if !node.Truthy() {
		return -1
	}
	if node.Get("nodeType").Int() != 1 {
		node = node.Get("parentElement")
	}
	if !node.Truthy() {
		return -1
	}
	seg := node.Call("closest", ".seg")
	if !seg.Truthy() {
		return -1
	}
	i, err := strconv.Atoi(seg.Call("getAttribute", "data-i").String())
	if err != nil || i < 0 || i >= len(p.segs) {
		return -1
	}
	return i
}

func (p *player) onListClick(e app.Value) {
	target := e.Get("target")
	i := p.segOf(target)
	if i < 0 {
		// A chapter's link, in the contents or its heading: go-app would take it as in-app navigation
		// (no hashchange), so it is followed here.
		if a := target.Call("closest", `a[href^="#t="]`); a.Truthy() {
			if r, ok := ParseTimeParam(strings.TrimPrefix(a.Call("getAttribute", "href").String(), "#t=")); ok {
				e.Call("preventDefault")
				e.Call("stopPropagation")
				p.setHash(r.Start)
				p.seekTo(r.Start, true)
			}
		}
		return
	}
	if target.Call("closest", "a.ts").Truthy() {
		e.Call("preventDefault")
		e.Call("stopPropagation")
		p.setHash(p.segs[i].start)
		p.seekTo(p.segs[i].start, true)
		return
	}
	if sel := p.win.Call("getSelection"); sel.Truthy() && !sel.Get("isCollapsed").Bool() {
		return // the reader is selecting text, not seeking
	}
	t := p.segs[i].start
	if node, off, ok := p.caretAt(e.Get("clientX").Float(), e.Get("clientY").Float()); ok && p.segOf(node) == i && node.Get("nodeType").Int() == 3 {
		if at, ok := p.txOffset(i, node, off); ok {
			t = p.timeline(i).TimeAt(at)
		}
	}
	p.seekTo(t, true)
}

// caretAt finds the text node and offset under a point, with whichever API the browser has.
func (p *player) caretAt(x, y float64) (app.Value, int, bool) {
	if p.doc.Get("caretPositionFromPoint").Truthy() {
		pos := p.doc.Call("caretPositionFromPoint", x, y)
		if pos.Truthy() {
			return pos.Get("offsetNode"), pos.Get("offset").Int(), true
		}
	}
	if p.doc.Get("caretRangeFromPoint").Truthy() {
		r := p.doc.Call("caretRangeFromPoint", x, y)
		if r.Truthy() {
			return r.Get("startContainer"), r.Get("startOffset").Int(), true
		}
	}
	return nil, 0, false
}

// setTime sets the audio's time; before its metadata has loaded a browser may drop that, so the time is
// also kept and set again when the metadata arrives.
func (p *player) setTime(t float64) {
	p.audio.Set("currentTime", t)
	p.shownSec = -1 // the time text shows the new time at once
	if p.audio.Get("readyState").Int() == 0 {
		p.pendingSeek = t
	}
}

// seekTo moves the audio to t; a seek from the transcript resumes following.
func (p *player) seekTo(t float64, fromReader bool) {
	t = max(0, t)
	p.setTime(t)
	if fromReader {
		p.resumeFollow(false)
	}
	p.update(t)
	if fromReader {
		p.scrollToCurrent()
		p.play()
	}
	p.announce(fmt.Sprintf(tr(p.v.lang, msgJumpedTo), clockText(t)))
}

func (p *player) jumpToLink(r TimeRange) {
	p.stopAt = r.End
	p.setTime(r.Start)
	p.resumeFollow(false)
	p.update(r.Start)
	p.scrollTo(false)
	if r.End > 0 {
		p.play() // a range plays and stops; a browser may refuse to start without a gesture
	}
}

func (p *player) setHash(t float64) {
	p.win.Get("history").Call("replaceState", nil, "", "#t="+strconv.FormatFloat(t, 'f', -1, 64))
}

func (p *player) play() {
	if !p.audio.Get("src").Truthy() && !p.audio.Get("currentSrc").Truthy() {
		p.notify(tr(p.v.lang, msgNoAudio), false)
		return
	}
	if pr := p.audio.Call("play"); pr.Truthy() && pr.Get("then").Truthy() {
		p.await(pr, func(app.Value) {}, func(err app.Value) {
			// NotAllowedError: autoplay without a gesture. The reader presses play; nothing to report.
			if name := p.jsString(err.Get("name")); name != "NotAllowedError" && name != "AbortError" {
				p.notify(fmt.Sprintf(tr(p.v.lang, msgAudioError), p.jsString(err)), true)
			}
		})
	}
}

func (p *player) toggle() {
	if p.audio.Get("paused").Bool() {
		p.play()
	} else {
		p.audio.Call("pause")
	}
}

func (p *player) skip(d float64) {
	t := p.audio.Get("currentTime").Float() + d
	t = min(max(0, t), p.duration())
	p.setTime(t)
	p.update(t)
	p.announce(fmt.Sprintf(tr(p.v.lang, msgJumpedTo), clockText(t)))
}

func (p *player) scrub(t float64) {
	p.setTime(t)
	p.update(t)
}

var speeds = []float64{0.75, 1, 1.25, 1.5, 1.75, 2}

func (p *player) setSpeed(s float64) {
	if s < 0.25 || s > 4 {
		return
	}
	p.audio.Set("playbackRate", s)
	p.v.speed = s
}

func (p *player) stepSpeed(dir int) {
	cur := p.audio.Get("playbackRate").Float()
	i := sort.SearchFloat64s(speeds, cur)
	if dir > 0 && i < len(speeds) && speeds[i] == cur {
		i++
	} else if dir < 0 {
		i--
	}
	i = min(max(i, 0), len(speeds)-1)
	p.setSpeed(speeds[i])
	p.refresh()
}

// onKey handles the keyboard shortcuts, never while the reader types in a field.
func (p *player) onKey(e app.Value) {
	if e.Get("defaultPrevented").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	target := e.Get("target")
	tag := target.Get("tagName").String()
	if tag == "INPUT" || tag == "TEXTAREA" || tag == "SELECT" || target.Get("isContentEditable").Bool() {
		return
	}
	key := e.Get("key").String()
	handled := true
	switch key {
	case " ", "k":
		if key == " " && (tag == "BUTTON" || tag == "A" || tag == "SUMMARY") {
			return
		}
		p.toggle()
	case "j":
		p.skip(-10)
	case "l":
		p.skip(10)
	case "ArrowLeft":
		p.skip(-5)
	case "ArrowRight":
		p.skip(5)
	case "<", ",":
		p.stepSpeed(-1)
	case ">", ".":
		p.stepSpeed(1)
	case "f":
		if p.following {
			p.pauseFollow()
		} else {
			p.resumeFollow(true)
		}
	case "/":
		if s := p.doc.Call("querySelector", "input[type=search]"); s.Truthy() {
			// The box is in the sticky header, always in view; a plain focus() scrolls the page to the
			// header's place in the document.
			s.Call("focus", map[string]any{"preventScroll": true})
		}
	case "[":
		p.stepChapter(-1)
	case "]":
		p.stepChapter(1)
	case "n":
		p.jump(1)
	case "N":
		p.jump(-1)
	case "?":
		p.v.help = !p.v.help
		p.refresh()
	case "Escape":
		switch {
		case p.v.help:
			p.v.help = false
		case p.find.query != "":
			p.clearSearch()
		}
		p.v.copyBar.shown = false
		p.refresh()
	default:
		handled = false
	}
	if handled {
		e.Call("preventDefault")
	}
}

// onSelection shows the copy bar over a selection inside the transcript.
func (p *player) onSelection() {
	sel := p.win.Call("getSelection")
	if !sel.Truthy() || sel.Get("isCollapsed").Bool() || sel.Get("rangeCount").Int() == 0 {
		if p.v.copyBar.shown && p.segOf(p.doc.Get("activeElement")) < 0 {
			p.v.copyBar.shown = false
			p.refresh()
		}
		return
	}
	anchor := sel.Get("anchorNode")
	i := p.segOf(anchor)
	if i < 0 {
		return
	}
	r := sel.Call("getRangeAt", 0)
	at, end := p.rangeEdge(r, "start"), p.rangeEdge(r, "end")
	if at < 0 {
		at = p.segs[i].start
	}
	if end <= at {
		end = 0
	}
	p.placeCopyBar(r.Call("getBoundingClientRect"), copySource{text: sel.Call("toString").String(), at: at, end: end})
}

func (p *player) showCopyBar(el app.Value, src copySource) {
	p.placeCopyBar(el.Call("getBoundingClientRect"), src)
}

func (p *player) placeCopyBar(rect app.Value, src copySource) {
	p.copyFrom = src
	p.v.copyBar = copyBar{
		shown: true,
		top:   rect.Get("top").Float() + p.win.Get("scrollY").Float() - 40,
		left:  max(8, rect.Get("left").Float()+p.win.Get("scrollX").Float()),
	}
	p.refresh()
}

// isAudioFile tells audio from transcripts among opened files.
func isAudioFile(name, mime string) bool {
	if strings.HasPrefix(mime, "audio/") || strings.HasPrefix(mime, "video/") {
		return true
	}
	switch strings.ToLower(name[strings.LastIndexByte(name, '.')+1:]) {
	case "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "webm", "mp4":
		return true
	}
	return false
}

// openFiles opens the listener's own transcript and audio files; nothing leaves the browser.
func (p *player) openFiles(files app.Value) {
	for i := 0; i < files.Length(); i++ {
		f := files.Index(i)
		name, mime := f.Get("name").String(), f.Get("type").String()
		if isAudioFile(name, mime) {
			p.setAudio(p.win.Get("URL").Call("createObjectURL", f).String())
			continue
		}
		p.await(f.Call("arrayBuffer"), func(buf app.Value) {
			p.loadTranscript(name, bufferBytes(p.win, buf))
		}, func(err app.Value) {
			p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), name, p.jsString(err)), true)
		})
	}
}

func bufferBytes(win, buf app.Value) []byte {
	arr := win.Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	app.CopyBytesToGo(b, arr)
	return b
}

// await runs ok or fail when a promise settles.
func (p *player) await(promise app.Value, ok, fail func(app.Value)) {
	var okF, failF app.Func
	okF = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer p.guard()
		okF.Release()
		failF.Release()
		ok(args[0])
		return nil
	})
	failF = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer p.guard()
		okF.Release()
		failF.Release()
		fail(args[0])
		return nil
	})
	promise.Call("then", okF, failF)
}

func (p *player) setAudio(src string) {
	if !SafeURL(src) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgRefusedURL), src), true)
		return
	}
	p.audio.Set("src", src)
	p.audio.Call("load")
	p.storeKey = "tingo:pos:" + src + ":" + p.v.title
}

// loadTranscript parses a file in the browser and shows it, or shows the parser's message.
func (p *player) loadTranscript(name string, data []byte) {
	t, _, err := transcript.Parse(bytes.NewReader(data))
	if err != nil {
		p.notify(describeError(name, err), true)
		return
	}
	html := TranscriptHTML(t, GuessLang(t))
	tmp := p.doc.Call("createElement", "div")
	tmp.Set("innerHTML", html)
	list := tmp.Get("firstElementChild")
	if p.list != nil {
		p.list.Call("replaceWith", list)
	} else {
		p.slot.Call("appendChild", list)
	}
	p.list = list
	p.listenList()
	p.index()
	p.readChapters()
	// The term index is made natively (gse) for served episodes; an opened file gets one when the
	// dictionary arrives.
	p.doc.Call("getElementById", "terms-slot").Set("innerHTML", "")
	p.loadDict(func() { p.ensureIndex(); p.showTerms(); p.cutWords(func() {}) })
	p.v.title = name
	p.doc.Set("title", name)
	p.script = scriptView{tables: p.script.tables} // a new transcript: its own script, read again
	p.initScript()
	if h := p.doc.Call("getElementById", "title"); h.Truthy() {
		h.Set("textContent", name)
	}
	p.update(p.audio.Get("currentTime").Float())
	msg := fmt.Sprintf(tr(p.v.lang, msgLoaded), name)
	if len(t.Warnings) > 0 {
		msg += fmt.Sprintf(" (%d warnings; first: line %d: %s)", len(t.Warnings), t.Warnings[0].Line, t.Warnings[0].Msg)
	}
	p.notify(msg, false)
}

// describeError writes a parse error as name:line: problem.
func describeError(name string, err error) string {
	var pe *transcript.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", name, pe.Err)
	}
	return fmt.Sprintf("%s: %v", name, err)
}

// openURLs loads ?transcript=URL&audio=URL: any hosted pair, fetched by the browser.
func (p *player) openURLs(tURL, aURL string) {
	if aURL != "" {
		p.setAudio(aURL)
	}
	if tURL == "" {
		return
	}
	if !SafeURL(tURL) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgRefusedURL), tURL), true)
		return
	}
	fail := func(err app.Value) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), tURL, p.jsString(err)), true)
	}
	p.await(p.win.Call("fetch", tURL), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), tURL, "HTTP "+p.jsString(resp.Get("status"))), true)
			return
		}
		p.await(resp.Call("arrayBuffer"), func(buf app.Value) {
			name := tURL[strings.LastIndexByte(tURL, '/')+1:]
			if i := strings.IndexAny(name, "?#"); i >= 0 {
				name = name[:i]
			}
			p.loadTranscript(name, bufferBytes(p.win, buf))
		}, fail)
	}, fail)
}
