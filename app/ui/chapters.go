package ui

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// Chapters is what a page shows of an episode's chapters: the visible ones in order (the site package
// makes them from app/chapters, which app.wasm does not link), and whether tingo suggested them rather
// than the podcaster giving them.
type Chapters struct {
	Items     []ChapterItem
	Suggested bool
}

// ChapterItem is one listed chapter: its times (End is the next chapter's start, or the episode's end),
// what it shows, and the segment its heading goes before (-1: listed in the contents, not headed).
type ChapterItem struct {
	Start, End time.Duration
	Title      string
	Img, URL   string // http(s) only
	Sponsor    bool
	Seg        int
	// Anchor is the start of the segment the heading goes before, within a second or two of Start: the
	// contents link there, to a segment's id="t=…", so they work with JavaScript off.
	Anchor time.Duration
}

// The page contract for chapters: a heading <h2 class="chap"> before the segment each chapter starts at
// (data-start, data-end in seconds, data-sponsor on a sponsor read), and a contents list <nav class="toc">
// as the transcript's first child. The player reads the headings back; nothing else carries them.

// chapterNav is the player's view of the chapters: read from the headings the page carries.
type chapterNav struct {
	starts, ends []float64
	titles       []string
	sponsor      []bool
	cur          int // the chapter being heard, -1 before the first
	skipped      int // the sponsor read skipped automatically last (not skipped again until left)
	always       bool
	tickedFor    float64 // the duration the scrubber's ticks were drawn for
}

// readChapters reads the chapter headings of the list.
func (p *player) readChapters() {
	p.chap = chapterNav{cur: -1, skipped: -1}
	if p.list == nil {
		return
	}
	hs := p.list.Call("querySelectorAll", "h2.chap")
	for i, n := 0, hs.Length(); i < n; i++ {
		h := hs.Index(i)
		s, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataStart).String(), 64)
		e, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataEnd).String(), 64)
		title := ""
		if ct := h.Call("querySelector", ".ct"); ct.Truthy() {
			title = ct.Get("textContent").String()
		}
		p.chap.starts = append(p.chap.starts, s)
		p.chap.ends = append(p.chap.ends, e)
		p.chap.titles = append(p.chap.titles, title)
		p.chap.sponsor = append(p.chap.sponsor, h.Call("hasAttribute", "data-sponsor").Bool())
	}
	p.chap.always = storage().Bool(alwaysSkipKey)
	if box := p.doc.Call("getElementById", page.AlwaysSkip); box.Truthy() {
		box.Set("checked", p.chap.always)
		p.listen(box, "change", func(app.Value) {
			p.chap.always = box.Get("checked").Bool()
			storage().SetBool(alwaysSkipKey, p.chap.always)
		})
	}
}

const alwaysSkipKey = "tingo:always-skip-sponsors"

// chapterAt is the chapter being heard at t: the last starting at or before it, -1 before the first.
func (c *chapterNav) chapterAt(t float64) int {
	return sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > t+0.001 }) - 1
}

// updateChapter names the chapter being heard in the player bar, marks it in the contents, and skips a
// sponsor read when the listener asked always to.
func (p *player) updateChapter(t float64) {
	c := &p.chap
	if len(c.starts) == 0 {
		return
	}
	i := c.chapterAt(t)
	if i != c.cur {
		if c.skipped >= 0 && c.skipped != i {
			c.skipped = -1
		}
		c.cur = i
		p.v.chapter, p.v.inSponsor = "", false
		if i >= 0 {
			p.v.chapter, p.v.inSponsor = c.titles[i], c.sponsor[i]
			if p.v.chapter == "" {
				p.v.chapter = readalong.Clock(c.starts[i])
			}
		}
		if toc := p.doc.Call("getElementById", page.Toc); toc.Truthy() {
			items := toc.Call("querySelectorAll", "li")
			for k, n := 0, items.Length(); k < n; k++ {
				if k == i {
					items.Index(k).Call("setAttribute", "aria-current", "true")
				} else {
					items.Index(k).Call("removeAttribute", "aria-current")
				}
			}
		}
		p.refresh()
	}
	if i >= 0 && c.sponsor[i] && c.always && c.skipped != i && p.sess.Playing() {
		c.skipped = i
		p.skipSponsor()
	}
}

// skipSponsor jumps to the end of the sponsor read being heard.
func (p *player) skipSponsor() {
	c := &p.chap
	if c.cur < 0 || !c.sponsor[c.cur] {
		return
	}
	to := c.ends[c.cur]
	p.seekTo(to, false)
	p.announce(fmt.Sprintf(tr(p.v.lang, msgSkipped), readalong.Clock(to)))
}

// stepChapter goes to the previous (-1) or next (1) chapter; "previous" within the first three seconds
// of a chapter goes to the one before, later to the chapter's own start (as a CD player's back button).
func (p *player) stepChapter(dir int) {
	c := &p.chap
	if len(c.starts) == 0 {
		return
	}
	t := p.audio.Time()
	i := c.chapterAt(t)
	switch {
	case dir > 0:
		i++
	case i >= 0 && t-c.starts[i] < 3:
		i--
	}
	if i < 0 {
		i = 0
	}
	if i >= len(c.starts) {
		return
	}
	p.setHash(c.starts[i])
	p.seekTo(c.starts[i], false)
	p.announce(fmt.Sprintf(tr(p.v.lang, msgJumpedTo), readalong.Clock(c.starts[i])+" "+c.titles[i]))
}

// renderChapterTicks marks each chapter's start on the scrubber.
func (p *player) renderChapterTicks() {
	el := p.doc.Call("getElementById", page.ChapterTicks)
	d := p.duration()
	if !el.Truthy() || len(p.chap.starts) == 0 || d <= 0 || math.Abs(d-p.chap.tickedFor) < 0.5 {
		return
	}
	p.chap.tickedFor = d
	var b strings.Builder
	for i, s := range p.chap.starts {
		if s <= 0 || s >= d {
			continue
		}
		cls := ""
		if p.chap.sponsor[i] {
			cls = ` class="sponsor"`
		}
		fmt.Fprintf(&b, `<i%s style="left:%.2f%%"></i>`, cls, 100*s/d)
	}
	el.Set("innerHTML", b.String())
}
