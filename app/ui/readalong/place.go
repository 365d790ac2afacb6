package readalong

// Keeping the reader's place when the text moves (a larger text size, wider spacing, another script).

// Anchor is the segment whose place on the screen is kept when the text is laid out again: the current
// one while following, else the first whose bottom (bottom(i), in viewport pixels) is below the header's
// (top). -1: none (no segments). bottom is asked in order and no further than the answer, so a long
// transcript is not laid out to find it.
func Anchor(following bool, current, n int, bottom func(i int) float64, top float64) int {
	if following && current >= 0 && current < n {
		return current
	}
	for i := range n {
		if bottom(i) > top {
			return i
		}
	}
	return -1
}

// ScrollFix is how far to scroll so that an anchor that was at before (its top, in viewport pixels) and
// is at after once the text moved is where it was: 0 for less than a pixel.
func ScrollFix(before, after float64) float64 {
	if d := after - before; d <= -1 || d >= 1 {
		return d
	}
	return 0
}
