package transcript

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// token is one timed piece of a word-level source (a Podcasting 2.0 segment of one word, a Whisper word).
type token struct {
	start, end time.Duration
	speaker    string
	text       string
	line       int
}

// wordLevel reports whether a source's segments are single words, which a reader needs regrouped.
func wordLevel(texts []string) bool {
	if len(texts) < 4 {
		return false
	}
	single := 0
	for _, s := range texts {
		if len(strings.Fields(s)) <= 1 {
			single++
		}
	}
	return single*10 >= len(texts)*8
}

// groupTokens joins word-level tokens into readable segments: a new one at each speaker turn, after a
// sentence ends, at a pause of over two seconds, and before one grows past 60 words. Every token is kept
// as a Word with its own time.
func groupTokens(tokens []token) []Segment {
	var out []Segment
	var cur *Segment
	for i, tk := range tokens {
		text := strings.TrimSpace(tk.text)
		if text == "" {
			continue
		}
		if cur != nil {
			prev := tokens[i-1]
			if tk.speaker != cur.Speaker || tk.start-cur.End > 2*time.Second || len(cur.Words) >= 60 || endsSentence(prev.text) {
				out = append(out, *cur)
				cur = nil
			}
		}
		if cur == nil {
			cur = &Segment{Start: tk.start, Speaker: tk.speaker, Line: tk.line}
		}
		cur.Text = joinWord(cur.Text, text)
		cur.Words = append(cur.Words, Word{Start: tk.start, End: tk.end, Text: text})
		cur.End = max(cur.End, tk.end)
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \n\t\"'”’」』)")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".?!。？！…", r)
}

// joinWord appends w to text: with a space between words, without one between two CJK characters.
func joinWord(text, w string) string {
	if text == "" {
		return w
	}
	a, _ := utf8.DecodeLastRuneInString(text)
	b, _ := utf8.DecodeRuneInString(w)
	if joinsTight(a, b) {
		return text + w
	}
	return text + " " + w
}

// joinsTight says whether b follows a without a space: two CJK characters, or CJK and punctuation.
func joinsTight(a, b rune) bool {
	return isCJK(a) && (isCJK(b) || unicode.IsPunct(b))
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// lineCounter turns byte offsets into line numbers, for offsets that only grow.
type lineCounter struct {
	src  string
	off  int
	line int
}

func newLineCounter(src string) *lineCounter { return &lineCounter{src: src, line: 1} }

func (c *lineCounter) at(off int64) int {
	o := int(min(off, int64(len(c.src))))
	if o < c.off {
		c.off, c.line = 0, 1
	}
	c.line += strings.Count(c.src[c.off:o], "\n")
	c.off = o
	return c.line
}

// position gives the 1-based line and column of a byte offset.
func position(src string, off int64) (line, col int) {
	o := int(max(0, min(off, int64(len(src)))))
	line = 1 + strings.Count(src[:o], "\n")
	col = o - strings.LastIndexByte(src[:o], '\n')
	return line, col
}

// fillEnds gives segments whose source had no end the next segment's start, or an estimate for the last.
func fillEnds(segs []Segment, missing []bool) {
	for i := range segs {
		if !missing[i] {
			continue
		}
		if i+1 < len(segs) && segs[i+1].Start >= segs[i].Start {
			segs[i].End = segs[i+1].Start
		} else {
			segs[i].End = segs[i].Start + estimateSpeech(segs[i].Text)
		}
	}
}

// wordSlack is how far past the last word found the next one is looked for: the spaces and punctuation
// between two words.
const wordSlack = 64

// WordOffsets finds each word of a segment in its text, in order, and gives its byte offset, or -1 where
// a word is not found. One word is looked for no further than wordSlack bytes past the end of the last
// word found, so the cost is linear in the text and the words, whatever they hold.
func WordOffsets(text string, words []Word) []int {
	out := make([]int, len(words))
	at := 0
	for i, w := range words {
		out[i] = -1
		if w.Text == "" {
			continue
		}
		window := text[at:min(len(text), at+len(w.Text)+wordSlack)]
		j := strings.Index(window, w.Text)
		if j < 0 {
			continue
		}
		out[i] = at + j
		at += j + len(w.Text)
	}
	return out
}
