// Package ui holds tingo's go-app components. It runs natively (to prerender pages) and in the browser.
package ui

import (
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers tingo's pages with go-app, natively and in the browser alike, once: "/" is a
// podcast's library when a site was built (or the single episode `tingo serve` shows), and every other
// path is an episode page.
func Routes() { routesOnce.Do(routes) }

var routesOnce sync.Once

func routes() {
	if app.IsClient {
		adoptPrerendered()
		fullPageLinks()
	}
	app.Route("/", &Home{})
	app.RouteWithRegexp(`^/[^/]+(/embed)?/?$`, &Viewer{}) // an episode, and its embed page
}

// Site is what natively prerendered pages show: the podcast's library (nil when there is none: a single
// episode at "/") and the episode at each path.
type Site struct {
	Show    *Show
	Episode func(path string) *Episode
}

// go-app has one router for the process, so the pages of two builds running at once meet in the same
// components. Each build (or server) prerenders for a host of its own, and its pages find their Site by
// the host they are rendered for.
var (
	sitesMu sync.Mutex
	sites   = map[string]*Site{}
)

// Register makes site what pages prerendered for host show, until the returned function is called.
func Register(host string, site *Site) (unregister func()) {
	sitesMu.Lock()
	defer sitesMu.Unlock()
	sites[host] = site
	return func() {
		sitesMu.Lock()
		defer sitesMu.Unlock()
		if sites[host] == site {
			delete(sites, host)
		}
	}
}

// siteOf is the Site the page being prerendered belongs to; nil in the browser.
func siteOf(ctx app.Context) *Site {
	sitesMu.Lock()
	defer sitesMu.Unlock()
	return sites[ctx.Page().URL().Host]
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
type Home struct {
	app.Compo
	library bool
}

func (h *Home) OnPreRender(ctx app.Context) {
	if s := siteOf(ctx); s != nil && s.Show != nil {
		h.library = true
		ctx.Dispatch(func(app.Context) {})
	}
}

func (h *Home) Render() app.UI {
	if h.library || (app.IsClient && adopted.episodes != nil) {
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
