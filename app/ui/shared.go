package ui

import (
	"slices"
)

// What the parts of the viewer share: rewriting segments (marks, fixes and the reader's script meet
// there), the place in the middle of the view, and turns after this one.

// resetFind forgets the index and marks: the transcript changed.
func (p *player) resetFind() { *p.find = *newFinder(p) } // in place: callbacks of the old search see the new one

// rewrite writes segments' text as the reader's script shows it, with their marks and fixes. When the
// cursor's segment is among them and its text lies differently after, the cursor is built again; a text
// converted to the other script usually lies the same (ideographs are one em wide), and then the built
// animation stays (building one measures every word: ~25 ms on a long segment).
func (p *player) rewrite(segs []int) {
	for _, i := range segs {
		text := p.text.Shown(i)
		tx := p.lv.txOf(i)
		if h, ok := p.find.state.HitOf(i); ok {
			tx.Set("innerHTML", markedHTML(text, h.Spans, p.text.Fixes(i), p.v.lang))
		} else if f := p.text.Fixes(i); len(f) > 0 {
			tx.Set("innerHTML", markedHTML(text, nil, f, p.v.lang))
		} else {
			tx.Set("textContent", text)
		}
	}
	if p.cursor.seg >= 0 && slices.Contains(segs, p.cursor.seg) {
		p.checkCursor()
	}
}

// checkCursor builds the reading cursor's animation again if its segment's words moved, once the next
// frame has laid the page out: asked at once, the browser would lay out the whole page to answer (two
// layouts a switch on ten hours, ~19 ms each).
func (p *player) checkCursor() {
	c := p.cursor
	if c.checking {
		return
	}
	c.checking = true
	p.afterFrame(func() {
		c.checking = false
		if i := c.seg; i >= 0 && c.lineBoxes(p.lv.txOf(i)) != c.lines {
			c.reset() // the cursor's words moved: build its animation again
			p.update(p.audio.Time())
		}
	})
}

// afterFrame runs f after the browser's next frame: when the page's layout is fresh.
func (p *player) afterFrame(f func()) { later(p.guard, 0, true, f) }

// after runs f once the browser has had a turn (a zero timeout): work the reader is not waiting for.
func (p *player) after(f func()) { later(p.guard, 0, false, f) }

// visibleSegment is the segment in the middle of the screen (the current one when it cannot tell).
func (p *player) visibleSegment() int {
	el := p.doc.Call("elementFromPoint", p.win.Get("innerWidth").Float()/2, p.win.Get("innerHeight").Float()/2)
	if i := p.input.segOf(el); i >= 0 {
		return i
	}
	return max(p.sess.Current(), 0)
}

// shown is s as the reader's script shows it.
func (p *player) shown(s string) string {
	if p == nil {
		return s
	}
	return p.text.Show(s)
}
