package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"tingo/app/site"
)

// runBuild writes a podcast's static site: INPUT is a feed (file or URL) or a folder with podcast.json.
func runBuild(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	out := fs.String("o", "site", "folder to write the site into")
	base := fs.String("base", "", "URL path the site is served under, such as /podcast/ (default /, or --url's path)")
	siteURL := fs.String("url", "", "the site's public address, such as https://example.github.io/podcast/ (for og:url, canonical links, sitemap.xml)")
	root := fs.String("root", ".", "folder holding web/ (app.wasm, wasm_exec.js, styles)")
	noTerms := fs.Bool("no-terms", false, "skip the key-term chips (faster)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tingo build: want one INPUT: a feed or a folder with "+site.ManifestName)
		fs.Usage()
		return 2
	}
	start := time.Now()
	p, err := site.Load(context.Background(), fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "tingo build: %s\n", err)
		return 1
	}
	rep, err := site.Build(p, site.BuildOptions{Root: *root, Out: *out, Base: *base, URL: *siteURL, NoTerms: *noTerms})
	if err != nil {
		fmt.Fprintf(stderr, "tingo build: %s\n", err)
		return 1
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "tingo build: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "tingo: built %d episodes into %s: %d files, %.1f MB; search index %.1f MB in %d shards (transcripts gzipped: %.1f MB); %.1fs\n",
		rep.Episodes, *out, rep.Files, float64(rep.Bytes)/1e6, float64(rep.Archive.IndexBytes)/1e6, rep.Archive.Shards,
		float64(rep.TranscriptGzip)/1e6, time.Since(start).Seconds())
	if *siteURL == "" {
		fmt.Fprintln(stdout, "tingo: no --url given: pages carry no og:url or canonical link, and there is no sitemap.xml")
	}
	return 0
}
