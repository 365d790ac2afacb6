package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestFirstVisitPage: an episode page's head holds one stylesheet and the early script before go-app's,
// lets the reader zoom, carries no empty tags, and its JSON-LD comes after the text.
func TestFirstVisitPage(t *testing.T) {
	out := t.TempDir()
	p, _ := buildTestSite(t, "First visit", out, "https://example.github.io/show/")
	page := readFile(t, filepath.Join(out, p.Episodes[0].Slug, "index.html"))
	head := page[:strings.Index(page, "</head>")]
	css, _ := os.ReadFile(filepath.Join(root, "web", "tingo.css"))
	if n := strings.Count(head, `rel="stylesheet"`); n != 0 || strings.Contains(head, "app.css") || !strings.Contains(head, "<style>"+string(css)+"</style>") {
		t.Errorf("%d stylesheets linked, app.css %v; want tingo.css inline, alone", n, strings.Contains(head, "app.css"))
	}
	if strings.Contains(head, `rel="preload"`) {
		t.Error("an episode page preloads something: nothing may compete with its text")
	}
	early, exec := strings.Index(head, `<script async fetchpriority="high" src="/show/web/early.js">`), strings.Index(head, `src="/show/wasm_exec.js"`)
	if early < 0 || exec < 0 || early > exec {
		t.Errorf("early.js at %d, wasm_exec.js at %d: the early script must be async and come first", early, exec)
	}
	if strings.Contains(head, "maximum-scale") || strings.Contains(head, "user-scalable") {
		t.Error("the viewport stops pinch zoom")
	}
	if regexp.MustCompile(`<meta content (name|property)=`).MatchString(head) {
		t.Error("empty meta tags are left")
	}
	if ld, seg := strings.Index(page, "application/ld+json"), strings.LastIndex(page, `class="seg"`); ld < seg {
		t.Errorf("JSON-LD at %d, before the last segment at %d", ld, seg)
	}
	lib := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(lib, `rel="preload"`) || !strings.Contains(lib, `fetchpriority="low"`) {
		t.Error("the library does not fetch app.wasm early at low priority")
	}
}

// TestPrecompressedFiles: every text file and app.wasm has .gz and .br forms that decode to its bytes;
// images and audio have none; go-app's loader counts app.wasm's download against its real size.
func TestPrecompressedFiles(t *testing.T) {
	out := t.TempDir()
	buildTestSite(t, "Compressed", out, "")
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") || d.Name() == ".tingo-files" {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		_, gzErr := os.Stat(p + ".gz")
		if !compressible(filepath.ToSlash(rel), len(b)) {
			if gzErr == nil {
				t.Errorf("%s: compressed, but it is not text", rel)
			}
			return nil
		}
		for _, ext := range []string{".gz", ".br"} {
			c, err := os.ReadFile(p + ext)
			if err != nil {
				if len(b) > 4096 {
					t.Errorf("%s%s: %v", rel, ext, err)
				}
				continue
			}
			var r io.Reader
			if ext == ".gz" {
				if r, err = gzip.NewReader(bytes.NewReader(c)); err != nil {
					t.Fatalf("%s.gz: %v", rel, err)
				}
			} else {
				r = brotli.NewReader(bytes.NewReader(c))
			}
			if back, err := io.ReadAll(r); err != nil || !bytes.Equal(back, b) {
				t.Errorf("%s%s does not decode to %s: %v", rel, ext, rel, err)
			}
			n++
		}
		return nil
	})
	if n < 10 {
		t.Errorf("only %d compressed forms", n)
	}
	// tingo serve SITE sends them to a browser that takes them.
	h, err := StaticHandler(out, "/show/")
	if err != nil {
		t.Fatal(err)
	}
	for accept, want := range map[string]string{"br, gzip": "br", "gzip": "gzip", "": ""} {
		req := httptest.NewRequest("GET", "/show/app.js", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		ext := map[string]string{"br": ".br", "gzip": ".gz"}[want]
		if got := rec.Header().Get("Content-Encoding"); got != want || !bytes.Equal(rec.Body.Bytes(), []byte(readFile(t, filepath.Join(out, "app.js"+ext)))) ||
			!strings.Contains(rec.Header().Get("Content-Type"), "javascript") {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, %s, want %q and app.js%s", accept, got, rec.Header().Get("Content-Type"), want, ext)
		}
	}
	wasm, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if app := readFile(t, filepath.Join(out, "app.js")); !strings.Contains(app, "const total = "+strconv.Itoa(len(wasm))+";") {
		t.Error("app.js counts the wasm's download against the Content-Length")
	}
}

// TestWasmKeptAcrossBuilds: a new episode changes the site's version but not app.wasm's name, and the
// service worker takes that file from the older cache and answers it from the cache.
func TestWasmKeptAcrossBuilds(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	buildTestSite(t, "Kept", a, "", func(p *Podcast) { p.Episodes = p.Episodes[1:] })
	buildTestSite(t, "Kept", b, "")
	wasm, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	name := WasmName(wasm)
	for _, dir := range []string{a, b} {
		if _, err := os.Stat(filepath.Join(dir, "web", name)); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
		if js := readFile(t, filepath.Join(dir, "app.js")); !strings.Contains(js, `"/show/web/`+name+`"`) {
			t.Errorf("%s: app.js does not load %s", dir, name)
		}
		worker := readFile(t, filepath.Join(dir, "app-worker.js"))
		if !strings.Contains(worker, `const immutable = "/show/web/`+name+`";`) || !strings.Contains(worker, "older(url)") {
			t.Errorf("%s: the worker does not keep %s across versions", dir, name)
		}
	}
	va, vb := readFile(t, filepath.Join(a, "app-worker.js")), readFile(t, filepath.Join(b, "app-worker.js"))
	if va == vb {
		t.Error("a new episode left the site's version as it was")
	}
}

func TestTidyHead(t *testing.T) {
	in := `<head><meta content name="author"><meta content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover" name="viewport">` +
		`<meta content name="keywords"><meta content property="og:image"><link as="style" href="/s/app.css" rel="preload" type="text/css">` +
		`<link as="style" href="/s/web/tingo.css" rel="preload" type="text/css"><link href="/s/app.css" rel="stylesheet" type="text/css">` +
		`<link href="/s/web/tingo.css" rel="stylesheet" type="text/css"><script defer src="/s/wasm_exec.js"></script></head>`
	want := `<head><meta content="width=device-width, initial-scale=1, viewport-fit=cover" name="viewport">` +
		`<style>p{color:red}</style>` + "\n" + `<script async fetchpriority="high" src="/s/web/early.js"></script><script defer src="/s/wasm_exec.js"></script></head>`
	if got := string(tidyHead([]byte(in), "/s/", "/s/web/app.x.wasm", false, []byte("p{color:red}"))); got != want {
		t.Errorf("tidyHead:\n got %s\nwant %s", got, want)
	}
	if got := string(tidyHead([]byte(in), "/s/", "/s/web/app.x.wasm", true, nil)); !strings.Contains(got, `fetchpriority="low" href="/s/web/app.x.wasm" rel="preload"`) {
		t.Errorf("no low-priority preload of the wasm: %s", got)
	}
}
