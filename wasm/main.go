// Command wasm is tingo's browser entry: the same routes the native command prerenders.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui"
)

func main() {
	ui.Routes()
	app.RunWhenOnBrowser()
}
