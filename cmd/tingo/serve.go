package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"tingo/app/site"
)

// runServe serves the viewer: the sample episode with its demo audio, or TRANSCRIPT [AUDIO].
func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	title := fs.String("title", "", "episode title (the file name when empty)")
	root := fs.String("root", ".", "folder holding web/ (app.wasm, wasm_exec.js, styles)")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 2 {
		fmt.Fprintln(stderr, "tingo serve: want at most TRANSCRIPT and AUDIO")
		fs.Usage()
		return 2
	}
	if fs.NArg() == 1 && site.IsPodcast(fs.Arg(0)) {
		return servePodcast(fs.Arg(0), *root, *addr, stdout, stderr)
	}
	opts := site.Options{Root: *root, Title: *title, Transcript: fs.Arg(0), Audio: fs.Arg(1)}
	srv, err := site.NewServer(opts)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "tingo: serving %q at http://%s/\n", srv.Episode.Title, ln.Addr())
	if err := http.Serve(ln, srv); err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	return 0
}

// servePodcast builds a podcast's site into a temporary folder and serves it as a static host would.
func servePodcast(input, root, addr string, stdout, stderr io.Writer) int {
	p, err := site.Load(context.Background(), input)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	dir, err := os.MkdirTemp("", "tingo-site-")
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	rep, err := site.Build(p, site.BuildOptions{Root: root, Out: dir})
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %s\n", err)
		return 1
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "tingo serve: warning: %s\n", w)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "tingo: serving %q (%d episodes) at http://%s/\n", p.Title, rep.Episodes, ln.Addr())
	if err := http.Serve(ln, site.StaticHandler(dir, "/")); err != nil {
		fmt.Fprintf(stderr, "tingo serve: %v\n", err)
		return 1
	}
	return 0
}
