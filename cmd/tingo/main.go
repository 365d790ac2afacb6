// Command tingo reads, converts and checks podcast transcripts, and serves and builds the read-along viewer.
package main

import (
	"tingo/app/segment"

	"tingo/app/spell"

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"tingo/app/site"
	"tingo/app/transcript"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand: its usage line, an example, and what runs it.
type command struct {
	name, usage, example, summary string
	run                           func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "tingo serve [--addr 127.0.0.1:8080] [TRANSCRIPT [AUDIO] | PODCAST]", "tingo serve episode.vtt episode.mp3", "serve the read-along viewer (the sample episode with no argument), or preview a podcast's site", runServe},
		{"build", "tingo build [--base /sub/path/] [--url ADDRESS] [--transcripts DIR] [-o DIR] INPUT", "tingo build --url https://example.github.io/show/ -o site feed.xml", "write a podcast's static site from a feed (file or URL) or a folder with podcast.json", runBuild},
		{"convert", "tingo convert [--from F] [--to lines|vtt|srt|json|text] [--encoding E] [-o OUT] FILE", "tingo convert --to vtt -o episode.vtt episode.txt", "convert a transcript to another format (FILE - reads stdin)", runConvert},
		{"check", "tingo check [--lenient] FILE|PODCAST|SITE-URL...", "tingo check episode.srt https://example.com/feed.xml", "report problems as file:line: problem, or for a podcast (feed, folder or built site) one line per problem; exit 1 on errors", runCheck},
		{"search", "tingo search [--json] [--exact] QUERY FILE...", "tingo search 馬斯克 episode.txt", "print each segment that holds QUERY: file, start-end, how it matched, snippet", runSearch},
		{"chapters", "tingo chapters [--suggest] [-o OUT] FILE|PODCAST", "tingo chapters --suggest episode.txt > chapters.json", "list a chapters file's or a podcast's chapters; with --suggest, propose chapters (Podcasting 2.0 JSON) for episodes without any", runChapters},
		{"spellings", "tingo spellings --suggest [--words FILE] [--top N] PODCAST|FILE...", "tingo spellings --suggest podcast/ > podcast/spellings.txt", "propose a spellings file: groups of spellings that probably name the same thing, most likely first, with their counts", runSpellings},
		{"version", "tingo version", "tingo version", "print the version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tingo reads along with podcasts: transcripts in the browser, in step with the audio.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tingo COMMAND -h' for a command's options and an example.")
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	case "-version", "--version":
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tingo: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// newFlags makes a subcommand's flag set whose -h prints its usage with an example.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(stderr, "Usage: %s\n\n%s.\n\nExample:\n  %s\n", c.usage, strings.ToUpper(c.summary[:1])+c.summary[1:], c.example)
			}
		}
		if hasFlags(fs) {
			fmt.Fprintln(stderr, "\nOptions:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseFlags parses args; it returns a non-negative exit code when the command should stop.
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return -1
}

// describe writes a parse error as file:line: problem, the form editors and CI logs link.
func describe(file string, err error) string {
	var pe *transcript.ParseError
	if errors.As(err, &pe) {
		where := file
		if pe.Line > 0 {
			where = fmt.Sprintf("%s:%d", file, pe.Line)
			if pe.Column > 0 {
				where = fmt.Sprintf("%s:%d", where, pe.Column)
			}
		}
		if pe.Format != transcript.FormatUnknown {
			return fmt.Sprintf("%s: %s: %v", where, pe.Format, pe.Err)
		}
		return fmt.Sprintf("%s: %v", where, pe.Err)
	}
	return fmt.Sprintf("%s: %v", file, err)
}

func runVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("version", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	fmt.Fprintf(stdout, "tingo %s\n", version)
	return 0
}

// openInput opens FILE, or stdin for "-".
func openInput(name string, stdin io.Reader) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(stdin), nil
	}
	return os.Open(name)
}

// readTranscript parses a file or stdin with the given format and encoding names ("" detects).
func readTranscript(name, from, enc string, stdin io.Reader) (*transcript.Transcript, error) {
	opts := transcript.Options{Encoding: enc}
	if from != "" {
		f, err := transcript.ParseFormat(from)
		if err != nil {
			return nil, fmt.Errorf("--from: %w (known: %s)", err, strings.Join(transcript.FormatNames(true), ", "))
		}
		opts.Format = f
	}
	r, err := openInput(name, stdin)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tr, _, err := transcript.ParseWith(r, opts)
	return tr, err
}

func runConvert(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("convert", stderr)
	from := fs.String("from", "", "input format (detected when empty): "+strings.Join(transcript.FormatNames(true), ", "))
	to := fs.String("to", "vtt", "output format: "+strings.Join(transcript.FormatNames(false), ", "))
	enc := fs.String("encoding", "", "input encoding (detected when empty): "+strings.Join(transcript.EncodingNames(), ", "))
	out := fs.String("o", "", "output file (stdout when empty)")
	lenient := fs.Bool("lenient", false, "convert even when some words cannot be timed (they are left out, with a warning)")
	spellings := fs.String("spellings", "", "a spellings file: write the transcript with its names corrected")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tingo convert: want one FILE (or - for stdin)")
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	outFormat, err := transcript.ParseFormat(*to)
	if err != nil {
		fmt.Fprintf(stderr, "tingo convert: --to: %v (known: %s)\n", err, strings.Join(transcript.FormatNames(false), ", "))
		return 2
	}
	tr, err := readTranscript(name, *from, *enc, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "tingo convert: %s\n", describe(displayName(name), err))
		return 1
	}
	for _, w := range tr.Warnings {
		fmt.Fprintf(stderr, "%s:%d: %s: %s\n", displayName(name), w.Line, severity(w), w.Msg)
	}
	if len(tr.Lost()) > 0 && !*lenient {
		fmt.Fprintf(stderr, "tingo convert: %s: words that no reading can time would be left out; fix the file, or convert with --lenient\n", displayName(name))
		return 1
	}
	if *spellings != "" {
		l, err := site.ReadSpellings(*spellings)
		if err != nil {
			fmt.Fprintf(stderr, "tingo convert: %s\n", err)
			return 1
		}
		var known spell.Known
		if seg, err := segment.Default(); err == nil {
			known = seg.Known
		}
		c := l.Apply(tr, known)
		for _, n := range l.Names {
			fmt.Fprintf(stderr, "tingo convert: %s: fixed %d\n", n.Right, c.Fixes[n.Right])
		}
	}
	var dst io.Writer = stdout
	var file *os.File
	if *out != "" && *out != "-" {
		if file, err = os.Create(*out); err != nil {
			fmt.Fprintf(stderr, "tingo convert: %v\n", err)
			return 1
		}
		dst = file
	}
	err = transcript.Write(dst, tr, outFormat)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "tingo convert: write %s: %v\n", *out, err)
		return 1
	}
	return 0
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	from := fs.String("from", "", "input format (detected when empty)")
	enc := fs.String("encoding", "", "input encoding (detected when empty)")
	lenient := fs.Bool("lenient", false, "exit 0 even when some words cannot be timed")
	allowPrivate := fs.Bool("allow-private", false, "let a podcast's URLs be fetched from loopback and private addresses")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "tingo check: want at least one FILE")
		fs.Usage()
		return 2
	}
	code := 0
	for _, name := range fs.Args() {
		if name != "-" && site.IsPodcast(name) {
			// A feed, a folder with podcast.json, or a built site's address.
			for _, p := range site.CheckPodcast(context.Background(), name, site.LoadOptions{AllowPrivate: *allowPrivate}) {
				fmt.Fprintln(stdout, p)
				if p.Error {
					code = 1
				}
			}
			continue
		}
		tr, err := readTranscript(name, *from, *enc, stdin)
		if err != nil {
			fmt.Fprintln(stdout, describe(displayName(name), err))
			code = 1
			continue
		}
		for _, w := range tr.Warnings {
			fmt.Fprintf(stdout, "%s:%d: %s: %s\n", displayName(name), w.Line, severity(w), w.Msg)
		}
		if len(tr.Lost()) > 0 && !*lenient {
			code = 1
		}
	}
	return code
}

// severity words a warning: "error" when words are left out (the command then exits 1 unless
// --lenient), "warning" otherwise.
func severity(w transcript.Warning) string {
	if w.Lost {
		return "error"
	}
	return "warning"
}
