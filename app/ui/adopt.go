package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
)

// go-app replaces the prerendered body when it mounts. The transcript list and the audio element are
// taken aside before that and moved into the live page, so the text the reader already sees is never
// rebuilt, and audio that started before the app loaded keeps playing.
var adopted struct {
	list, audio, terms app.Value
	episodes           app.Value // the library's episode list
	names              app.Value // and its list of name pages
	title, desc, home  string
	archiveQuery       string // what the listener typed in the library's search box before the app was live
	query              string // what the listener typed in the episode's search box before the app was live
	queryFocused       bool   // and whether they were still typing there
	scrollY            float64
	anchor             app.Value // the segment in the middle of the view, and its top there
	anchorTop          float64
	early              app.Value // the state web/early.js hands over; nil without it
}

func adoptPrerendered() {
	doc := app.Window().Get("document")
	if l := doc.Call("getElementById", page.Transcript); l.Truthy() {
		adopted.list = l
	}
	if t := doc.Call("getElementById", page.Terms); t.Truthy() {
		adopted.terms = t
	}
	if a := doc.Call("getElementById", page.Audio); a.Truthy() {
		adopted.audio = a
	}
	if e := doc.Call("getElementById", page.Episodes); e.Truthy() {
		adopted.episodes = e
	}
	if e := doc.Call("getElementById", page.Names); e.Truthy() {
		adopted.names = e
	}
	if q := doc.Call("getElementById", page.ArchiveSearch); q.Truthy() {
		adopted.archiveQuery = q.Get("value").String()
		adopted.queryFocused = doc.Get("activeElement").Equal(q)
	}
	if q := doc.Call("getElementById", page.Search); q.Truthy() {
		adopted.query = q.Get("value").String()
		adopted.queryFocused = doc.Get("activeElement").Equal(q)
	}
	// What the listener sees: the segment in the middle of the view and where it is. Moving the list into
	// go-app's page loses the sizes content-visibility had for the segments above it, so the place is
	// kept by that segment, not by scrollY.
	adopted.scrollY = app.Window().Get("scrollY").Float()
	if l := adopted.list; l != nil {
		segs := l.Call("querySelectorAll", page.SegSel)
		for i, n := 0, segs.Length(); i < n; i++ {
			seg := segs.Index(i)
			if r := seg.Call("getBoundingClientRect"); r.Get("bottom").Float() > 0 || i == n-1 {
				adopted.anchor, adopted.anchorTop = seg, r.Get("top").Float()
				break
			}
		}
	}
	// The small script that made the prerendered page read along stands down here, before go-app
	// replaces the page's chrome: from now on every listener is the app's, and it starts from that
	// script's state (following or not, a range's end, a seek waiting for the audio's metadata).
	win := app.Window()
	if e := win.Get("tingoEarly"); e.Truthy() {
		adopted.early = e.Call("stop")
	}
	win.Set("tingoLive", true)
	doc.Get("documentElement").Get("classList").Call("add", "js", "live")
	if d := doc.Call("getElementById", page.ShowDesc); d.Truthy() {
		adopted.desc = d.Get("textContent").String()
	}
	if h := doc.Call("getElementById", page.Home); h.Truthy() {
		adopted.home = h.Call("getAttribute", "href").String()
	}
	if t := doc.Call("getElementById", page.Title); t.Truthy() {
		adopted.title = t.Get("textContent").String()
	}
}

func browserLanguages() []string {
	nav := app.Window().Get("navigator")
	langs := nav.Get("languages")
	var out []string
	for i := 0; i < langs.Length(); i++ {
		out = append(out, langs.Index(i).String())
	}
	if len(out) == 0 && nav.Get("language").Truthy() {
		out = append(out, nav.Get("language").String())
	}
	return out
}
