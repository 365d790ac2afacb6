package site

import (
	"github.com/andybalholm/brotli"

	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkSize reports app.wasm raw, gzip and brotli (brotli -q 11, when the brotli command is there),
// and every byte a listener's first visit downloads for the sample episode, compressed as a host would:
// the page, app.js, wasm_exec.js, early.js, the styles, the icon, the manifest and app.wasm (audio aside).
func BenchmarkSize(b *testing.B) {
	srv := sampleServerB(b)
	var files [][]byte
	for _, p := range []string{"/", "/app.js", "/wasm_exec.js", "/web/early.js", "/web/tingo.css", "/web/icon.svg", "/manifest.webmanifest", "/web/app.wasm"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", p, rec.Code)
		}
		files = append(files, rec.Body.Bytes())
	}
	wasm := files[len(files)-1]
	gz := func(p []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(p)
		w.Close()
		return buf.Len()
	}
	br := brotliSize
	var raw, gzTotal, brTotal, wasmGz, wasmBr int
	for range b.N {
		raw, gzTotal, brTotal = 0, 0, 0
		for i, f := range files {
			g, r := gz(f), br(f)
			raw += len(f)
			gzTotal += g
			if r >= 0 && brTotal >= 0 {
				brTotal += r
			} else {
				brTotal = -1
			}
			if i == len(files)-1 {
				wasmGz, wasmBr = g, r
			}
		}
	}
	b.ReportMetric(float64(len(wasm))/1e6, "wasm-raw-MB")
	b.ReportMetric(float64(wasmGz)/1e6, "wasm-gzip-MB")
	b.ReportMetric(float64(raw)/1e3, "first-visit-raw-KB")
	b.ReportMetric(float64(gzTotal)/1e3, "first-visit-gzip-KB")
	if wasmBr > 0 && brTotal > 0 {
		b.ReportMetric(float64(wasmBr)/1e6, "wasm-brotli-MB")
		b.ReportMetric(float64(brTotal)/1e3, "first-visit-brotli-KB")
	}
}

// brotliSize is p's size at brotli -q 11: with the brotli command when it is there, else with the
// library the build compresses with (the same format and level, sizes within a few hundred bytes).
func brotliSize(p []byte) int {
	cmd := exec.Command("brotli", "-c", "-q", "11")
	cmd.Stdin = bytes.NewReader(p)
	if out, err := cmd.Output(); err == nil {
		return len(out)
	}
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(p)
	w.Close()
	return buf.Len()
}

// WasmBudget is what app.wasm may weigh brotli-compressed: every listener downloads it.
const WasmBudget = 1_800_000

// TestWasmBudget holds app.wasm to its budget: the size of the app.wasm.br a build writes (brotli's best
// level), which static hosts serve.
func TestWasmBudget(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatal("web/app.wasm is missing: run make wasm")
		}
		t.Skip("web/app.wasm is missing (make wasm)")
	}
	n := len(wasmForms(b, nil).wait()[".br"]) // the form a build writes beside app.wasm (made once per process)
	t.Logf("app.wasm: %d bytes, %d brotli (budget %d)", len(b), n, WasmBudget)
	if n > WasmBudget {
		t.Errorf("app.wasm is %d bytes brotli, over its budget of %d", n, WasmBudget)
	}
}

func sampleServerB(b *testing.B) *Server {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		b.Skip("web/app.wasm is missing (make wasm)")
	}
	srv, err := NewServer(Options{Root: root, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return srv
}
