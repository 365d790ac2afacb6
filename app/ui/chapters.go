package ui

import (
	"fmt"
	"math"
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

// chapterNav is the player's view of the chapters: read from the headings the page carries, followed by
// readalong.Chapters.
type chapterNav struct {
	*player
	ch        *readalong.Chapters
	tickedFor float64 // the duration the scrubber's ticks were drawn for
}

// readChapters reads the chapter headings of the list.
func (c *chapterNav) readChapters() {
	*c = chapterNav{player: c.player, ch: readalong.NewChapters(nil, nil, nil, nil)}
	if c.list == nil {
		return
	}
	var starts, ends []float64
	var titles []string
	var sponsor []bool
	hs := c.list.Call("querySelectorAll", "h2.chap")
	for i, n := 0, hs.Length(); i < n; i++ {
		h := hs.Index(i)
		s, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataStart).String(), 64)
		e, _ := strconv.ParseFloat(h.Call("getAttribute", page.DataEnd).String(), 64)
		title := ""
		if ct := h.Call("querySelector", ".ct"); ct.Truthy() {
			title = ct.Get("textContent").String()
		}
		starts, ends, titles = append(starts, s), append(ends, e), append(titles, title)
		sponsor = append(sponsor, h.Call("hasAttribute", "data-sponsor").Bool())
	}
	c.ch = readalong.NewChapters(starts, ends, titles, sponsor)
	c.ch.Always = storage().Bool(alwaysSkipKey)
	if box := c.doc.Call("getElementById", page.AlwaysSkip); box.Truthy() {
		box.Set("checked", c.ch.Always)
		c.listen(box, "change", func(app.Value) {
			c.ch.Always = box.Get("checked").Bool()
			storage().SetBool(alwaysSkipKey, c.ch.Always)
		})
	}
}

const alwaysSkipKey = "tingo:always-skip-sponsors"

// updateChapter names the chapter being heard in the player bar, marks it in the contents, and skips a
// sponsor read when the listener asked always to.
func (c *chapterNav) updateChapter(t float64) {
	r := c.ch.Tick(t, c.sess.Playing())
	if r.Changed {
		i := c.ch.Current()
		c.v.chapter, c.v.inSponsor = "", false
		if i >= 0 {
			c.v.chapter, c.v.inSponsor = c.ch.Titles[i], c.ch.Sponsor[i]
			if c.v.chapter == "" {
				c.v.chapter = readalong.Clock(c.ch.Starts[i])
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
	if r.SkipTo >= 0 {
		c.skipTo(r.SkipTo)
	}
}

// skipSponsor jumps to the end of the sponsor read being heard.
func (c *chapterNav) skipSponsor() {
	if to := c.ch.SkipSponsor(); to >= 0 {
		c.skipTo(to)
	}
}

func (c *chapterNav) skipTo(to float64) {
	c.transport.seekTo(to, false)
	c.announce(fmt.Sprintf(tr(c.v.lang, msgSkipped), readalong.Clock(to)))
}

// stepChapter goes to the previous (-1) or next (1) chapter (readalong.Chapters.Step).
func (c *chapterNav) stepChapter(dir int) {
	i := c.ch.Step(c.audio.Time(), dir)
	if i < 0 {
		return
	}
	at := c.ch.Starts[i]
	c.transport.setHash(at)
	c.transport.seekTo(at, false)
	c.announce(fmt.Sprintf(tr(c.v.lang, msgJumpedTo), readalong.Clock(at)+" "+c.ch.Titles[i]))
}

// renderChapterTicks marks each chapter's start on the scrubber.
func (c *chapterNav) renderChapterTicks() {
	el := c.doc.Call("getElementById", page.ChapterTicks)
	d := c.transport.duration()
	if !el.Truthy() || len(c.ch.Starts) == 0 || d <= 0 || math.Abs(d-c.tickedFor) < 0.5 {
		return
	}
	c.tickedFor = d
	var b strings.Builder
	for i, s := range c.ch.Starts {
		if s <= 0 || s >= d {
			continue
		}
		cls := ""
		if c.ch.Sponsor[i] {
			cls = ` class="sponsor"`
		}
		fmt.Fprintf(&b, `<i%s style="left:%.2f%%"></i>`, cls, 100*s/d)
	}
	el.Set("innerHTML", b.String())
}
