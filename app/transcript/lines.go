package transcript

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Timed lines: one segment a line, as the sample episode is written.
//
//	(00:00~01:02) text          start and end; minutes may pass 59
//	(1:02:03.5 - 1:02:09) text  hours, fractions, other separators
//	[00:01:02] text             start only: the end is the next start
//	00:01:02 text, 1:02 text    the same without brackets
//
// A line without a stamp continues the segment before it (kept, with a warning).

type stampLine struct {
	start, end time.Duration
	hasEnd     bool
	text       string
}

// matchStampLine recognises a line that starts with a stamp or a stamp range.
func matchStampLine(line string) (stampLine, bool) {
	var sl stampLine
	i := 0
	var closer byte
	if i < len(line) && (line[i] == '(' || line[i] == '[') {
		closer = map[byte]byte{'(': ')', '[': ']'}[line[i]]
		i++
	}
	i = skipBlanks(line, i)
	start, i, ok := scanStamp(line, i)
	if !ok {
		return sl, false
	}
	sl.start = start
	j := skipBlanks(line, i)
	if n := rangeSep(line[j:]); n > 0 {
		end, k, ok := scanStamp(line, skipBlanks(line, j+n))
		if !ok {
			return sl, false
		}
		sl.end, sl.hasEnd, i = end, true, k
	}
	i = skipBlanks(line, i)
	if closer != 0 {
		if i >= len(line) || line[i] != closer {
			return sl, false
		}
		i++
	} else if i < len(line) && i == skipBlanks(line, i) && !sl.hasEnd {
		// "10:30am" is text, not a stamp: an unbracketed stamp must be followed by a blank.
		if i > 0 && line[i-1] != ' ' && line[i-1] != '\t' {
			return sl, false
		}
	}
	sl.text = strings.TrimSpace(line[i:])
	return sl, true
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// rangeSep measures the separator between two stamps: ~, -, -->, –, — or ～.
func rangeSep(s string) int {
	for _, sep := range []string{"-->", "~", "-", "–", "—", "～"} {
		if strings.HasPrefix(s, sep) {
			return len(sep)
		}
	}
	return 0
}

// scanStamp reads d+:dd[:dd][.d+] at s[i:].
func scanStamp(s string, i int) (time.Duration, int, bool) {
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ':') {
		j++
	}
	if j < len(s) && (s[j] == '.' || s[j] == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	if j == i || !strings.Contains(s[i:j], ":") {
		return 0, i, false
	}
	// Every field after the first has two digits, so "1:2" or "12:345" is not a stamp.
	fields := strings.Split(strings.FieldsFunc(s[i:j], func(r rune) bool { return r == '.' || r == ',' })[0], ":")
	for _, f := range fields[1:] {
		if len(f) != 2 {
			return 0, i, false
		}
	}
	d, ok := parseClock(s[i:j], false)
	return d, j, ok
}

func parseLines(src string, t *Transcript) error {
	var pending []string // text before the first stamp
	pendingLine := 0
	lineNo := 0
	var g grower
	for line := range strings.Lines(src) {
		lineNo++
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		sl, ok := matchStampLine(line)
		if !ok {
			if n := len(t.Segments); n > 0 {
				s := &t.Segments[n-1]
				g.add(&s.Text, line)
				t.warn(lineNo, "line has no timestamp; joined to the segment before it (line %d)", s.Line)
			} else {
				if pendingLine == 0 {
					pendingLine = lineNo
				}
				pending = append(pending, line)
			}
			continue
		}
		g.flush()
		speaker, text := cutSpeaker(sl.text)
		t.Segments = append(t.Segments, Segment{Start: sl.start, End: sl.end, Speaker: speaker, Text: text, Line: lineNo})
		if !sl.hasEnd {
			t.Segments[len(t.Segments)-1].End = -1 // filled from the next start below
		}
	}
	g.flush()
	if len(t.Segments) == 0 {
		return perrf(FormatLines, firstLine(src), ErrNoSegments, "no line starts with a timestamp such as (00:00~01:02)")
	}
	t.joinBefore(pending, pendingLine, "timestamp")
	for i := range t.Segments {
		s := &t.Segments[i]
		if s.End >= 0 {
			continue
		}
		if i+1 < len(t.Segments) && t.Segments[i+1].Start >= s.Start {
			s.End = t.Segments[i+1].Start
		} else {
			s.End = s.Start + estimateSpeech(s.Text)
		}
	}
	return nil
}

// estimateSpeech guesses how long text takes to say (about four characters a second) for a last segment
// whose source gives no end.
func estimateSpeech(text string) time.Duration {
	return max(2*time.Second, time.Duration(utf8.RuneCountInString(text))*250*time.Millisecond)
}

// joinBefore joins the text found before a file's first segment (from line on) to that segment, warning:
// nothing before the first stamp is lost.
func (t *Transcript) joinBefore(pending []string, line int, what string) {
	if len(pending) == 0 || len(t.Segments) == 0 {
		return
	}
	s := &t.Segments[0]
	s.Text = joinText(strings.Join(pending, " "), s.Text)
	t.warn(line, "text before the first %s; joined to the first segment (line %d)", what, s.Line)
}

// joinText joins two pieces of text with a space, the way the sample marks pauses.
func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func writeLines(w io.Writer, t *Transcript) error {
	bw := newErrWriter(w)
	for _, s := range t.Segments {
		fmt.Fprintf(bw, "(%s~%s) %s\n", minuteStamp(s.Start), minuteStamp(s.End), withSpeaker(s.Speaker, flatten(s.Text)))
	}
	return bw.flush()
}

// minuteStamp writes mm:ss with minutes past 59, and milliseconds only when there are some.
func minuteStamp(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Millisecond)
	s := fmt.Sprintf("%02d:%02d", d/time.Minute, d%time.Minute/time.Second)
	if ms := d % time.Second / time.Millisecond; ms != 0 {
		s += fmt.Sprintf(".%03d", ms)
	}
	return s
}

// flatten puts multi-line text on one line.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", "\n")), " ")
}
