// Package ui holds tingo's go-app components. It runs natively (to prerender pages) and in the browser.
package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Routes registers the viewer's pages with go-app, natively and in the browser alike.
func Routes() {
	if app.IsClient {
		adoptPrerendered()
	}
	app.Route("/", &Viewer{})
}
