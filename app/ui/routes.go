// Package ui holds tingo's go-app components. It runs natively (to prerender pages) and in the browser.
package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers tingo's pages with go-app, natively and in the browser alike: "/" is a podcast's
// library when a site was built (or the single episode `tingo serve` shows), and every other path is an
// episode page.
func Routes() {
	if app.IsClient {
		adoptPrerendered()
		fullPageLinks()
	}
	app.Route("/", &Home{})
	app.RouteWithRegexp(`^/[^/]+(/embed)?/?$`, &Viewer{}) // an episode, and its embed page
}

// EmbedOf says whether a page's path is an episode's embed page (SLUG/embed/, or /embed/ beside a single
// episode at /), and gives the episode's own path.
func EmbedOf(path string) (string, bool) {
	if p, ok := strings.CutSuffix(path, "/embed/"); ok {
		return p + "/", true
	}
	if p, ok := strings.CutSuffix(path, "/embed"); ok {
		return p + "/", true
	}
	return path, false
}

// Home is the site's root: the library when there is one, else the viewer.
type Home struct{ app.Compo }

func (h *Home) Render() app.UI {
	if (app.IsServer && show != nil) || (app.IsClient && adopted.episodes != nil) {
		return &Library{}
	}
	return &Viewer{}
}

// fullPageLinks makes links to other pages load them whole. go-app would otherwise route them inside the
// running app, and an episode's page is its prerendered HTML, which only a real load brings. Links within
// the page (#t=…) stay with go-app and the player.
func fullPageLinks() {
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "click", app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		a := e.Get("target")
		if a.Truthy() && a.Get("closest").Truthy() {
			a = a.Call("closest", "a[href]")
		}
		if !a.Truthy() {
			return nil
		}
		loc := app.Window().Get("location")
		if a.Get("pathname").String() != loc.Get("pathname").String() || a.Get("origin").String() != loc.Get("origin").String() {
			e.Call("stopPropagation") // the browser follows the link itself
		}
		return nil
	}))
}
