// Package segment is the one package that imports gse: Chinese word boundaries and the episode's key terms.
// It runs natively, where a transcript is known before its page is served (gse's dictionaries would add
// megabytes to app.wasm); its results ship beside the page as data.
package segment

import (
	"strconv"
	"strings"
	"sync"

	"github.com/go-ego/gse"

	"tingo/app/search"
)

// Segmenter cuts text into words with gse's Simplified and Traditional dictionaries.
type Segmenter struct {
	seg gse.Segmenter
	idf map[string]float64 // by folded (Simplified, lower-case) word
	max float64            // the idf of a word the table does not know: rare, so telling
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
	return search.KeyTerms(search.NewIndex(texts), s.Cut, func(folded string) (float64, bool) {
		v, ok := s.idf[folded]
		return v, ok
	}, s.max, k)
}

// IDF gives gse's inverse document frequency of a folded word (search.FoldString), and whether the
// table has it.
func (s *Segmenter) IDF(folded string) (float64, bool) {
	v, ok := s.idf[folded]
	return v, ok
}

// UnknownIDF is the idf given a word the table does not know.
func (s *Segmenter) UnknownIDF() float64 { return s.max }
