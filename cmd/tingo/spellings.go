package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tingo/app/segment"
	"tingo/app/site"
	"tingo/app/spell"
)

// runSpellings proposes a spellings file for a podcast or some transcripts (app/spell.Suggest), written
// in the file's own format for the podcaster to edit and keep beside podcast.json.
func runSpellings(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("spellings", stderr)
	suggest := fs.Bool("suggest", false, "propose groups of spellings that probably name the same thing")
	words := fs.String("words", "", "a file of names spelled right, one a line (# comments): what the transcripts write within their distance is proposed as wrong")
	top := fs.Int("top", 30, "how many groups to propose")
	allowPrivate := fs.Bool("allow-private", false, "let a feed's URLs be fetched from loopback and private addresses")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if !*suggest || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "tingo spellings: want --suggest and a PODCAST or transcript FILEs")
		fs.Usage()
		return 2
	}
	var texts []string
	var people []string
	for _, input := range fs.Args() {
		if site.IsPodcast(input) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			p, err := site.Load(ctx, input, site.LoadOptions{AllowPrivate: *allowPrivate})
			cancel()
			if err != nil {
				fmt.Fprintf(stderr, "tingo spellings: %s\n", err)
				return 1
			}
			people = append(people, p.People...)
			for _, e := range p.Episodes {
				for _, s := range e.Transcript.Segments {
					texts = append(texts, s.Text)
				}
			}
			continue
		}
		t, err := readTranscript(input, "", "", stdin)
		if err != nil {
			fmt.Fprintf(stderr, "tingo spellings: %s\n", describe(displayName(input), err))
			return 1
		}
		for _, s := range t.Segments {
			texts = append(texts, s.Text)
		}
	}
	lx := spell.Lexicon{Words: people}
	if *words != "" {
		ws, err := readWords(*words)
		if err != nil {
			fmt.Fprintf(stderr, "tingo spellings: %s\n", err)
			return 1
		}
		lx.Words = append(ws, lx.Words...)
	}
	if seg, err := segment.Default(); err == nil {
		lx = seg.SpellLexicon(texts, lx.Words)
	} else {
		fmt.Fprintf(stderr, "tingo spellings: warning: no dictionary (%v): proposals are weaker\n", err)
	}
	groups := spell.Suggest(texts, lx)
	if len(groups) > *top {
		groups = groups[:*top]
	}
	fmt.Fprintf(stdout, "# Spellings proposed by tingo spellings --suggest, most likely first: the right spelling, then the\n# wrong ones, tab-separated. Keep the lines that are right (edit them), delete the rest, and save the\n# file as %s beside podcast.json.\n", site.SpellingsName)
	if err := spell.Write(stdout, groups); err != nil {
		fmt.Fprintf(stderr, "tingo spellings: %v\n", err)
		return 1
	}
	return 0
}

// readWords reads a word list: a name a line, # comments.
func readWords(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(io.LimitReader(f, spell.MaxFileSize))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			out = append(out, w)
		}
	}
	return out, sc.Err()
}
