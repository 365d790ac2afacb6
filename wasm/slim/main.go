// Command slim writes the go.mod the browser build uses: the project's own, with go-app v9 replaced by a
// copy whose js/wasm build leaves out its server. go-app's http.go (Handler) and resource.go import
// net/http and text/template; linked into app.wasm they bring crypto/tls, crypto/x509, math/big and every
// exported method text/template's reflection keeps alive: 1.7 MB of the 9.1 MB binary, 370 KB of its
// brotli, none of it ever run in a browser (the native tingo serves pages with the unmodified go-app).
//
//	go run ./wasm/slim -o .cache/wasm
//	GOOS=js GOARCH=wasm go build -modfile .cache/wasm/go.mod ./wasm
//
// The copy is go-app's own files (pkg/app, pkg/errors, pkg/logs; tests left out) with a build constraint
// `!wasm` put before http.go and resource.go, and http_wasm.go declaring what the browser side still names.
// It stops with an error when go-app's files are not the shape it expects, rather than build something else.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const goApp = "github.com/maxence-charriere/go-app/v9"

// serverFiles are the go-app files only the server needs.
var serverFiles = []string{"pkg/app/http.go", "pkg/app/resource.go"}

// wasmFile declares, for the browser build, what go-app's other files take from the server files.
const wasmFile = `//go:build wasm

// Written by tingo's wasm/slim: http.go and resource.go (the server, net/http) are left out of the
// browser build; this declares what the rest of the package names from them.

package app

import "strings"

// Handler is the server's; the browser build only names it (GenerateStaticWebsite's argument).
type Handler struct{}

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
`

func main() {
	out := flag.String("o", ".cache/wasm", "folder to write go.mod, go.sum and the go-app copy into")
	goCmd := flag.String("go", "go", "the go command")
	flag.Parse()
	if err := run(*goCmd, ".", *out); err != nil {
		fmt.Fprintln(os.Stderr, "slim:", err)
		os.Exit(1)
	}
}

// run writes into out the go.mod and go.sum of the project at root, go-app replaced by the copy.
func run(goCmd, root, out string) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	src, err := moduleDir(goCmd, root)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, "go-app")
	if err := os.RemoveAll(dst); err != nil {
		return fmt.Errorf("clear %s: %w", dst, err)
	}
	if err := copyModule(src, dst); err != nil {
		return err
	}
	for _, f := range serverFiles {
		if err := constrain(filepath.Join(dst, f)); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dst, "pkg/app/http_wasm.go"), []byte(wasmFile), 0o644); err != nil {
		return fmt.Errorf("write http_wasm.go: %w", err)
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return fmt.Errorf("read the project's go.mod : %w", err)
	}
	if bytes.Contains(mod, []byte("\nreplace "+goApp)) {
		return errors.New("go.mod already replaces go-app: slim would hide that replacement")
	}
	mod = append(mod, fmt.Sprintf("\n// written by wasm/slim: go-app without its server, for the browser build\nreplace %s => %s\n", goApp, dst)...)
	if err := os.WriteFile(filepath.Join(out, "go.mod"), mod, 0o644); err != nil {
		return fmt.Errorf("write go.mod: %w", err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return fmt.Errorf("read go.sum: %w", err)
	}
	return os.WriteFile(filepath.Join(out, "go.sum"), sum, 0o644)
}

// moduleDir downloads go-app at the version go.mod requires (a no-op when it is in the module cache) and
// says where it is.
func moduleDir(goCmd, root string) (string, error) {
	cmd := exec.Command(goCmd, "mod", "download", "-json", goApp)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w: %s", goApp, err, strings.TrimSpace(stderr.String()))
	}
	var m struct{ Dir, Version, Error string }
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", goApp, err)
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no folder: %s", goApp, m.Error)
	}
	return m.Dir, nil
}

// copyModule copies go.mod, LICENSE and the packages app.wasm links, without their tests.
func copyModule(src, dst string) error {
	for _, f := range []string{"go.mod", "LICENSE"} {
		if err := copyFile(filepath.Join(src, f), filepath.Join(dst, f)); err != nil {
			return err
		}
	}
	for _, pkg := range []string{"pkg/app", "pkg/errors", "pkg/logs"} {
		ents, err := os.ReadDir(filepath.Join(src, pkg))
		if err != nil {
			return fmt.Errorf("read %s: %w", pkg, err)
		}
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			if err := copyFile(filepath.Join(src, pkg, n), filepath.Join(dst, pkg, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	return nil
}

// constrain puts `//go:build !wasm` before a file that starts with its package clause (go-app's do).
func constrain(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: not in this go-app: slim needs updating for it", filepath.Base(path))
		}
		return err
	}
	if !bytes.HasPrefix(b, []byte("package app\n")) {
		return fmt.Errorf("%s: does not start with its package clause: slim needs updating for this go-app", filepath.Base(path))
	}
	return os.WriteFile(path, append([]byte("//go:build !wasm\n\n"), b...), 0o644)
}
