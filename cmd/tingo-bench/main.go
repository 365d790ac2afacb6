// Command tingo-bench turns the output of `make bench` (go test -bench, on standard input) into
// bench/results.json and the tables of BENCHMARKS.md. Nothing in those files is typed by hand: every number
// is a median of what the benchmarks reported in this run, and every ratio is taken between numbers of
// this run.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	fs := flag.NewFlagSet("tingo-bench", flag.ExitOnError)
	out := fs.String("json", "bench/results.json", "where to write the results")
	md := fs.String("md", "BENCHMARKS.md", "where to write the tables")
	var merge []string
	fs.Func("merge", "an earlier results file whose benchmarks join this run's (this run's win); may repeat", func(s string) error {
		merge = append(merge, s)
		return nil
	})
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go test -bench ... | tingo-bench [-json FILE] [-md FILE]")
		fs.PrintDefaults()
	}
	fs.Parse(os.Args[1:])
	r, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tingo-bench:", err)
		os.Exit(1)
	}
	fresh := len(r.Benchmarks)
	for i, m := range merge {
		if err := mergeFile(r, m, fresh == 0 && i == 0); err != nil {
			fmt.Fprintln(os.Stderr, "tingo-bench:", err)
			os.Exit(1)
		}
	}
	if fresh == 0 && len(merge) > 0 {
		*out = "" // only re-rendering what earlier runs measured
	}
	if len(r.Benchmarks) == 0 {
		fmt.Fprintln(os.Stderr, "tingo-bench: no benchmark results on standard input")
		os.Exit(1)
	}
	if *out != "" {
		b, _ := json.MarshalIndent(r, "", "  ")
		err = os.MkdirAll(filepath.Dir(*out), 0o755)
		if err == nil {
			err = os.WriteFile(*out, append(b, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "tingo-bench:", err)
			os.Exit(1)
		}
	}
	if err := os.WriteFile(*md, []byte(render(r)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "tingo-bench:", err)
		os.Exit(1)
	}
	fmt.Printf("tingo-bench: %d benchmarks into %s and %s\n", len(r.Benchmarks), *out, *md)
}

// Results is bench/results.json.
type Results struct {
	Generated  string                        `json:"generated"`
	Commit     string                        `json:"commit"`
	Go         string                        `json:"go"`
	CPU        string                        `json:"cpu"`
	Cores      int                           `json:"cores"`
	Benchmarks map[string]map[string]float64 `json:"benchmarks"`     // name -> unit -> median
	Runs       map[string]int                `json:"runs"`           // name -> lines (runs) the median is of
	From       map[string]string             `json:"from,omitempty"` // name -> the earlier run a merged benchmark is of
}

// mergeFile adds an earlier results file's benchmarks that this run did not measure; a missing file adds
// nothing.
func mergeFile(r *Results, name string, takeRun bool) error {
	b, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	var old Results
	if err := json.Unmarshal(b, &old); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for n, v := range old.Benchmarks {
		if _, ok := r.Benchmarks[n]; !ok {
			r.Benchmarks[n] = v
			r.Runs[n] = old.Runs[n]
			if !takeRun {
				if r.From == nil {
					r.From = map[string]string{}
				}
				from := old.From[n]
				if from == "" {
					from = old.Generated + ", commit " + old.Commit
				}
				r.From[n] = from
			}
		}
	}
	if takeRun { // nothing measured now: the report is of the file's run, and of the runs it merged
		r.Generated, r.Commit, r.Go, r.CPU, r.Cores = old.Generated, old.Commit, old.Go, old.CPU, old.Cores
		for n, from := range old.From {
			if r.From == nil {
				r.From = map[string]string{}
			}
			r.From[n] = from
		}
	}
	return nil
}

// read parses go test -bench lines ("BenchmarkX/y-2  N  v unit  v unit ...") and keeps each metric's
// median over the lines of the same benchmark.
func read(in io.Reader) (*Results, error) {
	all := map[string]map[string][]float64{}
	r := &Results{Generated: time.Now().UTC().Format(time.RFC3339), Go: runtime.Version(), Cores: runtime.NumCPU(),
		Benchmarks: map[string]map[string]float64{}, Runs: map[string]int{}}
	if c, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		r.Commit = strings.TrimSpace(string(c))
		if d, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(d) > 0 {
			r.Commit += " with uncommitted changes"
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "cpu: ") {
			r.CPU = strings.TrimPrefix(line, "cpu: ")
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if all[name] == nil {
			all[name] = map[string][]float64{}
		}
		r.Runs[name]++
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			all[name][f[i+1]] = append(all[name][f[i+1]], v)
		}
	}
	for name, units := range all {
		r.Benchmarks[name] = map[string]float64{}
		for u, vs := range units {
			sort.Float64s(vs)
			r.Benchmarks[name][u] = vs[len(vs)/2]
		}
	}
	return r, sc.Err()
}

// render writes BENCHMARKS.md from the results.
func render(r *Results) string {
	var b strings.Builder
	get := func(name, unit string) (float64, bool) {
		v, ok := r.Benchmarks[name][unit]
		return v, ok
	}
	cell := func(name, unit, format string) string {
		if v, ok := get(name, unit); ok {
			return fmt.Sprintf(format, v)
		}
		return "–"
	}
	ratio := func(a, an, b, bn, unit string) string {
		x, ok1 := get(a, unit)
		y, ok2 := get(b, unit)
		if !ok1 || !ok2 || y == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f×", x/y)
	}
	fmt.Fprintf(&b, "# tingo's numbers\n\nGenerated by `make bench` (cmd/tingo-bench) from bench/results.json: do not edit by hand.\n\n")
	fmt.Fprintf(&b, "Run %s, commit %s, %s, %d cores (%s). Medians; browser figures are medians of 5 cold-cache runs in headless Chromium on localhost. Absolute times are indicative on a shared machine; ratios are between numbers of this run.\n\n", r.Generated, r.Commit, r.Go, r.Cores, r.CPU)

	if len(r.From) > 0 { // a partial run merged with earlier ones: say which figures are whose
		runs := map[string][]string{}
		for n, from := range r.From {
			runs[from] = append(runs[from], n)
		}
		keys := make([]string, 0, len(runs))
		for k := range runs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%d of the %d benchmarks are of an earlier run (%s), merged: ", len(runs[k]), len(r.Benchmarks), k)
			groups := map[string]bool{}
			for _, n := range runs[k] {
				groups[strings.SplitN(n, "/", 2)[0]] = true
			}
			g := make([]string, 0, len(groups))
			for n := range groups {
				g = append(g, n)
			}
			sort.Strings(g)
			fmt.Fprintf(&b, "%s.\n\n", strings.Join(g, ", "))
		}
	}
	b.WriteString("## Size\n\n| | raw | gzip | brotli |\n|---|---|---|---|\n")
	fmt.Fprintf(&b, "| app.wasm | %s MB | %s MB | %s MB |\n", cell("Size", "wasm-raw-MB", "%.2f"), cell("Size", "wasm-gzip-MB", "%.2f"), cell("Size", "wasm-brotli-MB", "%.3f"))
	fmt.Fprintf(&b, "| first visit, sample episode (page, scripts, styles, icon, manifest, wasm; audio aside) | %s KB | %s KB | %s KB |\n\n",
		cell("Size", "first-visit-raw-KB", "%.0f"), cell("Size", "first-visit-gzip-KB", "%.0f"), cell("Size", "first-visit-brotli-KB", "%.0f"))

	b.WriteString("## Reading along: tingo, the plain-HTML floor and Hyperaudio Lite\n\n")
	b.WriteString("The same segments and audio. The floor is plain HTML with native controls and a 20-line script that highlights the current segment and seeks on click; Hyperaudio Lite 2.6.4 gets the transcript as its word-span HTML (a span per Han character or Latin word). Page weight is what the first visit downloads uncompressed on localhost (tingo's is mostly app.wasm; see Size for compressed).\n\n")
	rows := []struct{ label, unit, format string }{
		{"transcript text visible (ms)", "text-visible-ms", "%.0f"},
		{"interactive: a click seeks (ms)", "interactive-ms", "%.0f"},
		{"JS heap after load (MB)", "js-heap-MB", "%.1f"},
		{"wasm memory after load (MB)", "wasm-memory-MB", "%.1f"},
		{"page weight (KB)", "page-KB", "%.0f"},
		{"main thread during 10 s of playback (ms/s)", "busy-ms/s", "%.1f"},
		{"long tasks in those 10 s", "long-tasks", "%.0f"},
	}
	for _, c := range []string{"sample", "10h"} {
		fmt.Fprintf(&b, "### %s\n\n| | tingo | floor | Hyperaudio Lite | tingo / floor | tingo / Hyperaudio Lite |\n|---|---|---|---|---|---|\n",
			map[string]string{"sample": "The sample (62 minutes)", "10h": "Ten hours (the sample repeated)"}[c])
		t, f, h := "BrowserPlayback/"+c+"/tingo", "BrowserPlayback/"+c+"/floor", "BrowserPlayback/"+c+"/hyperaudio"
		for _, row := range rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", row.label, cell(t, row.unit, row.format), cell(f, row.unit, row.format),
				cell(h, row.unit, row.format), ratio(t, "tingo", f, "floor", row.unit), ratio(t, "tingo", h, "hyperaudio", row.unit))
		}
		b.WriteString("\n")
	}

	if _, ok := r.Benchmarks["FirstVisit/slow4g/tingo"]; ok {
		b.WriteString("## The first visit on a phone\n\n")
		b.WriteString("Chromium as a phone (412×915), an empty cache, DevTools throttling; each page served by one static server that gzips on the fly as GitHub Pages does (the precompressed files unused); medians of 3 (BenchmarkFirstVisit). tingo is the sample's built site; the plain page is the same segments with native controls and a 20-line highlighter; Hyperaudio Lite 2.6.4 its word spans. A first working click is a real tap on a word, repeated every 150 ms or so from the start (where the word is drawn, read after a frame: the 10th character of the first two segments after the first that are on the screen, in turn, or the 10th and the 40th of one, so that no two taps make a double tap; the selection cleared), until the audio's time is in the tapped word's segment: the time of the tap that worked. Search ready is tingo's app live (the others have no search). Bytes over the wire leave the audio aside.\n\n")
		b.WriteString("| profile | | tingo | plain | Hyperaudio Lite | tingo / plain | tingo / Hyperaudio Lite |\n|---|---|---|---|---|---|---|\n")
		for _, prof := range []struct{ key, label string }{{"broadband", "broadband: 20 Mbit/s, 40 ms, CPU ×1"}, {"4g", "4G: 9 Mbit/s, 60 ms, CPU ×2"}, {"slow4g", "slow 4G: 1.6 Mbit/s, 150 ms, CPU ×4"}} {
			t, f, h := "FirstVisit/"+prof.key+"/tingo", "FirstVisit/"+prof.key+"/plain", "FirstVisit/"+prof.key+"/hyperaudio"
			for i, row := range []struct{ label, unit, format string }{
				{"text visible (ms)", "text-visible-ms", "%.0f"},
				{"first working click (ms)", "first-click-ms", "%.0f"},
				{"search ready (ms)", "search-ready-ms", "%.0f"},
				{"bytes over the wire (KB)", "wire-KB", "%.0f"},
			} {
				label := ""
				if i == 0 {
					label = prof.label
				}
				tc, fc, hc, rf, rh := cell(t, row.unit, row.format), cell(f, row.unit, row.format), cell(h, row.unit, row.format), ratio(t, "tingo", f, "plain", row.unit), ratio(t, "tingo", h, "hyperaudio", row.unit)
				if row.unit == "search-ready-ms" {
					fc, hc, rf, rh = "no search", "no search", "–", "–"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", label, row.label, tc, fc, hc, rf, rh)
			}
		}
		b.WriteString("\n")
	}

	if _, ok := r.Benchmarks["BrowserScript/sample"]; ok {
		b.WriteString("## The reader's script: 繁體 → 简体 and back\n\n")
		b.WriteString("Chromium, an empty cache; the reader opens the Aa panel (which fetches web/script/t2s.txt) and 400 ms later clicks 简体; the sample (Traditional) and ten hours of it: from the click on 简体 to the segments on screen converted (the app's tingo-script-visible mark), to the last segment converted (tingo-script-done), and the longest task meanwhile (0: no task of 50 ms or more, the Long Tasks API's threshold; the median, and the worst of the runs); then the same back to as written; and the longest task in the 400 ms after the panel opens (BenchmarkBrowserScript).\n\n")
		b.WriteString("| transcript | 简体 on screen (ms) | 简体 everywhere (ms) | longest task: median, worst (ms) | as written on screen (ms) | everywhere (ms) | longest task: median, worst (ms) | opening the panel: longest task, median, worst (ms) |\n|---|---|---|---|---|---|---|---|\n")
		for _, c := range []struct{ key, label string }{{"sample", "the sample (62 minutes)"}, {"10h", "ten hours"}} {
			n := "BrowserScript/" + c.key
			pair := func(k string) string { return cell(n, k+"-ms", "%.0f") + ", " + cell(n, k+"-max-ms", "%.0f") }
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", c.label, cell(n, "hans-visible-ms", "%.0f"), cell(n, "hans-all-ms", "%.0f"), pair("hans-longest-task"),
				cell(n, "orig-visible-ms", "%.0f"), cell(n, "orig-all-ms", "%.0f"), pair("orig-longest-task"), pair("open-longest-task"))
		}
		b.WriteString("\n")
	}

	b.WriteString("## Search in an episode\n\n")
	fmt.Fprintf(&b, "Browser, ten-hour transcript, every keystroke of 馬斯克, 机器人, 陽肝菊, Fridman, 超级电脑 to its marks on screen: median %s ms, slowest %s ms.\n\n",
		cell("BrowserKeystroke", "median-ms", "%.0f"), cell("BrowserKeystroke", "max-ms", "%.0f"))
	var names []string
	for n := range r.Benchmarks {
		if strings.HasPrefix(n, "Search/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		b.WriteString("Natively, per query (Go benchmarks):\n\n| query | time |\n|---|---|\n")
		for _, n := range names {
			fmt.Fprintf(&b, "| %s | %.3f ms |\n", strings.ReplaceAll(strings.TrimPrefix(n, "Search/"), "_", " "), r.Benchmarks[n]["ns/op"]/1e6)
		}
		b.WriteString("\n")
	}

	b.WriteString("## Search across an archive\n\n")
	a := "Archive1000"
	if _, ok := r.Benchmarks[a]; ok {
		fmt.Fprintf(&b, "%s one-hour episodes (the sample's segments shuffled per episode), built with `tingo build` (goals from the publish issue in brackets):\n\n| | |\n|---|---|\n",
			cell(a, "episodes", "%.0f"))
		fmt.Fprintf(&b, "| build (≤ 2 min for 1,000) | %.1f s |\n| index (≤ 2 × the text gzipped) | %s MB (%s × the transcripts gzipped per episode, %s MB) in %s shards |\n",
			r.Benchmarks[a]["ns/op"]/1e9, cell(a, "index-MB", "%.1f"),
			cell(a, "index/text-gz", "%.2f"), cell(a, "text-gz-MB", "%.1f"), cell(a, "shards", "%.0f"))
		fmt.Fprintf(&b, "| bytes a first query fetches (≤ 150 KB) | median %s KB, max %s KB |\n| keystroke to first results in Chromium (≤ 300 ms) | median %s ms, max %s ms |\n\n",
			cell(a, "query-KB-median", "%.0f"), cell(a, "query-KB-max", "%.0f"), cell(a, "first-results-ms-median", "%.0f"), cell(a, "first-results-ms-max", "%.0f"))
	}
	if inc, ok := r.Benchmarks["ArchiveIncremental"]; ok {
		fmt.Fprintf(&b, "Adding one episode to the %.0f-episode archive (make bench, BenchmarkArchiveIncremental), with the cache of the build before: %.1f s against %.1f s for the whole build (%.1f %%, goal ≤ 10 %%); %.0f pages, WebVTT files and the index's state came from the cache (the older episodes' postings from the build before), and the output is byte-identical to a full build (TestIncrementalBuildIsAFullBuild).\n\n",
			inc["episodes"], inc["add-one-s"], inc["full-s"], 100*inc["add-one/full"], inc["cache-hits"])
	}
	if l, ok := r.Benchmarks["ArchiveLarge"]; ok {
		fmt.Fprintf(&b, "### %.0f episodes (make bench-large)\n\n| | |\n|---|---|\n| build | %.0f s |\n| peak memory of the build (resident) | %.1f GB |\n| index | %.1f MB (%.2f × the transcripts gzipped per episode, %.1f MB) in %.0f shards; chunks %.0f MB |\n| bytes a first query fetches | median %.0f KB, max %.0f KB |\n\n",
			l["episodes"], l["ns/op"]/1e9, l["peak-GB"], l["index-MB"], l["index-MB"]/l["text-gz-MB"], l["text-gz-MB"], l["shards"], l["chunks-MB"], l["query-KB-median"], l["query-KB-max"])
	}
	p := "ArchiveVsPagefind"
	if _, ok := r.Benchmarks[p]; ok {
		b.WriteString("### tingo and Pagefind on the same site\n\n")
		fmt.Fprintf(&b, "One site built by `tingo build` from %s episodes (each 20 of the sample's segments, so a query is in some episodes and not others), indexed by tingo and by Pagefind 1.6.0 (`pagefind_extended`, which segments Chinese). Every relevance query (Traditional, Simplified, homophones, misspellings) in Chromium with an empty cache: the bytes and time to a first page of results (for Pagefind, the search and the first five results' data), and recall: episodes found of the episodes that hold a spelling meaning the query.\n\n", cell(p, "episodes", "%.0f"))
		b.WriteString("| | tingo | Pagefind | tingo / Pagefind |\n|---|---|---|---|\n")
		fmt.Fprintf(&b, "| index size (MB) | %s | %s | %s |\n", cell(p, "tingo-index-MB", "%.2f"), cell(p, "pagefind-index-MB", "%.2f"), unitRatio(r, p, "tingo-index-MB", "pagefind-index-MB"))
		fmt.Fprintf(&b, "| bytes per query, median (KB) | %s | %s | %s |\n", cell(p, "tingo-query-KB", "%.0f"), cell(p, "pagefind-query-KB", "%.0f"), unitRatio(r, p, "tingo-query-KB", "pagefind-query-KB"))
		fmt.Fprintf(&b, "| time to a first page, median (ms) | %s | %s | %s |\n", cell(p, "tingo-query-ms", "%.0f"), cell(p, "pagefind-query-ms", "%.0f"), unitRatio(r, p, "tingo-query-ms", "pagefind-query-ms"))
		if _, ok := get(p, "tingo-slow4g-query-ms"); ok {
			fmt.Fprintf(&b, "| the same on slow 4G (1.6 Mbit/s, 150 ms, CPU ×4; a third of the queries), median (ms) | %s | %s | %s |\n", cell(p, "tingo-slow4g-query-ms", "%.0f"), cell(p, "pagefind-slow4g-query-ms", "%.0f"), unitRatio(r, p, "tingo-slow4g-query-ms", "pagefind-slow4g-query-ms"))
		}
		fmt.Fprintf(&b, "| recall, mean over the queries | %s | %s | %s |\n\n", cell(p, "tingo-recall", "%.2f"), cell(p, "pagefind-recall", "%.2f"), unitRatio(r, p, "tingo-recall", "pagefind-recall"))
	}

	if _, ok := r.Benchmarks["ServeLoad"]; ok {
		b.WriteString("## tingo serve under load\n\n")
		fmt.Fprintf(&b, "The sample episode served as `tingo serve` serves it (loopback, gse's dictionary let go after start-up), 4,000 requests for the page, 50 at a time: %s requests/s, 99th percentile %s ms; Go heap in use %s MB idle, %s MB after the load.\n\n",
			cell("ServeLoad", "req/s", "%.0f"), cell("ServeLoad", "p99-ms", "%.1f"), cell("ServeLoad", "heap-idle-MB", "%.1f"), cell("ServeLoad", "heap-after-MB", "%.1f"))
	}

	b.WriteString("## Parsing\n\n| format | sample | 10 h | allocated per input byte (10 h) |\n|---|---|---|---|\n")
	formats := map[string]bool{}
	for n := range r.Benchmarks {
		if strings.HasPrefix(n, "Parse/") {
			formats[strings.Split(n, "/")[1]] = true
		}
	}
	var fl []string
	for f := range formats {
		fl = append(fl, f)
	}
	sort.Strings(fl)
	for _, f := range fl {
		fmt.Fprintf(&b, "| %s | %s MB/s | %s MB/s | %s B |\n", f, cell("Parse/"+f+"/sample", "MB/s", "%.0f"), cell("Parse/"+f+"/10h", "MB/s", "%.0f"),
			cell("Parse/"+f+"/10h", "alloc-B/byte", "%.1f"))
	}
	b.WriteString("\n")
	adversarial(&b, r)
	return b.String()
}

func unitRatio(r *Results, name, a, b string) string {
	x, ok1 := r.Benchmarks[name][a]
	y, ok2 := r.Benchmarks[name][b]
	if !ok1 || !ok2 || y == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", x/y)
}

// adversarial writes the shapes that were once quadratic at 1×, 2× and 4× their base size, with the
// ratio of each step: about 2 when the work is linear, 4 when quadratic.
func adversarial(b *strings.Builder, r *Results) {
	shapes := map[string]bool{}
	for n := range r.Benchmarks {
		if rest, ok := strings.CutPrefix(n, "Adversarial"); ok && strings.HasSuffix(n, "/1x") {
			shapes[strings.TrimSuffix(rest, "/1x")] = true
		}
	}
	if len(shapes) == 0 {
		return
	}
	var names []string
	for s := range shapes {
		names = append(names, s)
	}
	sort.Strings(names)
	b.WriteString("## Adversarial shapes\n\nInputs that once took quadratic time (one stamp and N unstamped lines, JSON without startTime, words that are not in the text…), each at 1×, 2× and 4× its base size: the time per step should double (ratio about 2), not quadruple.\n\n")
	b.WriteString("| shape | 1× | 2× | 4× | 2× / 1× | 4× / 2× |\n|---|---|---|---|---|---|\n")
	for _, s := range names {
		t := func(k string) float64 { return r.Benchmarks["Adversarial"+s+"/"+k]["ns/op"] / 1e6 }
		ratio := func(a, b float64) string {
			if b == 0 {
				return "–"
			}
			return fmt.Sprintf("%.2f", a/b)
		}
		label := strings.TrimPrefix(strings.ReplaceAll(s, "Render/", "render: "), "/")
		fmt.Fprintf(b, "| %s | %.1f ms | %.1f ms | %.1f ms | %s | %s |\n", label, t("1x"), t("2x"), t("4x"), ratio(t("2x"), t("1x")), ratio(t("4x"), t("2x")))
	}
	b.WriteString("\n")
}
