// Package readalong is the viewer's core: reading a transcript along with its audio, with no browser in
// it. A Session knows the segments, which one is being heard, a seek asked for before the audio could
// take it, the end of a #t=a,b range, when to wake up next, and whether the page follows the audio or
// the reader has scrolled away. The browser shell (package ui) feeds it the audio's times and the
// reader's gestures and carries out the Effects it returns: it never says currentTime or scrollIntoView.
//
// Beside it: the keyboard's commands (Command), the search's state (Find), deep links (LinkTarget),
// share text (ShareLink, Quote) and a segment's word timeline (Timeline).
package readalong

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Segment is a segment's place in time, in seconds.
type Segment struct{ Start, End float64 }

// Scroll is how the current segment is brought into view.
type Scroll int

const (
	NoScroll Scroll = iota
	ScrollSmooth
	ScrollInstant // a deep link, or motion reduced
)

// Say is what the page's live region announces.
type Say int

const (
	SayNothing Say = iota
	SayPlaying
	SayPaused
	SayJumped
	SayNotFollowing
)

// Effects is what the page must do after an event. T is the time the event is about; the others are
// what changed.
type Effects struct {
	T         float64
	Ticked    bool // the session moved to T: the chapter and the reading cursor catch up
	Seek      bool // set the audio's time to T
	Moved     bool // the current segment changed: Prev (-1 for none) stops being current, Cur starts
	Prev, Cur int
	Scroll    Scroll
	Away      bool // not following: see which way the current segment lies (SetAway)
	Play      bool
	Pause     bool // a range ended
	Time      bool // the time shown turned to another second
	Save      bool // remember the place, T
	Chrome    bool // following, playing or the rate changed: the chrome shows it
	Say       Say  // announce it, at T
}

// add merges f, which came after e, into e; the later scroll wins.
func (e *Effects) add(f Effects) {
	if f.Moved {
		if !e.Moved {
			e.Prev = f.Prev
		}
		e.Moved, e.Cur = true, f.Cur
	}
	if f.Scroll != NoScroll {
		e.Scroll = f.Scroll
	}
	if f.Ticked || f.Seek || f.Save || f.Say != SayNothing {
		e.T = f.T
	}
	if f.Say != SayNothing {
		e.Say = f.Say
	}
	e.Ticked, e.Seek, e.Away = e.Ticked || f.Ticked, e.Seek || f.Seek, e.Away || f.Away
	e.Play, e.Pause, e.Time, e.Save, e.Chrome = e.Play || f.Play, e.Pause || f.Pause, e.Time || f.Time, e.Save || f.Save, e.Chrome || f.Chrome
}

// String lists the effects in a fixed order, for tests and logs: "seek 90; cur 1; scroll smooth; time".
func (e Effects) String() string {
	var out []string
	num := strconv.FormatFloat(e.T, 'f', -1, 64)
	if e.Seek {
		out = append(out, "seek "+num)
	}
	if e.Pause {
		out = append(out, "pause")
	}
	if e.Moved {
		out = append(out, "cur "+strconv.Itoa(e.Cur))
	}
	switch e.Scroll {
	case ScrollSmooth:
		out = append(out, "scroll smooth")
	case ScrollInstant:
		out = append(out, "scroll instant")
	}
	if e.Away {
		out = append(out, "away?")
	}
	if e.Play {
		out = append(out, "play")
	}
	if e.Time {
		out = append(out, "time")
	}
	if e.Save {
		out = append(out, "save "+num)
	}
	if e.Chrome {
		out = append(out, "chrome")
	}
	if e.Say != SayNothing {
		out = append(out, [...]string{"", "say playing", "say paused", "say jumped", "say not following"}[e.Say]+" "+num)
	}
	return strings.Join(out, "; ")
}

// Session is one transcript read along with its audio.
type Session struct {
	segs         []Segment
	cur          int     // the segment being heard; -1 before the first update
	stopAt       float64 // the end of a #t=a,b range: pause there; 0 for none
	pendingSeek  float64 // a seek asked for before the audio had metadata; -1 for none
	playing      bool
	rate         float64
	following    bool
	userScrollAt float64 // when the reader last wheeled, touched or pressed the scrollbar (ms)
	away         int     // where the current segment is when not following: -1 above, 1 below, 0 on screen
	shownSec     int     // the whole second the time shows
	lastSave     float64
}

// NewSession starts a session on segs (in time order) that follows the audio; cur is the segment
// already current on the page (the early script's), or -1.
func NewSession(segs []Segment, cur int) *Session {
	s := &Session{pendingSeek: -1, rate: 1, following: true, userScrollAt: math.Inf(-1), shownSec: -1}
	s.SetSegments(segs, cur)
	return s
}

// SetSegments puts a new transcript's segments in the session (a file the reader opened).
func (s *Session) SetSegments(segs []Segment, cur int) {
	s.segs = segs
	if cur < 0 || cur >= len(segs) {
		cur = -1
	}
	s.cur = cur
}

func (s *Session) Segments() []Segment { return s.segs }
func (s *Session) Current() int        { return s.cur }
func (s *Session) Playing() bool       { return s.playing }
func (s *Session) Following() bool     { return s.following }
func (s *Session) Rate() float64       { return s.rate }

// Away is where the current segment lies when the page does not follow: -1 above the view, 1 below,
// 0 in it.
func (s *Session) Away() int { return s.away }

// SegmentAt is the segment being heard at t: the last one starting at or before t (in a gap between
// segments, the one before stays current; before the first, the first); -1 when there is none.
func (s *Session) SegmentAt(t float64) int {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].Start > t }) - 1
	if i < 0 && len(s.segs) > 0 {
		return 0
	}
	return i
}

// Duration is the audio's duration, or the transcript's end while the audio does not know it.
func (s *Session) Duration(audio float64) float64 {
	if math.IsNaN(audio) || math.IsInf(audio, 0) || audio <= 0 {
		if n := len(s.segs); n > 0 {
			return s.segs[n-1].End
		}
		return 0
	}
	return audio
}

// Tick is the audio at t: a range's end pauses it, a new second shows, a new segment becomes current
// and, while following, is scrolled to.
func (s *Session) Tick(t float64) Effects {
	e := Effects{T: t, Ticked: true}
	if s.stopAt > 0 && t >= s.stopAt {
		s.stopAt = 0
		e.Pause = true
	}
	if int(t) != s.shownSec {
		s.shownSec = int(t)
		e.Time = true
		if s.playing && math.Abs(t-s.lastSave) >= 5 {
			s.lastSave = t
			e.Save = true
		}
	}
	i := s.SegmentAt(t)
	if i >= 0 && i != s.cur {
		e.Moved, e.Prev, e.Cur = true, s.cur, i
		s.cur = i
		if s.following {
			e.Scroll = ScrollSmooth
		} else {
			e.Away = true
		}
	}
	return e
}

// Reshow forgets the second shown, so the next Tick writes the time (the duration became known).
func (s *Session) Reshow() { s.shownSec = -1 }

// Wake says how long to wait, in ms, before the next Tick while playing: until the next segment starts,
// the shown second turns or a range ends, at rate; between 16 ms and a second. ok is false when paused.
func (s *Session) Wake(t float64) (ms float64, ok bool) {
	if !s.playing {
		return 0, false
	}
	next := math.Floor(t) + 1
	if s.cur >= 0 && s.cur+1 < len(s.segs) {
		next = min(next, s.segs[s.cur+1].Start)
	}
	if s.stopAt > 0 {
		next = min(next, s.stopAt)
	}
	rate := s.rate
	if rate <= 0 || math.IsNaN(rate) {
		rate = 1
	}
	return min(max((next-t)/rate*1000, 16), 1000), true
}

// setTime moves the audio to t; before it has metadata (ready false) a browser may drop that, so the
// time is kept for Metadata.
func (s *Session) setTime(t float64, ready bool) Effects {
	s.shownSec = -1 // the time shows the new time at once
	if !ready {
		s.pendingSeek = t
	}
	return Effects{Seek: true, T: t}
}

// Metadata is the audio's metadata arriving: the time to seek to that was asked for before, if any.
func (s *Session) Metadata() (float64, bool) {
	t := s.pendingSeek
	s.pendingSeek = -1
	return t, t >= 0
}

// Seek moves to t; a seek from the transcript (a click on a word, a result) follows again and plays.
func (s *Session) Seek(t float64, fromReader, ready bool) Effects {
	t = max(0, t)
	e := s.setTime(t, ready)
	if fromReader {
		e.add(s.Follow(false))
	}
	e.add(s.Tick(t))
	if fromReader {
		e.Scroll, e.Play = ScrollSmooth, true
	}
	e.Say = SayJumped
	return e
}

// Link opens a deep link: to its start, in view at once; a range plays and stops at its end.
func (s *Session) Link(r TimeRange, ready bool) Effects {
	s.stopAt = r.End
	e := s.setTime(r.Start, ready)
	e.add(s.Follow(false))
	e.add(s.Tick(r.Start))
	e.Scroll = ScrollInstant
	e.Play = r.End > 0 // a browser may refuse to start without a gesture
	return e
}

// Skip moves d seconds from now, inside the audio's duration.
func (s *Session) Skip(now, d, duration float64, ready bool) Effects {
	t := min(max(0, now+d), duration)
	e := s.setTime(t, ready)
	e.add(s.Tick(t))
	e.Say = SayJumped
	return e
}

// Scrub moves to t from the scrubber.
func (s *Session) Scrub(t float64, ready bool) Effects {
	e := s.setTime(t, ready)
	e.add(s.Tick(t))
	return e
}

// TakeOver carries on from where the early script went: a range's end, and a seek it asked for before
// the audio had metadata (pending < 0: none).
func (s *Session) TakeOver(stopAt, pending float64) {
	s.stopAt = stopAt
	if pending >= 0 {
		s.pendingSeek = pending
	}
}

// Played is the audio starting at t.
func (s *Session) Played(t float64) Effects {
	s.playing = true
	return Effects{T: t, Chrome: true, Say: SayPlaying}
}

// Paused is the audio pausing at t: the place is saved.
func (s *Session) Paused(t float64) Effects {
	s.playing = false
	s.lastSave = t
	return Effects{T: t, Chrome: true, Save: true, Say: SayPaused}
}

// RateChanged is the audio's playback rate changing.
func (s *Session) RateChanged(rate float64) Effects {
	s.rate = rate
	return Effects{Chrome: true}
}

// Gesture is the reader wheeling, touching or pressing the scrollbar at now (ms): a scroll that follows
// soon after is theirs.
func (s *Session) Gesture(now float64) { s.userScrollAt = now }

// Scrolled is the page scrolling at now (ms): within a second of a gesture, following stops.
func (s *Session) Scrolled(now float64) Effects {
	switch {
	case s.following && now-s.userScrollAt < 1000:
		return s.Unfollow()
	case !s.following:
		return Effects{Away: true}
	}
	return Effects{}
}

// Unfollow stops following, as the reader asked (f, or scrolling away).
func (s *Session) Unfollow() Effects {
	e := s.StopFollowing()
	e.Chrome, e.Say = true, SayNotFollowing
	return e
}

// StopFollowing stops following without a word: the page stays where something else took it (a jump to
// a search hit, the early script's choice).
func (s *Session) StopFollowing() Effects {
	e := Effects{Away: true, Chrome: s.following}
	s.following = false
	return e
}

// Follow follows again (back to now, f, a seek from the transcript); with scroll, to the current
// segment at once. Asking outranks the swipe just before it: the scroll back must not read as the
// reader scrolling away (a phone's "back to now" comes right after a swipe).
func (s *Session) Follow(scroll bool) Effects {
	e := Effects{Chrome: !s.following}
	s.following = true
	s.userScrollAt = -1e9
	if scroll {
		e.Scroll = ScrollSmooth
	}
	return e
}

// ToggleFollow is f.
func (s *Session) ToggleFollow() Effects {
	if s.following {
		return s.Unfollow()
	}
	return s.Follow(true)
}

// SetAway takes where the current segment's box lies in a view innerHeight tall, and says whether the
// "back to now" arrow must change. Following, there is nothing to point at.
func (s *Session) SetAway(top, bottom, innerHeight float64) bool {
	if s.following || s.cur < 0 {
		return false
	}
	dir := 0
	if bottom < 0 {
		dir = -1
	} else if top > innerHeight {
		dir = 1
	}
	changed := dir != s.away
	s.away = dir
	return changed
}

// ResumeFrom reads a remembered place: offered when it is past the first 15 s and before the last 10.
func (s *Session) ResumeFrom(stored string) (float64, bool) {
	at, err := strconv.ParseFloat(stored, 64)
	if err != nil || at <= 15 || math.IsNaN(at) {
		return 0, false
	}
	if n := len(s.segs); n > 0 && at >= s.segs[n-1].End-10 {
		return 0, false
	}
	return at, true
}

// Speeds are the playback rates offered.
var Speeds = []float64{0.75, 1, 1.25, 1.5, 1.75, 2}

// StepSpeed is the offered rate after cur in direction dir (1 faster, -1 slower), kept within Speeds.
func StepSpeed(cur float64, dir int) float64 {
	i := sort.SearchFloat64s(Speeds, cur)
	if dir > 0 && i < len(Speeds) && Speeds[i] == cur {
		i++
	} else if dir < 0 {
		i--
	}
	return Speeds[min(max(i, 0), len(Speeds)-1)]
}

// ValidSpeed says whether a playback rate can be set.
func ValidSpeed(r float64) bool { return r >= 0.25 && r <= 4 }
