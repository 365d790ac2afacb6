package site

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	nethtml "golang.org/x/net/html"

	"tingo/app/transcript"
)

// Regression tests for the adversarial review (issue "Hardening"): each failed before its fix.

// rawGet sends path exactly as written (curl --path-as-is) and returns the status and body.
func rawGet(t *testing.T, addr, path, host string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// fakeRoot is a project root with web/ holding stand-ins for the app and a link out of the folder.
func fakeRoot(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	os.MkdirAll(filepath.Join(web, "demo"), 0o755)
	for _, f := range []string{"app.wasm", "wasm_exec.js", "tingo.css", "demo/x.mp3"} {
		os.WriteFile(filepath.Join(web, f), []byte("stand-in "+f), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module tingo\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core] secret\n"), 0o644)
	os.Symlink(filepath.Join(dir, "go.mod"), filepath.Join(web, "leak.txt"))
	tr := filepath.Join(dir, "t.txt")
	os.WriteFile(tr, []byte("(00:00~00:05) hello\n"), 0o644)
	return dir
}

func TestServeOnlyTheSiteFiles(t *testing.T) {
	dir := fakeRoot(t)
	srv, err := NewServer(Options{Root: dir, Transcript: filepath.Join(dir, "t.txt"), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, p := range []string{"/web/%2e%2e/go.mod", "/web/..%2fgo.mod", "/web/..%2f.git/config", "/web/%2e%2e/", "/web/",
		"/web/demo/", "/web/leak.txt", "/web/../go.mod", "/web/%2e%2e%2f%2e%2e/etc/passwd", "/web/x%00.css"} {
		code, body := rawGet(t, addr, p, addr)
		if code == http.StatusOK || strings.Contains(body, "module tingo") || strings.Contains(body, "secret") || strings.Contains(body, "app.wasm") {
			t.Errorf("GET %s = %d %q, want no file and no listing", p, code, clipText(body, 80))
		}
	}
	if code, body := rawGet(t, addr, "/web/tingo.css", addr); code != http.StatusOK || body != "stand-in tingo.css" {
		t.Errorf("GET /web/tingo.css = %d %q", code, body)
	}
	if code, _ := rawGet(t, addr, "/nope", addr); code != http.StatusNotFound {
		t.Errorf("GET /nope = %d, want 404", code)
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(m, ts.URL+"/", strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s / = %d, want 405", m, resp.StatusCode)
		}
	}
}

func TestStaticHandlerOnlyTheSiteFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "site", "ep"), 0o755)
	os.WriteFile(filepath.Join(dir, "site", "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(dir, "site", "ep", "index.html"), []byte("episode"), 0o644)
	os.WriteFile(filepath.Join(dir, "secret"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(dir, "secret"), filepath.Join(dir, "site", "link"))
	os.MkdirAll(filepath.Join(dir, "site", "nolist"), 0o755)
	h, err := StaticHandler(filepath.Join(dir, "site"), "/")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	for p, want := range map[string]int{"/": 200, "/ep/": 200, "/link": 404, "/%2e%2e/secret": 404, "/nolist/": 404, "/missing": 404} {
		if code, body := rawGet(t, addr, p, addr); code != want || strings.Contains(body, "secret") {
			t.Errorf("GET %s = %d %q, want %d", p, code, clipText(body, 40), want)
		}
	}
}

func TestServeChecksTheHost(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	go Serve(ln, ok, ServeOptions{Hosts: []string{"pod.local"}})
	defer ln.Close()
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{addr: 200, "localhost:" + port: 200, "[::1]:" + port: 200, "pod.local:" + port: 200,
		"attacker.example:" + port: http.StatusMisdirectedRequest, "attacker.example": http.StatusMisdirectedRequest} {
		if code, _ := rawGet(t, addr, "/", host); code != want {
			t.Errorf("Host %s = %d, want %d", host, code, want)
		}
	}
}

func TestServeBoundsConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var served atomic.Int32
	go Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { served.Add(1) }), ServeOptions{MaxConns: 2})
	defer ln.Close()
	// Two half-sent requests hold both places; a third connection is accepted only when one goes.
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
		held = append(held, c)
	}
	time.Sleep(100 * time.Millisecond)
	client := &http.Client{Timeout: 300 * time.Millisecond}
	if _, err := client.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("a third connection was served while two were held")
	}
	held[0].Close()
	client.Timeout = 5 * time.Second
	if resp, err := client.Get("http://" + ln.Addr().String() + "/"); err != nil {
		t.Errorf("after one closed: %v", err)
	} else {
		resp.Body.Close()
	}
	held[1].Close()
}

func TestServeAudioAtAFixedRoute(t *testing.T) {
	dir := fakeRoot(t)
	for _, name := range []string{"Episode {1}.mp3", "a#b?c%d.mp3", "GET x.mp3"} {
		audio := filepath.Join(dir, name)
		os.WriteFile(audio, []byte("ID3 audio"), 0o644)
		srv, err := NewServer(Options{Root: dir, Transcript: filepath.Join(dir, "t.txt"), Audio: audio, Version: "test"})
		if err != nil {
			t.Fatalf("NewServer(audio %q) = %v", name, err)
		}
		if srv.Episode.Audio != "/media/audio.mp3" {
			t.Errorf("audio %q at %q, want /media/audio.mp3", name, srv.Episode.Audio)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/media/audio.mp3", nil))
		if rec.Code != 200 || rec.Body.String() != "ID3 audio" {
			t.Errorf("GET /media/audio.mp3 for %q = %d", name, rec.Code)
		}
	}
}

func TestServePageIsRenderedOnce(t *testing.T) {
	var n atomic.Int32
	c := &pageCache{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("ETag", "v1")
		io.WriteString(w, "page")
	})}
	for range 5 {
		rec := httptest.NewRecorder()
		c.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Body.String() != "page" {
			t.Fatalf("cached page = %q", rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("If-None-Match", "v1")
	c.ServeHTTP(rec, req)
	if n.Load() != 1 || rec.Code != http.StatusNotModified {
		t.Errorf("rendered %d times, revalidation %d; want 1 and 304", n.Load(), rec.Code)
	}
}

// hostilePodcast is a folder whose every string tries to become markup or an attribute.
func hostilePodcast(lang string) fstest.MapFS {
	q := `x" onanimationstart="window.pwned=1" style="animation:a 1s" y="`
	m := map[string]any{"title": "Show " + q, "description": "Desc " + q + " \\ \" \n", "language": lang,
		"episodes": []map[string]string{{"transcript": "t.txt", "title": "Ep " + q + strings.Repeat("Long", 80), "description": q}}}
	b, _ := json.Marshal(m)
	return fstest.MapFS{"podcast.json": {Data: b}, "t.txt": {Data: []byte("(00:00~00:05) hello " + q + "\n")}}
}

func TestBuildNoAttributeFromTheFeed(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		t.Skip("web/app.wasm is missing (make wasm)")
	}
	for _, lang := range []string{`en" onanimationstart="window.pwned=1" style="animation:a 1s`, "zh-Hant"} {
		p, err := LoadFolder(hostilePodcast(lang), "in")
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		rep, err := Build(p, BuildOptions{Root: root, Out: out, NoTerms: true})
		if err != nil {
			t.Fatal(err)
		}
		filepath.WalkDir(out, func(name string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, name)
			if len(filepath.Base(name)) > 100 {
				t.Errorf("file name %d bytes long: %s", len(filepath.Base(name)), rel)
			}
			b, _ := os.ReadFile(name)
			switch filepath.Ext(name) {
			case ".html":
				checkAttributes(t, rel, string(b))
			case ".webmanifest":
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Errorf("%s is not JSON: %v", rel, err)
				}
			}
			return nil
		})
		if lang != "zh-Hant" && !strings.Contains(strings.Join(rep.Warnings, "\n"), "not a BCP 47 tag") {
			t.Errorf("no warning for language %q: %v", lang, rep.Warnings)
		}
	}
}

// checkAttributes fails on any attribute a page did not mean to write: event handlers, styles, and a
// lang that is not a language tag.
func checkAttributes(t *testing.T, name, page string) {
	t.Helper()
	z := nethtml.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return
		}
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" && strings.Contains(a.Val, "animation") || a.Key == "y" || a.Key == "lang" && strings.ContainsAny(a.Val, `" =`) {
				t.Errorf("%s: <%s %s=%q>: an attribute from the feed", name, tok.Data, a.Key, a.Val)
			}
		}
	}
}

func TestLocalReadsStayInTheFolder(t *testing.T) {
	dir := t.TempDir()
	show := filepath.Join(dir, "show")
	os.MkdirAll(show, 0o755)
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("(00:00~00:05) the secret\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "key.mp3"), []byte("PRIVATE KEY"), 0o644)
	os.WriteFile(filepath.Join(show, "t.txt"), []byte("(00:00~00:05) hello\n"), 0o644)
	os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(show, "linked.txt"))
	os.Symlink(filepath.Join(dir, "key.mp3"), filepath.Join(show, "linked.mp3"))
	feed := func(tr string) string {
		return `<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>S</title><item><title>E</title>` +
			`<podcast:transcript url="` + tr + `" type="text/plain"/></item></channel></rss>`
	}
	for _, tr := range []string{"../secret.txt", "../../secret.txt", "linked.txt", "/etc/passwd"} {
		os.WriteFile(filepath.Join(show, "feed.xml"), []byte(feed(tr)), 0o644)
		if _, err := Load(context.Background(), filepath.Join(show, "feed.xml"), LoadOptions{}); err == nil {
			t.Errorf("feed transcript %q was read", tr)
		} else if !errors.Is(err, ErrLeavesFolder) && tr != "/etc/passwd" {
			t.Errorf("feed transcript %q: %v, want ErrLeavesFolder", tr, err)
		}
	}
	os.Remove(filepath.Join(show, "feed.xml"))
	for _, c := range []struct{ transcript, audio string }{{"../secret.txt", ""}, {"linked.txt", ""}, {"t.txt", "linked.mp3"}, {"t.txt", "../key.mp3"}} {
		m := fmt.Sprintf(`{"title":"S","episodes":[{"transcript":%q,"audio":%q}]}`, c.transcript, c.audio)
		os.WriteFile(filepath.Join(show, "podcast.json"), []byte(m), 0o644)
		_, err := Load(context.Background(), show, LoadOptions{})
		if !errors.Is(err, ErrLeavesFolder) || !strings.Contains(err.Error(), "path leaves the podcast folder") {
			t.Errorf("podcast.json %s: %v, want %q", m, err, ErrLeavesFolder)
		}
	}
}

func TestFetchRefusesPrivateAddresses(t *testing.T) {
	for s, want := range map[string]bool{"8.8.8.8": true, "2606:4700::1111": true, "127.0.0.1": false, "10.1.2.3": false,
		"169.254.169.254": false, "192.168.0.1": false, "172.16.0.1": false, "100.64.0.1": false, "0.0.0.0": false,
		"::1": false, "fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false, "::ffff:169.254.169.254": false, "224.0.0.1": false} {
		if got := isPublic(netip.MustParseAddr(s)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", s, got, want)
		}
	}
	var hits atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
			return
		}
		io.WriteString(w, "(00:00~00:05) private\n")
	}))
	defer ts.Close()
	if _, err := LoadFeed(context.Background(), ts.URL+"/feed.xml", LoadOptions{}); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("LoadFeed(loopback) = %v, want ErrPrivateAddress", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server was reached %d times", hits.Load())
	}
	// Allowed, the first hop goes through; its redirect to the metadata address is refused at dial time
	// all the same when not allowed (the same dialer serves every hop).
	client := LoadOptions{}.client()
	req, _ := http.NewRequest("GET", "http://169.254.169.254/latest/meta-data/", nil)
	if _, err := client.Do(req); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("GET 169.254.169.254 = %v, want ErrPrivateAddress", err)
	}
}

func TestFetchCapsAndBounds(t *testing.T) {
	endless := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<item>", 1000))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer endless.Close()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := get(context.Background(), endless.Client(), endless.URL+"/feed.xml", 1<<20, "feed")
	if err == nil || !strings.Contains(err.Error(), endless.URL+"/feed.xml") || !strings.Contains(err.Error(), "over the 1 MiB") {
		t.Errorf("endless feed: %v, want an error naming the URL and the cap", err)
	}
	// An item's files come four at a time: N slow hosts do not take N times as long.
	var inflight, most atomic.Int32
	var mu sync.Mutex
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			var items strings.Builder
			for i := range 8 {
				fmt.Fprintf(&items, `<item><title>E%d</title><podcast:transcript url="/t%d.txt" type="text/plain"/></item>`, i, i)
			}
			fmt.Fprintf(w, `<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>S</title>%s</channel></rss>`, items.String())
			return
		}
		n := inflight.Add(1)
		mu.Lock()
		if n > most.Load() {
			most.Store(n)
		}
		mu.Unlock()
		time.Sleep(150 * time.Millisecond)
		inflight.Add(-1)
		io.WriteString(w, "(00:00~00:05) slow\n")
	}))
	defer slow.Close()
	p, err := LoadFeed(context.Background(), slow.URL+"/feed.xml", LoadOptions{AllowPrivate: true})
	if err != nil || len(p.Episodes) != 8 {
		t.Fatalf("LoadFeed(8 items) = %v", err)
	}
	if m := most.Load(); m < 2 || m > fetchParallel {
		t.Errorf("%d fetches at once, want 2 to %d", m, fetchParallel)
	}
	// A transcript over its cap fails loudly, naming the file.
	big := strings.Repeat("(00:00~00:05) words\n", 100)
	if _, _, err := transcript.ParseWith(strings.NewReader(big), transcript.Options{MaxSize: 100}); !errors.Is(err, transcript.ErrTooLarge) {
		t.Errorf("transcript over its cap: %v", err)
	}
}

func TestSlugsBoundedAndGiven(t *testing.T) {
	if s := slugify(strings.Repeat("Supercalifragilistic", 15) + " and more"); len(s) > maxSlug {
		t.Errorf("slugify(300 letters) = %d bytes, want ≤ %d", len(s), maxSlug)
	}
	fsys := fstest.MapFS{"t.txt": {Data: []byte("(00:00~00:05) hi\n")}, "podcast.json": {Data: []byte(
		`{"title":"S","episodes":[{"transcript":"t.txt","slug":"my-first","date":"2024-05-01"},{"transcript":"t.txt","title":"Second","date":"2024-05-02"}]}`)}}
	p, err := LoadFolder(fsys, "in")
	if err != nil {
		t.Fatal(err)
	}
	slugs := map[string]bool{}
	for _, e := range p.Episodes {
		slugs[e.Slug] = true
	}
	if !slugs["my-first"] || !slugs["2024-05-02-second"] {
		t.Errorf("slugs = %v, want my-first as given and 2024-05-02-second", slugs)
	}
	// The site's own folders are no episode's: names/ holds the name pages, and SLUG/embed/ an embed.
	fsys["podcast.json"] = &fstest.MapFile{Data: []byte(`{"title":"S","episodes":[{"transcript":"t.txt","slug":"names"},{"transcript":"t.txt","slug":"embed"},{"transcript":"t.txt","slug":"media"}]}`)}
	if p, err = LoadFolder(fsys, "in"); err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Episodes {
		if e.Slug == "names" || e.Slug == "embed" || e.Slug == "media" {
			t.Errorf("an episode took the site's own folder %s/", e.Slug)
		}
	}
}

func TestWorkerCachesScopedToTheSite(t *testing.T) {
	a, b := workerTemplate("/a/", "app.1.wasm"), workerTemplate("/b/", "app.1.wasm")
	if !strings.Contains(a, `const cachePrefix = "tingo-/a/-";`) || !strings.Contains(b, `"tingo-/b/-"`) {
		t.Fatalf("worker cache names are not scoped to the base")
	}
	if !strings.Contains(a, "k.startsWith(cachePrefix) && k !== cacheName") || strings.Contains(a, `startsWith("tingo-")`) {
		t.Error("the worker deletes caches beyond its own site's")
	}
}

func TestPlainTextShowNotes(t *testing.T) {
	for in, want := range map[string]string{
		"if a < b then c":                                 "if a < b then c",
		"<p>Show <b>notes</b> &amp; links</p>":            "Show notes & links",
		"<p>keep</p><script>alert(1)</script><p>this</p>": "keep this",
		"<style>p{color:red}</style>words":                "words",
		"line<br>break":                                   "line break",
	} {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAudioWarningNamesTheItem(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		t.Skip("web/app.wasm is missing (make wasm)")
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			io.WriteString(w, `<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>S</title>`+
				`<item><title>The Item</title><enclosure url="ftp://x/a.mp3" type="audio/mpeg" length="1"/><podcast:transcript url="/t.txt" type="text/plain"/></item></channel></rss>`)
			return
		}
		io.WriteString(w, "(00:00~00:05) hi\n")
	}))
	defer ts.Close()
	p, err := LoadFeed(context.Background(), ts.URL+"/feed.xml", LoadOptions{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(p, BuildOptions{Root: root, Out: t.TempDir(), NoTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(rep.Warnings, "\n")
	if !strings.Contains(w, `item 1 ("The Item")`) || !strings.Contains(w, "ftp://x/a.mp3") {
		t.Errorf("audio warning = %q, want it to name the item", w)
	}
}
