package search

import (
	"strings"
	"unicode/utf8"
)

// Snippet is the text around a hit's first span, about width characters on each side, with the match
// between open and close ("…context[match]context…").
func Snippet(text string, spans []Span, width int, open, close string) string {
	if len(spans) == 0 {
		return clipRunes(text, 2*width)
	}
	s := spans[0]
	from := s.Start
	for n := 0; n < width && from > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(text[:from])
		from -= w
	}
	to := s.End
	for n := 0; n < width && to < len(text); n++ {
		_, w := utf8.DecodeRuneInString(text[to:])
		to += w
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(text[from:s.Start] + open + text[s.Start:s.End] + close + text[s.End:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func clipRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	if i < len(s) {
		return s[:i] + "…"
	}
	return s
}
