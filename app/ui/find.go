package ui

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
	"tingo/app/transcript"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// Search in the page: every hit a <mark> in the transcript, "3 / 17" with next and previous, a result list
// (a click seeks to the hit and plays), ticks on the scrubber where the hits are. The index is built from
// the page's own text the first time the reader searches.

// finder is the player's search: its state (readalong.Find), the index over the page's text, and the
// marks in the page.
type finder struct {
	*player
	state *readalong.Find
	index *search.Index
	texts []string
	opts  search.Options
	marks []app.Value // every <mark>, in document order: read when the reader first jumps

	wordsCut    bool     // the segments are cut into words (the index ranks on them)
	vocab       []string // the episode's words, most frequent first: suggestions
	vocabFolded []string
}

func newFinder(p *player) *finder { return &finder{player: p, state: readalong.NewFind()} }

func (f *finder) ensureIndex() {
	if f.index != nil {
		return
	}
	f.texts = make([]string, len(f.segs))
	for i := range f.segs {
		f.texts[i] = f.text.Written(i)
	}
	f.index = search.NewIndex(f.texts)
	var alts []search.Alt // the originals of corrected spellings: searching them finds the fixes
	for i := range f.segs {
		for _, fx := range f.text.Fixes(i) {
			alts = append(alts, search.Alt{Segment: i, At: search.Span{Start: fx.Start, End: fx.End}, Text: fx.Was})
		}
	}
	f.index.SetAlts(alts)
}

// runSearch searches as the reader types. It never scrolls: typing does not move the page.
func (f *finder) runSearch(q string) {
	f.ensureIndex()
	var hits []search.Hit
	if strings.TrimSpace(q) != "" {
		hits = f.index.Search(q, f.opts)
	}
	f.applyMarks(q, hits)
	f.showCount()
	// The marks are what the reader waits for; the list and the scrubber's ticks follow a turn later,
	// unless another keystroke came.
	gen := f.state.Generation()
	f.after(func() {
		if gen == f.state.Generation() {
			f.renderResults()
			f.renderMarkers()
		}
	})
	f.dict.suggest(q)
	if q != "" && !f.wordsCut {
		// Word boundaries rank the result list and words are suggested, once the dictionary is here.
		f.dict.loadDict(func() {
			f.dict.cutWords(func() {
				if q := f.state.Query(); q != "" {
					f.renderResults()
					f.dict.suggest(q)
				}
			})
		})
	}
}

func (f *finder) setFuzzy(soundsLike, similar bool) {
	f.opts = search.Options{NoSoundsLike: !soundsLike, NoSimilar: !similar}
	if q := f.state.Query(); q != "" {
		f.runSearch(q)
	}
}

// applyMarks rewrites the text of the segments whose marks change, and no other: a keystroke costs what
// it changes. Segments near the screen are marked at once; the rest follow in chunks after the frame (a
// single character can hit a thousand segments of a ten-hour transcript), and a new keystroke drops
// what is still pending.
func (f *finder) applyMarks(q string, hits []search.Hit) {
	f.state.Set(q, hits, f.visibleSegment())
	f.marks = nil
	f.markSome(40)
	if f.state.Pending() > 0 {
		f.markLater(f.state.Generation())
	}
}

// markSome rewrites up to n of the pending segments.
func (f *finder) markSome(n int) { f.rewrite(f.state.Take(n)) }

// markLater marks the rest a chunk at a time, unless another keystroke came.
func (f *finder) markLater(gen int) {
	f.after(func() {
		if gen != f.state.Generation() {
			return
		}
		f.markSome(80)
		if f.state.Pending() > 0 {
			f.markLater(gen)
		}
	})
}

// collectMarks reads the marks from the page, once per query, when the reader first steps through them
// (marking what is still pending first).
func (f *finder) collectMarks() {
	if f.marks != nil || f.state.Marks() == 0 {
		return
	}
	f.rewrite(f.state.TakeAll())
	f.rewrite(readalong.TakeSome(&f.script.pending, len(f.script.pending)))
	marks := f.list.Call("querySelectorAll", "mark")
	f.marks = make([]app.Value, marks.Length())
	for i := range f.marks {
		f.marks[i] = marks.Index(i)
	}
}

// markedHTML escapes text and wraps each span in <mark> (and each fix in <ins>, as the page has it).
func markedHTML(text string, spans []search.Span, fixes []transcript.Fix, lang string) string {
	var b strings.Builder
	writeText(&b, text, spans, fixes, lang)
	return b.String()
}

func (f *finder) showCount() {
	if el := f.doc.Call("getElementById", page.Count); el.Truthy() {
		el.Set("textContent", f.state.Count(tr(f.v.lang, msgNoHits)))
	}
}

// jump moves to the next (dir 1) or previous (-1) mark and scrolls it into view; following pauses, so the
// page stays where the reader asked to look.
func (f *finder) jump(dir int) {
	f.collectMarks()
	prev, cur := f.state.Step(dir, len(f.marks))
	if cur < 0 {
		return
	}
	if prev >= 0 {
		f.marks[prev].Get("classList").Call("remove", page.CurrentHit)
	}
	m := f.marks[cur]
	m.Get("classList").Call("add", page.CurrentHit)
	centerInView(f.win, m, "auto")
	f.apply(f.sess.StopFollowing())
	f.showCount()
}

func (f *finder) clearSearch() {
	if s := f.doc.Call("getElementById", page.Search); s.Truthy() {
		s.Set("value", "")
	}
	f.runSearch("")
}

// renderResults lists the hits with their time, how they matched and a snippet.
func (f *finder) renderResults() {
	el := f.doc.Call("getElementById", page.Results)
	if !el.Truthy() {
		return
	}
	hits := f.state.Hits()
	if len(hits) == 0 {
		el.Set("innerHTML", "")
		el.Set("hidden", true)
		return
	}
	var b strings.Builder
	b.WriteString(`<ol>`)
	for k, h := range f.index.Rank(hits) {
		if k == 100 {
			fmt.Fprintf(&b, `<li class="more">+%d</li>`, len(hits)-k)
			break
		}
		text := f.texts[h.Segment]
		at := f.text.Timeline(h.Segment).TimeAt(page.UTF16Len(text[:h.Spans[0].Start]))
		fmt.Fprintf(&b, `<li><button class="hit" data-t="%s"><span class="ts">%s</span> <span class="tier tier-%s">%s</span> <span class="snip">%s</span></button></li>`,
			strconv.FormatFloat(at, 'f', 3, 64), readalong.Clock(at), h.Tier, tierLabel(f.v.lang, h.Tier),
			snippetHTML(f.text.Show(text), h.Spans))
	}
	b.WriteString(`</ol>`)
	el.Set("innerHTML", b.String())
	el.Set("hidden", false)
}

func snippetHTML(text string, spans []search.Span) string {
	s := search.Snippet(text, spans[:1], 18, "\x01", "\x02")
	s = html.EscapeString(s)
	return strings.NewReplacer("\x01", "<mark>", "\x02", "</mark>").Replace(s)
}

// renderMarkers puts a tick on the scrubber for each segment with hits.
func (f *finder) renderMarkers() {
	el := f.doc.Call("getElementById", page.Markers)
	if !el.Truthy() {
		return
	}
	d := f.transport.duration()
	var b strings.Builder
	if d > 0 {
		for k, h := range f.state.Hits() {
			if k == 500 {
				break
			}
			fmt.Fprintf(&b, `<i style="left:%.2f%%"></i>`, 100*f.seg(h.Segment).Start/d)
		}
	}
	el.Set("innerHTML", b.String())
}

func (f *finder) listenResults() {
	el := f.doc.Call("getElementById", page.Results)
	if !el.Truthy() {
		return
	}
	f.listen(el, "click", func(e app.Value) {
		b := e.Get("target").Call("closest", "button.hit")
		if !b.Truthy() {
			return
		}
		t, err := strconv.ParseFloat(b.Call("getAttribute", page.DataT).String(), 64)
		if err == nil {
			f.transport.seekTo(t, true)
		}
	})
}

func tierLabel(lang string, t search.Tier) string {
	return tr(lang, msgTierExact+msg(t))
}
