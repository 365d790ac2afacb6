package site

import (
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"tingo/app/internal/sample"
	"tingo/app/search"
	"tingo/app/transcript"
)

// The tools people would pick instead, measured beside tingo in the same run: Hyperaudio Lite for reading
// along, Pagefind for searching a static site. Both come from npm, installed at run time into
// bench/.cache (never committed) by peerModules.

// Versions of the peers the benchmarks install.
const (
	hyperaudioPkg = "hyperaudio-lite@2.6.4"
	pagefindPkg   = "pagefind@1.6.0"
)

// peerModules installs the peers into bench/.cache once and gives its node_modules folder; the benchmark
// skips when npm is missing or the install fails.
func peerModules(b *testing.B) string {
	m, why := installPeers()
	if m == "" {
		b.Skip(why)
	}
	return m
}

// installPeers installs the peers (once) and gives their node_modules folder, or why it could not.
func installPeers() (string, string) {
	dir, _ := filepath.Abs(filepath.Join(root, "bench", ".cache"))
	modules := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "hyperaudio-lite")); err == nil {
		if _, err := os.Stat(filepath.Join(modules, "pagefind")); err == nil {
			return modules, ""
		}
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", "npm is not installed: the peers (Hyperaudio Lite, Pagefind) are not measured"
	}
	os.MkdirAll(dir, 0o755)
	cmd := exec.Command(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", hyperaudioPkg, pagefindPkg)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Sprintf("npm install %s %s: %v\n%s", hyperaudioPkg, pagefindPkg, err, out)
	}
	return modules, ""
}

// hyperaudioPage is the transcript as Hyperaudio Lite's word-span HTML (a <span data-m data-d> per word:
// per Han character, per Latin word), with the same audio, read along by Hyperaudio Lite 2.6.
func hyperaudioPage(t *transcript.Transcript, audio string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>hyperaudio</title>` +
		`<style>.active{background:#fff4c2}</style></head><body><div id="hypertranscript"><article><section>`)
	for _, s := range t.Segments {
		words := hyperWords(s.Text)
		b.WriteString("<p>")
		dur := (s.End - s.Start).Milliseconds()
		for i, w := range words {
			m := s.Start.Milliseconds() + dur*int64(i)/int64(max(1, len(words)))
			fmt.Fprintf(&b, `<span data-m="%d" data-d="%d">%s</span>`, m, dur/int64(max(1, len(words))), html.EscapeString(w))
		}
		b.WriteString("</p>")
	}
	b.WriteString(`</section></article></div><audio id="audio" controls preload="metadata" src="` + audio + `"></audio>` +
		`<script src="/peer/hyperaudio-lite.js"></script><script>
new HyperaudioLite({transcript: 'hypertranscript', player: 'audio', autoScroll: true});
performance.mark('tingo-ready');
</script></body></html>`)
	return b.String()
}

// hyperWords cuts text as Hyperaudio Lite needs it: a span per Han character, per Latin word (with its
// space), per other character.
func hyperWords(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(r)
		case r == ' ':
			cur.WriteRune(r)
			flush()
		default:
			flush()
			out = append(out, string(r))
		}
	}
	flush()
	return out
}

// subsetArchive is n episodes each holding k of the sample's segments, chosen at random: an archive where
// a query is in some episodes and not others, for comparing recall.
func subsetArchive(tb testing.TB, n, k int) *Podcast {
	tb.Helper()
	tr, err := sample.Transcript()
	if err != nil {
		tb.Fatal(err)
	}
	p := &Podcast{Title: "科技浪 subsets"}
	rng := rand.New(rand.NewPCG(3, 4))
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		pick := rng.Perm(len(tr.Segments))[:k]
		sort.Ints(pick)
		t := &transcript.Transcript{}
		at := time.Duration(0)
		for _, j := range pick {
			s := tr.Segments[j]
			t.Segments = append(t.Segments, transcript.Segment{Start: at, End: at + s.End - s.Start, Text: s.Text})
			at += s.End - s.Start
		}
		p.Episodes = append(p.Episodes, &SourceEpisode{Title: fmt.Sprintf("Episode %d", i+1), Slug: fmt.Sprintf("episode-%d", i+1),
			Date: day.AddDate(0, 0, i), Transcript: t, Source: fmt.Sprint(i)})
	}
	if err := finish(p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// meantIn is, for a relevance query, the episodes holding one of the spellings that mean it (the third
// column of relevance.tsv: | between spellings, & joining words a segment must all hold).
func meantIn(p *Podcast, spellings string) map[string]bool {
	out := map[string]bool{}
	for _, e := range p.Episodes {
		for _, s := range e.Transcript.Segments {
			for _, alt := range strings.Split(spellings, "|") {
				all := true
				for _, w := range strings.Split(alt, "&") {
					if !strings.Contains(strings.ToLower(s.Text), strings.ToLower(w)) {
						all = false
					}
				}
				if all {
					out[e.Slug] = true
				}
			}
		}
	}
	return out
}

func relevanceSpellings(tb testing.TB) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(readFile(tb, filepath.Join("..", "search", "testdata", "relevance.tsv")), "\n") {
		f := strings.Split(line, "\t")
		if len(f) >= 3 && !strings.HasPrefix(line, "#") {
			out[f[0]] = f[2]
		}
	}
	return out
}

// archiveEpisodes is every episode tingo's archive search finds for q in a built site.
func archiveEpisodes(site, q string) ([]string, error) {
	a, err := search.OpenArchive(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(site, "search", filepath.FromSlash(name)))
	})
	if err != nil {
		return nil, err
	}
	aq, err := a.Query(q, search.Options{})
	if err != nil {
		return nil, err
	}
	hits, err := aq.More(1<<30, 0)
	seen := map[string]bool{}
	var out []string
	for _, h := range hits {
		if !seen[h.Episode] {
			seen[h.Episode] = true
			out = append(out, h.Episode)
		}
	}
	return out, err
}

// BenchmarkArchiveVsPagefind builds one site from a 100-episode archive (each episode 20 of the sample's
// segments), indexes it with Pagefind as well, and for every relevance query measures in Chromium, cold:
// the bytes a first page of results fetches, the time from the query to it, and recall (episodes found of
// the episodes holding a spelling that means the query). tingo's numbers come from its archive search on
// the same site.
func BenchmarkArchiveVsPagefind(b *testing.B) {
	modules := peerModules(b)
	n := 100
	queries := relevanceQueries(b)
	if testing.Short() { // make bench-quick: a small site and the first ten queries
		n, queries = 20, queries[:10]
	}
	p := subsetArchive(b, n, 20)
	out := b.TempDir()
	rep, err := Build(p, BuildOptions{Root: root, Out: out, Base: "/show/", NoTerms: true})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	pf := exec.Command(filepath.Join(modules, "@pagefind", "linux-x64", "bin", "pagefind_extended"), "--site", out, "--quiet")
	if o, err := pf.CombinedOutput(); err != nil {
		b.Fatalf("pagefind: %v\n%s", err, o)
	}
	pfBuild := time.Since(start)
	pfBytes := int64(0)
	filepath.WalkDir(filepath.Join(out, "pagefind"), func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if st, err := d.Info(); err == nil {
				pfBytes += st.Size()
			}
		}
		return nil
	})
	os.WriteFile(filepath.Join(out, "pagefind-bench.html"), []byte(`<!DOCTYPE html><meta charset="utf-8"><title>pagefind</title>`), 0o644)
	var served atomic.Int64
	host := plainHost(out)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingResponse{ResponseWriter: w}
		host.ServeHTTP(cw, r)
		served.Add(cw.n)
	}))
	defer ts.Close()
	browser(b)
	spellings := relevanceSpellings(b)

	type result struct{ kb, ms, recall, slowMS []float64 }
	res := map[string]*result{"tingo": {}, "pagefind": {}}
	slow := firstVisitProfiles[len(firstVisitProfiles)-1]
	for qi, q := range queries {
		want := meantIn(p, spellings[q])
		for _, tool := range []string{"tingo", "pagefind"} {
			if qi%3 == 0 { // a third of the queries again on the slow 4G profile, timed only
				ms := archiveQueryTime(b, ts.URL, tool, q, &slow)
				res[tool].slowMS = append(res[tool].slowMS, ms)
			}
			tab := openArchive(b, ts.URL, tool)
			served.Store(0)
			ms := eval[float64](tab, archiveQueryJS(tool, q))
			kb := float64(served.Load()) / 1024
			// Recall: every episode the tool finds for the query, however many pages that takes: tingo's
			// archive reader natively (the same code the page runs), Pagefind's in the page.
			var found []string
			var err error
			if tool == "tingo" {
				found, err = archiveEpisodes(out, q)
			} else {
				found = eval[[]string](tab, `(async () => {
					const pf = await import('/show/pagefind/pagefind.js');
					const r = await pf.search(`+jsString(q)+`);
					return (await Promise.all(r.results.map(x => x.data()))).map(d => d.url);
				})()`)
			}
			tab.close()
			if err != nil {
				b.Fatalf("%s %q: %v", tool, q, err)
			}
			got := 0
			for _, f := range found {
				slug := strings.Trim(strings.TrimPrefix(f, "/show/"), "/")
				if want[slug] {
					got++
				}
			}
			recall := 1.0
			if len(want) > 0 {
				recall = float64(got) / float64(len(want))
			}
			r := res[tool]
			r.kb, r.ms, r.recall = append(r.kb, kb), append(r.ms, ms), append(r.recall, recall)
			b.Logf("%-9s %-14s %6.1f KB %5.0f ms  recall %d/%d", tool, q, kb, ms, got, len(want))
		}
	}
	median := func(v []float64) float64 {
		s := append([]float64(nil), v...)
		sort.Float64s(s)
		return s[len(s)/2]
	}
	mean := func(v []float64) float64 {
		t := 0.0
		for _, x := range v {
			t += x
		}
		return t / float64(len(v))
	}
	b.ReportMetric(float64(rep.Archive.IndexBytes)/1e6, "tingo-index-MB")
	b.ReportMetric(float64(pfBytes)/1e6, "pagefind-index-MB")
	b.ReportMetric(pfBuild.Seconds(), "pagefind-index-s")
	b.ReportMetric(float64(n), "episodes")
	for _, tool := range []string{"tingo", "pagefind"} {
		b.ReportMetric(median(res[tool].kb), tool+"-query-KB")
		b.ReportMetric(median(res[tool].ms), tool+"-query-ms")
		b.ReportMetric(mean(res[tool].recall), tool+"-recall")
		b.ReportMetric(median(res[tool].slowMS), tool+"-slow4g-query-ms")
	}
}

// openArchive opens a tool's search page, lets it go live and empties the cache.
func openArchive(b *testing.B, base, tool string) *page {
	p := benchTab(b, base, false)
	path := "/show/"
	if tool == "pagefind" {
		path = "/show/pagefind-bench.html"
	}
	p.open(path)
	if tool == "tingo" {
		p.pollUntil(`document.querySelector('#library[data-live="true"]') !== null && performance.getEntriesByType('resource').some(e => e.name.endsWith('/search/index.json'))`, time.Minute, "the library and its index")
	}
	p.cdp(coldCache(base + path))
	return p
}

// archiveQueryTime opens a tool's search page as openArchive does, applies a profile (nil: none) and
// times one query to a first page of results.
func archiveQueryTime(b *testing.B, base, tool, q string, prof *netProfile) float64 {
	p := openArchive(b, base, tool)
	defer p.close()
	if prof != nil {
		p.cdp(throttle(*prof, p.base))
	}
	return eval[float64](p, archiveQueryJS(tool, q))
}

// archiveQueryJS times a query from the keystroke to a first page of results: for tingo the first hit
// (or "no match") on the library page, for Pagefind the search and its five first results' data.
func archiveQueryJS(tool, q string) string {
	if tool == "tingo" {
		return `new Promise(done => {
			const s = document.getElementById('archive-search'), r = document.getElementById('archive-results');
			const t0 = performance.now();
			new MutationObserver((m, o) => {
				if (r.querySelector('a.hit') || /no match/.test(document.getElementById('archive-status').textContent)) { o.disconnect(); done(performance.now() - t0); }
			}).observe(r, {subtree: true, childList: true, characterData: true});
			s.value = ` + jsString(q) + `; s.dispatchEvent(new Event('input', {bubbles: true}));
		})`
	}
	return `(async () => {
		const t0 = performance.now();
		const pf = await import('/show/pagefind/pagefind.js');
		const r = await pf.search(` + jsString(q) + `);
		await Promise.all(r.results.slice(0, 5).map(x => x.data()));
		return performance.now() - t0;
	})()`
}
