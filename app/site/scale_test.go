package site

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tingo/app/internal/sample"
	"tingo/app/search"
	"tingo/app/transcript"
)

// syntheticArchive is n one-hour episodes made from the sample's segments, each episode's in its own
// shuffled order and restamped, a day apart.
func syntheticArchive(tb testing.TB, n int) *Podcast {
	tb.Helper()
	tr, err := sample.Transcript()
	if err != nil {
		tb.Fatal(err)
	}
	p := &Podcast{Title: "科技浪 archive", Description: "A generated archive"}
	rng := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		order := rng.Perm(len(tr.Segments))
		t := &transcript.Transcript{}
		at := time.Duration(0)
		for _, k := range order {
			s := tr.Segments[k]
			d := s.End - s.Start
			t.Segments = append(t.Segments, transcript.Segment{Start: at, End: at + d, Text: s.Text, Line: len(t.Segments) + 1})
			at += d
		}
		p.Episodes = append(p.Episodes, &SourceEpisode{Title: fmt.Sprintf("第 %d 集 Episode %d", i+1, i+1),
			Date: day.AddDate(0, 0, i), Transcript: t, Source: fmt.Sprintf("episode-%d", i+1), Slug: fmt.Sprintf("episode-%d", i+1)})
	}
	if err := finish(p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// countingHost serves a folder and counts the bytes each path sent.
type countingHost struct {
	h     http.Handler
	mu    sync.Mutex
	bytes int64
}

func (c *countingHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingResponse{ResponseWriter: w}
	c.h.ServeHTTP(cw, r)
	if strings.Contains(r.URL.Path, "/search/") {
		c.mu.Lock()
		c.bytes += cw.n
		c.mu.Unlock()
	}
}

func (c *countingHost) take() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.bytes
	c.bytes = 0
	return n
}

type countingResponse struct {
	http.ResponseWriter
	n int64
}

func (c *countingResponse) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// BenchmarkArchive1000 builds a 1,000-episode archive (the build is the measured operation) and then
// measures, for every relevance query: the bytes a first query fetches (a cold reader, manifest
// included) natively; and in chromium the time from the keystroke to the first results on the page,
// with a cold cache for each query. Run it with -benchtime 1x: `make bench-archive`.
func BenchmarkArchive1000(b *testing.B) {
	n := 1000
	if s := os.Getenv("TINGO_ARCHIVE_EPISODES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	p := syntheticArchive(b, n)
	out := b.TempDir()
	var rep *BuildReport
	b.ResetTimer()
	for range b.N {
		var err error
		rep, err = Build(p, BuildOptions{Root: root, Out: out, Base: "/show/"})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	ratio := float64(rep.Archive.IndexBytes) / float64(rep.TranscriptGzip)
	b.ReportMetric(float64(rep.Archive.IndexBytes)/1e6, "index-MB")
	b.ReportMetric(float64(rep.TranscriptGzip)/1e6, "text-gz-MB")
	b.ReportMetric(ratio, "index/text-gz")
	b.ReportMetric(float64(rep.Archive.Shards), "shards")
	b.ReportMetric(float64(n), "episodes")

	sizes := firstQueryKB(b, out)
	b.ReportMetric(sizes[len(sizes)/2], "query-KB-median")
	b.ReportMetric(sizes[len(sizes)-1], "query-KB-max")
	queries := relevanceQueries(b)
	if testing.Short() {
		queries = queries[:10]
	}
	archiveInChromium(b, out, queries)
}

// firstQueryKB gives, sorted, the kilobytes each relevance query fetches from a built site's index as a
// listener's first query (a fresh reader each), natively.
func firstQueryKB(b *testing.B, out string) []float64 {
	queries := relevanceQueries(b)
	if testing.Short() { // make bench-quick: the first ten queries
		queries = queries[:10]
	}
	var sizes []float64
	for _, q := range queries {
		var fetched atomic.Int64
		a, err := search.OpenArchive(func(name string) ([]byte, error) {
			data, err := os.ReadFile(filepath.Join(out, "search", filepath.FromSlash(name)))
			fetched.Add(int64(len(data)))
			return data, err
		})
		if err != nil {
			b.Fatal(err)
		}
		aq, err := a.Query(q, search.Options{})
		if err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		if _, err := aq.More(8, 24); err != nil { // the library's first page
			b.Fatal(err)
		}
		sizes = append(sizes, float64(fetched.Load())/1024)
	}
	sort.Float64s(sizes)
	return sizes
}

// archiveInChromium measures keystroke to first results in Chromium, cold cache per query.
func archiveInChromium(b *testing.B, out string, queries []string) {
	// First results in chromium, cold cache per query.
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		b.Skip("no web/app.wasm: browser part skipped")
	}
	host := &countingHost{h: plainHost(out)}
	ts := httptest.NewServer(host)
	defer ts.Close()
	browser(b)
	var lat []float64
	for _, q := range queries {
		p := benchTab(b, ts.URL, false)
		p.open("/show/")
		p.pollUntil(`document.querySelector('#library[data-live="true"]') !== null`, time.Minute, "the library")
		p.cdp(coldCache(ts.URL + "/show/")) // cold: nothing of the index in the HTTP cache
		host.take()
		ms := eval[float64](p, `new Promise(done => {
				const s = document.getElementById('archive-search'), r = document.getElementById('archive-results');
				const t0 = performance.now();
				new MutationObserver((m, o) => {
					if (r.querySelector('a.hit') || /no match|找不到/.test(document.getElementById('archive-status').textContent)) { o.disconnect(); done(performance.now() - t0); }
				}).observe(r, {subtree: true, childList: true, characterData: true});
				s.value = `+jsString(q)+`; s.dispatchEvent(new Event('input', {bubbles: true}));
			})`)
		p.close()
		lat = append(lat, ms)
		b.Logf("%-14s first results %4.0f ms (40 ms of it the typing pause), %5.1f KB fetched", q, ms, float64(host.take())/1024)
	}
	sort.Float64s(lat)
	b.ReportMetric(lat[len(lat)/2], "first-results-ms-median")
	b.ReportMetric(lat[len(lat)-1], "first-results-ms-max")
}
