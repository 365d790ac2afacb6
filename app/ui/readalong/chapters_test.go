package readalong

import (
	"fmt"
	"strings"
	"testing"
)

// Three chapters: an intro at 0, a sponsor read 60–90, the talk from 90 to 600.
func testChapters() *Chapters {
	return NewChapters([]float64{0, 60, 90}, []float64{60, 90, 600}, []string{"intro", "ad", "talk"}, []bool{false, true, false})
}

func TestChapterAt(t *testing.T) {
	t.Parallel()
	c := NewChapters([]float64{10, 60, 90}, []float64{60, 90, 600}, []string{"a", "b", "c"}, make([]bool, 3))
	for _, tc := range []struct {
		t    float64
		want int
	}{{0, -1}, {9.99, -1}, {10, 0}, {9.9995, 0}, {59.9, 0}, {60, 1}, {89, 1}, {90, 2}, {5000, 2}} {
		if got := c.At(tc.t); got != tc.want {
			t.Errorf("At(%v) = %d, want %d", tc.t, got, tc.want)
		}
	}
	if got := NewChapters(nil, nil, nil, nil).At(5); got != -1 {
		t.Errorf("no chapters: At(5) = %d, want -1", got)
	}
}

func TestChapterStep(t *testing.T) {
	t.Parallel()
	c := NewChapters([]float64{10, 60, 90}, []float64{60, 90, 600}, []string{"a", "b", "c"}, make([]bool, 3))
	for _, tc := range []struct {
		t    float64
		dir  int
		want int
	}{
		{0, 1, 0}, {0, -1, 0}, // before the first: both go to the first
		{30, 1, 1}, {30, -1, 0}, // in a chapter: next, or back to its own start
		{61, -1, 0}, {62.9, -1, 0}, {63.1, -1, 1}, // in its first three seconds: the one before
		{11, -1, 0},              // the first's first seconds: stays on the first
		{95, 1, -1}, {95, -1, 2}, // after the last: no next
	} {
		if got := c.Step(tc.t, tc.dir); got != tc.want {
			t.Errorf("Step(%v, %d) = %d, want %d", tc.t, tc.dir, got, tc.want)
		}
	}
	if got := NewChapters(nil, nil, nil, nil).Step(5, 1); got != -1 {
		t.Errorf("no chapters: Step = %d, want -1", got)
	}
}

// expectTicks runs steps ("tick 61", "pause", "play", "always") and writes what each tick did:
// "chapter 1", "skip 90", or "-".
func expectTicks(t *testing.T, c *Chapters, steps, want string) {
	t.Helper()
	playing := true
	var got []string
	for _, s := range strings.Split(steps, "; ") {
		var at float64
		switch {
		case s == "pause":
			playing = false
		case s == "play":
			playing = true
		case s == "always":
			c.Always = true
		case s == "skip":
			got = append(got, fmt.Sprintf("skip %g", c.SkipSponsor()))
		default:
			if _, err := fmt.Sscanf(s, "tick %g", &at); err != nil {
				t.Fatalf("step %q", s)
			}
			r, out := c.Tick(at, playing), []string{}
			if r.Changed {
				out = append(out, fmt.Sprintf("chapter %d", c.Current()))
			}
			if r.SkipTo >= 0 {
				out = append(out, fmt.Sprintf("skip %g", r.SkipTo))
			}
			if len(out) == 0 {
				out = append(out, "-")
			}
			got = append(got, strings.Join(out, " "))
		}
	}
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("%s:\n got %s\nwant %s", steps, g, want)
	}
}

func TestChapterTicks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ steps, want string }{
		// Heard in order: each change once.
		{"tick 0; tick 30; tick 61; tick 62; tick 95", "chapter 0; -; chapter 1; -; chapter 2"},
		// Without "always" a sponsor read plays; the button skips to its end, only inside it.
		{"tick 61; skip; tick 95; skip", "chapter 1; skip 90; chapter 2; skip -1"},
		// Always: skipped once on the way in, not again while still in it (the listener went back).
		{"always; tick 30; tick 61; tick 65; tick 95", "chapter 0; chapter 1 skip 90; -; chapter 2"},
		// Left and entered again: skipped again.
		{"always; tick 61; tick 30; tick 61", "chapter 1 skip 90; chapter 0; chapter 1 skip 90"},
		// Paused and seeking into it: the listener meant to hear it; playing on from there, it is skipped.
		{"always; pause; tick 61; play; tick 62", "chapter 1; skip 90"},
	} {
		expectTicks(t, testChapters(), tc.steps, tc.want)
	}
	if r := NewChapters(nil, nil, nil, nil).Tick(5, true); r.Changed || r.SkipTo != -1 {
		t.Errorf("no chapters: Tick = %+v", r)
	}
}
