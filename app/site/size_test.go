package site

import (
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
	br := func(p []byte) int {
		cmd := exec.Command("brotli", "-c", "-q", "11")
		cmd.Stdin = bytes.NewReader(p)
		out, err := cmd.Output()
		if err != nil {
			return -1
		}
		return len(out)
	}
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
