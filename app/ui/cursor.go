package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// The reading cursor. A box over the word being said, driven by a Web Animation built once per segment:
// a step keyframe at each word's time, moving the box with transform. The compositor plays it in step
// with the audio, frame by frame, and the main thread does no work per word. (Moving a box from Go at each
// word cost ~1.5 ms of main thread a time; a CSS highlight range made Chromium repaint the paragraph.)
// The animation is kept on the audio's clock: started, paused, re-timed and re-rated with it. The text
// itself is never repainted.

type readingCursor struct {
	doc      app.Value
	box      app.Value // the <div id="cursor">
	rng      app.Value // a Range that measures words
	anim     app.Value // the animation through seg's words
	seg      int       // the segment anim was built for; -1 for none
	start    float64   // and its start
	lines    string    // how seg's text lay when anim was built (lineBoxes)
	checking bool      // a check of the lines waits for its frame
}

func newReadingCursor(doc app.Value) *readingCursor {
	c := &readingCursor{doc: doc, seg: -1, rng: doc.Call("createRange"), box: doc.Call("createElement", "div")}
	c.box.Set("id", page.Cursor)
	c.box.Set("className", "cursor")
	c.box.Call("setAttribute", "aria-hidden", "true")
	c.box.Set("hidden", true)
	return c
}

// place puts the cursor in a (new) transcript list; the next update builds its animation.
func (c *readingCursor) place(list app.Value) {
	if list != nil {
		list.Call("appendChild", c.box)
	}
	c.reset()
}

// reset drops the animation: the words moved.
func (c *readingCursor) reset() {
	if c.anim != nil {
		c.anim.Call("cancel")
		c.anim = nil
	}
	c.seg = -1
}

// build makes the animation for segment i (its words' element tx, in list) from the positions of its
// words.
func (c *readingCursor) build(i int, tx, list app.Value, tl *readalong.Timeline, s readalong.Segment) {
	c.reset()
	c.seg, c.start = i, s.Start
	if list == nil || i < 0 {
		return
	}
	nodes, starts := textNodes(c.doc, tx)
	dur := s.End - s.Start
	units := tl.Units()
	if len(nodes) == 0 || len(units) == 0 || dur <= 0 {
		c.box.Set("hidden", true)
		return
	}
	box := list.Call("getBoundingClientRect")
	bx, by := box.Get("left").Float(), box.Get("top").Float()
	const base = 16.0 // the box's own size in px: keyframes scale it to each word
	// The keyframes go to the browser as one JSON string: one call instead of four for each word.
	var frames strings.Builder
	frames.WriteByte('[')
	n := 0
	last, lastTransform := -1.0, ""
	num := func(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }
	for off := 0; off < len(units); {
		from, to := tl.WordAt(off)
		off = max(to, off+1)
		if readalong.IsSpace16(units[from]) {
			continue // a pause: the word before stays lit
		}
		a, aOff := nodeAt(nodes, starts, from, false)
		b, bOff := nodeAt(nodes, starts, to, true)
		c.rng.Call("setStart", a, aOff)
		c.rng.Call("setEnd", b, bOff)
		r := c.rng.Call("getBoundingClientRect")
		w, h := r.Get("width").Float(), r.Get("height").Float()
		if w == 0 || h == 0 {
			continue
		}
		at := (tl.TimeAt(from) - s.Start) / dur
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
		c.box.Set("hidden", true)
		return
	}
	frames.WriteString(`,{"offset":1,"transform":"` + lastTransform + `"}]`)
	keyframes := app.Window().Get("JSON").Call("parse", frames.String())
	c.box.Set("hidden", false)
	c.anim = c.box.Call("animate", keyframes, map[string]any{"duration": dur * 1000, "fill": "both"})
	c.anim.Call("pause")
	c.lines = c.lineBoxes(tx) // the page is laid out already: the words were just measured
}

// sync puts the animation on the audio's time, rate and state; with force, even when close already.
func (c *readingCursor) sync(t, rate float64, playing, force bool) {
	if c.anim == nil || c.seg < 0 {
		return
	}
	want := (t - c.start) * 1000
	if c.anim.Get("playbackRate").Float() != rate && rate > 0 {
		c.anim.Set("playbackRate", rate)
		force = true
	}
	if force || math.Abs(c.anim.Get("currentTime").Float()-want) > 120 {
		c.anim.Set("currentTime", want)
	}
	running := c.anim.Get("playState").String() == "running"
	if playing && !running {
		c.anim.Call("play")
	} else if !playing && running {
		c.anim.Call("pause")
	}
}

// lineBoxes is how a segment's text (tx) lies on the page: the boxes of its lines, in whole pixels.
func (c *readingCursor) lineBoxes(tx app.Value) string {
	if !tx.Truthy() {
		return "none"
	}
	c.rng.Call("selectNodeContents", tx)
	rects := c.rng.Call("getClientRects")
	var b strings.Builder
	fmt.Fprintf(&b, "%d:", rects.Length())
	for k, n := 0, rects.Length(); k < n; k++ {
		r := rects.Index(k)
		fmt.Fprintf(&b, "%.0f,%.0f,%.0f,%.0f;", r.Get("left").Float(), r.Get("top").Float(), r.Get("right").Float(), r.Get("bottom").Float())
	}
	return b.String()
}

// textNodes lists the text nodes of a segment's words (split by search marks and fixes) and the UTF-16
// offset at which each begins.
func textNodes(doc, tx app.Value) ([]app.Value, []int) {
	if !tx.Truthy() {
		return nil, nil
	}
	walker := doc.Call("createTreeWalker", tx, 4) // NodeFilter.SHOW_TEXT
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

// textOffset turns a (node, offset) in a segment's words into an offset in the whole text.
func textOffset(doc, tx, node app.Value, off int) (int, bool) {
	nodes, starts := textNodes(doc, tx)
	for k, n := range nodes {
		if n.Equal(node) {
			return starts[k] + off, true
		}
	}
	return 0, false
}
