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

// rangeEdge is the time of a selection range's start or end ("start", "end") inside the transcript, or
// -1 when that edge is not in a segment's text.
func (p *player) rangeEdge(r app.Value, edge string) float64 {
	node := r.Get(edge + "Container")
	i := p.segOf(node)
	if i < 0 || node.Get("nodeType").Int() != 3 {
		return -1
	}
	off, ok := textOffset(p.doc, p.txOf(i), node, r.Get(edge+"Offset").Int())
	if !ok {
		return -1
	}
	return p.text.Timeline(i).TimeAt(off)
}

func (p *player) copy(quote bool) {
	link := readalong.ShareLink(p.pageURL(), p.copyFrom.at, p.copyFrom.end)
	out := link
	if quote {
		out = readalong.Quote(p.copyFrom.text, p.v.title, p.copyFrom.at, link)
	}
	done := func() {
		p.v.copyBar.shown = false
		p.notify(tr(p.v.lang, msgCopied), false)
	}
	clip := p.win.Get("navigator").Get("clipboard")
	if clip.Truthy() {
		await(p.guard, clip.Call("writeText", out), func(app.Value) { done() }, func(app.Value) { p.copyFallback(out); done() })
		return
	}
	p.copyFallback(out)
	done()
}

// copyFallback copies through a hidden text area, for browsers without the async clipboard.
func (p *player) copyFallback(s string) {
	ta := p.doc.Call("createElement", "textarea")
	ta.Set("value", s)
	ta.Call("setAttribute", "readonly", "")
	ta.Get("style").Set("position", "fixed")
	ta.Get("style").Set("opacity", "0")
	p.doc.Get("body").Call("appendChild", ta)
	ta.Call("select")
	p.doc.Call("execCommand", "copy")
	ta.Call("remove")
}

// share opens the system share sheet with the quote, the title and the link. A listener who closes the
// sheet has said no: only another failure is reported.
func (p *player) share() {
	link := readalong.ShareLink(p.pageURL(), p.copyFrom.at, p.copyFrom.end)
	data := map[string]any{"title": p.v.title, "text": readalong.Quote(p.copyFrom.text, p.v.title, p.copyFrom.at, ""), "url": link}
	p.v.copyBar.shown = false
	p.refresh()
	await(p.guard, p.win.Get("navigator").Call("share", data), func(app.Value) {}, func(err app.Value) {
		if name := err.Get("name").String(); name != "AbortError" {
			p.notify(name+": "+err.Get("message").String(), true)
		}
	})
}

// card loads web/card.js the first time and has it draw the quote card, in the transcript's own fonts.
func (p *player) card() {
	src, opener := p.copyFrom, p.doc.Get("activeElement")
	link := readalong.ShareLink(p.pageURL(), src.at, src.end)
	u, _ := url.Parse(link)
	address := strings.TrimSuffix(u.Host+u.Path, "/")
	if u.Scheme == "file" || u.Host == "" {
		address = p.v.title
	}
	font := "sans-serif"
	if tx := p.doc.Call("querySelector", "#transcript .tx"); tx.Truthy() {
		font = p.win.Call("getComputedStyle", tx).Get("fontFamily").String()
	}
	l := p.v.t
	q := map[string]any{
		"quote": strings.Join(strings.Fields(src.text), " "), "episode": p.v.title, "time": readalong.Clock(src.at),
		"address": address, "font": font, "text": readalong.Quote(src.text, p.v.title, src.at, link),
		"labels": map[string]any{"title": l(msgCard), "download": l(msgDownload), "share": l(msgShare), "close": l(msgClose)},
	}
	p.v.copyBar.shown = false
	p.refresh()
	draw := func() { p.win.Call("tingoCard", q, opener) }
	if p.win.Get("tingoCard").Truthy() {
		draw()
		return
	}
	s := p.doc.Call("createElement", "script")
	s.Set("src", p.ctx.ResolveStaticResource(cardScript))
	p.listen(s, "load", func(app.Value) { draw() })
	p.listen(s, "error", func(app.Value) { p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), cardScript, "error"), true) })
	p.doc.Get("head").Call("appendChild", s)
}
