//go:build release

package web

import (
	"embed"
	"io/fs"
)

const embedded = true

// The same files as Files; web_test.go checks that the two lists agree.
//
//go:embed app.wasm wasm_exec.js early.js embed.js card.js tingo.css icon.svg icon-192.png icon-512.png dict/zh.txt script/t2s.txt script/s2t.txt
var files embed.FS

func open(string) (fs.FS, error) { return check(files) }
