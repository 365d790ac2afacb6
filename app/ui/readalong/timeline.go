package readalong

import (
	"sort"
	"unicode"
	"unicode/utf16"
)

// The reading cursor. Inside a segment the viewer needs the time of any character (to seek to a clicked
// word) and the character at any time (to move the cursor). With word times from the source it uses them;
// otherwise it spreads the segment's time over its characters by how long each takes to say: a Chinese
// character about a syllable, a Latin letter about a third of one, a space (a pause in ASR output) about a
// syllable, punctuation half.

// Timeline maps UTF-16 offsets of a segment's text to times and back.
type Timeline struct {
	start, end float64
	units      []uint16  // the text in UTF-16
	cum        []float64 // cum[i]: weight of units before i; len(units)+1 entries
	words      []Word    // from the source's word times; empty when estimated
}

// Word is a timed word: its UTF-16 offset in the segment's text and when it is said.
type Word struct {
	Off int
	T   float64
}

// NewTimeline makes the timeline of a segment's text said from start to end, with the source's word
// times when it has them.
func NewTimeline(text string, start, end float64, words []Word) *Timeline {
	tl := &Timeline{start: start, end: max(end, start), units: utf16.Encode([]rune(text)), words: words}
	tl.cum = make([]float64, len(tl.units)+1)
	for i, u := range tl.units {
		tl.cum[i+1] = tl.cum[i] + weight(rune(u))
	}
	return tl
}

func weight(r rune) float64 {
	switch {
	case r >= 0xD800 && r <= 0xDFFF: // half of a surrogate pair: an emoji or a rare character
		return 0.5
	case unicode.IsSpace(r):
		return 1
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r):
		return 1
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return 0.35
	default:
		return 0.5
	}
}

// TimeAt gives the time at which the character at offset is said.
func (tl *Timeline) TimeAt(off int) float64 {
	off = min(max(off, 0), len(tl.units))
	if len(tl.words) > 0 {
		i := sort.Search(len(tl.words), func(i int) bool { return tl.words[i].Off > off }) - 1
		if i < 0 {
			return tl.start
		}
		return tl.words[i].T
	}
	total := tl.cum[len(tl.units)]
	if total == 0 {
		return tl.start
	}
	return tl.start + (tl.end-tl.start)*tl.cum[off]/total
}

// OffsetAt gives the offset of the character being said at time t.
func (tl *Timeline) OffsetAt(t float64) int {
	if len(tl.words) > 0 {
		i := sort.Search(len(tl.words), func(i int) bool { return tl.words[i].T > t }) - 1
		if i < 0 {
			return 0
		}
		return tl.words[i].Off
	}
	if tl.end <= tl.start {
		return 0
	}
	target := (t - tl.start) / (tl.end - tl.start) * tl.cum[len(tl.units)]
	i := sort.Search(len(tl.units), func(i int) bool { return tl.cum[i+1] > target })
	return min(i, max(len(tl.units)-1, 0))
}

// WordAt gives the [from, to) offsets of the word around off: a run of letters or digits for Latin text,
// one character for Chinese; with word times, the timed word.
func (tl *Timeline) WordAt(off int) (int, int) {
	n := len(tl.units)
	if n == 0 {
		return 0, 0
	}
	off = min(max(off, 0), n-1)
	if len(tl.words) > 0 {
		i := sort.Search(len(tl.words), func(i int) bool { return tl.words[i].Off > off }) - 1
		from, to := 0, n
		if i >= 0 {
			from = tl.words[i].Off
		}
		if i+1 < len(tl.words) {
			to = tl.words[i+1].Off
		}
		for to > from && unicode.IsSpace(rune(tl.units[to-1])) {
			to--
		}
		return from, to
	}
	latin := func(u uint16) bool {
		r := rune(u)
		return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-')
	}
	if !latin(tl.units[off]) {
		end := off + 1
		if end < n && utf16.IsSurrogate(rune(tl.units[off])) {
			end++
		}
		return off, end
	}
	from, to := off, off
	for from > 0 && latin(tl.units[from-1]) {
		from--
	}
	for to < n && latin(tl.units[to]) {
		to++
	}
	return from, to
}

// Units is the text in UTF-16, as the page's offsets count it.
func (tl *Timeline) Units() []uint16 { return tl.units }

// IsSpace16 says whether a UTF-16 unit is a space: a pause between words, never lit by the cursor.
func IsSpace16(u uint16) bool { return u == ' ' || u == '\t' || u == '\n' || u == 0x3000 || u == 0xA0 }
