package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"tingo/app/transcript"
)

// buildCache keeps what a build made of each episode (its page, its WebVTT, its archive tokens), keyed by
// the content of everything that shapes it, so that a rebuild renders only what changed. Every key also
// holds a hash of the running tingo and of the app's files: a new tingo, or a new app.wasm, starts a new
// cache. What a build did not use is removed at its end, so the cache holds one build's worth.
type buildCache struct {
	dir  string
	salt []byte
	mu   sync.Mutex
	used map[string]bool
	hits int
}

// openCache opens (making it) the cache folder; nil, a build without cache, when dir is "".
func openCache(dir string, app []byte) (*buildCache, error) {
	if dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("build cache: %w", err)
	}
	h := sha256.New()
	h.Write([]byte("tingo build cache 1\x00"))
	h.Write(executableHash())
	h.Write(app)
	return &buildCache{dir: dir, salt: h.Sum(nil), used: map[string]bool{}}, nil
}

var (
	exeOnce sync.Once
	exeSum  []byte
)

// executableHash is a hash of the running binary: the rendering code is part of every key.
func executableHash() []byte {
	exeOnce.Do(func() {
		h := sha256.New()
		if exe, err := os.Executable(); err == nil {
			if f, err := os.Open(exe); err == nil {
				io.Copy(h, f)
				f.Close()
			}
		}
		exeSum = h.Sum(nil)
	})
	return exeSum
}

// key hashes the parts with the salt, each part length-prefixed.
func (c *buildCache) key(kind string, parts ...string) string {
	if c == nil {
		return ""
	}
	h := sha256.New()
	h.Write(c.salt)
	for _, p := range append([]string{kind}, parts...) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *buildCache) path(key string) string { return filepath.Join(c.dir, key[:2], key) }

func (c *buildCache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	c.mu.Lock()
	c.used[key] = true
	c.hits++
	c.mu.Unlock()
	return b, true
}

// keep marks an entry as used without reading it: the build did not need it, a later one may.
func (c *buildCache) keep(key string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
}

func (c *buildCache) put(key string, b []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	tmp := fmt.Sprintf("%s.%d.tmp", p, time.Now().UnixNano())
	if os.WriteFile(tmp, b, 0o644) == nil {
		os.Rename(tmp, p) // whole or not at all: a killed build leaves no half entry
	}
}

// prune removes the entries this build did not use.
func (c *buildCache) prune() {
	if c == nil {
		return
	}
	filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !c.used[d.Name()] {
			os.Remove(p)
		}
		return nil
	})
}

// digest is a hash of everything of a transcript that a page, a WebVTT or the index shows.
func digest(t *transcript.Transcript) string {
	h := sha256.New()
	for _, s := range t.Segments {
		writeSegment(h, s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeSegment(h hash.Hash, s transcript.Segment) {
	var n [8]byte
	put := func(v int64) { binary.LittleEndian.PutUint64(n[:], uint64(v)); h.Write(n[:]) }
	str := func(v string) { put(int64(len(v))); h.Write([]byte(v)) }
	put(int64(s.Start))
	put(int64(s.End))
	str(s.Speaker)
	str(s.Text)
	put(int64(len(s.Words)))
	for _, w := range s.Words {
		put(int64(w.Start))
		put(int64(w.End))
		str(w.Text)
	}
	put(int64(len(s.Fixes)))
	for _, f := range s.Fixes {
		put(int64(f.Start))
		put(int64(f.End))
		str(f.Was)
	}
}
