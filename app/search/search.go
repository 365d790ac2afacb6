package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tier says how a hit matches the query, best first.
type Tier int

const (
	Exact      Tier = iota // the query as typed
	Folded                 // after folding script, width, case and accents
	SoundsLike             // the same toneless pinyin (陽肝菊 finds 陽竿菊)
	Similar                // an English word within a small edit distance (Fridman finds Freeman)
)

var tierNames = [...]string{"exact", "folded", "sounds-like", "similar"}

func (t Tier) String() string {
	if t < 0 || int(t) >= len(tierNames) {
		return "none"
	}
	return tierNames[t]
}

// Options switch the two fuzzy tiers; both are on by default.
type Options struct {
	NoSoundsLike, NoSimilar bool
}

// Span is a match in a segment's text, as byte offsets.
type Span struct{ Start, End int }

// Hit is a segment that holds every term of the query.
type Hit struct {
	Segment int
	Tier    Tier // the worst of its terms' best tiers: "exact" only if every term is there as typed
	Spans   []Span
}

// Index holds a transcript's segments ready to search as the listener types.
type Index struct {
	texts  []string
	raw    corpus // the texts as they are
	fold   corpus // folded
	sound  corpus // folded, with each Han character replaced by its first reading
	words  [][]word
	bounds []map[int]bool // per segment, the byte offsets where words begin and end (SetWords)
	alts   []Alt
	alt    *Index // the alternates' texts, one a segment
}

// Alt is another spelling of a span of a segment: the original of a spelling a spellings file corrected
// (transcript.Fix). Search finds the span by it too, so a listener who types what the speech
// recognition wrote still finds every place.
type Alt struct {
	Segment int
	At      Span
	Text    string
}

// SetAlts sets the index's alternates.
func (ix *Index) SetAlts(alts []Alt) {
	ix.alts, ix.alt = nil, nil
	if len(alts) == 0 {
		return
	}
	texts := make([]string, len(alts))
	for i, a := range alts {
		texts[i] = a.Text
	}
	ix.alts, ix.alt = alts, NewIndex(texts)
}

type word struct {
	text       string // folded
	start, end int    // in the source text
}

// corpus is every segment's text in one string, separated by NUL, with the way back to the sources.
type corpus struct {
	b      strings.Builder
	all    string
	starts []int     // where each segment begins in all
	src    [][]int32 // per segment: for each byte of its part of all, the source offset (nil: the same)
}

func (c *corpus) add(text string, src []int32) {
	if len(c.starts) > 0 {
		c.b.WriteByte(0)
	}
	c.starts = append(c.starts, c.b.Len())
	c.b.WriteString(text)
	c.src = append(c.src, src)
}

func (c *corpus) finish() {
	c.all = c.b.String()
	c.b = strings.Builder{}
}

// locate finds the segment of a global offset and the source span of [g, g+n).
func (c *corpus) locate(g, n int, texts []string) (int, Span) {
	seg := sort.SearchInts(c.starts, g+1) - 1
	local := g - c.starts[seg]
	src := c.src[seg]
	if src == nil {
		return seg, Span{local, local + n}
	}
	start, last := int(src[local]), int(src[local+n-1])
	_, w := utf8.DecodeRuneInString(texts[seg][last:])
	return seg, Span{start, last + w}
}

// NewIndex prepares segment texts for searching.
func NewIndex(texts []string) *Index {
	ix := &Index{texts: texts, words: make([][]word, len(texts))}
	for i, t := range texts {
		// NUL separates segments in the corpora; in a text it becomes a space (one byte, as it was).
		ix.raw.add(strings.ReplaceAll(t, "\x00", " "), nil)
		f := foldText(t)
		ix.fold.add(f.text, f.src)
		s := soundOf(f)
		ix.sound.add(s.text, s.src)
		ix.words[i] = latinWords(f, t)
	}
	ix.raw.finish()
	ix.fold.finish()
	ix.sound.finish()
	return ix
}

// soundOf replaces each Han character of folded text by its first reading, as one private-use rune.
func soundOf(f folded) folded {
	var b strings.Builder
	src := make([]int32, 0, len(f.src))
	for i, r := range f.text {
		if rs := readings(r); len(rs) > 0 {
			r = syllableRune(rs[0])
		}
		for range utf8.RuneLen(r) {
			src = append(src, f.src[i])
		}
		b.WriteRune(r)
	}
	return folded{text: b.String(), src: append(src, f.src[len(f.src)-1])}
}

func syllableRune(id uint16) rune { return 0xF0000 + rune(id) }

// latinWords lists the runs of letters and digits in folded text, with their source spans.
func latinWords(f folded, source string) []word {
	var out []word
	start := -1
	t := f.text
	for i, r := range t + " " {
		letter := r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			a, b := f.sourceSpan(start, i, source)
			out = append(out, word{text: t[start:i], start: a, end: b})
			start = -1
		}
	}
	return out
}

// term is one part of a query: a word, or a phrase in quotes (matched as written, never fuzzily).
type term struct {
	text   string
	quoted bool
}

// maxTerms bounds the work for a pasted page: all terms must match, so more narrow nothing useful.
const maxTerms = 32

func parseQuery(q string) []term {
	var terms []term
	for len(terms) < maxTerms {
		q = strings.TrimSpace(q)
		if q == "" {
			break
		}
		if q[0] == '"' || strings.HasPrefix(q, "“") || strings.HasPrefix(q, "「") {
			_, n := utf8.DecodeRuneInString(q)
			rest := q[n:]
			end := strings.IndexAny(rest, "\"”」")
			if end < 0 {
				end = len(rest)
			}
			if p := strings.TrimSpace(rest[:end]); p != "" {
				terms = append(terms, term{text: p, quoted: true})
			}
			if end < len(rest) {
				_, m := utf8.DecodeRuneInString(rest[end:])
				end += m
			}
			q = rest[end:]
			continue
		}
		end := strings.IndexFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '“' || r == '「' })
		if end < 0 {
			end = len(q)
		}
		terms = append(terms, term{text: q[:end]})
		q = q[end:]
	}
	return terms
}

// match is one term's best tier in a segment and every span where it matched.
type match struct {
	tier  Tier
	spans []Span
}

// Search finds the segments holding every term of the query, in the order they are said.
func (ix *Index) Search(query string, opts Options) []Hit {
	hits := ix.search(query, opts)
	if ix.alt == nil {
		return hits
	}
	found := ix.alt.search(query, opts)
	if len(found) == 0 {
		return hits
	}
	by := make(map[int]int, len(hits)) // segment -> index in hits
	for i, h := range hits {
		by[h.Segment] = i
	}
	for _, h := range found {
		a := ix.alts[h.Segment]
		if a.Segment < 0 || a.Segment >= len(ix.texts) || a.At.Start < 0 || a.At.End > len(ix.texts[a.Segment]) || a.At.Start > a.At.End {
			continue
		}
		if i, ok := by[a.Segment]; ok {
			hits[i].Tier = min(hits[i].Tier, h.Tier)
			hits[i].Spans = mergeSpans(append(hits[i].Spans, a.At))
			continue
		}
		by[a.Segment] = len(hits)
		hits = append(hits, Hit{Segment: a.Segment, Tier: h.Tier, Spans: []Span{a.At}})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].Segment < hits[j].Segment })
	return hits
}

func (ix *Index) search(query string, opts Options) []Hit {
	// A broken byte would match inside a character (0xE9 is the first byte of 馬): replace it. NUL
	// separates segments in the corpora: never part of a query.
	terms := parseQuery(strings.ReplaceAll(strings.ToValidUTF8(query, "\uFFFD"), "\x00", ""))
	if len(terms) == 0 {
		return nil
	}
	var result map[int]*Hit
	for _, t := range terms {
		found := ix.matchTerm(t, opts, result)
		if result == nil {
			result = map[int]*Hit{}
			for seg, m := range found {
				result[seg] = &Hit{Segment: seg, Tier: m.tier, Spans: m.spans}
			}
		} else {
			for seg, h := range result {
				m, ok := found[seg]
				if !ok {
					delete(result, seg)
					continue
				}
				h.Tier = max(h.Tier, m.tier)
				h.Spans = append(h.Spans, m.spans...)
			}
		}
		if len(result) == 0 {
			return nil
		}
	}
	hits := make([]Hit, 0, len(result))
	for _, h := range result {
		h.Spans = mergeSpans(h.Spans)
		hits = append(hits, *h)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].Segment < hits[j].Segment })
	return hits
}

// matchTerm finds a term in every segment (or, when only is not nil, in those segments alone).
func (ix *Index) matchTerm(t term, opts Options, only map[int]*Hit) map[int]*match {
	found := map[int]*match{}
	add := func(seg int, tier Tier, sp Span) {
		if only != nil && only[seg] == nil {
			return
		}
		m := found[seg]
		if m == nil {
			m = &match{tier: tier}
			found[seg] = m
		}
		m.tier = min(m.tier, tier)
		m.spans = append(m.spans, sp)
	}
	scan := func(c *corpus, needle string, tier Tier) {
		if needle == "" {
			return
		}
		for off := 0; ; {
			i := strings.Index(c.all[off:], needle)
			if i < 0 {
				return
			}
			seg, sp := c.locate(off+i, len(needle), ix.texts)
			add(seg, tier, sp)
			off += i + len(needle)
		}
	}
	scan(&ix.raw, t.text, Exact)
	f := foldText(t.text).text
	scan(&ix.fold, f, Folded)
	if t.quoted {
		return found
	}
	if !opts.NoSoundsLike && hanCount(f) >= 2 {
		for _, key := range soundKeys(f, 16) {
			scan(&ix.sound, key, SoundsLike)
		}
	}
	if !opts.NoSimilar {
		ix.similar(f, add)
	}
	return found
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// soundKeys spells folded text in readings, every combination of its characters' readings (up to limit).
func soundKeys(f string, limit int) []string {
	keys := []string{""}
	for _, r := range f {
		rs := readings(r)
		if len(rs) == 0 {
			for i := range keys {
				keys[i] += string(r)
			}
			continue
		}
		var next []string
		for _, k := range keys {
			for _, id := range rs {
				if len(next) < limit {
					next = append(next, k+string(syllableRune(id)))
				}
			}
		}
		keys = next
	}
	return keys
}

// similar finds English words of five letters or more within an edit distance of 1 (2 from seven letters).
func (ix *Index) similar(f string, add func(int, Tier, Span)) {
	q := []rune(f)
	if len(q) < 5 || len(q) > 40 {
		return
	}
	for _, r := range q {
		if r >= 0x3000 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return
		}
	}
	limit := 1
	if len(q) >= 7 {
		limit = 2
	}
	for seg, words := range ix.words {
		for _, w := range words {
			if w.text == f || abs(len(w.text)-len(f)) > limit {
				continue
			}
			if editDistance(q, []rune(w.text), limit) <= limit {
				add(seg, Similar, Span{w.start, w.end})
			}
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it must exceed limit.
func editDistance(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// MergeSpans sorts spans and joins those that overlap.
func MergeSpans(spans []Span) []Span { return mergeSpans(spans) }

// EditDistance is the Levenshtein distance of a and b, or limit+1 once it must exceed limit.
func EditDistance(a, b []rune, limit int) int { return editDistance(a, b, limit) }

// mergeSpans sorts spans and joins those that overlap.
func mergeSpans(spans []Span) []Span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortStable(h []Hit, less func(a, b Hit) bool) {
	sort.SliceStable(h, func(i, j int) bool { return less(h[i], h[j]) })
}
