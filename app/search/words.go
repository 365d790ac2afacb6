package search

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dict is a word list with frequencies for cutting Chinese text into words where gse cannot go: in the
// browser, for a file the listener opens. Its data is a static file made natively from gse's dictionaries
// (segment.Dictionary): "word frequency" a line. Cutting takes the most probable path through the words it
// knows (the way jieba and gse do without their HMM for unknown words).
type Dict struct {
	logp   map[string]float64
	unseen float64 // the log probability of a character the dictionary lacks
	maxLen int     // in runes
	total  float64
}

// ParseDict reads "word frequency" lines; blank lines and # comments are skipped.
func ParseDict(data string) (*Dict, error) {
	var b DictBuilder
	if err := b.Add(data); err != nil {
		return nil, err
	}
	return b.Dict()
}

// DictBuilder reads a dictionary a piece at a time, so the browser can read one between frames.
type DictBuilder struct {
	freq   map[string]float64
	total  float64
	maxLen int
	line   int
}

// Add reads whole lines of dictionary data.
func (b *DictBuilder) Add(data string) error {
	if b.freq == nil {
		b.freq = map[string]float64{}
	}
	for line := range strings.Lines(data) {
		b.line++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		w, f, ok := strings.Cut(line, " ")
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if !ok || err != nil || v <= 0 {
			return fmt.Errorf("dictionary line %d: want \"word frequency\", got %q", b.line, clipRunes(line, 40))
		}
		b.freq[w] += v
		b.total += v
		b.maxLen = max(b.maxLen, utf8.RuneCountInString(w))
	}
	return nil
}

// Dict finishes the dictionary.
func (b *DictBuilder) Dict() (*Dict, error) {
	if b.total == 0 {
		return nil, fmt.Errorf("dictionary: no words")
	}
	d := &Dict{logp: make(map[string]float64, len(b.freq)), total: b.total, maxLen: b.maxLen}
	lt := math.Log(b.total)
	for w, f := range b.freq {
		d.logp[w] = math.Log(f) - lt
	}
	d.unseen = math.Log(0.5) - lt
	return d, nil
}

// Words counts the dictionary's entries.
func (d *Dict) Words() int { return len(d.logp) }

// Freq gives a word's frequency in the dictionary (0 when unknown).
func (d *Dict) Freq(w string) float64 {
	if p, ok := d.logp[w]; ok {
		return math.Exp(p) * d.total
	}
	return 0
}

// Cut splits text into words: runs of Chinese by the most probable path through the dictionary, runs of
// letters and digits as one word each, other characters alone. Spaces are dropped.
func (d *Dict) Cut(text string) []string {
	var out []string
	for _, span := range d.CutSpans(text) {
		out = append(out, text[span.Start:span.End])
	}
	return out
}

// CutSpans is Cut as byte spans of text.
func (d *Dict) CutSpans(text string) []Span {
	var out []Span
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case isHan(r):
			j := i
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if !isHan(r2) {
					break
				}
				j += w2
			}
			out = append(out, d.cutHan(text, i, j)...)
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) || isHan(r2) {
					break
				}
				j += w2
			}
			out = append(out, Span{i, j})
			i = j
		default:
			out = append(out, Span{i, i + w})
			i += w
		}
	}
	return out
}

// cutHan finds the most probable split of text[from:to], all Han, by dynamic programming from the end.
func (d *Dict) cutHan(text string, from, to int) []Span {
	var pos []int // byte offsets of each rune, and to
	for i := from; i < to; {
		pos = append(pos, i)
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	n := len(pos)
	pos = append(pos, to)
	best := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = math.Inf(-1)
		for k := 1; k <= d.maxLen && i+k <= n; k++ {
			p, ok := d.logp[text[pos[i]:pos[i+k]]]
			if !ok {
				if k > 1 {
					continue
				}
				p = d.unseen
			}
			if s := p + best[i+k]; s > best[i] {
				best[i], next[i] = s, i+k
			}
		}
	}
	var out []Span
	for i := 0; i < n; i = next[i] {
		out = append(out, Span{pos[i], pos[next[i]]})
	}
	return out
}

// SetWords gives the index each segment's word spans (from gse natively, or a Dict in the browser), so
// that hits on word boundaries rank first.
func (ix *Index) SetWords(words [][]Span) {
	ix.bounds = make([]map[int]bool, len(words))
	for i, ws := range words {
		m := make(map[int]bool, 2*len(ws))
		for _, w := range ws {
			m[w.Start] = true
			m[w.End] = true
		}
		ix.bounds[i] = m
	}
}

// onBoundary reports whether a hit starts and ends on word boundaries (true when none are known).
func (ix *Index) onBoundary(h Hit) bool {
	if h.Segment >= len(ix.bounds) || ix.bounds[h.Segment] == nil {
		return true
	}
	b := ix.bounds[h.Segment]
	for _, s := range h.Spans {
		if b[s.Start] && b[s.End] {
			return true
		}
	}
	return false
}

// Rank orders hits for a result list: best tier first, then hits on word boundaries (機器人 before the
// 人 of 機器人 when searching 人), then as they are said.
func (ix *Index) Rank(hits []Hit) []Hit {
	out := append([]Hit(nil), hits...)
	key := func(h Hit) int {
		k := int(h.Tier) * 2
		if !ix.onBoundary(h) {
			k++
		}
		return k
	}
	sortStable(out, func(a, b Hit) bool { return key(a) < key(b) })
	return out
}

// IDF gives a word's rarity from its frequency in the dictionary: the idf KeyTerms wants in the browser.
func (d *Dict) IDF(folded string) (float64, bool) {
	if p, ok := d.logp[folded]; ok {
		return -p, true
	}
	return 0, false
}

// MaxIDF is the rarity of a word the dictionary lacks.
func (d *Dict) MaxIDF() float64 { return -d.unseen }
