package chapters

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tingo/app/transcript"
)

// maxSplits caps how often one segment is split: each split reads the rest of the segment again, so a
// file of thousands of chapters inside one huge segment stays linear (64 passes at most). Chapters past
// the cap head the next segment.
const maxSplits = 64

// headSlack is how close to a segment's start (or end) a chapter may start and still head that segment
// (or the next) whole: splitting off a second of speech would leave a scrap.
const headSlack = 1500 * time.Millisecond

// Place puts chapters into a transcript: a chapter that starts inside a segment splits it there (at the
// first word timed at or after the chapter's start, else at the space nearest the start's share of the
// text), without losing a character or a word time. It gives the transcript to show (t itself when
// nothing was split, else a copy; t is never changed) and, for each chapter of chs, the index of the
// segment its heading goes before: -1 for a hidden chapter or one that starts after the last segment.
// chs must be sorted by start (Parse sorts).
func Place(t *transcript.Transcript, chs []Chapter) (*transcript.Transcript, []int) {
	at := make([]int, len(chs))
	if t == nil || len(t.Segments) == 0 {
		for i := range at {
			at[i] = -1
		}
		return t, at
	}
	segs := t.Segments
	split := false
	out := make([]transcript.Segment, 0, len(segs)+len(chs))
	next := 0 // the next chapter to place
	for _, s := range segs {
		for next < len(chs) && (chs[next].Hidden || chs[next].Start < s.Start+headSlack) {
			if chs[next].Hidden {
				at[next] = -1
			} else {
				at[next] = len(out)
			}
			next++
		}
		// Chapters that start inside s, past its first moments: split s at each.
		splits := 0
		for next < len(chs) && (chs[next].Hidden || chs[next].Start < s.End-headSlack) && splits < maxSplits {
			if chs[next].Hidden {
				at[next] = -1
				next++
				continue
			}
			if chs[next].Start < s.Start+headSlack { // another chapter where the last split was: same heading place
				at[next] = len(out)
				next++
				continue
			}
			left, right, ok := splitAt(s, chs[next].Start)
			if !ok {
				break // s cannot be split there: the chapter heads the next segment
			}
			splits++
			out = append(out, left)
			split = true
			s = right
			at[next] = len(out)
			next++
		}
		out = append(out, s)
	}
	for ; next < len(chs); next++ {
		at[next] = -1
		if !chs[next].Hidden && chs[next].Start < t.Segments[len(t.Segments)-1].End {
			at[next] = len(out) - 1
		}
	}
	if !split {
		return t, at
	}
	cp := *t
	cp.Segments = out
	return &cp, at
}

// splitAt splits s at time c into two segments whose texts, joined by the whitespace between them, spell
// s's text, and whose words are s's words.
func splitAt(s transcript.Segment, c time.Duration) (left, right transcript.Segment, ok bool) {
	k := -1
	var wl, wr []transcript.Word
	if len(s.Words) > 0 {
		offs := transcript.WordOffsets(s.Text, s.Words)
		for j, w := range s.Words {
			if w.Start >= c && offs[j] > 0 {
				k, wl, wr = offs[j], s.Words[:j:j], s.Words[j:]
				break
			}
		}
	}
	if k < 0 {
		if len(s.Words) > 0 {
			return s, s, false // timed words all before c: no honest place to cut
		}
		k = textCut(s.Text, float64(c-s.Start)/float64(s.End-s.Start))
	}
	lt, rt := strings.TrimRightFunc(s.Text[:k], unicode.IsSpace), strings.TrimLeftFunc(s.Text[k:], unicode.IsSpace)
	if lt == "" || rt == "" {
		return s, s, false
	}
	left, right = s, s
	left.End, left.Text, left.Words = c, lt, wl
	right.Start, right.Text, right.Words = c, rt, wr
	return left, right, true
}

// textCut picks where to cut text at share f (0..1) of its characters: the whitespace nearest that point
// within a fifth of the text either side, else the punctuation nearest it, else the character there.
func textCut(text string, f float64) int {
	n := utf8.RuneCountInString(text)
	target := int(f * float64(n))
	window := n / 5
	best, bestD := -1, window+1
	bestP, bestPD := -1, window+1
	i := 0
	for off, r := range text {
		d := i - target
		if d < 0 {
			d = -d
		}
		if d <= window {
			switch {
			case unicode.IsSpace(r):
				if d < bestD {
					best, bestD = off, d
				}
			case unicode.IsPunct(r):
				if d < bestPD {
					bestP, bestPD = off+utf8.RuneLen(r), d
				}
			}
		}
		i++
	}
	switch {
	case best >= 0:
		return best
	case bestP >= 0 && bestP < len(text):
		return bestP
	}
	i = 0
	for off := range text {
		if i == target {
			return off
		}
		i++
	}
	return len(text)
}
