// Package segment is the one package that imports gse: Chinese word boundaries and the episode's key terms.
// It runs natively, where a transcript is known before its page is served (gse's dictionaries would add
// megabytes to app.wasm); its results ship beside the page as data.
package segment

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"tingo/app/search"
	"tingo/app/spell"
)

// Segmenter cuts text into words with gse's Simplified and Traditional dictionaries.
type Segmenter struct {
	seg     gse.Segmenter
	idf     map[string]float64 // by folded (Simplified, lower-case) word
	max     float64            // the idf of a word the table does not know: rare, so telling
	generic float64            // search.GenericIDF of the table

	soundsOnce sync.Once
	sounds     map[string][]string // search.SoundKey -> the table's words (Simplified), commonest first
}

var (
	shared     *Segmenter
	sharedErr  error
	sharedOnce sync.Once
)

// Default loads the dictionaries once (about a second) and shares them.
func Default() (*Segmenter, error) {
	sharedOnce.Do(func() { shared, sharedErr = New() })
	return shared, sharedErr
}

// Drop lets the shared segmenter go (some 300 MB): a long-running server calls it once it has what it
// needs, and the next Default loads it again.
func Drop() {
	shared, sharedErr, sharedOnce = nil, nil, sync.Once{}
}

// New loads gse's embedded dictionaries. Case is kept: Tesla stays Tesla.
func New() (*Segmenter, error) {
	gse.ToLower = false
	s := &Segmenter{idf: map[string]float64{}}
	s.seg.SkipLog = true
	if err := s.seg.LoadDictEmbed("zh"); err != nil {
		return nil, err
	}
	for line := range strings.Lines(gse.ZhIdf) {
		word, val, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		if f, err := strconv.ParseFloat(val, 64); err == nil {
			s.idf[word] = f
			s.max = max(s.max, f)
		}
	}
	idfs := make([]float64, 0, len(s.idf))
	for _, v := range s.idf {
		idfs = append(idfs, v)
	}
	s.generic = search.GenericIDF(idfs)
	return s, nil
}

// Cut gives the words of text, without the spaces between them.
func (s *Segmenter) Cut(text string) []string {
	var out []string
	for _, w := range s.seg.Cut(text, true) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Terms picks an episode's k key terms (search.KeyTerms) with gse's words and idf table.
func (s *Segmenter) Terms(texts []string, k int) []search.Term {
	return search.KeyTerms(search.NewIndex(texts), s.Lexicon(), k)
}

// Lexicon is what search.KeyTerms needs of gse: its words, its idf table and the table's generic line.
func (s *Segmenter) Lexicon() search.Lexicon {
	return search.Lexicon{Cut: s.Cut, IDF: s.IDF, Unknown: s.max, Generic: s.generic}
}

// IDF gives gse's inverse document frequency of a folded word (search.FoldString), and whether the
// table has it.
func (s *Segmenter) IDF(folded string) (float64, bool) {
	v, ok := s.idf[folded]
	return v, ok
}

// UnknownIDF is the idf given a word the table does not know.
func (s *Segmenter) UnknownIDF() float64 { return s.max }

// Known says whether a folded word (search.FoldString) is in gse's dictionary: what spell.Apply asks
// to tell a wrong spelling from a piece of a longer word.
func (s *Segmenter) Known(folded string) bool {
	f, _, ok := s.seg.Find(folded)
	return ok && f > 0
}

// Homophones gives the dictionary's words of two to six characters that sound like key
// (search.SoundKey), commonest first: spelled in Traditional characters when trad and gse knows the
// word so, else in Simplified.
func (s *Segmenter) Homophones(key string, trad bool) []string {
	s.soundsOnce.Do(func() {
		s.sounds = map[string][]string{}
		for w := range s.idf {
			if n := utf8.RuneCountInString(w); n < 2 || n > 6 || !allHan(w) {
				continue
			}
			k := search.SoundKey(w)
			s.sounds[k] = append(s.sounds[k], w)
		}
		for _, ws := range s.sounds {
			sort.Slice(ws, func(i, j int) bool {
				if s.idf[ws[i]] != s.idf[ws[j]] {
					return s.idf[ws[i]] < s.idf[ws[j]]
				}
				return ws[i] < ws[j]
			})
		}
	})
	words := s.sounds[key]
	if !trad {
		return words
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = s.traditional(w)
	}
	return out
}

// traditional spells a Simplified word in Traditional characters gse knows it by (the word itself when
// none).
func (s *Segmenter) traditional(w string) string {
	forms := [][]rune{}
	n := 1
	for _, r := range w {
		f := search.TraditionalOf(r)
		forms = append(forms, f)
		n *= len(f)
	}
	if n == 1 || n > 64 {
		return w
	}
	idx := make([]int, len(forms))
	for range n {
		var b strings.Builder
		for k, f := range forms {
			b.WriteRune(f[idx[k]])
		}
		if c := b.String(); c != w {
			if f, _, ok := s.seg.Find(c); ok && f > 0 {
				return c
			}
		}
		for k := len(idx) - 1; k >= 0; k-- {
			if idx[k]++; idx[k] < len(forms[k]) {
				break
			}
			idx[k] = 0
		}
	}
	return w
}

func allHan(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// Common says whether a word is a function word: its idf under half the generic line (是, 的, 這個,
// 人; not 科, 洋, 菊).
func (s *Segmenter) Common(w string) bool {
	v, ok := s.idf[search.FoldString(w)]
	return ok && v < s.generic/2
}

// SpellLexicon is what spell.Suggest needs of gse for texts: its words, its homophones, its function
// words and the texts' term index; words are the podcaster's names spelled right.
func (s *Segmenter) SpellLexicon(texts []string, words []string) spell.Lexicon {
	rank := map[string]int{}
	for i, t := range s.Terms(texts, 50) {
		rank[search.FoldString(t.Text)] = i + 1
		for _, a := range t.Also {
			rank[search.FoldString(a)] = i + 1
		}
	}
	return spell.Lexicon{
		Known:      func(w string) bool { return s.Known(search.FoldString(w)) },
		Homophones: s.Homophones,
		Common:     s.Common,
		Cut:        s.Cut,
		Words:      words,
		Rank:       func(f string) int { return rank[f] },
	}
}
