package ui

import (
	"runtime"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
	"tingo/app/ui/page"
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
	await(p.guard, p.win.Call("fetch", p.ctx.ResolveStaticResource(dictPath)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			p.dictState = dictFailed
			return
		}
		await(p.guard, resp.Call("text"), func(text app.Value) {
			// Read 4,000 lines a turn: the whole list at once would hold the page for half a second.
			data := text.String()
			var b search.DictBuilder
			var step func(from int)
			step = func(from int) {
				to := from
				for n := 0; n < 4000 && to < len(data); n++ {
					if i := strings.IndexByte(data[to:], '\n'); i >= 0 {
						to += i + 1
					} else {
						to = len(data)
					}
				}
				if err := b.Add(data[from:to]); err != nil {
					p.dictState = dictFailed
					return
				}
				if to < len(data) {
					p.after(func() { step(to) })
					return
				}
				d, err := b.Dict()
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
			}
			step(0)
		}, fail)
	}, fail)
}

// cutWords cuts every segment with the dictionary, 200 segments between frames (ten hours are 6,000
// segments: cut at once, half a second of a frozen page), then gives the index its word boundaries and
// the suggestions their words, and runs then.
func (p *player) cutWords(then func()) {
	p.ensureIndex()
	if p.find.wordsCut {
		then()
		return
	}
	texts := p.find.texts
	spans := make([][]search.Span, len(texts))
	count := map[string]int{}
	var step func(from int)
	step = func(from int) {
		if len(p.find.texts) != len(texts) {
			return // another transcript came meanwhile
		}
		to := min(from+200, len(texts))
		for i := from; i < to; i++ {
			spans[i] = p.dict.CutSpans(texts[i])
			for _, s := range spans[i] {
				if w := texts[i][s.Start:s.End]; len([]rune(w)) >= 2 {
					count[w]++
				}
			}
		}
		if to < len(texts) {
			p.after(func() { step(to) })
			return
		}
		p.find.index.SetWords(spans)
		vocab := make([]string, 0, len(count))
		for w := range count {
			vocab = append(vocab, w)
		}
		sort.Slice(vocab, func(i, j int) bool {
			a, b := vocab[i], vocab[j]
			return count[a] > count[b] || count[a] == count[b] && a < b
		})
		p.find.vocab = vocab
		p.find.vocabFolded = make([]string, len(vocab))
		for i, w := range vocab {
			p.find.vocabFolded[i] = search.FoldString(w)
		}
		p.find.wordsCut = true
		p.win.Get("performance").Call("mark", "tingo-words")
		then()
	}
	step(0)
}

// showTerms makes the term index in the browser, for a transcript that came without one.
func (p *player) showTerms() {
	terms := search.KeyTerms(p.find.index, search.Lexicon{Cut: p.dict.Cut, IDF: p.dict.IDF, Unknown: p.dict.MaxIDF()}, 24)
	p.doc.Call("getElementById", page.TermsSlot).Set("innerHTML", TermsHTML(terms, tr(p.v.lang, msgTerms), p.v.lang))
}

// suggest offers the episode's own words that start with what the reader typed.
func (p *player) suggest(q string) {
	list := p.doc.Call("getElementById", page.Suggest)
	if !list.Truthy() {
		return
	}
	q = strings.TrimSpace(q)
	var b strings.Builder
	if q != "" && !strings.ContainsAny(q, " \"") {
		fq := search.FoldString(q)
		n := 0
		for i, f := range p.find.vocabFolded {
			if n == 8 {
				break
			}
			if strings.HasPrefix(f, fq) && f != fq {
				b.WriteString(`<option value="` + attrEscape(p.find.vocab[i]) + `">`)
				n++
			}
		}
	}
	list.Set("innerHTML", b.String())
}
