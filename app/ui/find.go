package ui

import (
	"fmt"
	"html"
	"slices"
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
	state *readalong.Find
	index *search.Index
	texts []string
	opts  search.Options
	marks []app.Value // every <mark>, in document order: read when the reader first jumps

	wordsCut    bool     // the segments are cut into words (the index ranks on them)
	vocab       []string // the episode's words, most frequent first: suggestions
	vocabFolded []string
}

func newFinder() finder { return finder{state: readalong.NewFind()} }

func (p *player) ensureIndex() {
	if p.find.index != nil {
		return
	}
	p.find.texts = make([]string, len(p.segs))
	for i := range p.segs {
		p.find.texts[i] = p.text.Written(i)
	}
	p.find.index = search.NewIndex(p.find.texts)
	var alts []search.Alt // the originals of corrected spellings: searching them finds the fixes
	for i := range p.segs {
		for _, f := range p.text.Fixes(i) {
			alts = append(alts, search.Alt{Segment: i, At: search.Span{Start: f.Start, End: f.End}, Text: f.Was})
		}
	}
	p.find.index.SetAlts(alts)
}

// resetFind forgets the index and marks: the transcript changed.
func (p *player) resetFind() { p.find = newFinder() }

// runSearch searches as the reader types. It never scrolls: typing does not move the page.
func (p *player) runSearch(q string) {
	p.ensureIndex()
	var hits []search.Hit
	if strings.TrimSpace(q) != "" {
		hits = p.find.index.Search(q, p.find.opts)
	}
	p.applyMarks(q, hits)
	p.showCount()
	// The marks are what the reader waits for; the list and the scrubber's ticks follow a turn later,
	// unless another keystroke came.
	gen := p.find.state.Generation()
	p.after(func() {
		if gen == p.find.state.Generation() {
			p.renderResults()
			p.renderMarkers()
		}
	})
	p.suggest(q)
	if q != "" && !p.find.wordsCut {
		// Word boundaries rank the result list and words are suggested, once the dictionary is here.
		p.loadDict(func() {
			p.cutWords(func() {
				if q := p.find.state.Query(); q != "" {
					p.renderResults()
					p.suggest(q)
				}
			})
		})
	}
}

func (p *player) setFuzzy(soundsLike, similar bool) {
	p.find.opts = search.Options{NoSoundsLike: !soundsLike, NoSimilar: !similar}
	if q := p.find.state.Query(); q != "" {
		p.runSearch(q)
	}
}

// applyMarks rewrites the text of the segments whose marks change, and no other: a keystroke costs what
// it changes. Segments near the screen are marked at once; the rest follow in chunks after the frame (a
// single character can hit a thousand segments of a ten-hour transcript), and a new keystroke drops
// what is still pending.
func (p *player) applyMarks(q string, hits []search.Hit) {
	p.find.state.Set(q, hits, p.visibleSegment())
	p.find.marks = nil
	p.markSome(40)
	if p.find.state.Pending() > 0 {
		p.markLater(p.find.state.Generation())
	}
}

// markSome rewrites up to n of the pending segments.
func (p *player) markSome(n int) { p.rewrite(p.find.state.Take(n)) }

// rewrite writes segments' text as the reader's script shows it, with their marks and fixes. When the
// cursor's segment is among them and its text lies differently after, the cursor is built again; a text
// converted to the other script usually lies the same (ideographs are one em wide), and then the built
// animation stays (building one measures every word: ~25 ms on a long segment).
func (p *player) rewrite(segs []int) {
	for _, i := range segs {
		text := p.text.Shown(i)
		tx := p.txOf(i)
		if h, ok := p.find.state.HitOf(i); ok {
			tx.Set("innerHTML", markedHTML(text, h.Spans, p.text.Fixes(i), p.v.lang))
		} else if f := p.text.Fixes(i); len(f) > 0 {
			tx.Set("innerHTML", markedHTML(text, nil, f, p.v.lang))
		} else {
			tx.Set("textContent", text)
		}
	}
	if p.cursor.seg >= 0 && slices.Contains(segs, p.cursor.seg) {
		p.checkCursor()
	}
}

// checkCursor builds the reading cursor's animation again if its segment's words moved, once the next
// frame has laid the page out: asked at once, the browser would lay out the whole page to answer (two
// layouts a switch on ten hours, ~19 ms each).
func (p *player) checkCursor() {
	c := p.cursor
	if c.checking {
		return
	}
	c.checking = true
	p.afterFrame(func() {
		c.checking = false
		if i := c.seg; i >= 0 && c.lineBoxes(p.txOf(i)) != c.lines {
			c.reset() // the cursor's words moved: build its animation again
			p.update(p.audio.Time())
		}
	})
}

// afterFrame runs f after the browser's next frame: when the page's layout is fresh.
func (p *player) afterFrame(f func()) { later(p.guard, 0, true, f) }

// after runs f once the browser has had a turn (a zero timeout): work the reader is not waiting for.
func (p *player) after(f func()) { later(p.guard, 0, false, f) }

// markLater marks the rest a chunk at a time, unless another keystroke came.
func (p *player) markLater(gen int) {
	p.after(func() {
		if gen != p.find.state.Generation() {
			return
		}
		p.markSome(80)
		if p.find.state.Pending() > 0 {
			p.markLater(gen)
		}
	})
}

// visibleSegment is the segment in the middle of the screen (the current one when it cannot tell).
func (p *player) visibleSegment() int {
	el := p.doc.Call("elementFromPoint", p.win.Get("innerWidth").Float()/2, p.win.Get("innerHeight").Float()/2)
	if i := p.segOf(el); i >= 0 {
		return i
	}
	return max(p.sess.Current(), 0)
}

// collectMarks reads the marks from the page, once per query, when the reader first steps through them
// (marking what is still pending first).
func (p *player) collectMarks() {
	if p.find.marks != nil || p.find.state.Marks() == 0 {
		return
	}
	p.rewrite(p.find.state.TakeAll())
	p.rewrite(readalong.TakeSome(&p.script.pending, len(p.script.pending)))
	marks := p.list.Call("querySelectorAll", "mark")
	p.find.marks = make([]app.Value, marks.Length())
	for i := range p.find.marks {
		p.find.marks[i] = marks.Index(i)
	}
}

// markedHTML escapes text and wraps each span in <mark> (and each fix in <ins>, as the page has it).
func markedHTML(text string, spans []search.Span, fixes []transcript.Fix, lang string) string {
	var b strings.Builder
	writeText(&b, text, spans, fixes, lang)
	return b.String()
}

func (p *player) showCount() {
	if el := p.doc.Call("getElementById", page.Count); el.Truthy() {
		el.Set("textContent", p.find.state.Count(tr(p.v.lang, msgNoHits)))
	}
}

// jump moves to the next (dir 1) or previous (-1) mark and scrolls it into view; following pauses, so the
// page stays where the reader asked to look.
func (p *player) jump(dir int) {
	p.collectMarks()
	prev, cur := p.find.state.Step(dir, len(p.find.marks))
	if cur < 0 {
		return
	}
	if prev >= 0 {
		p.find.marks[prev].Get("classList").Call("remove", page.CurrentHit)
	}
	m := p.find.marks[cur]
	m.Get("classList").Call("add", page.CurrentHit)
	centerInView(p.win, m, "auto")
	p.apply(p.sess.StopFollowing())
	p.showCount()
}

func (p *player) clearSearch() {
	if s := p.doc.Call("getElementById", page.Search); s.Truthy() {
		s.Set("value", "")
	}
	p.runSearch("")
}

// renderResults lists the hits with their time, how they matched and a snippet.
func (p *player) renderResults() {
	el := p.doc.Call("getElementById", page.Results)
	if !el.Truthy() {
		return
	}
	hits := p.find.state.Hits()
	if len(hits) == 0 {
		el.Set("innerHTML", "")
		el.Set("hidden", true)
		return
	}
	var b strings.Builder
	b.WriteString(`<ol>`)
	for k, h := range p.find.index.Rank(hits) {
		if k == 100 {
			fmt.Fprintf(&b, `<li class="more">+%d</li>`, len(hits)-k)
			break
		}
		text := p.find.texts[h.Segment]
		at := p.text.Timeline(h.Segment).TimeAt(page.UTF16Len(text[:h.Spans[0].Start]))
		fmt.Fprintf(&b, `<li><button class="hit" data-t="%s"><span class="ts">%s</span> <span class="tier tier-%s">%s</span> <span class="snip">%s</span></button></li>`,
			strconv.FormatFloat(at, 'f', 3, 64), readalong.Clock(at), h.Tier, tierLabel(p.v.lang, h.Tier),
			snippetHTML(p.text.Show(text), h.Spans))
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
func (p *player) renderMarkers() {
	el := p.doc.Call("getElementById", page.Markers)
	if !el.Truthy() {
		return
	}
	d := p.duration()
	var b strings.Builder
	if d > 0 {
		for k, h := range p.find.state.Hits() {
			if k == 500 {
				break
			}
			fmt.Fprintf(&b, `<i style="left:%.2f%%"></i>`, 100*p.seg(h.Segment).Start/d)
		}
	}
	el.Set("innerHTML", b.String())
}

func (p *player) listenResults() {
	el := p.doc.Call("getElementById", page.Results)
	if !el.Truthy() {
		return
	}
	p.listen(el, "click", func(e app.Value) {
		b := e.Get("target").Call("closest", "button.hit")
		if !b.Truthy() {
			return
		}
		t, err := strconv.ParseFloat(b.Call("getAttribute", page.DataT).String(), 64)
		if err == nil {
			p.seekTo(t, true)
		}
	})
}

func tierLabel(lang string, t search.Tier) string {
	return tr(lang, msgTierExact+msg(t))
}
