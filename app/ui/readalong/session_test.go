package readalong

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// tenSegments are ten segments of ten seconds: [0,10), [10,20), … [90,100).
func tenSegments() []Segment {
	segs := make([]Segment, 10)
	for i := range segs {
		segs[i] = Segment{float64(i * 10), float64(i*10 + 10)}
	}
	return segs
}

// run plays a script of events on a session over tenSegments and gives what each step did, joined by
// " | " (a step with no effects is "-"). Steps: "play T", "pause T", "tick T", "wheel MS" (a gesture at
// MS), "scroll MS", "seek T" (a click on a word), "seek-ui T" (the scrubber's or a key's, not the
// transcript's), "early-seek T" (before the audio has metadata), "meta" (the metadata arrives: "seek T"
// when one was pending), "link A[,B]", "skip D" (from the last time), "f", "now" (back to now), "away TOP
// BOTTOM" (in a 800 px view: "↑", "↓" or "·" when it changed), "wake T" (the delay, in ms), "rate R".
func run(t *testing.T, s *Session, script string) string {
	t.Helper()
	var out []string
	last := 0.0
	for _, step := range strings.Split(script, ";") {
		f := strings.Fields(step)
		num := func(k int) float64 {
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				t.Fatalf("step %q: %v", step, err)
			}
			return v
		}
		var e Effects
		said := ""
		switch f[0] {
		case "play":
			e = s.Played(num(1))
		case "pause":
			e = s.Paused(num(1))
		case "tick":
			last = num(1)
			e = s.Tick(last)
		case "wheel":
			s.Gesture(num(1))
		case "scroll":
			e = s.Scrolled(num(1))
		case "seek":
			last = num(1)
			e = s.Seek(last, true, true)
		case "seek-ui":
			last = num(1)
			e = s.Seek(last, false, true)
		case "early-seek":
			last = num(1)
			e = s.Seek(last, true, false)
		case "meta":
			if at, ok := s.Metadata(); ok {
				said = "seek " + strconv.FormatFloat(at, 'f', -1, 64)
			}
		case "link":
			r, ok := ParseTimeParam(f[1])
			if !ok {
				t.Fatalf("step %q: not a time", step)
			}
			last = r.Start
			e = s.Link(r, true)
		case "skip":
			e = s.Skip(last, num(1), s.Duration(100), true)
			last = e.T
		case "f":
			e = s.ToggleFollow()
		case "now":
			e = s.Follow(true)
		case "away":
			if s.SetAway(num(1), num(2), 800) {
				said = map[int]string{-1: "↑", 0: "·", 1: "↓"}[s.Away()]
			}
		case "wake":
			if ms, ok := s.Wake(num(1)); ok {
				said = fmt.Sprintf("%.0f ms", ms)
			} else {
				said = "asleep"
			}
		case "rate":
			e = s.RateChanged(num(1))
		default:
			t.Fatalf("unknown step %q", step)
		}
		if said == "" {
			said = e.String()
		}
		if said == "" {
			said = "-"
		}
		out = append(out, said)
	}
	return strings.Join(out, " | ")
}

func TestSession(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ script, want string }{
		// Following: a new segment is current and scrolled to; the second shown changes.
		{"tick 0; tick 0.5; tick 12", "cur 0; scroll smooth; time | - | cur 1; scroll smooth; time"},
		// Playing saves the place every 5 s of audio.
		{"play 0; tick 1; tick 4; tick 6", "chrome; say playing 0 | cur 0; scroll smooth; time | time | time; save 6"},
		{"play 0; tick 6; pause 7", "chrome; say playing 0 | cur 0; scroll smooth; time; save 6 | save 7; chrome; say paused 7"},
		// A wheel then a scroll within a second stops following; later segments are not scrolled to.
		{"play 0; tick 1; wheel 1000; scroll 1500; tick 65", "chrome; say playing 0 | cur 0; scroll smooth; time | - | away?; chrome; say not following 0 | cur 6; away?; time; save 65"},
		// A scroll long after a gesture is the page's own (a smooth scroll to the segment): following stays.
		{"tick 1; wheel 1000; scroll 2500; tick 15", "cur 0; scroll smooth; time | - | - | cur 1; scroll smooth; time"},
		// Back to now follows again and scrolls; a swipe just before it does not count.
		{"tick 1; wheel 1000; scroll 1100; wheel 1200; now; scroll 1300; tick 15", "cur 0; scroll smooth; time | - | away?; chrome; say not following 0 | - | scroll smooth; chrome | - | cur 1; scroll smooth; time"},
		// f toggles following.
		{"tick 1; f; f", "cur 0; scroll smooth; time | away?; chrome; say not following 0 | scroll smooth; chrome"},
		// Which way the current segment lies: the arrow changes only when the direction does.
		{"tick 1; f; away -300 -200; away -300 -100; away 900 1000; away 100 200", "cur 0; scroll smooth; time | away?; chrome; say not following 0 | ↑ | - | ↓ | ·"},
		{"tick 1; away -300 -200", "cur 0; scroll smooth; time | -"}, // following: no arrow
		// A click on a word seeks there, follows again, scrolls to it and plays.
		{"tick 1; f; seek 42", "cur 0; scroll smooth; time | away?; chrome; say not following 0 | seek 42; cur 4; scroll smooth; play; time; chrome; say jumped 42"},
		// The scrubber and keys seek without playing or following.
		{"tick 1; f; seek-ui 42", "cur 0; scroll smooth; time | away?; chrome; say not following 0 | seek 42; cur 4; away?; time; say jumped 42"},
		{"seek -5", "seek 0; cur 0; scroll smooth; play; time; say jumped 0"},
		// A seek before the audio has metadata is made again when it arrives, once.
		{"early-seek 42; meta; meta", "seek 42; cur 4; scroll smooth; play; time; say jumped 42 | seek 42 | -"},
		{"seek 42; meta", "seek 42; cur 4; scroll smooth; play; time; say jumped 42 | -"},
		// A deep link opens in view at once; a range plays and pauses at its end.
		{"link 25", "seek 25; cur 2; scroll instant; time"},
		{"link 25,31; play 25; tick 30.9; tick 31; tick 32", "seek 25; cur 2; scroll instant; play; time | chrome; say playing 25 | cur 3; scroll smooth; time; save 30.9 | pause; time | time"},
		// Skips stay inside the audio.
		{"tick 5; skip -10; skip 10; skip 200", "cur 0; scroll smooth; time | seek 0; time; say jumped 0 | seek 10; cur 1; scroll smooth; time; say jumped 10 | seek 100; cur 9; scroll smooth; time; say jumped 100"},
		// Waking up: at the next second, the next segment or a range's end, whichever is first, at the
		// rate; never while paused.
		{"wake 3", "asleep"},
		{"play 3.2; tick 3.2; wake 3.2", "chrome; say playing 3.2 | cur 0; scroll smooth; time | 800 ms"},
		{"play 9.7; tick 9.7; wake 9.7", "chrome; say playing 9.7 | cur 0; scroll smooth; time; save 9.7 | 300 ms"},
		{"play 9.99; tick 9.99; wake 9.99", "chrome; say playing 9.99 | cur 0; scroll smooth; time; save 9.99 | 16 ms"},
		{"play 3; rate 2; tick 3.2; wake 3.2", "chrome; say playing 3 | chrome | cur 0; scroll smooth; time | 400 ms"},
		{"link 3,3.5; play 3; wake 3", "seek 3; cur 0; scroll instant; play; time | chrome; say playing 3 | 500 ms"},
	} {
		if got := run(t, NewSession(tenSegments(), -1), c.script); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.script, got, c.want)
		}
	}
}

func TestSessionPlaces(t *testing.T) {
	t.Parallel()
	s := NewSession(tenSegments(), 3) // the early script made segment 3 current: taking over keeps it
	if s.Current() != 3 {
		t.Errorf("current %d, want 3", s.Current())
	}
	if e := s.Tick(35); e.Moved || e.Scroll != NoScroll {
		t.Errorf("a tick in the current segment moved the page: %s", e)
	}
	for _, c := range []struct {
		t    float64
		want int
	}{{-1, 0}, {0, 0}, {9.99, 0}, {10, 1}, {99, 9}, {500, 9}} {
		if got := s.SegmentAt(c.t); got != c.want {
			t.Errorf("SegmentAt(%v) = %d, want %d", c.t, got, c.want)
		}
	}
	if NewSession(nil, 0).SegmentAt(5) != -1 || NewSession(nil, 0).Current() != -1 {
		t.Error("an empty transcript has a segment")
	}
	// A gap between segments: the one before stays current.
	gap := NewSession([]Segment{{0, 5}, {10, 15}}, -1)
	if got := gap.SegmentAt(7); got != 0 {
		t.Errorf("in a gap, SegmentAt = %d, want 0", got)
	}
	for _, c := range []struct {
		stored string
		ok     bool
	}{{"50", true}, {"15", false}, {"89.9", true}, {"90", false}, {"x", false}, {"NaN", false}, {"", false}} {
		if _, ok := s.ResumeFrom(c.stored); ok != c.ok {
			t.Errorf("ResumeFrom(%q) offered %v, want %v", c.stored, ok, c.ok)
		}
	}
	for audio, want := range map[float64]float64{0: 100, -1: 100, 250: 250} {
		if got := s.Duration(audio); got != want {
			t.Errorf("Duration(%v) = %v, want %v", audio, got, want)
		}
	}
	s.TakeOver(40, 25) // the early script's range end and its pending seek
	if at, ok := s.Metadata(); !ok || at != 25 {
		t.Errorf("the early script's pending seek: %v, %v", at, ok)
	}
	if e := s.Tick(40); !e.Pause {
		t.Errorf("the early script's range did not stop at its end: %s", e)
	}
}

func TestSpeeds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cur  float64
		dir  int
		want float64
	}{{1, 1, 1.25}, {1, -1, 0.75}, {0.75, -1, 0.75}, {2, 1, 2}, {1.1, 1, 1.25}, {1.1, -1, 1}, {3, -1, 2}, {0.5, 1, 0.75}} {
		if got := StepSpeed(c.cur, c.dir); got != c.want {
			t.Errorf("StepSpeed(%v, %d) = %v, want %v", c.cur, c.dir, got, c.want)
		}
	}
	if ValidSpeed(0.2) || ValidSpeed(5) || !ValidSpeed(1.5) {
		t.Error("ValidSpeed")
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		k    Key
		want Command
	}{
		{Key{Key: " "}, TogglePlay},
		{Key{Key: "k"}, TogglePlay},
		{Key{Key: " ", Tag: "BUTTON"}, NoCommand}, // Space presses the button
		{Key{Key: "k", Tag: "BUTTON"}, TogglePlay},
		{Key{Key: "j", Tag: "INPUT"}, NoCommand}, // typing
		{Key{Key: "j", ContentEditable: true}, NoCommand},
		{Key{Key: "l", Ctrl: true}, NoCommand}, // the browser's
		{Key{Key: "l", Prevented: true}, NoCommand},
		{Key{Key: "ArrowRight"}, Forward5},
		{Key{Key: "."}, Faster},
		{Key{Key: "N"}, PrevHit},
		{Key{Key: "Escape"}, Dismiss},
		{Key{Key: "x"}, NoCommand},
	} {
		if got := CommandFor(c.k); got != c.want {
			t.Errorf("CommandFor(%+v) = %v, want %v", c.k, got, c.want)
		}
	}
	if Back10.Skip() != -10 || Forward5.Skip() != 5 || TogglePlay.Skip() != 0 {
		t.Error("Skip")
	}
}
