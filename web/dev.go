//go:build !release

package web

import (
	"io/fs"
	"os"
	"path/filepath"
)

const embedded = false

func open(root string) (fs.FS, error) {
	if root == "" {
		root = "."
	}
	r, err := os.OpenRoot(filepath.Join(root, "web"))
	if err != nil {
		return nil, ErrNoApp
	}
	return check(r.FS())
}
