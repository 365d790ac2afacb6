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
	*player
	starts, ends []float64
	titles       []string
	sponsor      []bool
	cur          int // the chapter being heard, -1 before the first
	skipped      int // the sponsor read skipped automatically last (not skipped again until left)
	always       bool
	tickedFor    float64 // the duration the scrubber's ticks were drawn for
}

// readChapters reads the chapter headings of the list.
func (c *chapterNav) readChapters() {
	*c = chapterNav{player: c.player, cur: -1, skipped: -1}
	if c.list == nil {
		return
	}
	hs := c.list.Call("querySelectorAll", "h2.chap")
	for i, n := 0, hs.Length(); i < n; i++ {
		h := hs.Index(i)
		s, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataStart).String(), 64)
		e, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataEnd).String(), 64)
		title := ""
		if ct := h.Call("querySelector", ".ct"); ct.Truthy() {
			title = ct.Get("textContent").String()
		}
		c.starts = append(c.starts, s)
		c.ends = append(c.ends, e)
		c.titles = append(c.titles, title)
		c.sponsor = append(c.sponsor, h.Call("hasAttribute", "data-sponsor").Bool())
	}
	c.always = storage().Bool(alwaysSkipKey)
	if box := c.doc.Call("getElementById", page.AlwaysSkip); box.Truthy() {
		box.Set("checked", c.always)
		c.listen(box, "change", func(app.Value) {
			c.always = box.Get("checked").Bool()
			storage().SetBool(alwaysSkipKey, c.always)
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
func (c *chapterNav) updateChapter(t float64) {
	if len(c.starts) == 0 {
		return
	}
	i := c.chapterAt(t)
	if i != c.cur {
		if c.skipped >= 0 && c.skipped != i {
			c.skipped = -1
		}
		c.cur = i
		c.v.chapter, c.v.inSponsor = "", false
		if i >= 0 {
			c.v.chapter, c.v.inSponsor = c.titles[i], c.sponsor[i]
			if c.v.chapter == "" {
				c.v.chapter = readalong.Clock(c.starts[i])
			}
		}
		if toc := c.doc.Call("getElementById", page.Toc); toc.Truthy() {
			items := toc.Call("querySelectorAll", "li")
			for k, n := 0, items.Length(); k < n; k++ {
				if k == i {
					items.Index(k).Call("setAttribute", "aria-current", "true")
				} else {
					items.Index(k).Call("removeAttribute", "aria-current")
				}
			}
		}
		c.refresh()
	}
	if i >= 0 && c.sponsor[i] && c.always && c.skipped != i && c.sess.Playing() {
		c.skipped = i
		c.skipSponsor()
	}
}

// skipSponsor jumps to the end of the sponsor read being heard.
func (c *chapterNav) skipSponsor() {
	if c.cur < 0 || !c.sponsor[c.cur] {
		return
	}
	to := c.ends[c.cur]
	c.transport.seekTo(to, false)
	c.announce(fmt.Sprintf(tr(c.v.lang, msgSkipped), readalong.Clock(to)))
}

// stepChapter goes to the previous (-1) or next (1) chapter; "previous" within the first three seconds
// of a chapter goes to the one before, later to the chapter's own start (as a CD player's back button).
func (c *chapterNav) stepChapter(dir int) {
	if len(c.starts) == 0 {
		return
	}
	t := c.audio.Time()
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
	c.transport.setHash(c.starts[i])
	c.transport.seekTo(c.starts[i], false)
	c.announce(fmt.Sprintf(tr(c.v.lang, msgJumpedTo), readalong.Clock(c.starts[i])+" "+c.titles[i]))
}

// renderChapterTicks marks each chapter's start on the scrubber.
func (c *chapterNav) renderChapterTicks() {
	el := c.doc.Call("getElementById", page.ChapterTicks)
	d := c.transport.duration()
	if !el.Truthy() || len(c.starts) == 0 || d <= 0 || math.Abs(d-c.tickedFor) < 0.5 {
		return
	}
	c.tickedFor = d
	var b strings.Builder
	for i, s := range c.starts {
		if s <= 0 || s >= d {
			continue
		}
		cls := ""
		if c.sponsor[i] {
			cls = ` class="sponsor"`
		}
		fmt.Fprintf(&b, `<i%s style="left:%.2f%%"></i>`, cls, 100*s/d)
	}
	el.Set("innerHTML", b.String())
}
