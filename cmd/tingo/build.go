package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"tingo/app/site"
)

// runBuild writes a podcast's static site: INPUT is a feed (file or URL) or a folder with podcast.json.
func runBuild(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	out := fs.String("o", "site", "folder to write the site into")
	base := fs.String("base", "", "URL path the site is served under, such as /podcast/ (default /, or --url's path)")
	siteURL := fs.String("url", "", "the site's public address, such as https://example.github.io/podcast/ (for og:url, canonical links, sitemap.xml)")
	root := fs.String("root", ".", "folder holding web/ (app.wasm, wasm_exec.js, styles) in a developer's build; a release build (make install) carries its own")
	noTerms := fs.Bool("no-terms", false, "skip the key-term chips (faster)")
	allowPrivate := fs.Bool("allow-private", false, "let the feed's URLs be fetched from loopback and private addresses (a local test server)")
	timeout := fs.Duration("timeout", 10*time.Minute, "the whole build's deadline, fetches included")
	transcripts := fs.String("transcripts", "", "a folder of transcript files to match to the feed's items (by guid, enclosure name, episode number, date or title)")
	preferLocal := fs.Bool("prefer-local", false, "with --transcripts: use a matched file even where the feed names a <podcast:transcript>")
	cacheDir := fs.String("cache", "", "where the build keeps what each episode became, for the next build (default: a folder per output in the user's cache; none to keep nothing)")
	suggested := fs.Bool("suggested-chapters", false, "give episodes without chapters the ones 'tingo chapters --suggest' would propose, labelled \"suggested\" (never over the feed's or podcast.json's)")
	lenient := fs.Bool("lenient", false, "build even when a transcript has words no reading can time (they are left out, with a warning)")
	spellings := fs.String("spellings", "", "a spellings file (the right spelling, then the wrong ones, tab-separated, a line a name); default: the folder's "+site.SpellingsName)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tingo build: want one INPUT: a feed or a folder with "+site.ManifestName)
		fs.Usage()
		return 2
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	lo := site.LoadOptions{AllowPrivate: *allowPrivate, Transcripts: *transcripts, PreferLocal: *preferLocal}
	if *spellings != "" {
		l, err := site.ReadSpellings(*spellings)
		if err != nil {
			fmt.Fprintf(stderr, "tingo build: %s\n", err)
			return 1
		}
		lo.Spellings = l
	}
	p, err := site.Load(ctx, fs.Arg(0), lo)
	if err != nil {
		fmt.Fprintf(stderr, "tingo build: %s\n", err)
		return 1
	}
	printMatches(stdout, p)
	printFixes(stdout, p)
	if lost := lostWords(p); len(lost) > 0 && !*lenient {
		for _, l := range lost {
			fmt.Fprintf(stderr, "tingo build: %s\n", l)
		}
		fmt.Fprintln(stderr, "tingo build: words that no reading can time would be left out; fix the files, or build with --lenient")
		return 1
	}
	type result struct {
		rep *site.BuildReport
		err error
	}
	done := make(chan result, 1)
	go func() {
		input := fs.Arg(0)
		if site.IsURL(input) {
			input = ""
		}
		rep, err := site.Build(p, site.BuildOptions{Root: *root, Out: *out, Input: input, Base: *base, URL: *siteURL, NoTerms: *noTerms,
			SuggestedChapters: *suggested, Cache: buildCache(*cacheDir, *out)})
		done <- result{rep, err}
	}()
	var rep *site.BuildReport
	select {
	case r := <-done:
		rep, err = r.rep, r.err
	case <-ctx.Done():
		err = fmt.Errorf("the build's deadline (--timeout %s) passed", *timeout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tingo build: %s\n", err)
		return 1
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "tingo build: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "tingo: built %d episodes into %s: %d files, %.1f MB; search index %.1f MB in %d shards (transcripts gzipped: %.1f MB); %d made before, from the cache; %.1fs\n",
		rep.Episodes, *out, rep.Files, float64(rep.Bytes)/1e6, float64(rep.Archive.IndexBytes)/1e6, rep.Archive.Shards,
		float64(rep.TranscriptGzip)/1e6, rep.CacheHits, time.Since(start).Seconds())
	if *siteURL == "" {
		fmt.Fprintln(stdout, "tingo: no --url given: pages carry no og:url or canonical link, and there is no sitemap.xml")
	}
	return 0
}

// lostWords lists, as file:line: problem, the warnings that say words were left out.
func lostWords(p *site.Podcast) []string {
	var out []string
	for _, e := range p.Episodes {
		for _, w := range e.Transcript.Lost() {
			out = append(out, fmt.Sprintf("%s:%d: %s", e.Source, w.Line, w.Msg))
		}
	}
	return out
}

// printMatches writes the table of --transcripts matches: each file, the item it was matched to and by
// what, or why it was matched to nothing or not used.
func printMatches(w io.Writer, p *site.Podcast) {
	if len(p.Matches) == 0 {
		return
	}
	fmt.Fprintln(w, "tingo: transcripts matched to the feed's items:")
	for _, m := range p.Matches {
		switch {
		case m.Item == "":
			fmt.Fprintf(w, "  %s\tmatched to nothing: %s\n", m.File, m.Why)
		case !m.Used:
			fmt.Fprintf(w, "  %s\t%s (by %s), not used: %s\n", m.File, m.Item, m.Rule, m.Why)
		default:
			fmt.Fprintf(w, "  %s\t%s (by %s)\n", m.File, m.Item, m.Rule)
		}
	}
}

// buildCache names the cache folder: the one given, none, or one per output folder in the user's cache.
func buildCache(flag, out string) string {
	switch flag {
	case "none":
		return ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			return ""
		}
		sum := sha256.Sum256([]byte(abs))
		return filepath.Join(dir, "tingo", "build", hex.EncodeToString(sum[:8]))
	}
	return flag
}

// printFixes says how many places the spellings file fixed, a name at a time.
func printFixes(w io.Writer, p *site.Podcast) {
	counts := p.FixCounts()
	if len(counts) == 0 {
		return
	}
	fmt.Fprintf(w, "tingo: spellings from %s fixed:", p.Spellings.File)
	for i, c := range counts {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(w, "%s %s %d", sep, c.Name, c.Count)
	}
	fmt.Fprintln(w)
}
