package ui

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/search"
)

// Search in the page: every hit a <mark> in the transcript, "3 / 17" with next and previous, a result list
// (a click seeks to the hit and plays), ticks on the scrubber where the hits are. The index is built from
// the page's own text the first time the reader searches.

// finder is the player's search state.
type finder struct {
	index   *search.Index
	texts   []string
	query   string
	opts    search.Options
	hits    []search.Hit
	marked  map[int]bool // segments whose text holds marks now
	marks   []app.Value  // every <mark>, in document order
	current int          // the mark "k / N" points at; -1 before the reader jumps

	wordsCut bool     // the segments are cut into words (the index ranks on them)
	vocab    []string // the episode's words, most frequent first: suggestions
}

func (p *player) ensureIndex() {
	if p.find.index != nil {
		return
	}
	p.find.texts = make([]string, len(p.segs))
	for i := range p.segs {
		p.find.texts[i] = p.timeline(i).text()
	}
	p.find.index = search.NewIndex(p.find.texts)
	if p.find.marked == nil {
		p.find.marked = map[int]bool{}
	}
}

// resetFind forgets the index and marks: the transcript changed.
func (p *player) resetFind() {
	p.find = finder{current: -1, marked: map[int]bool{}}
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
	p.renderResults()
	p.renderMarkers()
	p.find.current = -1
	p.showCount()
	p.suggest(q)
	if q != "" && !p.find.wordsCut {
		// Word boundaries rank the result list and words are suggested, once the dictionary is here.
		p.loadDict(func() {
			p.cutWords()
			if p.find.query != "" {
				p.renderResults()
				p.suggest(p.find.query)
			}
		})
	}
}

func (p *player) setFuzzy(soundsLike, similar bool) {
	p.find.opts = search.Options{NoSoundsLike: !soundsLike, NoSimilar: !similar}
	if p.find.query != "" {
		p.runSearch(p.find.query)
	}
}

// applyMarks rewrites the text of the segments that gain or lose hits, and no other.
func (p *player) applyMarks() {
	now := map[int]bool{}
	for _, h := range p.find.hits {
		now[h.Segment] = true
		tx := p.segs[h.Segment].el.Call("querySelector", ".tx")
		tx.Set("innerHTML", markedHTML(p.find.texts[h.Segment], h.Spans))
	}
	for i := range p.find.marked {
		if !now[i] {
			p.segs[i].el.Call("querySelector", ".tx").Set("textContent", p.find.texts[i])
		}
	}
	p.find.marked = now
	p.animSeg = -1 // text nodes changed under the cursor: build its animation again
	p.update(p.audio.Get("currentTime").Float())
	marks := p.list.Call("querySelectorAll", "mark")
	p.find.marks = p.find.marks[:0]
	for i := 0; i < marks.Length(); i++ {
		p.find.marks = append(p.find.marks, marks.Index(i))
	}
}

// markedHTML escapes text and wraps each span in <mark>.
func markedHTML(text string, spans []search.Span) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:]))
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
	case len(p.find.marks) == 0:
		el.Set("textContent", tr(p.v.lang, msgNoHits))
	case p.find.current < 0:
		el.Set("textContent", fmt.Sprintf("– / %d", len(p.find.marks)))
	default:
		el.Set("textContent", fmt.Sprintf("%d / %d", p.find.current+1, len(p.find.marks)))
	}
}

// jump moves to the next (dir 1) or previous (-1) mark and scrolls it into view; following pauses, so the
// page stays where the reader asked to look.
func (p *player) jump(dir int) {
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
	m.Call("scrollIntoView", map[string]any{"block": "center", "behavior": "auto"})
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
		if k == 200 {
			fmt.Fprintf(&b, `<li class="more">+%d</li>`, len(p.find.hits)-k)
			break
		}
		text := p.find.texts[h.Segment]
		at := p.timeline(h.Segment).TimeAt(utf16Len(text[:h.Spans[0].Start]))
		fmt.Fprintf(&b, `<li><button class="hit" data-t="%s"><span class="ts">%s</span> <span class="tier tier-%s">%s</span> <span class="snip">%s</span></button></li>`,
			strconv.FormatFloat(at, 'f', 3, 64), clockText(at), h.Tier, tierLabel(p.v.lang, h.Tier),
			snippetHTML(text, h.Spans))
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
