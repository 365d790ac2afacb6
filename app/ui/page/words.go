package page

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"tingo/app/transcript"
	"tingo/app/ui/readalong"
)

// Seconds writes a time as data-start, data-end and #t= carry it: seconds with up to three decimals (62,
// 62.5, 3613.125).
func Seconds(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Round(time.Millisecond).Milliseconds())/1000, 'f', -1, 64)
}

// Words writes data-w: "utf16offset:seconds" pairs for the words of s found in its text
// (transcript.WordOffsets, linear whatever the words hold); words not found are left out (the cursor
// estimates between the ones it has). Offsets count UTF-16 units of the text, as the browser's Range
// offsets do.
func Words(s transcript.Segment) string {
	var b strings.Builder
	byteAt, unitAt := 0, 0
	for i, off := range transcript.WordOffsets(s.Text, s.Words) {
		if off < byteAt {
			continue
		}
		unitAt += UTF16Len(s.Text[byteAt:off])
		byteAt = off
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(unitAt))
		b.WriteByte(':')
		b.WriteString(Seconds(s.Words[i].Start))
	}
	return b.String()
}

// ParseWords reads data-w; a malformed pair is skipped.
func ParseWords(v string) []readalong.Word {
	var words []readalong.Word
	for _, pair := range strings.Fields(v) {
		o, t, _ := strings.Cut(pair, ":")
		off, err1 := strconv.Atoi(o)
		at, err2 := strconv.ParseFloat(t, 64)
		if err1 == nil && err2 == nil {
			words = append(words, readalong.Word{Off: off, T: at})
		}
	}
	return words
}

// UTF16Len counts the UTF-16 code units of s: the unit the browser's Range offsets use.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
