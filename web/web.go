// Package web is the app's own files as the native command serves and publishes them: app.wasm,
// wasm_exec.js, the styles, the icons and the word list.
//
// A release build (`make install`, build tag release) carries them inside the binary, so `tingo build`
// and `tingo serve` work from any folder with nothing beside them. A developer's build reads them from
// the working tree's web/ instead, so a fresh `make wasm` is seen at once. Both list the same files:
// Files names them, the release build embeds exactly those, and a test (go test -tags release ./web)
// checks the embedded bytes against the working tree's, so the two cannot drift.
package web

import (
	"errors"
	"io/fs"
)

// Files are the app's files, as paths inside web/; dict/ holds the word list.
var Files = []string{"app.wasm", "wasm_exec.js", "early.js", "embed.js", "card.js", "tingo.css", "icon.svg", "icon-192.png", "icon-512.png", "dict/zh.txt", "script/t2s.txt", "script/s2t.txt"}

// ErrNoApp says app.wasm is not there: a developer's tree before `make wasm`.
var ErrNoApp = errors.New("web/app.wasm is missing: run 'make wasm' first (or 'make install' for a tingo that carries it)")

// Open gives the app's files: the embedded ones in a release build, else root's web/ folder (through an
// os.Root, so no link leads out of it).
func Open(root string) (fs.FS, error) {
	return open(root)
}

// Embedded reports whether this build carries its files.
func Embedded() bool { return embedded }

func check(fsys fs.FS) (fs.FS, error) {
	if _, err := fs.Stat(fsys, "app.wasm"); err != nil {
		return nil, ErrNoApp
	}
	return fsys, nil
}
