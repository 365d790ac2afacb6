package readalong

import "sort"

// Chapters are an episode's chapters as the player follows them: which one is being heard, where the
// previous and next buttons go, and when a sponsor read is skipped by itself.
type Chapters struct {
	Starts, Ends []float64 // seconds; End is the next chapter's start, or the episode's end
	Titles       []string
	Sponsor      []bool
	Always       bool // the listener asked to skip every sponsor read

	cur     int // the chapter being heard, -1 before the first
	skipped int // the sponsor read skipped by itself last (not skipped again until left)
}

// NewChapters follows chapters from before the first.
func NewChapters(starts, ends []float64, titles []string, sponsor []bool) *Chapters {
	return &Chapters{Starts: starts, Ends: ends, Titles: titles, Sponsor: sponsor, cur: -1, skipped: -1}
}

// At is the chapter being heard at t: the last starting at or before it, -1 before the first.
func (c *Chapters) At(t float64) int {
	return sort.Search(len(c.Starts), func(i int) bool { return c.Starts[i] > t+0.001 }) - 1
}

// Current is the chapter heard at the last Tick, -1 before the first.
func (c *Chapters) Current() int { return c.cur }

// ChapterTick is what a moment of playback changes: whether the chapter heard changed (its title and
// the contents' mark are redrawn), and where to skip to (-1: nowhere) when a sponsor read begins and the
// listener asked to skip them all.
type ChapterTick struct {
	Changed bool
	SkipTo  float64
}

// Tick follows the audio at t; playing says it plays (a paused listener who seeks into a sponsor read
// meant to hear it).
func (c *Chapters) Tick(t float64, playing bool) ChapterTick {
	out := ChapterTick{SkipTo: -1}
	if len(c.Starts) == 0 {
		return out
	}
	i := c.At(t)
	if i != c.cur {
		if c.skipped >= 0 && c.skipped != i {
			c.skipped = -1
		}
		c.cur, out.Changed = i, true
	}
	if i >= 0 && c.Sponsor[i] && c.Always && c.skipped != i && playing {
		c.skipped = i
		out.SkipTo = c.Ends[i]
	}
	return out
}

// SkipSponsor is the end of the sponsor read heard at the last Tick, -1 when none is.
func (c *Chapters) SkipSponsor() float64 {
	if c.cur < 0 || !c.Sponsor[c.cur] {
		return -1
	}
	return c.Ends[c.cur]
}

// Step is the chapter the previous (-1) or next (1) button goes to from t, -1 for none: "previous"
// within a chapter's first three seconds goes to the one before, later to the chapter's own start (as a
// CD player's back button); before the first chapter both go to the first.
func (c *Chapters) Step(t float64, dir int) int {
	if len(c.Starts) == 0 {
		return -1
	}
	i := c.At(t)
	switch {
	case dir > 0:
		i++
	case i >= 0 && t-c.Starts[i] < 3:
		i--
	}
	if i < 0 {
		i = 0
	}
	if i >= len(c.Starts) {
		return -1
	}
	return i
}
