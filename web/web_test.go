package web

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// TestFilesAreTheTree checks the app's files against the working tree: each is there, and in a release
// build (go test -tags release ./web) each embedded file has the working tree's bytes.
func TestFilesAreTheTree(t *testing.T) {
	if _, err := os.Stat("app.wasm"); err != nil {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatal("app.wasm is missing: run make wasm")
		}
		t.Skip("app.wasm is missing (make wasm)")
	}
	fsys, err := Open("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the build's copy (%d bytes, embedded %v) is not the working tree's (%v)", name, len(got), Embedded(), err)
		}
	}
	// Nothing the app needs is left out of the list: every file of web/ but the sample's audio, the
	// README's pictures and this package's source.
	fs.WalkDir(os.DirFS("."), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (p == "demo" || p == "screenshots") {
			return fs.SkipDir
		}
		if d.IsDir() || len(p) > 3 && p[len(p)-3:] == ".go" {
			return nil
		}
		for _, f := range Files {
			if f == p {
				return nil
			}
		}
		t.Errorf("web/%s is not in web.Files: a release build would not carry it", p)
		return nil
	})
}
