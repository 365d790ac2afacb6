package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// go-app replaces the prerendered body when it mounts. The transcript list and the audio element are
// taken aside before that and moved into the live page, so the text the reader already sees is never
// rebuilt, and audio that started before the app loaded keeps playing.
var adopted struct {
	list, audio, terms app.Value
	episodes           app.Value // the library's episode list
	title, desc, home  string
	archiveQuery       string // what the listener typed in the library's search box before the app was live
}

func adoptPrerendered() {
	doc := app.Window().Get("document")
	if l := doc.Call("getElementById", "transcript"); l.Truthy() {
		adopted.list = l
	}
	if t := doc.Call("getElementById", "terms"); t.Truthy() {
		adopted.terms = t
	}
	if a := doc.Call("getElementById", "audio"); a.Truthy() {
		adopted.audio = a
	}
	if e := doc.Call("getElementById", "episodes"); e.Truthy() {
		adopted.episodes = e
	}
	if q := doc.Call("getElementById", "archive-search"); q.Truthy() {
		adopted.archiveQuery = q.Get("value").String()
	}
	if d := doc.Call("getElementById", "show-desc"); d.Truthy() {
		adopted.desc = d.Get("textContent").String()
	}
	if h := doc.Call("getElementById", "home"); h.Truthy() {
		adopted.home = h.Call("getAttribute", "href").String()
	}
	if t := doc.Call("getElementById", "title"); t.Truthy() {
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
