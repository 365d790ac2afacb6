package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

// Precompressed files. A host that serves FILE.br or FILE.gz in place of FILE for a browser that accepts
// it (nginx's gzip_static and brotli_static, Caddy's file_server precompressed, Apache with its rewrite
// rules, tingo serve) sends the site compressed at the best level once, at build time, instead of
// compressing each response at a fast level or not at all. The build writes both beside every file that
// compresses by a tenth or more; hosts that compress by themselves ignore them.

// compressible names the files worth compressing: text and wasm, not images or audio.
func compressible(rel string, size int) bool {
	if size < 512 {
		return false
	}
	switch path.Ext(rel) {
	case ".html", ".js", ".css", ".json", ".wasm", ".vtt", ".srt", ".xml", ".txt", ".webmanifest", ".svg", ".bin":
		return true
	}
	return false
}

// encoding is one precompressed form.
type encoding struct {
	ext      string
	compress func(b []byte, best bool) []byte
}

var encodings = []encoding{
	{".gz", func(b []byte, best bool) []byte {
		var out bytes.Buffer
		level := gzip.DefaultCompression
		if best {
			level = gzip.BestCompression
		}
		zw, _ := gzip.NewWriterLevel(&out, level) // no name, no time: the same bytes every build
		zw.Write(b)
		zw.Close()
		return out.Bytes()
	}},
	{".br", func(b []byte, best bool) []byte {
		var out bytes.Buffer
		level := 6 // about gzip's speed, a tenth smaller; pages and index shards, many of them
		if best {
			level = brotli.BestCompression // app.wasm: once per version of tingo, from the cache after that
		}
		bw := brotli.NewWriterLevel(&out, level)
		bw.Write(b)
		bw.Close()
		return out.Bytes()
	}},
}

// siblings writes rel's precompressed forms (rel.gz, rel.br) for a file of hash h just written. A form the
// previous output holds for the same bytes is linked from there; app.wasm's come from the build cache.
// Each is recorded under its source's hash and its extension.
func (w *writer) siblings(rel, h string, b []byte, cache *buildCache) {
	if !compressible(rel, len(b)) {
		return
	}
	best := path.Ext(rel) == ".wasm"
	for _, enc := range encodings {
		srel, sh := rel+enc.ext, h+enc.ext
		dst := filepath.Join(w.out, filepath.FromSlash(srel))
		w.mu.Lock()
		old, linkable := w.byHash[sh]
		failed := w.err != nil
		w.mu.Unlock()
		if failed {
			return
		}
		var err error
		linked := false
		if linkable {
			src := filepath.Join(w.prev, filepath.FromSlash(old))
			if st, serr := os.Lstat(src); serr == nil && st.Mode().IsRegular() && os.Link(src, dst) == nil {
				linked = true
			}
		}
		size := int64(0)
		if !linked {
			var c []byte
			if best {
				c = wasmForms(b, cache).wait()[enc.ext]
			} else {
				c = enc.compress(b, false)
			}
			if len(c) > len(b)*9/10 {
				continue // not worth it: the host sends the file itself
			}
			err = os.WriteFile(dst, c, 0o644)
			size = int64(len(c))
		}
		w.mu.Lock()
		if err == nil {
			w.record[srel] = sh
			w.rep.Files++
			w.rep.Bytes += size
			if linked {
				w.rep.Linked++
			}
		} else if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
}

// app.wasm's compressed forms take half a minute at brotli's best level: they are made once per app.wasm
// and process (started as a build begins, beside its other work), and kept in the build cache.
type compressedForms struct {
	done  chan struct{}
	forms map[string][]byte
}

var wasmMemo sync.Map // hash of app.wasm -> *compressedForms

func wasmForms(wasm []byte, cache *buildCache) *compressedForms {
	sum := sha256.Sum256(wasm)
	h := hex.EncodeToString(sum[:])
	f, loaded := wasmMemo.LoadOrStore(h, &compressedForms{done: make(chan struct{})})
	cf := f.(*compressedForms)
	if !loaded {
		go func() {
			defer close(cf.done)
			forms := map[string][]byte{}
			for _, enc := range encodings {
				key := cache.key("compressed", h, enc.ext)
				c, ok := cache.get(key)
				if !ok {
					c = enc.compress(wasm, true)
					cache.put(key, c)
				}
				forms[enc.ext] = c
			}
			cf.forms = forms
		}()
	} else {
		for _, enc := range encodings { // the cache keeps what this build uses
			cache.keep(cache.key("compressed", h, enc.ext))
		}
	}
	return cf
}

func (cf *compressedForms) wait() map[string][]byte {
	<-cf.done
	return cf.forms
}
