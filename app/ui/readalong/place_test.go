package readalong

import "testing"

func TestSelectionTimes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		segStart, from, to float64
		at, end            float64
	}{
		{60, 62.5, 70, 62.5, 70},  // across words: plays from the first to the last
		{60, 62.5, 62.5, 62.5, 0}, // inside one word: a point
		{60, 62.5, 61, 62.5, 0},   // an end before the start (a backward edge outside the text)
		{60, -1, 70, 60, 70},      // the start outside the text (on the timestamp): the segment's start
		{60, -1, -1, 60, 0},       // both outside
		{60, 62.5, -1, 62.5, 0},   // the end outside: a point
	} {
		at, end := SelectionTimes(tc.segStart, tc.from, tc.to)
		if at != tc.at || end != tc.end {
			t.Errorf("SelectionTimes(%v, %v, %v) = %v, %v, want %v, %v", tc.segStart, tc.from, tc.to, at, end, tc.at, tc.end)
		}
	}
}

func TestAnchor(t *testing.T) {
	t.Parallel()
	// Segments 100 px tall from y = -250: bottoms -150, -50, 50, 150, ...
	asked := 0
	bottom := func(i int) float64 { asked = i + 1; return -250 + float64(i+1)*100 }
	for _, tc := range []struct {
		following bool
		current   int
		top       float64
		want      int
		asked     int
	}{
		{true, 7, 60, 7, 0},      // following: the current segment, nothing measured
		{false, 7, 60, 3, 4},     // scrolled away: the first below the 60 px header, measured up to it
		{false, -1, -100, 1, 2},  // no header
		{true, -1, 60, 3, 4},     // following before the first segment: the first in view
		{false, 2, 5000, -1, 10}, // every segment above the header
	} {
		asked = 0
		if got := Anchor(tc.following, tc.current, 10, bottom, tc.top); got != tc.want || asked != tc.asked {
			t.Errorf("Anchor(%v, %d, top %v) = %d after %d measured, want %d after %d", tc.following, tc.current, tc.top, got, asked, tc.want, tc.asked)
		}
	}
	if got := Anchor(true, 3, 0, bottom, 0); got != -1 {
		t.Errorf("no segments: %d, want -1", got)
	}
}

func TestScrollFix(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ before, after, want float64 }{
		{100, 100, 0}, {100, 100.5, 0}, {100, 99.2, 0}, {100, 140, 40}, {100, 60, -40}, {100, 101, 1}, {100, 99, -1},
	} {
		if got := ScrollFix(tc.before, tc.after); got != tc.want {
			t.Errorf("ScrollFix(%v, %v) = %v, want %v", tc.before, tc.after, got, tc.want)
		}
	}
}
