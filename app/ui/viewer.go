package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/transcript"
)

// Viewer is the read-along page.
type Viewer struct {
	app.Compo
}

func (v *Viewer) Render() app.UI {
	_, _, _ = transcript.Parse(nil)
	return app.Main().Text("tingo")
}
