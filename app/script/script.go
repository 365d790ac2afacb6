// Package script shows a Chinese transcript in the reader's script: Traditional (繁) or Simplified (简),
// converted phrase by phrase the way OpenCC does (its phrase tables first, the longest match winning, then
// its character tables), with Taiwan's variant characters where OpenCC has them.
//
// A conversion never changes a text's length: every entry of a table maps a string to one of the same
// number of characters and of UTF-8 bytes (so of UTF-16 units too). Word times, search marks, corrected
// spellings and the reading cursor address the text by offsets, and all of them stay right on the
// converted text. OpenCC's vocabulary tables (TWPhrases: 内存 → 記憶體) are left out on purpose: they
// replace a speaker's words, not their script.
//
// The tables are data (web/script/t2s.txt, web/script/s2t.txt, made by `make tables` from OpenCC), fetched
// the first time a reader switches; the code is a few kilobytes of app.wasm.
package script

import (
	"bufio"
	"bytes"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Script is how a text is shown.
type Script string

const (
	AsWritten   Script = ""
	Traditional Script = "hant"
	Simplified  Script = "hans"
)

// Parse reads a choice as a link or storage names it: "hant", "hans", "" (as written); anything else is
// as written, reported false.
func Parse(s string) (Script, bool) {
	switch Script(strings.ToLower(strings.TrimSpace(s))) {
	case Traditional:
		return Traditional, true
	case Simplified:
		return Simplified, true
	case AsWritten, "orig", "original":
		return AsWritten, true
	}
	return AsWritten, false
}

// Table converts text one way. The zero Table converts nothing.
type Table struct {
	chars   map[rune]rune
	phrases map[string]string
	lens    map[rune]uint32 // bit k: a phrase of k runes starts with this rune
	// dense answers both for the CJK ideographs (U+3400..U+9FFF, nearly every rune a Chinese text has) by
	// index: the rune it becomes (low half, 0: itself) and its phrase lengths (high half). Map lookups,
	// one a rune and one a possible phrase length, were most of a conversion's time in app.wasm.
	dense  []uint64
	sparse bool // some entry starts outside dense: the maps are asked there
}

const denseLo, denseHi = 0x3400, 0xA000

// maxPhrase is the most characters a phrase has (OpenCC's longest has 15).
const maxPhrase = 31

// look is what r becomes and the lengths of the phrases starting with it.
func (t *Table) look(r rune) (rune, uint32) {
	if r >= denseLo && r < denseHi {
		e := t.dense[r-denseLo]
		to := rune(uint32(e))
		if to == 0 {
			to = r
		}
		return to, uint32(e >> 32)
	}
	if !t.sparse {
		return r, 0
	}
	to, ok := t.chars[r]
	if !ok {
		to = r
	}
	return to, t.lens[r]
}

// Load reads a table: one entry a line, "FROM TO", FROM and TO of the same length; one-character entries
// are characters, longer ones phrases. name is for messages ("web/script/s2t.txt:12: ...").
func Load(name string, data []byte) (*Table, error) {
	t := &Table{chars: map[rune]rune{}, phrases: map[string]string{}, lens: map[rune]uint32{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		from, to, ok := strings.Cut(line, " ")
		if !ok || from == "" || to == "" || strings.Contains(to, " ") {
			return nil, fmt.Errorf("%s:%d: want \"FROM TO\", got %q", name, n, line)
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: not UTF-8", name, n)
		}
		nf := utf8.RuneCountInString(from)
		if len(from) != len(to) || nf != utf8.RuneCountInString(to) {
			return nil, fmt.Errorf("%s:%d: %q and %q differ in length: a conversion must keep every offset", name, n, from, to)
		}
		r, _ := utf8.DecodeRuneInString(from)
		if nf == 1 {
			t.chars[r], _ = utf8.DecodeRuneInString(to)
			continue
		}
		if nf > maxPhrase {
			return nil, fmt.Errorf("%s:%d: a phrase of %d characters: at most %d", name, n, nf, maxPhrase)
		}
		t.phrases[from] = to
		t.lens[r] |= 1 << nf
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t.dense = make([]uint64, denseHi-denseLo)
	for r, to := range t.chars {
		if r >= denseLo && r < denseHi {
			t.dense[r-denseLo] |= uint64(to)
		} else {
			t.sparse = true
		}
	}
	for r, m := range t.lens {
		if r >= denseLo && r < denseHi {
			t.dense[r-denseLo] |= uint64(m) << 32
		} else {
			t.sparse = true
		}
	}
	return t, nil
}

// Len is how many entries the table has.
func (t *Table) Len() int { return len(t.chars) + len(t.phrases) }

// Convert converts s: at each place the longest phrase that starts there, else the character. The result
// has s's length in bytes, and its characters are where s's are.
func (t *Table) Convert(s string) string {
	if t == nil || t.Len() == 0 {
		return s
	}
	var b strings.Builder // empty until something changes; its String is the bytes written, not a copy
	changed := false
	begin := func(i int) {
		if !changed {
			changed = true
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		c, lens := t.look(r)
		if lens != 0 {
			if to, used := t.phrase(s[i:], lens); used > 0 {
				begin(i)
				b.WriteString(to)
				i += used
				continue
			}
		}
		if c != r {
			begin(i)
			b.WriteRune(c)
		} else if changed {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if !changed {
		return s
	}
	return b.String()
}

// phrase finds the longest phrase at the start of s, of one of the lengths in mask (bit k: k runes).
func (t *Table) phrase(s string, mask uint32) (string, int) {
	var ends [maxPhrase + 1]int // ends[k]: the byte end of s's first k runes
	k, i := 0, 0
	for top := bits.Len32(mask) - 1; i < len(s) && k < top; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		ends[k+1] = i
	}
	for mask &= 1<<(k+1) - 1; mask != 0; mask &^= 1 << (bits.Len32(mask) - 1) {
		if to, ok := t.phrases[s[:ends[bits.Len32(mask)-1]]]; ok {
			return to, len(to)
		}
	}
	return "", 0
}
