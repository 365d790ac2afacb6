package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"tingo/app/search"
	"tingo/app/transcript"
)

// searchResult is one line of `tingo search --json`.
type searchResult struct {
	File    string  `json:"file"`
	Segment int     `json:"segment"`
	Start   float64 `json:"start"`
	End     float64 `json:"end"`
	Match   string  `json:"match"`
	Text    string  `json:"text"`
}

// runSearch prints every segment of the files that holds the query, with how it matched.
func runSearch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("search", stderr)
	asJSON := fs.Bool("json", false, "print one JSON array of {file, segment, start, end, match, text}")
	exact := fs.Bool("exact", false, "only the query as typed: no folding, no sounds-like or similar matches")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() < 2 {
		fmt.Fprintln(stderr, "tingo search: want QUERY and at least one FILE")
		fs.Usage()
		return 2
	}
	query, files := fs.Arg(0), fs.Args()[1:]
	results := []searchResult{}
	code := 0
	for _, name := range files {
		tr, err := readTranscript(name, "", "", stdin)
		if err != nil {
			fmt.Fprintf(stderr, "tingo search: %s\n", describe(displayName(name), err))
			code = 1
			continue
		}
		texts := make([]string, len(tr.Segments))
		for i, s := range tr.Segments {
			texts[i] = s.Text
		}
		for _, h := range search.NewIndex(texts).Search(query, search.Options{}) {
			if *exact && h.Tier != search.Exact {
				continue
			}
			s := tr.Segments[h.Segment]
			r := searchResult{File: displayName(name), Segment: h.Segment, Start: secs(s.Start.Seconds()), End: secs(s.End.Seconds()), Match: h.Tier.String(), Text: s.Text}
			if *asJSON {
				results = append(results, r)
				continue
			}
			fmt.Fprintf(stdout, "%s\t%s-%s\t%s\t%s\n", r.File, transcript.FormatStamp(s.Start), transcript.FormatStamp(s.End), r.Match,
				strings.ReplaceAll(search.Snippet(s.Text, h.Spans, 24, "[", "]"), "\t", " "))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(results)
	}
	return code
}

func secs(s float64) float64 { return math.Round(s*1000) / 1000 }
