package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// serverOnly are packages app.wasm links only through go-app's server files.
var serverOnly = []string{"net/http", "crypto/tls", "crypto/x509", "text/template", "mime/multipart"}

func wasmDeps(t *testing.T, root string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append(append([]string{"list"}, args...), "-deps", "./wasm")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, out)
	}
	return strings.Fields(string(out))
}

// TestSlimLeavesOutTheServer checks that the browser build made with slim's go.mod links none of go-app's
// server packages, while still building the same program (the same tingo packages), and that it is slim's
// copy that takes them out: the project's own go.mod still brings them.
func TestSlimLeavesOutTheServer(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := run("go", root, out); err != nil {
		t.Fatal(err)
	}
	slim := wasmDeps(t, root, "-modfile", filepath.Join(out, "go.mod"))
	full := wasmDeps(t, root)
	for _, p := range serverOnly {
		if slices.Contains(slim, p) {
			t.Errorf("the slim browser build still links %s", p)
		}
		if !slices.Contains(full, p) {
			t.Logf("go-app's own build no longer links %s: slim may no longer be needed for it", p)
		}
	}
	ours := func(deps []string) (l []string) {
		for _, d := range deps {
			if strings.HasPrefix(d, "tingo/") {
				l = append(l, d)
			}
		}
		return l
	}
	if a, b := ours(slim), ours(full); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("tingo packages differ: slim %v, full %v", a, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "go-app/pkg/app/http.go"))
	if err != nil || !strings.HasPrefix(string(b), "//go:build !wasm\n") {
		t.Errorf("http.go is not constrained to the server: %q, %v", string(b[:min(len(b), 40)]), err)
	}
}

// TestConstrainRefusesAnUnexpectedFile checks slim stops rather than write a file it does not understand.
func TestConstrainRefusesAnUnexpectedFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"tagged.go":  "//go:build !js\n\npackage app\n",
		"comment.go": "// Copyright\npackage app\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if err := constrain(p); err == nil || !strings.Contains(err.Error(), "slim needs updating") {
			t.Errorf("%s: err = %v, want one saying slim needs updating", name, err)
		}
	}
	if err := constrain(filepath.Join(dir, "missing.go")); err == nil || !strings.Contains(err.Error(), "not in this go-app") {
		t.Errorf("missing file: err = %v", err)
	}
	p := filepath.Join(dir, "ok.go")
	os.WriteFile(p, []byte("package app\n"), 0o644)
	if err := constrain(p); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "//go:build !wasm\n\npackage app\n" {
		t.Errorf("constrained file = %q", b)
	}
}
