package site

import (
	"crypto/rand"
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
)

// A build's output appears whole or not at all. The build writes into a new folder beside the output
// ("site.tingo-new-…"); when it is complete, the files of the old output that tingo did not write (a
// CNAME, a .git, a README) are linked into it, a record of what tingo wrote is added (.tingo-files), and
// the new folder takes the old one's place in one rename (an exchange, on Linux). A build killed midway
// leaves the old site as it was; what tingo wrote before and writes no longer (an episode taken out of the
// feed) is gone from the new one; files tingo did not write are never touched.

// RecordName lists, in the output folder, the files tingo wrote there.
const RecordName = ".tingo-files"

type record struct {
	Files []string `json:"files"`
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
}

// stage recovers from a build killed while swapping, clears what killed builds left, and makes the folder
// this build writes into.
func stage(out string) (*staging, error) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
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
		return nil, err
	}
	return &staging{out: out, dir: dir}, nil
}

// abort throws the unfinished build away.
func (s *staging) abort() { os.RemoveAll(s.dir) }

// commit records what the build wrote, carries over the old output's files that tingo did not write,
// and puts the new folder in the old one's place.
func (s *staging) commit() error {
	var mine []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(s.dir, p)
			mine = append(mine, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return err
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
	b, _ := json.MarshalIndent(record{Files: mine}, "", " ")
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
	if b, err := os.ReadFile(filepath.Join(s.out, RecordName)); err == nil {
		var r record
		if json.Unmarshal(b, &r) == nil {
			for _, f := range r.Files {
				ours[f] = true
			}
		}
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
