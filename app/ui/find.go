package ui

import (
	"fmt"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
	"tingo/app/transcript"
)

// Search in the page: every hit a <mark> in the transcript, "3 / 17" with next and previous, a result list
// (a click seeks to the hit and plays), ticks on the scrubber where the hits are. The index is built from
// the page's own text the first time the reader searches.

// finder is the player's search state.
type finder struct {
	index      *search.Index
	texts      []string
	query      string
	opts       search.Options
	hits       []search.Hit
	marked     map[int]string // segments whose text holds marks now, with the spans they show
	nMarks     int            // how many marks there are
	pending    []int          // segments still to (un)mark, nearest the screen first
	generation int            // counts keystrokes: pending work of an older one is dropped
	marks      []app.Value    // every <mark>, in document order: read when the reader first jumps
	current    int            // the mark "k / N" points at; -1 before the reader jumps

	wordsCut    bool     // the segments are cut into words (the index ranks on them)
	vocab       []string // the episode's words, most frequent first: suggestions
	vocabFolded []string
}

func (p *player) ensureIndex() {
	if p.find.index != nil {
		return
	}
	p.find.texts = make([]string, len(p.segs))
	for i := range p.segs {
		p.find.texts[i] = p.text(i)
	}
	p.find.index = search.NewIndex(p.find.texts)
	var alts []search.Alt // the originals of corrected spellings: searching them finds the fixes
	for i := range p.segs {
		for _, f := range p.segs[i].fixes {
			alts = append(alts, search.Alt{Segment: i, At: search.Span{Start: f.Start, End: f.End}, Text: f.Was})
		}
	}
	p.find.index.SetAlts(alts)
	if p.find.marked == nil {
		p.find.marked = map[int]string{}
	}
}

// resetFind forgets the index and marks: the transcript changed.
func (p *player) resetFind() {
	p.find = finder{current: -1, marked: map[int]string{}}
}

// runSearch searches as the reader types. It never scrolls: typing does not move the page.
func (p *player) runSearch(q string) {
	p.ensureIndex()
	p.find.query = q
	if strings.TrimSpace(q) == "" {
		p.find.hits = nil
	} else {
		p.find.hits = p.find.index.Search(q, p.find.opts)
	}
	p.applyMarks()
	p.find.current = -1
	p.showCount()
	// The marks are what the reader waits for; the list and the scrubber's ticks follow a turn later,
	// unless another keystroke came.
	gen := p.find.generation
	p.after(func() {
		if gen == p.find.generation {
			p.renderResults()
			p.renderMarkers()
		}
	})
	p.suggest(q)
	if q != "" && !p.find.wordsCut {
		// Word boundaries rank the result list and words are suggested, once the dictionary is here.
		p.loadDict(func() {
			p.cutWords(func() {
				if p.find.query != "" {
					p.renderResults()
					p.suggest(p.find.query)
				}
			})
		})
	}
}

func (p *player) setFuzzy(soundsLike, similar bool) {
	p.find.opts = search.Options{NoSoundsLike: !soundsLike, NoSimilar: !similar}
	if p.find.query != "" {
		p.runSearch(p.find.query)
	}
}

// applyMarks rewrites the text of the segments whose marks change, and no other: a keystroke costs what
// it changes. Segments near the screen are marked at once; the rest follow in chunks after the frame (a
// single character can hit a thousand segments of a ten-hour transcript), and a new keystroke drops
// what is still pending.
func (p *player) applyMarks() {
	now := make(map[int]string, len(p.find.hits))
	p.find.nMarks = 0
	var todo []int // segments whose text must change
	for _, h := range p.find.hits {
		key := fmt.Sprint(h.Spans)
		now[h.Segment] = key
		p.find.nMarks += len(h.Spans)
		if p.find.marked[h.Segment] != key {
			todo = append(todo, h.Segment)
		}
	}
	for i := range p.find.marked {
		if _, ok := now[i]; !ok {
			todo = append(todo, i)
		}
	}
	p.find.marked = now
	p.find.marks = nil
	p.find.generation++
	// Nearest the screen first.
	at := p.visibleSegment()
	sort.Slice(todo, func(a, b int) bool { return absInt(todo[a]-at) < absInt(todo[b]-at) })
	p.find.pending = todo
	p.markSome(40)
	if len(p.find.pending) > 0 {
		p.markLater(p.find.generation)
	}
}

// markSome rewrites up to n of the pending segments.
func (p *player) markSome(n int) { p.rewrite(takeSome(&p.find.pending, n)) }

// takeSome takes up to n segments off the front of a queue of segments to rewrite.
func takeSome(q *[]int, n int) []int {
	n = max(0, min(n, len(*q)))
	some := (*q)[:n:n]
	*q = (*q)[n:]
	return some
}

// rewrite writes segments' text as the reader's script shows it, with their marks and fixes. When the
// cursor's segment is among them and its text lies differently after, the cursor is built again; a text
// converted to the other script usually lies the same (ideographs are one em wide), and then the built
// animation stays (building one measures every word: ~25 ms on a long segment).
func (p *player) rewrite(segs []int) {
	for _, i := range segs {
		text := p.shownText(i)
		tx := p.txOf(i)
		if h, ok := p.hitOf(i); ok {
			tx.Set("innerHTML", markedHTML(text, h.Spans, p.segs[i].fixes, p.v.lang))
		} else if f := p.segs[i].fixes; len(f) > 0 {
			tx.Set("innerHTML", markedHTML(text, nil, f, p.v.lang))
		} else {
			tx.Set("textContent", text)
		}
	}
	if p.animSeg >= 0 && slices.Contains(segs, p.animSeg) {
		p.checkCursor()
	}
}

// checkCursor builds the reading cursor's animation again if its segment's words moved, once the next
// frame has laid the page out: asked at once, the browser would lay out the whole page to answer (two
// layouts a switch on ten hours, ~19 ms each).
func (p *player) checkCursor() {
	if p.cursorCheck {
		return
	}
	p.cursorCheck = true
	p.afterFrame(func() {
		p.cursorCheck = false
		if i := p.animSeg; i >= 0 && p.lines(i) != p.animLines {
			p.animSeg = -1 // the cursor's words moved: build its animation again
			p.update(p.audio.Get("currentTime").Float())
		}
	})
}

// lines is how segment i's text lies on the page: the boxes of its text nodes' lines, in whole pixels.
func (p *player) lines(i int) string {
	tx := p.txOf(i)
	if !tx.Truthy() {
		return "none"
	}
	p.rangeWord.Call("selectNodeContents", tx)
	rects := p.rangeWord.Call("getClientRects")
	var b strings.Builder
	fmt.Fprintf(&b, "%d:", rects.Length())
	for k, n := 0, rects.Length(); k < n; k++ {
		r := rects.Index(k)
		fmt.Fprintf(&b, "%.0f,%.0f,%.0f,%.0f;", r.Get("left").Float(), r.Get("top").Float(), r.Get("right").Float(), r.Get("bottom").Float())
	}
	return b.String()
}

// afterFrame runs f after the browser's next frame: when the page's layout is fresh.
func (p *player) afterFrame(f func()) {
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		p.after(f)
		return nil
	})
	p.win.Call("requestAnimationFrame", fn)
}

// after runs f once the browser has had a turn (a zero timeout): work the reader is not waiting for.
func (p *player) after(f func()) {
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		defer p.guard()
		fn.Release()
		f()
		return nil
	})
	p.win.Call("setTimeout", fn, 0)
}

// markLater marks the rest a chunk at a time, unless another keystroke came.
func (p *player) markLater(gen int) {
	p.after(func() {
		if gen != p.find.generation {
			return
		}
		p.markSome(80)
		if len(p.find.pending) > 0 {
			p.markLater(gen)
		}
	})
}

// hitOf finds segment i's hit in the current results.
func (p *player) hitOf(i int) (search.Hit, bool) {
	k := sort.Search(len(p.find.hits), func(k int) bool { return p.find.hits[k].Segment >= i })
	if k < len(p.find.hits) && p.find.hits[k].Segment == i {
		return p.find.hits[k], true
	}
	return search.Hit{}, false
}

// visibleSegment is the segment in the middle of the screen (the current one when it cannot tell).
func (p *player) visibleSegment() int {
	el := p.doc.Call("elementFromPoint", p.win.Get("innerWidth").Float()/2, p.win.Get("innerHeight").Float()/2)
	if i := p.segOf(el); i >= 0 {
		return i
	}
	return max(p.cur, 0)
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// collectMarks reads the marks from the page, once per query, when the reader first steps through them
// (marking what is still pending first).
func (p *player) collectMarks() {
	if p.find.marks != nil || p.find.nMarks == 0 {
		return
	}
	p.markSome(len(p.find.pending))
	p.rewrite(takeSome(&p.script.pending, len(p.script.pending)))
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
	el := p.doc.Call("getElementById", "count")
	if !el.Truthy() {
		return
	}
	switch {
	case p.find.query == "":
		el.Set("textContent", "")
	case p.find.nMarks == 0:
		el.Set("textContent", tr(p.v.lang, msgNoHits))
	case p.find.current < 0:
		el.Set("textContent", fmt.Sprintf("– / %d", p.find.nMarks))
	default:
		el.Set("textContent", fmt.Sprintf("%d / %d", p.find.current+1, p.find.nMarks))
	}
}

// jump moves to the next (dir 1) or previous (-1) mark and scrolls it into view; following pauses, so the
// page stays where the reader asked to look.
func (p *player) jump(dir int) {
	p.collectMarks()
	n := len(p.find.marks)
	if n == 0 {
		return
	}
	if p.find.current >= 0 && p.find.current < n {
		p.find.marks[p.find.current].Get("classList").Call("remove", "current-hit")
	}
	switch {
	case p.find.current < 0 && dir > 0:
		p.find.current = 0
	case p.find.current < 0:
		p.find.current = n - 1
	default:
		p.find.current = (p.find.current + dir + n) % n
	}
	m := p.find.marks[p.find.current]
	m.Get("classList").Call("add", "current-hit")
	if p.following {
		p.following = false
		p.v.follow = false
		p.refresh()
	}
	centerInView(p.win, m, "auto")
	p.queueDirection()
	p.showCount()
}

func (p *player) clearSearch() {
	if s := p.doc.Call("getElementById", "search"); s.Truthy() {
		s.Set("value", "")
	}
	p.runSearch("")
}

// renderResults lists the hits with their time, how they matched and a snippet.
func (p *player) renderResults() {
	el := p.doc.Call("getElementById", "results")
	if !el.Truthy() {
		return
	}
	if len(p.find.hits) == 0 {
		el.Set("innerHTML", "")
		el.Set("hidden", true)
		return
	}
	var b strings.Builder
	b.WriteString(`<ol>`)
	for k, h := range p.find.index.Rank(p.find.hits) {
		if k == 100 {
			fmt.Fprintf(&b, `<li class="more">+%d</li>`, len(p.find.hits)-k)
			break
		}
		text := p.find.texts[h.Segment]
		at := p.timeline(h.Segment).TimeAt(utf16Len(text[:h.Spans[0].Start]))
		fmt.Fprintf(&b, `<li><button class="hit" data-t="%s"><span class="ts">%s</span> <span class="tier tier-%s">%s</span> <span class="snip">%s</span></button></li>`,
			strconv.FormatFloat(at, 'f', 3, 64), clockText(at), h.Tier, tierLabel(p.v.lang, h.Tier),
			snippetHTML(p.shown(text), h.Spans))
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
	el := p.doc.Call("getElementById", "markers")
	if !el.Truthy() {
		return
	}
	d := p.duration()
	var b strings.Builder
	if d > 0 {
		for k, h := range p.find.hits {
			if k == 500 {
				break
			}
			fmt.Fprintf(&b, `<i style="left:%.2f%%"></i>`, 100*p.segs[h.Segment].start/d)
		}
	}
	el.Set("innerHTML", b.String())
}

func (p *player) listenResults() {
	el := p.doc.Call("getElementById", "results")
	if !el.Truthy() {
		return
	}
	p.listen(el, "click", func(e app.Value) {
		b := e.Get("target").Call("closest", "button.hit")
		if !b.Truthy() {
			return
		}
		t, err := strconv.ParseFloat(b.Call("getAttribute", "data-t").String(), 64)
		if err == nil {
			p.seekTo(t, true)
		}
	})
}

func tierLabel(lang string, t search.Tier) string {
	return tr(lang, msgTierExact+msg(t))
}
