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

// dictView is the word list in the browser: fetched, read and used to cut the transcript into words.
type dictView struct {
	*player
	dict        *search.Dict
	dictState   dictState
	dictWaiting []func()
}

type dictState int

const (
	dictNone dictState = iota
	dictLoading
	dictReady
	dictFailed
)

// loadDict fetches and reads the dictionary once, then runs then (at once if it is ready).
func (dv *dictView) loadDict(then func()) {
	switch dv.dictState {
	case dictReady:
		then()
		return
	case dictFailed:
		return
	}
	dv.dictWaiting = append(dv.dictWaiting, then)
	if dv.dictState == dictLoading {
		return
	}
	dv.dictState = dictLoading
	perf := dv.win.Get("performance")
	perf.Call("mark", "tingo-dict-start")
	fail := func(app.Value) { dv.dictState = dictFailed } // search still works, unranked
	await(dv.guard, dv.win.Call("fetch", dv.ctx.ResolveStaticResource(dictPath)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			dv.dictState = dictFailed
			return
		}
		await(dv.guard, resp.Call("text"), func(text app.Value) {
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
					dv.dictState = dictFailed
					return
				}
				if to < len(data) {
					dv.after(func() { step(to) })
					return
				}
				d, err := b.Dict()
				if err != nil {
					dv.dictState = dictFailed
					return
				}
				dv.dict, dv.dictState = d, dictReady
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				perf.Call("measure", "tingo-dict", "tingo-dict-start")
				dv.win.Set("tingoDictHeapMB", float64(ms.HeapAlloc)/(1<<20))
				waiting := dv.dictWaiting
				dv.dictWaiting = nil
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
func (dv *dictView) cutWords(then func()) {
	dv.find.ensureIndex()
	if dv.find.wordsCut {
		then()
		return
	}
	texts := dv.find.texts
	spans := make([][]search.Span, len(texts))
	count := map[string]int{}
	var step func(from int)
	step = func(from int) {
		if len(dv.find.texts) != len(texts) {
			return // another transcript came meanwhile
		}
		to := min(from+200, len(texts))
		for i := from; i < to; i++ {
			spans[i] = dv.dict.CutSpans(texts[i])
			for _, s := range spans[i] {
				if w := texts[i][s.Start:s.End]; len([]rune(w)) >= 2 {
					count[w]++
				}
			}
		}
		if to < len(texts) {
			dv.after(func() { step(to) })
			return
		}
		dv.find.index.SetWords(spans)
		vocab := make([]string, 0, len(count))
		for w := range count {
			vocab = append(vocab, w)
		}
		sort.Slice(vocab, func(i, j int) bool {
			a, b := vocab[i], vocab[j]
			return count[a] > count[b] || count[a] == count[b] && a < b
		})
		dv.find.vocab = vocab
		dv.find.vocabFolded = make([]string, len(vocab))
		for i, w := range vocab {
			dv.find.vocabFolded[i] = search.FoldString(w)
		}
		dv.find.wordsCut = true
		dv.win.Get("performance").Call("mark", "tingo-words")
		then()
	}
	step(0)
}

// showTerms makes the term index in the browser, for a transcript that came without one.
func (dv *dictView) showTerms() {
	terms := search.KeyTerms(dv.find.index, search.Lexicon{Cut: dv.dict.Cut, IDF: dv.dict.IDF, Unknown: dv.dict.MaxIDF()}, 24)
	dv.doc.Call("getElementById", page.TermsSlot).Set("innerHTML", TermsHTML(terms, tr(dv.v.lang, msgTerms), dv.v.lang))
}

// suggest offers the episode's own words that start with what the reader typed.
func (dv *dictView) suggest(q string) {
	list := dv.doc.Call("getElementById", page.Suggest)
	if !list.Truthy() {
		return
	}
	q = strings.TrimSpace(q)
	var b strings.Builder
	if q != "" && !strings.ContainsAny(q, " \"") {
		fq := search.FoldString(q)
		n := 0
		for i, f := range dv.find.vocabFolded {
			if n == 8 {
				break
			}
			if strings.HasPrefix(f, fq) && f != fq {
				b.WriteString(`<option value="` + attrEscape(dv.find.vocab[i]) + `">`)
				n++
			}
		}
	}
	list.Set("innerHTML", b.String())
}
