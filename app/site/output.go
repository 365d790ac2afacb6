package site

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// A build's output appears whole or not at all. The build writes into a new folder beside the output
// ("site.tingo-new-…"); when it is complete, the files of the old output that tingo did not write (a
// CNAME, a .git, a README) are linked into it, a record of what tingo wrote is added (.tingo-files), and
// the new folder takes the old one's place in one rename (an exchange, on Linux). A build killed midway
// leaves the old site as it was; what tingo wrote before and writes no longer (an episode taken out of the
// feed) is gone from the new one; files tingo did not write are never touched.

// RecordName lists, in the output folder, the files tingo wrote there.
const RecordName = ".tingo-files"

// record is .tingo-files: every file tingo wrote, with a hash of its bytes ("" for audio, streamed).
type record struct {
	Files map[string]string `json:"files"`
}

func readRecord(dir string) map[string]string {
	b, err := os.ReadFile(filepath.Join(dir, RecordName))
	if err != nil {
		return nil
	}
	var r record
	if json.Unmarshal(b, &r) != nil {
		return nil
	}
	return r.Files
}

// writer writes a build's files into its new folder. A file whose bytes the output being replaced already
// holds (by the hash its record keeps, and the same size) is linked from there instead of written: an
// unchanged episode's page, or an old chunk under the archive's new folder name, costs a link.
type writer struct {
	out, prev  string
	rep        *BuildReport
	err        error
	last       []byte            // what file wrote last
	record     map[string]string // rel -> hash of what this build wrote
	byHash     map[string]string // hash -> rel, in the previous output
	prevRecord map[string]string // rel -> hash, the previous output's record
	prevGzip   []int64           // the gzipped text sizes of the episodes previousIndex took as they were
	dirs       map[string]bool
	cache      *buildCache // where app.wasm's compressed forms are kept between builds
	mu         sync.Mutex  // file may be called from several goroutines (putAll)
}

func newWriter(out, prev string, rep *BuildReport) (*writer, error) {
	w := &writer{out: out, prev: prev, rep: rep, record: map[string]string{}, byHash: map[string]string{}, dirs: map[string]bool{}}
	w.prevRecord = readRecord(prev)
	for rel, h := range w.prevRecord {
		if h != "" {
			w.byHash[h] = rel
		}
	}
	return w, nil
}

// file writes b at rel (a slash path in the site), keeping the first error.
func (w *writer) file(rel string, b []byte) {
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:16])
	dst := filepath.Join(w.out, filepath.FromSlash(rel))
	dir := filepath.Dir(dst)
	w.mu.Lock()
	w.last = b
	if w.err != nil {
		w.mu.Unlock()
		return
	}
	w.record[rel] = h
	w.rep.Files++
	w.rep.Bytes += int64(len(b))
	old, linkable := w.byHash[h]
	var err error
	if !w.dirs[dir] { // made under the lock: another writer must not write into it before it is there
		if err = os.MkdirAll(dir, 0o755); err == nil {
			w.dirs[dir] = true
		}
	}
	w.mu.Unlock()
	linked := false
	if err == nil && linkable {
		src := filepath.Join(w.prev, filepath.FromSlash(old))
		if st, serr := os.Lstat(src); serr == nil && st.Mode().IsRegular() && st.Size() == int64(len(b)) && os.Link(src, dst) == nil {
			linked = true
		}
	}
	if err == nil && !linked {
		err = os.WriteFile(dst, b, 0o644)
	}
	w.mu.Lock()
	if linked {
		w.rep.Linked++
	}
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
	if err == nil {
		w.siblings(rel, h, b, w.cache)
	}
}

// putAll writes files[i] at name(i) for every i, on every core.
func (w *writer) putAll(n int, name func(i int) string, data func(i int) []byte) error {
	parallelEach(n, func(i int) { w.file(name(i), data(i)) })
	return w.err
}

// put is file for code that returns errors.
func (w *writer) put(rel string, b []byte) error {
	w.file(rel, b)
	return w.err
}

// checkOutput refuses output folders a build must never replace: the root, the home folder, the input
// folder, or a folder that holds the input.
func checkOutput(out, input string) error {
	abs, err := realPath(out)
	if err != nil {
		return err
	}
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("output folder %s is the root of the file system", out)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := realPath(home); err == nil && h == abs {
			return fmt.Errorf("output folder %s is the home folder", out)
		}
	}
	if input == "" {
		return nil
	}
	in, err := realPath(input)
	if err != nil {
		return nil // not a local input
	}
	if st, err := os.Stat(in); err == nil && !st.IsDir() {
		in = filepath.Dir(in) // a feed file: its folder
	}
	if in == abs {
		return fmt.Errorf("output folder %s is the input folder", out)
	}
	if rel, err := filepath.Rel(abs, in); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("output folder %s holds the input %s", out, input)
	}
	return nil
}

// realPath is the absolute path with links resolved as far as the path exists.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		if cur == filepath.Dir(cur) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// staging is the folder one build writes, and the output it will replace.
type staging struct {
	out, dir string
	unlock   func()
}

// stage recovers from a build killed while swapping, clears what killed builds left, and makes the folder
// this build writes into.
func stage(out string) (*staging, error) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockOutput(filepath.Join(parent, "."+base+".tingo-lock"))
	if err != nil {
		return nil, err
	}
	olds, _ := filepath.Glob(filepath.Join(parent, base+".tingo-old-*"))
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		if err := os.Rename(olds[0], out); err != nil { // killed between the two renames: put it back
			return nil, err
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(parent, base+".tingo-new-*"))
	olds, _ = filepath.Glob(filepath.Join(parent, base+".tingo-old-*"))
	for _, d := range append(leftovers, olds...) {
		os.RemoveAll(d)
	}
	var b [6]byte
	rand.Read(b[:])
	dir := filepath.Join(parent, base+".tingo-new-"+hex.EncodeToString(b[:]))
	if err := os.Mkdir(dir, 0o755); err != nil {
		unlock()
		return nil, err
	}
	return &staging{out: out, dir: dir, unlock: unlock}, nil
}

// abort throws the unfinished build away.
func (s *staging) abort() {
	os.RemoveAll(s.dir)
	s.unlock()
}

// commit records what the build wrote (files, with their hashes; anything else in the new folder, such
// as audio streamed in, with none), carries over the old output's files that tingo did not write, and puts
// the new folder in the old one's place.
func (s *staging) commit(written map[string]string) error {
	defer s.unlock()
	files := map[string]string{}
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(s.dir, p)
			rel = filepath.ToSlash(rel)
			files[rel] = written[rel]
		}
		return err
	})
	if err != nil {
		return err
	}
	var mine []string
	for f := range files {
		mine = append(mine, f)
	}
	sort.Strings(mine)
	if st, err := os.Stat(s.out); err == nil {
		if !st.IsDir() {
			return fmt.Errorf("output %s is a file, not a folder", s.out)
		}
		if err := s.carry(mine); err != nil {
			return err
		}
	}
	b, _ := json.MarshalIndent(record{Files: files}, "", " ") // map keys sorted: the same bytes each build
	if err := os.WriteFile(filepath.Join(s.dir, RecordName), append(b, '\n'), 0o644); err != nil {
		return err
	}
	return s.swap()
}

// carry links into the new folder every file of the old output that tingo did not write (by the old
// record) and does not write now.
func (s *staging) carry(mine []string) error {
	ours := map[string]bool{RecordName: true}
	for _, f := range mine {
		ours[f] = true
	}
	for f := range readRecord(s.out) {
		ours[f] = true
	}
	return filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.out, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || ours[rel] {
			return nil
		}
		dst := filepath.Join(s.dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		}
		if err := os.Link(p, dst); err == nil {
			return nil
		}
		return copyFile(p, dst)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// swap puts the new folder where the output is: an atomic exchange where the system has one, else two
// renames (a build killed between them is put right by the next one's stage).
func (s *staging) swap() error {
	if _, err := os.Stat(s.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.dir, s.out)
	}
	if exchange(s.dir, s.out) == nil {
		return os.RemoveAll(s.dir) // now the old site
	}
	old := strings.Replace(s.dir, ".tingo-new-", ".tingo-old-", 1)
	if err := os.Rename(s.out, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.out); err != nil {
		os.Rename(old, s.out)
		return err
	}
	return os.RemoveAll(old)
}
