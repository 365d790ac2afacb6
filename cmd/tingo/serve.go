package main

import (
	"tingo/app/spell"

	"context"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"strings"

	"tingo/app/segment"
	"tingo/app/site"
)

// runServe serves the viewer: the sample episode with its demo audio, or TRANSCRIPT [AUDIO].
func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	title := fs.String("title", "", "episode title (the transcript's own, else the file name, when empty)")
	root := fs.String("root", ".", "folder holding web/ (app.wasm, wasm_exec.js, styles) in a developer's build; a release build (make install) carries its own")
	hosts := fs.String("allow-host", "", "host names the server answers for besides IP addresses and localhost, comma-separated; * for any")
	allowPrivate := fs.Bool("allow-private", false, "let a podcast's feed fetch from loopback and private addresses (a local test server)")
	transcripts := fs.String("transcripts", "", "a folder of transcript files to match to the feed's items")
	preferLocal := fs.Bool("prefer-local", false, "with --transcripts: use a matched file even where the feed names a <podcast:transcript>")
	suggested := fs.Bool("suggested-chapters", false, "with PODCAST: show suggested chapters for episodes without any (as tingo build --suggested-chapters)")
	spellings := fs.String("spellings", "", "a spellings file to correct the transcripts with (default: a podcast folder's "+site.SpellingsName+")")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	var list *spell.List
	if *spellings != "" {
		var err error
		if list, err = site.ReadSpellings(*spellings); err != nil {
			fmt.Fprintf(stderr, "tingo serve: %s\n", err)
			return 1
		}
	}
	if fs.NArg() > 2 {
		fmt.Fprintln(stderr, "tingo serve: want at most TRANSCRIPT and AUDIO")
		fs.Usage()
		return 2
	}
	so := site.ServeOptions{}
	if *hosts != "" {
		so.Hosts = strings.Split(*hosts, ",")
	}
	if fs.NArg() == 1 && site.IsPodcast(fs.Arg(0)) {
		return servePodcast(fs.Arg(0), *root, *addr, site.LoadOptions{AllowPrivate: *allowPrivate, Transcripts: *transcripts, PreferLocal: *preferLocal, Spellings: list}, *suggested, so, stdout, stderr)
	}
	opts := site.Options{Root: *root, Title: *title, Transcript: fs.Arg(0), Audio: fs.Arg(1), Spellings: list}
	srv, err := site.NewServer(opts)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	return listen(*addr, srv.Episode.Title+"", "", func(ln net.Listener) error { return site.Serve(ln, srv, so) }, stdout, stderr)
}

// listen opens addr, lets go of what setting up needed (gse's dictionary), says where it serves, and
// serves until it fails.
func listen(addr, title, extra string, serve func(net.Listener) error, stdout, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	segment.Drop()
	debug.FreeOSMemory()
	fmt.Fprintf(stdout, "tingo: serving %q%s at http://%s/\n", title, extra, ln.Addr())
	if err := serve(ln); err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	return 0
}

// servePodcast builds a podcast's site into a temporary folder and serves it as a static host would.
func servePodcast(input, root, addr string, lo site.LoadOptions, suggested bool, so site.ServeOptions, stdout, stderr io.Writer) int {
	p, err := site.Load(context.Background(), input, lo)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	printMatches(stdout, p)
	dir, err := os.MkdirTemp("", "tingo-site-")
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	rep, err := site.Build(p, site.BuildOptions{Root: root, Out: dir, SuggestedChapters: suggested})
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "tingo serve: warning: %s\n", w)
	}
	h, err := site.StaticHandler(dir, "/")
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	return listen(addr, p.Title, fmt.Sprintf(" (%d episodes)", rep.Episodes), func(ln net.Listener) error { return site.Serve(ln, h, so) }, stdout, stderr)
}
