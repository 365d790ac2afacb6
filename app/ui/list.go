package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/transcript"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// listView is the transcript list's side of the player: it reads the segments, their words and fixes
// from the page into the core, marks the current one, keeps it in view, and draws the reading cursor
// over it.
type listView struct{ *player }

// setCurrent moves aria-current from segment prev (-1: none) to cur.
func (p *listView) setCurrent(prev, cur int) {
	if prev >= 0 && prev < len(p.segs) {
		p.segs[prev].el.Call("removeAttribute", "aria-current")
	}
	p.segs[cur].el.Call("setAttribute", "aria-current", "true")
}

// index reads each segment's times from the list into the session.
func (p *listView) index() {
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
func (p *listView) readText(i int) (string, []transcript.Fix) {
	tx := p.txOf(i)
	var fixes []transcript.Fix
	if tx.Get("childElementCount").Int() > 0 {
		fixes = readFixes(tx)
	}
	return tx.Get("textContent").String(), fixes
}

// readWords reads segment i's word times (data-w).
func (p *listView) readWords(i int) []readalong.Word {
	if w := p.segs[i].el.Call("getAttribute", page.DataW); !w.IsNull() {
		return page.ParseWords(w.String())
	}
	return nil
}

// txOf is segment i's words' element, found once: every lookup would leave the Go side one more
// reference to the element, for its garbage collector to release.
func (p *listView) txOf(i int) app.Value {
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

// moveCursor builds the cursor's animation for the current segment if it has none, and keeps it on t.
func (p *listView) moveCursor(t float64) {
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
func (p *listView) syncCursor() {
	p.cursor.sync(p.audio.Time(), p.audio.Rate(), p.sess.Playing(), true)
}

// scrollTo brings the current segment to the middle of the view: smoothly while reading along, at once
// for a deep link or when motion is reduced. A segment already in full view between the header and the
// player bar stays where it is: the page moves only when it must.
func (p *listView) scrollTo(smooth bool) {
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
func (p *listView) queueDirection() {
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
