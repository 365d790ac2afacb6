package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// The reader's gestures on the page: scrolling (which may stop following), keys, clicks on words and
// timestamps, links within the page, files dropped on it.
type gestures struct{ *player }

func (g *gestures) listenPage() {
	if g.list != nil {
		g.listenList()
	}
	g.listen(g.doc, "keydown", g.onKey)
	now := func() float64 { return g.win.Get("performance").Call("now").Float() }
	for _, ev := range []string{"wheel", "touchmove", "mousedown"} {
		g.listen(g.win, ev, func(e app.Value) {
			if ev == "mousedown" && e.Get("target").Get("tagName").String() != "HTML" {
				return // only a press on the page's scrollbar scrolls
			}
			g.sess.Gesture(now())
		}, map[string]any{"passive": true})
	}
	g.listen(g.win, "scroll", func(app.Value) { g.apply(g.sess.Scrolled(now())) }, map[string]any{"passive": true})
	g.listen(g.win, "hashchange", func(app.Value) {
		if r, ok := readalong.LinkTarget(app.Window().URL()); ok {
			g.apply(g.sess.Link(r, g.audio.Ready()))
		}
	})
	g.fitScrollMargin()
	g.listen(g.win, "resize", func(app.Value) {
		g.fitScrollMargin()
		g.cursor.reset() // the text reflowed: the words moved
		g.update(g.audio.Time())
	}, map[string]any{"passive": true})
	g.listen(g.win, "pagehide", func(app.Value) { g.transport.savePosition(g.audio.Time()) })
	g.listen(g.doc, "selectionchange", func(app.Value) { g.share.onSelection() })
	drop := g.doc.Call("getElementById", page.Drop)
	g.listen(g.doc, "dragover", func(e app.Value) {
		e.Call("preventDefault")
		drop.Set("hidden", false)
	})
	g.listen(g.doc, "dragleave", func(e app.Value) {
		if !e.Get("relatedTarget").Truthy() {
			drop.Set("hidden", true)
		}
	})
	g.listen(g.doc, "drop", func(e app.Value) {
		e.Call("preventDefault")
		drop.Set("hidden", true)
		if dt := e.Get("dataTransfer"); dt.Truthy() {
			g.files.openFiles(dt.Get("files"))
		}
	})
}

// listenList handles clicks and keys on the transcript with one listener each, however long it is.
func (g *gestures) listenList() {
	g.listen(g.list, "click", g.onListClick)
	g.listen(g.list, "keydown", func(e app.Value) {
		if e.Get("key").String() != "Enter" {
			return
		}
		if i := g.segOf(e.Get("target")); i >= 0 && e.Get("target").Get("tagName").String() == "P" {
			e.Call("preventDefault")
			g.transport.seekTo(g.seg(i).Start, true)
		}
	})
	g.listen(g.list, "focusin", func(e app.Value) {
		if i := g.segOf(e.Get("target")); i >= 0 {
			g.share.showCopyBar(g.segs[i].el, copySource{text: g.text.Shown(i), at: g.seg(i).Start})
		}
	})
}

// segOf finds the index of the segment element that holds node, or -1.
func (g *gestures) segOf(node app.Value) int {
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
	if err != nil || i < 0 || i >= len(g.segs) {
		return -1
	}
	return i
}

func (g *gestures) onListClick(e app.Value) {
	target := e.Get("target")
	i := g.segOf(target)
	if i < 0 {
		// A chapter's link, in the contents or its heading: go-app would take it as in-app navigation
		// (no hashchange), so it is followed here.
		if a := target.Call("closest", `a[href^="#t="]`); a.Truthy() {
			if r, ok := readalong.ParseTimeParam(strings.TrimPrefix(a.Call("getAttribute", "href").String(), "#t=")); ok {
				e.Call("preventDefault")
				e.Call("stopPropagation")
				g.transport.setHash(r.Start)
				g.transport.seekTo(r.Start, true)
			}
		}
		return
	}
	if target.Call("closest", "a."+page.Ts).Truthy() {
		e.Call("preventDefault")
		e.Call("stopPropagation")
		g.transport.setHash(g.seg(i).Start)
		g.transport.seekTo(g.seg(i).Start, true)
		return
	}
	if sel := g.win.Call("getSelection"); sel.Truthy() && !sel.Get("isCollapsed").Bool() {
		return // the reader is selecting text, not seeking
	}
	t := g.seg(i).Start
	if node, off, ok := g.caretAt(e.Get("clientX").Float(), e.Get("clientY").Float()); ok && g.segOf(node) == i && node.Get("nodeType").Int() == 3 {
		if at, ok := textOffset(g.doc, g.lv.txOf(i), node, off); ok {
			t = g.text.Timeline(i).TimeAt(at)
		}
	}
	g.transport.seekTo(t, true)
}

// caretAt finds the text node and offset under a point, with whichever API the browser has.
func (g *gestures) caretAt(x, y float64) (app.Value, int, bool) {
	if g.doc.Get("caretPositionFromPoint").Truthy() {
		pos := g.doc.Call("caretPositionFromPoint", x, y)
		if pos.Truthy() {
			return pos.Get("offsetNode"), pos.Get("offset").Int(), true
		}
	}
	if g.doc.Get("caretRangeFromPoint").Truthy() {
		r := g.doc.Call("caretRangeFromPoint", x, y)
		if r.Truthy() {
			return r.Get("startContainer"), r.Get("startOffset").Int(), true
		}
	}
	return nil, 0, false
}

// onKey carries out the keyboard's commands (readalong.CommandFor), never while the reader types in a
// field.
func (g *gestures) onKey(e app.Value) {
	target := e.Get("target")
	cmd := readalong.CommandFor(readalong.Key{Key: e.Get("key").String(), Ctrl: e.Get("ctrlKey").Bool(), Meta: e.Get("metaKey").Bool(),
		Alt: e.Get("altKey").Bool(), Prevented: e.Get("defaultPrevented").Bool(), Tag: target.Get("tagName").String(),
		ContentEditable: target.Get("isContentEditable").Bool()})
	switch cmd {
	case readalong.NoCommand:
		return
	case readalong.TogglePlay:
		g.transport.toggle()
	case readalong.Back10, readalong.Forward10, readalong.Back5, readalong.Forward5:
		g.transport.skip(cmd.Skip())
	case readalong.Slower:
		g.transport.stepSpeed(-1)
	case readalong.Faster:
		g.transport.stepSpeed(1)
	case readalong.FollowKey:
		g.apply(g.sess.ToggleFollow())
	case readalong.FocusSearch:
		if s := g.doc.Call("querySelector", page.SearchSel); s.Truthy() {
			// The box is in the sticky header, always in view; a plain focus() scrolls the page to the
			// header's place in the document.
			s.Call("focus", map[string]any{"preventScroll": true})
		}
	case readalong.PrevChapter:
		g.chap.stepChapter(-1)
	case readalong.NextChapter:
		g.chap.stepChapter(1)
	case readalong.NextHit:
		g.find.jump(1)
	case readalong.PrevHit:
		g.find.jump(-1)
	case readalong.ToggleHelp:
		g.v.help = !g.v.help
		g.refresh()
	case readalong.Dismiss:
		switch {
		case g.v.help:
			g.v.help = false
		case g.find.state.Query() != "":
			g.find.clearSearch()
		}
		g.v.copyBar.shown = false
		g.refresh()
	}
	e.Call("preventDefault")
}
