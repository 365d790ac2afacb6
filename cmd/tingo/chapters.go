package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"tingo/app/chapters"
	"tingo/app/segment"
	"tingo/app/site"
	"tingo/app/transcript"
)

// runChapters lists an input's chapters, or with --suggest proposes chapters for the episodes that have
// none, in the Podcasting 2.0 JSON chapters format for the podcaster to edit and keep.
func runChapters(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("chapters", stderr)
	suggest := fs.Bool("suggest", false, "propose chapters (from where the talk changes subject, cue phrases and sponsor reads) for episodes without any")
	out := fs.String("o", "", "with --suggest: the file to write for a transcript (stdout when empty), or the folder for a podcast's (default chapters/ in the podcast's folder, or ./chapters)")
	allowPrivate := fs.Bool("allow-private", false, "let a feed's URLs be fetched from loopback and private addresses")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tingo chapters: want one FILE (a transcript or a chapters file) or PODCAST")
		fs.Usage()
		return 2
	}
	input := fs.Arg(0)
	if !site.IsPodcast(input) {
		return chaptersOfFile(input, *suggest, *out, stdin, stdout, stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	p, err := site.Load(ctx, input, site.LoadOptions{AllowPrivate: *allowPrivate})
	if err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
		return 1
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(stderr, "tingo chapters: warning: %s\n", w)
	}
	if !*suggest {
		for _, e := range p.Episodes {
			fmt.Fprintf(stdout, "%s: %d chapters (%s)\n", e.Slug, len(e.Chapters), e.ChaptersFrom)
			printChapters(stdout, e.Chapters)
		}
		return 0
	}
	dir := *out
	if dir == "" {
		dir = "chapters"
		if st, err := os.Stat(input); err == nil && st.IsDir() {
			dir = filepath.Join(input, "chapters")
		}
	}
	lex, err := lexicon()
	if err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
		return 1
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
		return 1
	}
	for _, e := range p.Episodes {
		if len(e.Chapters) > 0 {
			fmt.Fprintf(stdout, "%s: has %d chapters of its own (%s): none suggested\n", e.Slug, len(e.Chapters), e.ChaptersFrom)
			continue
		}
		chs := chapters.Suggest(e.Transcript, lex, chapters.SuggestOptions{})
		name := filepath.Join(dir, e.Slug+".json")
		if _, err := os.Stat(name); err == nil {
			fmt.Fprintf(stdout, "%s: %s exists (yours to edit): left as it is\n", e.Slug, name)
			continue
		}
		if err := os.WriteFile(name, chapters.JSON(chs, e.Title, p.Title), 0o644); err != nil {
			fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s: %d chapters suggested (%d sponsor reads) → %s\n", e.Slug, len(chs), sponsors(chs), name)
	}
	fmt.Fprintf(stdout, "tingo: edit them, then name each in %s (\"chapters\": \"chapters/SLUG.json\") or link it from the feed; or build with --suggested-chapters to show suggestions as they are\n", site.ManifestName)
	return 0
}

func chaptersOfFile(name string, suggest bool, out string, stdin io.Reader, stdout, stderr io.Writer) int {
	if !suggest {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
			return 1
		}
		chs, warns, err := chapters.Parse(name, data)
		for _, w := range warns {
			fmt.Fprintf(stderr, "tingo chapters: warning: %s\n", w)
		}
		if err != nil {
			fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
			return 1
		}
		printChapters(stdout, chs)
		return 0
	}
	tr, err := readTranscript(name, "", "", stdin)
	if err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", describe(name, err))
		return 1
	}
	lex, err := lexicon()
	if err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
		return 1
	}
	chs := chapters.Suggest(tr, lex, chapters.SuggestOptions{})
	b := chapters.JSON(chs, tr.Title, "")
	if out == "" {
		_, err = stdout.Write(b)
	} else {
		err = os.WriteFile(out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tingo chapters: %s\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "tingo: %d chapters suggested for %s (%d sponsor reads)\n", len(chs), name, sponsors(chs))
	return 0
}

func lexicon() (chapters.Lexicon, error) {
	seg, err := segment.Default()
	if err != nil {
		return chapters.Lexicon{}, fmt.Errorf("loading the dictionary: %w", err)
	}
	return chapters.Lexicon{Cut: seg.Cut, IDF: seg.IDF, Unknown: seg.UnknownIDF(), Generic: seg.Lexicon().Generic}, nil
}

func sponsors(chs []chapters.Chapter) int {
	n := 0
	for _, c := range chs {
		if c.Sponsor {
			n++
		}
	}
	return n
}

func printChapters(w io.Writer, chs []chapters.Chapter) {
	for _, c := range chs {
		mark := ""
		if c.Sponsor {
			mark = " [sponsor]"
		}
		if c.Hidden {
			mark += " [not listed]"
		}
		fmt.Fprintf(w, "  %s %s%s\n", transcript.FormatStamp(c.Start), c.Title, mark)
	}
}
