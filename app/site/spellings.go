package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"tingo/app/segment"
	"tingo/app/spell"
)

// SpellingsName is the spellings file a podcast folder may keep beside podcast.json (app/spell).
const SpellingsName = "spellings.txt"

// ReadSpellings reads a spellings file from the machine's disk, inside its own folder.
func ReadSpellings(name string) (*spell.List, error) {
	root, err := os.OpenRoot(filepath.Dir(name))
	if err != nil {
		return nil, fmt.Errorf("spellings: %w", err)
	}
	defer root.Close()
	return readSpellings(root.FS(), filepath.Base(name), name)
}

// readSpellings reads a spellings file of a folder; shown names it in messages.
func readSpellings(fsys fs.FS, name, shown string) (*spell.List, error) {
	b, err := readLocal(fsys, name, spell.MaxFileSize, "spellings file")
	if err != nil {
		return nil, err
	}
	return spell.Parse(bytes.NewReader(b), shown)
}

// folderSpellings finds a folder podcast's spellings: the file podcast.json names, else spellings.txt
// when there is one; nil when neither.
func folderSpellings(fsys fs.FS, dir, named string) (*spell.List, error) {
	if named != "" {
		l, err := readSpellings(fsys, named, path.Join(dir, named))
		if err != nil {
			return nil, fmt.Errorf("%s: spellings: %w", path.Join(dir, ManifestName), err)
		}
		return l, nil
	}
	l, err := readSpellings(fsys, SpellingsName, path.Join(dir, SpellingsName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return l, err
}

// ApplySpellings corrects every episode's transcript with l (spell.List.Apply, with gse's dictionary
// to tell a wrong spelling from a piece of a longer word) and keeps l for the name pages.
func (p *Podcast) ApplySpellings(l *spell.List) {
	if l == nil {
		return
	}
	var known spell.Known
	if seg, err := segment.Default(); err == nil {
		known = seg.Known
	}
	p.Spellings = l
	p.Fixed = spell.Counts{}
	for _, e := range p.Episodes {
		p.Fixed.Add(l.Apply(e.Transcript, known))
	}
}

// FixCounts lists how many places each name of the spellings file was fixed in, in the file's order
// (names fixed nowhere included, so a podcaster sees a spelling that never matched).
func (p *Podcast) FixCounts() []NameCount {
	if p.Spellings == nil {
		return nil
	}
	out := make([]NameCount, 0, len(p.Spellings.Names))
	for _, n := range p.Spellings.Names {
		out = append(out, NameCount{n.Right, p.Fixed.Fixes[n.Right]})
	}
	var sp []NameCount
	for name, c := range p.Fixed.Speakers {
		sp = append(sp, NameCount{"@" + name, c})
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i].Name < sp[j].Name })
	return append(out, sp...)
}

// NameCount is a name and how many places it was fixed in.
type NameCount struct {
	Name  string
	Count int
}
