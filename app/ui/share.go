package ui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"tingo/app/ui/readalong"
)

// Sharing a moment: the copy bar over a selection (or a focused segment) copies a link or a quote, opens
// the system share sheet where the browser has one (Web Share), and makes a quote card, a square PNG that
// web/card.js draws, loaded the first time it is asked for.

// copySource is what the copy bar copies: the selection or a segment. end is the selection's last word's
// time (0 for a segment, or a selection inside one word): a link to a selection plays it, from at to end.
type copySource struct {
	text    string
	at, end float64
}

const cardScript = "/web/card.js"

// sharer is the copy bar's work: links, quotes, the share sheet and the quote card.
type sharer struct {
	*player
	copyFrom copySource
}

// rangeEdge is the time of a selection range's start or end ("start", "end") inside the transcript, or
// -1 when that edge is not in a segment's text.
func (sh *sharer) rangeEdge(r app.Value, edge string) float64 {
	node := r.Get(edge + "Container")
	i := sh.input.segOf(node)
	if i < 0 || node.Get("nodeType").Int() != 3 {
		return -1
	}
	off, ok := textOffset(sh.doc, sh.lv.txOf(i), node, r.Get(edge+"Offset").Int())
	if !ok {
		return -1
	}
	return sh.text.Timeline(i).TimeAt(off)
}

func (sh *sharer) copy(quote bool) {
	link := readalong.ShareLink(sh.script.pageURL(), sh.copyFrom.at, sh.copyFrom.end)
	out := link
	if quote {
		out = readalong.Quote(sh.copyFrom.text, sh.v.title, sh.copyFrom.at, link)
	}
	done := func() {
		sh.v.copyBar.shown = false
		sh.notify(tr(sh.v.lang, msgCopied), false)
	}
	clip := sh.win.Get("navigator").Get("clipboard")
	if clip.Truthy() {
		await(sh.guard, clip.Call("writeText", out), func(app.Value) { done() }, func(app.Value) { sh.copyFallback(out); done() })
		return
	}
	sh.copyFallback(out)
	done()
}

// copyFallback copies through a hidden text area, for browsers without the async clipboard.
func (sh *sharer) copyFallback(s string) {
	ta := sh.doc.Call("createElement", "textarea")
	ta.Set("value", s)
	ta.Call("setAttribute", "readonly", "")
	ta.Get("style").Set("position", "fixed")
	ta.Get("style").Set("opacity", "0")
	sh.doc.Get("body").Call("appendChild", ta)
	ta.Call("select")
	sh.doc.Call("execCommand", "copy")
	ta.Call("remove")
}

// sheet opens the system share sheet with the quote, the title and the link. A listener who closes the
// sheet has said no: only another failure is reported.
func (sh *sharer) sheet() {
	link := readalong.ShareLink(sh.script.pageURL(), sh.copyFrom.at, sh.copyFrom.end)
	data := map[string]any{"title": sh.v.title, "text": readalong.Quote(sh.copyFrom.text, sh.v.title, sh.copyFrom.at, ""), "url": link}
	sh.v.copyBar.shown = false
	sh.refresh()
	await(sh.guard, sh.win.Get("navigator").Call("share", data), func(app.Value) {}, func(err app.Value) {
		if name := err.Get("name").String(); name != "AbortError" {
			sh.notify(name+": "+err.Get("message").String(), true)
		}
	})
}

// card loads web/card.js the first time and has it draw the quote card, in the transcript's own fonts.
func (sh *sharer) card() {
	src, opener := sh.copyFrom, sh.doc.Get("activeElement")
	link := readalong.ShareLink(sh.script.pageURL(), src.at, src.end)
	u, _ := url.Parse(link)
	address := strings.TrimSuffix(u.Host+u.Path, "/")
	if u.Scheme == "file" || u.Host == "" {
		address = sh.v.title
	}
	font := "sans-serif"
	if tx := sh.doc.Call("querySelector", "#transcript .tx"); tx.Truthy() {
		font = sh.win.Call("getComputedStyle", tx).Get("fontFamily").String()
	}
	l := sh.v.t
	q := map[string]any{
		"quote": strings.Join(strings.Fields(src.text), " "), "episode": sh.v.title, "time": readalong.Clock(src.at),
		"address": address, "font": font, "text": readalong.Quote(src.text, sh.v.title, src.at, link),
		"labels": map[string]any{"title": l(msgCard), "download": l(msgDownload), "share": l(msgShare), "close": l(msgClose)},
	}
	sh.v.copyBar.shown = false
	sh.refresh()
	draw := func() { sh.win.Call("tingoCard", q, opener) }
	if sh.win.Get("tingoCard").Truthy() {
		draw()
		return
	}
	s := sh.doc.Call("createElement", "script")
	s.Set("src", sh.ctx.ResolveStaticResource(cardScript))
	sh.listen(s, "load", func(app.Value) { draw() })
	sh.listen(s, "error", func(app.Value) { sh.notify(fmt.Sprintf(tr(sh.v.lang, msgFetchFailed), cardScript, "error"), true) })
	sh.doc.Get("head").Call("appendChild", s)
}

// onSelection shows the copy bar over a selection inside the transcript.
func (sh *sharer) onSelection() {
	sel := sh.win.Call("getSelection")
	if !sel.Truthy() || sel.Get("isCollapsed").Bool() || sel.Get("rangeCount").Int() == 0 {
		if sh.v.copyBar.shown && sh.input.segOf(sh.doc.Get("activeElement")) < 0 {
			sh.v.copyBar.shown = false
			sh.refresh()
		}
		return
	}
	anchor := sel.Get("anchorNode")
	i := sh.input.segOf(anchor)
	if i < 0 {
		return
	}
	r := sel.Call("getRangeAt", 0)
	at, end := readalong.SelectionTimes(sh.seg(i).Start, sh.rangeEdge(r, "start"), sh.rangeEdge(r, "end"))
	sh.placeCopyBar(r.Call("getBoundingClientRect"), copySource{text: sel.Call("toString").String(), at: at, end: end})
}

func (sh *sharer) showCopyBar(el app.Value, src copySource) {
	sh.placeCopyBar(el.Call("getBoundingClientRect"), src)
}

func (sh *sharer) placeCopyBar(rect app.Value, src copySource) {
	sh.copyFrom = src
	sh.v.copyBar = copyBar{
		shown: true,
		top:   rect.Get("top").Float() + sh.win.Get("scrollY").Float() - 40,
		left:  max(8, rect.Get("left").Float()+sh.win.Get("scrollX").Float()),
	}
	sh.refresh()
}
