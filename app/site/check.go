package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/mmcdole/gofeed"

	"tingo/app/transcript"
)

// Problem is one finding of CheckPodcast: an error breaks the site for listeners or the build, a
// warning makes something worse.
type Problem struct {
	Error bool
	Where string // a URL, a file, or a feed item
	What  string
}

func (p Problem) String() string {
	level := "warning"
	if p.Error {
		level = "error"
	}
	return level + ": " + p.Where + ": " + p.What
}

type checker struct {
	ctx    context.Context
	client *http.Client
	mu     sync.Mutex
	out    []Problem
}

func (c *checker) add(isErr bool, where, format string, args ...any) {
	c.mu.Lock()
	c.out = append(c.out, Problem{isErr, where, fmt.Sprintf(format, args...)})
	c.mu.Unlock()
}

// CheckPodcast looks at a podcast as a listener's browser and tingo build will: a feed (a file or an
// http(s) URL), a folder with podcast.json, or the address of a site tingo built.
func CheckPodcast(ctx context.Context, input string, o LoadOptions) []Problem {
	c := &checker{ctx: ctx, client: o.client()}
	if isHTTP(input) {
		resp, body, err := c.fetch(input, nil, MaxFeedSize)
		if err != nil {
			c.add(true, input, "%v", err)
			return c.out
		}
		ct := resp.Header.Get("Content-Type")
		if strings.Contains(ct, "html") || bytes.HasPrefix(bytes.TrimSpace(bytes.ToLower(body)), []byte("<!doctype html")) {
			c.site(input)
		} else {
			c.feed(input, body)
		}
		return c.out
	}
	if st, err := os.Stat(input); err == nil && st.IsDir() {
		p, err := Load(ctx, input, o)
		if err != nil {
			c.add(true, input, "%v", err)
			return c.out
		}
		for _, w := range p.Warnings {
			c.add(false, input, "%s", w)
		}
		for _, e := range p.Episodes {
			for _, w := range e.Transcript.Lost() {
				c.add(true, fmt.Sprintf("%s:%d", e.Source, w.Line), "%s", w.Msg)
			}
		}
		return c.out
	}
	root, err := os.OpenRoot(filepath.Dir(input))
	if err != nil {
		c.add(true, input, "%v", err)
		return c.out
	}
	defer root.Close()
	body, err := readLocal(root.FS(), filepath.Base(input), MaxFeedSize, "feed")
	if err != nil {
		c.add(true, input, "%v", err)
		return c.out
	}
	c.feed(input, body)
	return c.out
}

// fetch GETs u with the headers given; the body up to limit.
func (c *checker) fetch(u string, header map[string]string, limit int64) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(c.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if resp.StatusCode/100 != 2 {
		return resp, b, fmt.Errorf("%s", resp.Status)
	}
	return resp, b, err
}

// feed checks a feed's required elements, each transcript (type, language, fetchable, parseable, CORS),
// chapters file and enclosure (reachable, ranges, type).
func (c *checker) feed(src string, body []byte) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		c.add(true, src, "not a feed: %v", err)
		return
	}
	if feed.Title == "" {
		c.add(true, src, "the channel has no <title>")
	}
	if feed.Language == "" {
		c.add(false, src, "the channel has no <language>: pages guess it from the transcripts")
	}
	if len(feed.Items) == 0 {
		c.add(true, src, "no <item>")
	}
	base := ""
	if isHTTP(src) {
		base = src
	}
	sem := make(chan struct{}, fetchParallel)
	var wg sync.WaitGroup
	do := func(f func()) {
		wg.Add(1)
		sem <- struct{}{}
		go func() { defer wg.Done(); defer func() { <-sem }(); f() }()
	}
	for i, it := range feed.Items {
		item := fmt.Sprintf("%s: item %d (%q)", src, i+1, clipText(it.Title, 60))
		if it.Title == "" {
			c.add(false, item, "no <title>")
		}
		if it.GUID == "" {
			c.add(false, item, "no <guid>: podcast apps cannot tell episodes apart across edits")
		}
		if len(it.Enclosures) == 0 {
			c.add(true, item, "no <enclosure>: no audio")
		}
		for _, e := range it.Enclosures {
			u := resolve(base, e.URL)
			do(func() { c.enclosure(item, u) })
		}
		trs := it.Extensions["podcast"]["transcript"]
		if len(trs) == 0 {
			c.add(false, item, "no <podcast:transcript> (tingo build --transcripts DIR can match files to it)")
		}
		for _, t := range trs {
			a := t.Attrs
			if a["type"] == "" {
				c.add(false, item, "<podcast:transcript> %s has no type", a["url"])
			}
			if a["language"] == "" && feed.Language == "" {
				c.add(false, item, "<podcast:transcript> %s has no language, nor has the channel", a["url"])
			}
			if a["url"] == "" {
				c.add(true, item, "<podcast:transcript> has no url")
				continue
			}
			u := resolve(base, a["url"])
			do(func() { c.transcript(item, u) })
		}
		for _, ch := range it.Extensions["podcast"]["chapters"] {
			u := resolve(base, ch.Attrs["url"])
			do(func() { c.chapters(item, u, ch.Attrs["type"]) })
		}
	}
	wg.Wait()
}

func (c *checker) transcript(item, u string) {
	if !isHTTP(u) {
		c.add(false, item, "transcript %s is not an http(s) URL: only tingo build can read it, not a browser", u)
		return
	}
	resp, body, err := c.fetch(u, map[string]string{"Origin": "https://listener.example"}, MaxTranscriptSize+1)
	if err != nil {
		c.add(true, u, "transcript cannot be fetched: %v", err)
		return
	}
	if resp.Header.Get("Access-Control-Allow-Origin") == "" {
		c.add(false, u, "no Access-Control-Allow-Origin header: a browser on another site (a player, ?transcript=) cannot read it")
	}
	if _, _, err := transcript.ParseWith(bytes.NewReader(body), transcript.Options{MaxSize: MaxTranscriptSize}); err != nil {
		c.add(true, u, "transcript does not parse: %v", err)
	}
}

func (c *checker) chapters(item, u, typ string) {
	if typ != "" && typ != "application/json+chapters" && typ != "application/json" {
		c.add(false, item, "<podcast:chapters> type %q: want application/json+chapters", typ)
	}
	_, body, err := c.fetch(u, nil, 4<<20)
	if err != nil {
		c.add(true, u, "chapters cannot be fetched: %v", err)
		return
	}
	var ch struct {
		Chapters []json.RawMessage `json:"chapters"`
	}
	if err := json.Unmarshal(body, &ch); err != nil || ch.Chapters == nil {
		c.add(true, u, "not a Podcasting 2.0 chapters file (want {\"version\", \"chapters\": […]})")
	}
}

func (c *checker) enclosure(item, u string) {
	if !isHTTP(u) {
		c.add(true, item, "enclosure %s is not an http(s) URL", u)
		return
	}
	resp, _, err := c.fetch(u, map[string]string{"Range": "bytes=0-1"}, 2)
	if err != nil {
		c.add(true, u, "audio cannot be fetched: %v", err)
		return
	}
	if resp.StatusCode != http.StatusPartialContent {
		c.add(false, u, "no range requests (answered %d, not 206): listeners cannot seek before it has all loaded", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "audio/") && !strings.HasPrefix(ct, "video/") {
		c.add(false, u, "audio served as %q: some players refuse it", ct)
	}
}

var wasmInAppJS = regexp.MustCompile(`fetchWithProgress\("([^"]+\.wasm)"`)

// site checks a built site's host: the content types browsers insist on, and compression.
func (c *checker) site(page string) {
	u, _ := url.Parse(page)
	base := *u
	base.Path = strings.TrimSuffix(u.Path, "/") + "/"
	if !strings.HasSuffix(u.Path, "/") && path.Ext(u.Path) != "" {
		base.Path = path.Dir(u.Path) + "/"
	}
	at := func(rel string) string { r := base; r.Path += rel; return r.String() }
	// The archive index names a shard.
	shard := ""
	if _, b, err := c.fetch(at("search/index.json"), nil, 1<<20); err == nil {
		var m struct {
			ShardDir string `json:"shardDir"`
		}
		json.Unmarshal(b, &m)
		if m.ShardDir != "" {
			shard = "search/" + m.ShardDir + "/0.bin"
		}
	}
	// go-app's loader names the app's wasm (web/app.HASH.wasm in a built site).
	wasm := "web/app.wasm"
	if _, b, err := c.fetch(at("app.js"), nil, 1<<20); err == nil {
		if m := wasmInAppJS.FindSubmatch(b); m != nil {
			wasm = strings.TrimPrefix(strings.TrimPrefix(string(m[1]), base.Path), "/")
		}
	}
	files := []struct {
		rel, want string
		isErr     bool
	}{
		{wasm, "application/wasm", true},
		{"manifest.webmanifest", "application/manifest+json", false},
		{"search/index.json", "application/json", false},
		{"app.js", "javascript", true},
	}
	if shard != "" {
		files = append(files, struct {
			rel, want string
			isErr     bool
		}{shard, "application/octet-stream", false})
	}
	for _, f := range files {
		resp, _, err := c.fetch(at(f.rel), map[string]string{"Accept-Encoding": "br, gzip"}, 64<<20)
		if err != nil {
			c.add(true, at(f.rel), "cannot be fetched: %v", err)
			continue
		}
		ct := resp.Header.Get("Content-Type")
		if !strings.Contains(ct, f.want) {
			what := "served as %q, want %s"
			if f.rel == wasm {
				what += ": the browser refuses to compile it"
			}
			c.add(f.isErr, at(f.rel), what, ct, f.want)
		}
		if enc := resp.Header.Get("Content-Encoding"); enc == "" && !strings.HasSuffix(f.rel, ".bin") {
			c.add(false, at(f.rel), "not compressed (no Content-Encoding for Accept-Encoding: br, gzip): listeners download it whole")
		}
	}
}
