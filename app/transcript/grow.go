package transcript

import (
	"strings"
	"unicode/utf8"
)

// grower extends the text of the last segment a parser made, line by line, in time linear in what it
// adds: parsers that join continuation lines (timed lines, TSV, JSON without times) would otherwise copy
// the whole text once per line.
type grower struct {
	seg   *string // the text being extended; nil when none
	b     strings.Builder
	words bool // join as words (no space between two CJK characters) instead of with a space
}

// add appends piece to *seg, with a space (or, for words, joinWord's rule) between.
func (g *grower) add(seg *string, piece string) {
	if piece == "" {
		return
	}
	if g.seg != seg {
		g.flush()
		g.seg = seg
		g.b.Reset()
		g.b.WriteString(*seg)
	}
	if g.b.Len() > 0 {
		if !g.words {
			g.b.WriteByte(' ')
		} else {
			a, _ := utf8.DecodeLastRuneInString(g.tail())
			r, _ := utf8.DecodeRuneInString(piece)
			if !joinsTight(a, r) {
				g.b.WriteByte(' ')
			}
		}
	}
	g.b.WriteString(piece)
}

// tail is the last few bytes written, enough for the last rune.
func (g *grower) tail() string {
	s := g.b.String()
	return s[max(0, len(s)-utf8.UTFMax):]
}

// flush writes the grown text back to its segment.
func (g *grower) flush() {
	if g.seg != nil {
		*g.seg = g.b.String()
		g.seg = nil
	}
}
