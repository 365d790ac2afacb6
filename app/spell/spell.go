// Package spell fixes a podcast's recurring speech-recognition spellings: a spellings file says, a line a
// name, the right spelling and the wrong ones, and Apply rewrites every transcript with it, keeping each
// original beside its fix (transcript.Fix) so pages can mark it and search can still find it.
//
// The file:
//
//	# comments and blank lines are skipped
//	洋甘菊	陽肝菊	陽竿菊	羊肝菊
//	Lex Fridman	Lex Freeman
//	@哈利	SPEAKER_1	Speaker 1
//
// Spellings are separated by tabs (or by "|", for editors that turn tabs into spaces). A line starting
// with @ renames speakers: the name, then the labels diarization gave.
package spell

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"tingo/app/search"
	"tingo/app/transcript"
)

// MaxFileSize caps a spellings file.
const MaxFileSize = 1 << 20

// Name is one line of the file: the right spelling and the wrong ones.
type Name struct {
	Right string
	Wrong []string
	Line  int
}

// List is a spellings file, read.
type List struct {
	File     string
	Names    []Name
	Speakers []Speaker
	wrong    []wrongForm // every wrong spelling folded, longest first
}

// Speaker is an @ line: the labels diarization gave a speaker, and the name to show.
type Speaker struct {
	Name   string
	Labels []string
	Line   int
}

type wrongForm struct {
	folded string
	name   int // index in Names
}

// Error is a problem with one line of the file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse reads a spellings file; file names it in messages ("spellings.txt:3: …").
func Parse(r io.Reader, file string) (*List, error) {
	l := &List{File: file}
	seen := map[string]int{} // folded spelling -> line it was given on
	right := map[string]int{}
	sc := bufio.NewScanner(io.LimitReader(r, MaxFileSize+1))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	size, n := 0, 0
	bad := func(msg string, a ...any) error { return &Error{file, n, fmt.Sprintf(msg, a...)} }
	for sc.Scan() {
		n++
		line := sc.Text()
		if size += len(line) + 1; size > MaxFileSize {
			return nil, bad("the file is over %d bytes", MaxFileSize)
		}
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if !utf8.ValidString(line) {
			return nil, bad("not UTF-8 text")
		}
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := splitFields(t)
		if strings.HasPrefix(t, "@") {
			fields[0] = strings.TrimSpace(strings.TrimPrefix(fields[0], "@"))
			if fields[0] == "" || len(fields) < 2 {
				return nil, bad("a speaker line is @NAME, then the labels to rename, separated by tabs")
			}
			l.Speakers = append(l.Speakers, Speaker{Name: fields[0], Labels: fields[1:], Line: n})
			continue
		}
		if len(fields) < 2 {
			return nil, bad("%q has no wrong spelling: give the right spelling, then the wrong ones, separated by tabs", clip(t))
		}
		nm := Name{Right: fields[0], Line: n}
		rf := search.FoldString(nm.Right)
		if at, ok := seen[rf]; ok {
			return nil, bad("%q is given as a wrong spelling on line %d", clip(nm.Right), at)
		}
		if at, ok := right[rf]; ok {
			return nil, bad("%q has a line already (line %d)", clip(nm.Right), at)
		}
		right[rf] = n
		for _, w := range fields[1:] {
			wf := search.FoldString(w)
			switch {
			case wf == rf:
				return nil, bad("%q differs from %q only in script, width or case: search finds it already", clip(w), clip(nm.Right))
			case utf8.RuneCountInString(wf) < 2:
				return nil, bad("%q is too short to replace safely: give the word around it", clip(w))
			}
			if at, ok := seen[wf]; ok {
				return nil, bad("%q is given already on line %d", clip(w), at)
			}
			if at, ok := right[wf]; ok {
				return nil, bad("%q is the right spelling on line %d", clip(w), at)
			}
			seen[wf] = n
			nm.Wrong = append(nm.Wrong, w)
			l.wrong = append(l.wrong, wrongForm{wf, len(l.Names)})
		}
		l.Names = append(l.Names, nm)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &Error{file, n + 1, "a line over 64 KiB"}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	sort.SliceStable(l.wrong, func(i, j int) bool { return len(l.wrong[i].folded) > len(l.wrong[j].folded) })
	return l, nil
}

// splitFields cuts a line at tabs, or at "|" when it has none; empty fields are dropped.
func splitFields(t string) []string {
	sep := "\t"
	if !strings.Contains(t, "\t") {
		sep = "|"
	}
	var out []string
	for _, f := range strings.Split(t, sep) {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// Counts says how many places Apply fixed, by right spelling, and how many segments changed speaker.
type Counts struct {
	Fixes    map[string]int
	Speakers map[string]int
}

// Add adds c2 to c.
func (c *Counts) Add(c2 Counts) {
	if c.Fixes == nil {
		c.Fixes, c.Speakers = map[string]int{}, map[string]int{}
	}
	for k, v := range c2.Fixes {
		c.Fixes[k] += v
	}
	for k, v := range c2.Speakers {
		c.Speakers[k] += v
	}
}

// Known says whether a folded word is a dictionary word (gse's natively). Apply uses it to tell a wrong
// spelling from a piece of a longer word; nil knows no words.
type Known func(folded string) bool

// Apply rewrites t's texts, words and speakers. A wrong spelling is found on the folded text (so its
// Simplified, full-width or other-case forms are found too) and replaced by the right spelling as the
// file writes it; segment.Fixes records each place with the original. Word times are kept: a timed word
// holding a fix gets the fixed text, and words wholly inside a fix after its first are joined into it.
//
// A match is not replaced where it is part of something else:
//   - Latin letters or digits may not touch it on either side (Freeman is not fixed inside Freemans);
//   - a dictionary word of two characters or more that crosses one of its edges, and leaves of the match
//     either nothing (the match is inside a longer word: 人行 in 人行道) or a dictionary word (科技浪潮
//     reads 科技 + 浪潮, so 科技浪 is not rewritten there), wins. One that leaves a piece no dictionary
//     knows does not (一個人型機器人: 個人 leaves 型機器人, so the match stands).
func (l *List) Apply(t *transcript.Transcript, known Known) Counts {
	c := Counts{Fixes: map[string]int{}, Speakers: map[string]int{}}
	if l == nil {
		return c
	}
	labels := map[string]string{}
	for _, s := range l.Speakers {
		for _, lb := range s.Labels {
			labels[search.FoldString(lb)] = s.Name
		}
	}
	for i := range t.Segments {
		s := &t.Segments[i]
		if name, ok := labels[search.FoldString(s.Speaker)]; ok && s.Speaker != "" && s.Speaker != name {
			s.Speaker = name
			c.Speakers[name]++
		}
		if len(l.wrong) > 0 {
			l.fixSegment(s, known, c.Fixes)
		}
	}
	return c
}

type match struct {
	from, to int // in the source text
	name     int
}

func (l *List) fixSegment(s *transcript.Segment, known Known, counts map[string]int) {
	folded, src := search.FoldMap(s.Text)
	var found []match
	taken := make([]bool, len(folded))
	for _, w := range l.wrong { // longest first: a longer spelling wins over one inside it
		for at := 0; at < len(folded); {
			k := strings.Index(folded[at:], w.folded)
			if k < 0 {
				break
			}
			k += at
			end := k + len(w.folded)
			at = k + 1
			if anyTaken(taken[k:end]) {
				continue
			}
			from := int(src[k])
			last := int(src[end-1])
			_, n := utf8.DecodeRuneInString(s.Text[last:])
			m := match{from, last + n, w.name}
			if !standsAlone(s.Text, m.from, m.to, known) {
				continue
			}
			for j := k; j < end; j++ {
				taken[j] = true
			}
			found = append(found, m)
			at = end
		}
	}
	if len(found) == 0 {
		return
	}
	sort.Slice(found, func(i, j int) bool { return found[i].from < found[j].from })
	var b strings.Builder
	fixes := make([]transcript.Fix, 0, len(found))
	at := 0
	for _, m := range found {
		b.WriteString(s.Text[at:m.from])
		right := l.Names[m.name].Right
		fixes = append(fixes, transcript.Fix{Start: b.Len(), End: b.Len() + len(right), Was: s.Text[m.from:m.to]})
		b.WriteString(right)
		at = m.to
		counts[right]++
	}
	b.WriteString(s.Text[at:])
	if len(s.Words) > 0 {
		s.Words = fixWords(s.Text, b.String(), s.Words, found, fixes)
	}
	s.Text = b.String()
	s.Fixes = fixes
}

// remapper turns offsets of the old text into offsets of the fixed one, for offsets in increasing
// order (a cursor over the fixes: linear in words and fixes together).
type remapper struct {
	found []match
	fixes []transcript.Fix
	k     int // the first fix not wholly before the last offset asked
	d     int // the shift of the fixes before it
}

// at gives old offset o in the fixed text: inside a fix, the fix's start (or with end, its end); and
// whether o is inside one.
func (r *remapper) at(o int, end bool) (int, bool) {
	for r.k < len(r.found) && o >= r.found[r.k].to {
		r.d = r.fixes[r.k].End - r.found[r.k].to
		r.k++
	}
	if r.k < len(r.found) && o > r.found[r.k].from {
		if end {
			return r.fixes[r.k].End, true
		}
		return r.fixes[r.k].Start, true
	}
	return o + r.d, false
}

// fixWords gives each timed word its text in the fixed segment, keeping its times: a word that ends
// inside a fix takes the whole fix, and one that begins inside it is joined to the word before.
func fixWords(old, text string, words []transcript.Word, found []match, fixes []transcript.Fix) []transcript.Word {
	offs := transcript.WordOffsets(old, words)
	out := make([]transcript.Word, 0, len(words))
	at := make([]int, 0, len(words)) // each kept word's offset in text (-1 unknown)
	starts := &remapper{found: found, fixes: fixes}
	ends := &remapper{found: found, fixes: fixes}
	for i, w := range words {
		o := offs[i]
		if o < 0 {
			out, at = append(out, w), append(at, -1)
			continue
		}
		from, inside := starts.at(o, false)
		to, _ := ends.at(o+len(w.Text), true)
		if inside && len(out) > 0 && at[len(at)-1] >= 0 { // begins inside a fix
			last := &out[len(out)-1]
			last.End = max(last.End, w.End)
			if to > at[len(at)-1]+len(last.Text) {
				last.Text = text[at[len(at)-1]:to]
			}
			continue
		}
		w.Text = text[from:max(from, to)]
		out, at = append(out, w), append(at, from)
	}
	return out
}

func anyTaken(b []bool) bool {
	for _, t := range b {
		if t {
			return true
		}
	}
	return false
}

// standsAlone says whether text[from:to] is a word of its own (see Apply).
func standsAlone(text string, from, to int, known Known) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:from])
	after, _ := utf8.DecodeRuneInString(text[to:])
	first, _ := utf8.DecodeRuneInString(text[from:])
	last, _ := utf8.DecodeLastRuneInString(text[:to])
	if latin(first) && latin(before) || latin(last) && latin(after) {
		return false
	}
	if known == nil {
		return true
	}
	// The match and up to longest-1 characters either side: no word the dictionary can cross its edges
	// with reaches further.
	const longest = 6
	lo := from
	for k := 0; k < longest-1 && lo > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(text[:lo])
		lo -= n
	}
	hi := to
	for k := 0; k < longest-1 && hi < len(text); k++ {
		_, n := utf8.DecodeRuneInString(text[hi:])
		hi += n
	}
	rs := []rune(text[lo:hi])
	a := utf8.RuneCountInString(text[lo:from]) // the match's runes: [a, z)
	z := a + utf8.RuneCountInString(text[from:to])
	word := func(i, j int) bool {
		return i >= 0 && j <= len(rs) && j-i >= 2 && allHan(rs[i:j]) && known(search.FoldString(string(rs[i:j])))
	}
	keeps := func(i, j int) bool { return i >= j || word(i, j) }
	// A word crossing the start: [x, y) with x < a < y.
	for x := max(a-longest+1, 0); x < a; x++ {
		for y := a + 1; y <= min(x+longest, len(rs)); y++ {
			if word(x, y) && keeps(min(y, z), z) {
				return false
			}
		}
	}
	// A word crossing the end: [x, y) with a <= x < z < y.
	for x := max(a, z-longest+1); x < z; x++ {
		for y := z + 1; y <= min(x+longest, len(rs)); y++ {
			if word(x, y) && keeps(a, x) {
				return false
			}
		}
	}
	return true
}

func latin(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
