package ui

import (
	"runtime"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
)

// Word segmentation in the browser. Matching never waits for it: search works at once. The dictionary
// (web/dict/zh.txt, made natively from gse's) is fetched the first time it helps, a separate static file
// the browser caches; then the transcript is cut into words for ranking, suggestions and, for a file the
// listener opened, the term index that served pages get from gse natively.

const dictPath = "/web/dict/zh.txt"

type dictState int

const (
	dictNone dictState = iota
	dictLoading
	dictReady
	dictFailed
)

// loadDict fetches and reads the dictionary once, then runs then (at once if it is ready).
func (p *player) loadDict(then func()) {
	switch p.dictState {
	case dictReady:
		then()
		return
	case dictFailed:
		return
	}
	p.dictWaiting = append(p.dictWaiting, then)
	if p.dictState == dictLoading {
		return
	}
	p.dictState = dictLoading
	perf := p.win.Get("performance")
	perf.Call("mark", "tingo-dict-start")
	fail := func(app.Value) { p.dictState = dictFailed } // search still works, unranked
	p.await(p.win.Call("fetch", p.ctx.ResolveStaticResource(dictPath)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			p.dictState = dictFailed
			return
		}
		p.await(resp.Call("text"), func(text app.Value) {
			d, err := search.ParseDict(text.String())
			if err != nil {
				p.dictState = dictFailed
				return
			}
			p.dict, p.dictState = d, dictReady
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			perf.Call("measure", "tingo-dict", "tingo-dict-start")
			p.win.Set("tingoDictHeapMB", float64(ms.HeapAlloc)/(1<<20))
			waiting := p.dictWaiting
			p.dictWaiting = nil
			for _, f := range waiting {
				f()
			}
		}, fail)
	}, fail)
}

// cutWords cuts every segment with the dictionary: word boundaries for ranking, and the episode's words
// for suggestions.
func (p *player) cutWords() {
	p.ensureIndex()
	if p.find.wordsCut {
		return
	}
	spans := make([][]search.Span, len(p.find.texts))
	count := map[string]int{}
	for i, text := range p.find.texts {
		spans[i] = p.dict.CutSpans(text)
		for _, s := range spans[i] {
			if w := text[s.Start:s.End]; len([]rune(w)) >= 2 {
				count[w]++
			}
		}
	}
	p.find.index.SetWords(spans)
	p.find.vocab = p.find.vocab[:0]
	for w := range count {
		p.find.vocab = append(p.find.vocab, w)
	}
	sort.Slice(p.find.vocab, func(i, j int) bool {
		a, b := p.find.vocab[i], p.find.vocab[j]
		return count[a] > count[b] || count[a] == count[b] && a < b
	})
	p.find.wordsCut = true
	p.win.Get("performance").Call("mark", "tingo-words")
}

// showTerms makes the term index in the browser, for a transcript that came without one.
func (p *player) showTerms() {
	p.cutWords()
	terms := search.KeyTerms(p.find.texts, p.dict.Cut, p.dict.IDF, p.dict.MaxIDF(), 24)
	p.doc.Call("getElementById", "terms-slot").Set("innerHTML", TermsHTML(terms, tr(p.v.lang, msgTerms)))
}

// suggest offers the episode's own words that start with what the reader typed.
func (p *player) suggest(q string) {
	list := p.doc.Call("getElementById", "suggest")
	if !list.Truthy() {
		return
	}
	q = strings.TrimSpace(q)
	var b strings.Builder
	if q != "" && !strings.ContainsAny(q, " \"") {
		fq := search.FoldString(q)
		n := 0
		for _, w := range p.find.vocab {
			if n == 8 {
				break
			}
			if f := search.FoldString(w); strings.HasPrefix(f, fq) && f != fq {
				b.WriteString(`<option value="` + attrEscape(w) + `">`)
				n++
			}
		}
	}
	list.Set("innerHTML", b.String())
}
