package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// The reader's gestures on the page: scrolling (which may stop following), keys, clicks on words and
// timestamps, selections (the copy bar), links within the page, files dropped on it.

func (p *player) listenPage() {
	if p.list != nil {
		p.listenList()
	}
	p.listen(p.doc, "keydown", p.onKey)
	now := func() float64 { return p.win.Get("performance").Call("now").Float() }
	for _, ev := range []string{"wheel", "touchmove", "mousedown"} {
		p.listen(p.win, ev, func(e app.Value) {
			if ev == "mousedown" && e.Get("target").Get("tagName").String() != "HTML" {
				return // only a press on the page's scrollbar scrolls
			}
			p.sess.Gesture(now())
		}, map[string]any{"passive": true})
	}
	p.listen(p.win, "scroll", func(app.Value) { p.apply(p.sess.Scrolled(now())) }, map[string]any{"passive": true})
	p.listen(p.win, "hashchange", func(app.Value) {
		if r, ok := readalong.LinkTarget(app.Window().URL()); ok {
			p.apply(p.sess.Link(r, p.audio.Ready()))
		}
	})
	p.fitScrollMargin()
	p.listen(p.win, "resize", func(app.Value) {
		p.fitScrollMargin()
		p.cursor.reset() // the text reflowed: the words moved
		p.update(p.audio.Time())
	}, map[string]any{"passive": true})
	p.listen(p.win, "pagehide", func(app.Value) { p.savePosition(p.audio.Time()) })
	p.listen(p.doc, "selectionchange", func(app.Value) { p.onSelection() })
	drop := p.doc.Call("getElementById", page.Drop)
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
			p.seekTo(p.seg(i).Start, true)
		}
	})
	p.listen(p.list, "focusin", func(e app.Value) {
		if i := p.segOf(e.Get("target")); i >= 0 {
			p.showCopyBar(p.segs[i].el, copySource{text: p.text.Shown(i), at: p.seg(i).Start})
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
	seg := node.Call("closest", page.SegSel)
	if !seg.Truthy() {
		return -1
	}
	i, err := strconv.Atoi(seg.Call("getAttribute", page.DataI).String())
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
			if r, ok := readalong.ParseTimeParam(strings.TrimPrefix(a.Call("getAttribute", "href").String(), "#t=")); ok {
				e.Call("preventDefault")
				e.Call("stopPropagation")
				p.setHash(r.Start)
				p.seekTo(r.Start, true)
			}
		}
		return
	}
	if target.Call("closest", "a."+page.Ts).Truthy() {
		e.Call("preventDefault")
		e.Call("stopPropagation")
		p.setHash(p.seg(i).Start)
		p.seekTo(p.seg(i).Start, true)
		return
	}
	if sel := p.win.Call("getSelection"); sel.Truthy() && !sel.Get("isCollapsed").Bool() {
		return // the reader is selecting text, not seeking
	}
	t := p.seg(i).Start
	if node, off, ok := p.caretAt(e.Get("clientX").Float(), e.Get("clientY").Float()); ok && p.segOf(node) == i && node.Get("nodeType").Int() == 3 {
		if at, ok := textOffset(p.doc, p.txOf(i), node, off); ok {
			t = p.text.Timeline(i).TimeAt(at)
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

// onKey carries out the keyboard's commands (readalong.CommandFor), never while the reader types in a
// field.
func (p *player) onKey(e app.Value) {
	target := e.Get("target")
	cmd := readalong.CommandFor(readalong.Key{Key: e.Get("key").String(), Ctrl: e.Get("ctrlKey").Bool(), Meta: e.Get("metaKey").Bool(),
		Alt: e.Get("altKey").Bool(), Prevented: e.Get("defaultPrevented").Bool(), Tag: target.Get("tagName").String(),
		ContentEditable: target.Get("isContentEditable").Bool()})
	switch cmd {
	case readalong.NoCommand:
		return
	case readalong.TogglePlay:
		p.toggle()
	case readalong.Back10, readalong.Forward10, readalong.Back5, readalong.Forward5:
		p.skip(cmd.Skip())
	case readalong.Slower:
		p.stepSpeed(-1)
	case readalong.Faster:
		p.stepSpeed(1)
	case readalong.FollowKey:
		p.apply(p.sess.ToggleFollow())
	case readalong.FocusSearch:
		if s := p.doc.Call("querySelector", page.SearchSel); s.Truthy() {
			// The box is in the sticky header, always in view; a plain focus() scrolls the page to the
			// header's place in the document.
			s.Call("focus", map[string]any{"preventScroll": true})
		}
	case readalong.PrevChapter:
		p.stepChapter(-1)
	case readalong.NextChapter:
		p.stepChapter(1)
	case readalong.NextHit:
		p.jump(1)
	case readalong.PrevHit:
		p.jump(-1)
	case readalong.ToggleHelp:
		p.v.help = !p.v.help
		p.refresh()
	case readalong.Dismiss:
		switch {
		case p.v.help:
			p.v.help = false
		case p.find.state.Query() != "":
			p.clearSearch()
		}
		p.v.copyBar.shown = false
		p.refresh()
	}
	e.Call("preventDefault")
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
		at = p.seg(i).Start
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
