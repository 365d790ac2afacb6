package site

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tingo/app/transcript"
)

// TestIncrementalBuildIsAFullBuild adds an episode to a built archive with the cache, and compares the
// result with a full build of the same input, file by file: byte-identical, and only the new episode
// rendered.
func TestIncrementalBuildIsAFullBuild(t *testing.T) {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		t.Skip("web/app.wasm is missing (make wasm)")
	}
	n := 12
	p := syntheticArchive(t, n+1)
	newest := p.Episodes[0] // newest first
	older := &Podcast{Title: p.Title, Description: p.Description, Episodes: p.Episodes[1:]}
	dir := t.TempDir()
	cache, inc, full := filepath.Join(dir, "cache"), filepath.Join(dir, "inc"), filepath.Join(dir, "full")
	o := BuildOptions{Root: root, Base: "/show/", Cache: cache}
	o.Out = inc
	if rep, err := Build(older, o); err != nil || rep.CacheHits != 0 {
		t.Fatalf("first build: %v, %d hits", err, rep.CacheHits)
	}
	rep, err := Build(p, o)
	if err != nil {
		t.Fatal(err)
	}
	if want := 4*n + 1; rep.CacheHits != want { // each older episode's chips, page, embed page and WebVTT; the index's state (their postings are the last build's)
		t.Errorf("adding one episode: %d taken from the cache, want %d", rep.CacheHits, want)
	}
	if rep.Linked < 2*n { // the older pages and WebVTT files at least, and unchanged chunks and shards
		t.Errorf("adding one episode: %d files linked from the previous output, want at least %d", rep.Linked, 2*n)
	}
	if _, err := Build(p, BuildOptions{Root: root, Base: "/show/", Out: full}); err != nil {
		t.Fatal(err)
	}
	a, b := treeHashes(t, inc), treeHashes(t, full)
	if len(a) != len(b) {
		t.Errorf("incremental build has %d files, full build %d", len(a), len(b))
	}
	for _, f := range treeDiff(a, b) {
		t.Errorf("%s differs between the incremental and the full build", f)
	}
	// A changed episode is made again; the others come from the cache.
	newest.Transcript = &transcript.Transcript{Segments: append([]transcript.Segment(nil), newest.Transcript.Segments...)}
	newest.Transcript.Segments[0].Text += " (edited)"
	if rep, err = Build(p, o); err != nil || rep.CacheHits != 5*n+1 { // and the older ones' token lists
		t.Errorf("one episode edited: %v, %d from the cache, want %d", err, rep.CacheHits, 5*n+1)
	}
	if _, err := Build(p, BuildOptions{Root: root, Base: "/show/", Out: full}); err != nil {
		t.Fatal(err)
	}
	a, b = treeHashes(t, inc), treeHashes(t, full)
	for _, f := range treeDiff(a, b) {
		t.Errorf("after an edit, %s differs between the incremental and the full build", f)
	}
	if page := readFile(t, filepath.Join(inc, newest.Slug, "index.html")); !strings.Contains(page, "(edited)") {
		t.Error("the edited episode's page was not made again")
	}
}

// BenchmarkArchiveIncremental builds the 1,000-episode archive whole, then with one episode more using
// the cache of the first build: the second build's time against the first's.
func BenchmarkArchiveIncremental(b *testing.B) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	p := syntheticArchive(b, n+1)
	older := &Podcast{Title: p.Title, Description: p.Description, Episodes: p.Episodes[1:]}
	for range b.N {
		dir := b.TempDir()
		o := BuildOptions{Root: root, Base: "/show/", Out: filepath.Join(dir, "site"), Cache: filepath.Join(dir, "cache")}
		t0 := time.Now()
		if _, err := Build(older, o); err != nil {
			b.Fatal(err)
		}
		full := time.Since(t0)
		t0 = time.Now()
		rep, err := Build(p, o)
		if err != nil {
			b.Fatal(err)
		}
		inc := time.Since(t0)
		b.ReportMetric(full.Seconds(), "full-s")
		b.ReportMetric(inc.Seconds(), "add-one-s")
		b.ReportMetric(inc.Seconds()/full.Seconds(), "add-one/full")
		b.ReportMetric(float64(rep.CacheHits), "cache-hits")
		b.ReportMetric(float64(n), "episodes")
	}
}

// BenchmarkArchiveLarge builds a 10,000-episode archive (TINGO_ARCHIVE_EPISODES to change it), natively:
// build time, the process's peak memory, index size and the bytes a first query fetches (make
// bench-large; outside make bench's 15 minutes).
func BenchmarkArchiveLarge(b *testing.B) {
	n := 10000
	if s := os.Getenv("TINGO_ARCHIVE_EPISODES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	p := syntheticArchive(b, n)
	out := filepath.Join(b.TempDir(), "site")
	var rep *BuildReport
	for range b.N {
		var err error
		if rep, err = Build(p, BuildOptions{Root: root, Out: out, Base: "/show/"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "episodes")
	b.ReportMetric(peakRSS()/1e9, "peak-GB")
	b.ReportMetric(float64(rep.Archive.IndexBytes)/1e6, "index-MB")
	b.ReportMetric(float64(rep.Archive.ChunkBytes)/1e6, "chunks-MB")
	b.ReportMetric(float64(rep.TranscriptGzip)/1e6, "text-gz-MB")
	b.ReportMetric(float64(rep.Archive.Shards), "shards")
	sizes := firstQueryKB(b, out)
	b.ReportMetric(sizes[len(sizes)/2], "query-KB-median")
	b.ReportMetric(sizes[len(sizes)-1], "query-KB-max")
}

// peakRSS is the process's peak resident memory (VmHWM), in bytes; 0 where the system does not say.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024
		}
	}
	return 0
}
