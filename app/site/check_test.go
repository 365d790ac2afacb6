package site

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckPodcastMisconfigured checks a feed whose host gets each thing wrong, and one item it gets
// right: every problem is named once, at its URL, and the right item draws none.
func TestCheckPodcastMisconfigured(t *testing.T) {
	mux := http.NewServeMux()
	var ts *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title>
<item><title>No CORS, no ranges</title><enclosure url="/a.mp3" type="audio/mpeg" length="1"/><podcast:transcript url="/t1.vtt" type="text/vtt"/></item>
<item><title>Missing</title><guid>g2</guid><podcast:transcript url="/t2.srt"/></item>
<item><title>Broken</title><guid>g3</guid><enclosure url="/gone.mp3" type="audio/mpeg" length="1"/><podcast:transcript url="/t3.txt" type="text/plain"/><podcast:chapters url="/c.json" type="application/json+chapters"/></item>
<item><title>Right</title><guid>g4</guid><enclosure url="/good.mp3" type="audio/mpeg" length="1"/><podcast:transcript url="/good.vtt" type="text/vtt" language="en"/><podcast:chapters url="/good.json" type="application/json+chapters"/></item>
</channel></rss>`)
	})
	vtt := "WEBVTT\n\n00:00.000 --> 00:05.000\nhello\n"
	mux.HandleFunc("/t1.vtt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, vtt) })
	mux.HandleFunc("/t3.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, "just words, no times")
	})
	mux.HandleFunc("/c.json", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"version": "1.2.0"`) })
	mux.HandleFunc("/a.mp3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		io.WriteString(w, "ID3 all of it, no ranges")
	})
	mux.HandleFunc("/good.mp3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg")
		http.ServeContent(w, r, "good.mp3", time.Time{}, strings.NewReader("ID3 audio with ranges"))
	})
	mux.HandleFunc("/good.vtt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, vtt)
	})
	mux.HandleFunc("/good.json", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}`)
	})
	ts = httptest.NewServer(mux)
	defer ts.Close()
	u := ts.URL
	got := map[string]bool{}
	for _, p := range CheckPodcast(context.Background(), u+"/feed.xml", LoadOptions{AllowPrivate: true}) {
		got[p.String()] = true
	}
	want := []struct {
		isErr       bool
		where, what string
	}{
		{false, u + "/feed.xml", "no <language>"},
		{false, `item 1 ("No CORS, no ranges")`, "no <guid>"},
		{false, u + "/t1.vtt", "no Access-Control-Allow-Origin"},
		{false, u + "/a.mp3", "no range requests"},
		{false, u + "/a.mp3", `audio served as "application/octet-stream"`},
		{true, `item 2 ("Missing")`, "no <enclosure>"},
		{false, `item 2 ("Missing")`, "has no type"},
		{true, u + "/t2.srt", "transcript cannot be fetched: 404"},
		{true, u + "/t3.txt", "transcript does not parse"},
		{true, u + "/gone.mp3", "audio cannot be fetched: 404"},
		{true, u + "/c.json", "not a Podcasting 2.0 chapters file"},
	}
	for _, w := range want {
		found := false
		for line := range got {
			if strings.HasPrefix(line, map[bool]string{true: "error: ", false: "warning: "}[w.isErr]) && strings.Contains(line, w.where) && strings.Contains(line, w.what) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %v line at %s saying %q in\n%s", map[bool]string{true: "error", false: "warning"}[w.isErr], w.where, w.what, strings.Join(keys(got), "\n"))
		}
	}
	for line := range got {
		if strings.Contains(line, "good") || strings.Contains(line, `"Right"`) {
			t.Errorf("a well-configured item draws %q", line)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCheckSiteHost checks a built site's host: .wasm served as octet-stream is an error, uncompressed
// text a warning; served right (types and gzip), nothing is said.
func TestCheckSiteHost(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"index.html": "<!doctype html><title>x</title>", "web/app.wasm": "\x00asm",
		"manifest.webmanifest": "{}", "search/index.json": `{"shardDir": "s-1"}`, "search/s-1/0.bin": "x", "app.js": "1"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") || strings.HasSuffix(r.URL.Path, ".webmanifest") {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	defer bad.Close()
	var lines []string
	errs := 0
	for _, p := range CheckPodcast(context.Background(), bad.URL+"/", LoadOptions{AllowPrivate: true}) {
		lines = append(lines, p.String())
		if p.Error {
			errs++
		}
	}
	all := strings.Join(lines, "\n")
	if errs != 1 || !strings.Contains(all, "error: "+bad.URL+"/web/app.wasm: served as \"application/octet-stream\"") ||
		!strings.Contains(all, "warning: "+bad.URL+"/manifest.webmanifest: served as") || !strings.Contains(all, "not compressed") {
		t.Errorf("misconfigured host:\n%s", all)
	}
	files, _ := StaticHandler(dir, "/")
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, ".bin") && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			defer gz.Close()
			files.ServeHTTP(gzipWriter{w, gz}, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer good.Close()
	if p := CheckPodcast(context.Background(), good.URL+"/", LoadOptions{AllowPrivate: true}); len(p) != 0 {
		t.Errorf("a well-configured host draws %v", p)
	}
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }
func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
