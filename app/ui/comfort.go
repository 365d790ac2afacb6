package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// Reading comfort: the transcript's text size (five steps) and line spacing (three), remembered in the
// browser. The page's stylesheet reads them as --ts (a scale of the body's size) and --lh (a line height);
// web/early.js sets both from storage before the app runs, so a returning reader's text does not change
// size when the app goes live.

// TextSizes are the text size steps, as scales of the body text; LineSpacings the line heights. The
// defaults are TextSizes[1] and LineSpacings[1].
var (
	TextSizes    = []float64{0.875, 1, 1.125, 1.25, 1.5}
	LineSpacings = []float64{1.5, 1.75, 2.1}
)

const (
	comfortKey     = "tingo:comfort" // "SCALE LINEHEIGHT", the CSS values themselves (early.js sets them as read)
	defaultSize    = 1
	defaultSpacing = 1
)

// comfortValue is what is stored for a text size and spacing step: "1.25 2.1".
func comfortValue(size, spacing int) string {
	return strconv.FormatFloat(TextSizes[size], 'f', -1, 64) + " " + strconv.FormatFloat(LineSpacings[spacing], 'f', -1, 64)
}

// parseComfort reads a stored value back into steps; anything else gives the defaults.
func parseComfort(s string) (size, spacing int) {
	size, spacing = defaultSize, defaultSpacing
	a, b, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return
	}
	for i, v := range TextSizes {
		if v == x {
			size = i
		}
	}
	for i, v := range LineSpacings {
		if v == y {
			spacing = i
		}
	}
	return
}

// renderComfort is the header's Aa button and the panel it opens: A− / A+ and line spacing. One button
// keeps the header one row high beside a short title; the panel hangs below it, over the text, so opening
// it moves nothing. The letters are drawn by the stylesheet (content with an empty alternative), so each
// button's name is its words alone and has no letters it lacks. Escape closes the panel.
func (v *Viewer) renderComfort() []app.UI {
	ui := []app.UI{
		app.Button().ID(page.ComfortBtn).Class("btn icon").Aria("label", v.t(msgComfort)).Title(v.t(msgComfort)).
			Aria("expanded", strconv.FormatBool(v.comfortOpen)).Aria("controls", page.Comfort).
			OnClick(func(ctx app.Context, e app.Event) {
				if v.comfortOpen = !v.comfortOpen; v.comfortOpen {
					v.p.script.prefetchScript()
				}
			}),
	}
	return append(ui, app.Div().ID(page.Comfort).Class("comfort").Attr("role", "group").Aria("label", v.t(msgComfort)).
		Hidden(!v.comfortOpen). // always there, so the header's children never change places (go-app matches by position)
		OnKeyDown(func(ctx app.Context, e app.Event) {
			if e.Get("key").String() == "Escape" {
				v.comfortOpen = false
				app.Window().GetElementByID("comfort-btn").Call("focus")
			}
		}).Body(
		app.Button().ID(page.TextSmaller).Class("btn icon").Aria("label", v.t(msgSmaller)).Title(v.t(msgSmaller)).
			Aria("disabled", strconv.FormatBool(v.textSize == 0)).
			OnClick(func(ctx app.Context, e app.Event) { v.setComfort(v.textSize-1, v.spacing) }),
		app.Button().ID(page.TextLarger).Class("btn icon").Aria("label", v.t(msgLarger)).Title(v.t(msgLarger)).
			Aria("disabled", strconv.FormatBool(v.textSize == len(TextSizes)-1)).
			OnClick(func(ctx app.Context, e app.Event) { v.setComfort(v.textSize+1, v.spacing) }),
		app.Button().ID(page.Spacing).Class("btn icon").Aria("label", v.t(msgSpacing)).
			Title(v.t(msgSpacing)+" "+strconv.Itoa(v.spacing+1)+"/"+strconv.Itoa(len(LineSpacings))).
			DataSet("step", v.spacing).Text("↕").
			OnClick(func(ctx app.Context, e app.Event) { v.setComfort(v.textSize, (v.spacing+1)%len(LineSpacings)) }),
		v.renderScript(),
	))
}

// readComfort takes the reader's remembered steps (in the browser).
func (v *Viewer) readComfort() {
	v.textSize, v.spacing = parseComfort(storage().Get(comfortKey))
	v.applyComfort()
}

// setComfort changes the steps, remembers them and lays the page out again around what is being read.
func (v *Viewer) setComfort(size, spacing int) {
	if size < 0 || size >= len(TextSizes) || spacing < 0 || spacing >= len(LineSpacings) {
		return
	}
	v.textSize, v.spacing = size, spacing
	storage().Set(comfortKey, comfortValue(size, spacing))
	if v.p != nil {
		v.p.relayout(v.applyComfort)
	} else {
		v.applyComfort()
	}
}

func (v *Viewer) applyComfort() {
	st := app.Window().Get("document").Get("documentElement").Get("style")
	st.Call("setProperty", "--ts", strconv.FormatFloat(TextSizes[v.textSize], 'f', -1, 64))
	st.Call("setProperty", "--lh", strconv.FormatFloat(LineSpacings[v.spacing], 'f', -1, 64))
}

// relayout runs change (which moves the text) and keeps the place being read where it was on screen: the
// current segment while following, else the first segment in view. The reading cursor is rebuilt on the new
// lines.
func (p *player) relayout(change func()) {
	var anchor app.Value
	if p.list != nil {
		top := 0.0
		if t := p.doc.Call("querySelector", "."+page.Top); t.Truthy() {
			top = t.Call("getBoundingClientRect").Get("bottom").Float()
		}
		bottom := func(i int) float64 { return p.segs[i].el.Call("getBoundingClientRect").Get("bottom").Float() }
		if i := readalong.Anchor(p.sess.Following(), p.sess.Current(), len(p.segs), bottom, top); i >= 0 {
			anchor = p.segs[i].el
		}
	}
	before := 0.0
	if anchor != nil {
		before = anchor.Call("getBoundingClientRect").Get("top").Float()
	}
	change()
	if anchor != nil {
		if d := readalong.ScrollFix(before, anchor.Call("getBoundingClientRect").Get("top").Float()); d != 0 {
			p.win.Call("scrollBy", map[string]any{"top": d, "behavior": "instant"})
		}
	}
	p.cursor.place(p.list)
	if p.sess.Current() >= 0 {
		p.update(p.audio.Time())
	}
}
