// Package transcript is tingo's model of a timed transcript and every format it reads and writes.
//
// Parse detects the format and encoding; ParseAs names the format; Write writes one. The formats form a
// fixed table in this package (formats.go): there is no registration at init time, so what the wasm links
// is visible here.
package transcript

import (
	"fmt"
	"strings"
	"time"
)

// Transcript is one episode's text with its timing.
type Transcript struct {
	Title    string
	Segments []Segment
	// Encoding names the character encoding the source was decoded from ("utf-8", "big5", ...).
	Encoding string
	// Warnings are problems that did not stop parsing: nothing they mention was dropped silently.
	Warnings []Warning
	// Markers are chapter markers the source carries in its text (a Podcasting 2.0 HTML transcript's
	// headings), each at the start of the segment it heads. The site makes chapters of them where an
	// episode has none from its feed or podcast.json.
	Markers []Marker
}

// Marker is a chapter marker inside a transcript.
type Marker struct {
	Start time.Duration
	Title string
	Line  int
}

// Segment is a stretch of speech: a cue, a line, a paragraph.
type Segment struct {
	Start, End time.Duration
	Speaker    string
	Text       string
	// Words carry real times when the source has them (word-level JSON, VTT inline timestamps, Whisper
	// words). Empty otherwise: the viewer estimates word times from character positions.
	Words []Word
	// Line is the 1-based line of the source where the segment starts (0 when unknown).
	Line int
	// Fixes are the places of Text a spellings file corrected (app/spell), in order; nil for a
	// transcript as read. Writers write the corrected Text; pages mark each fix with its original.
	Fixes []Fix
}

// Fix is a corrected spelling: Text[Start:End] (byte offsets) was Was in the source.
type Fix struct {
	Start, End int
	Was        string
}

// Word is one timed token of a segment's text, in order; the words of a segment spell its Text.
type Word struct {
	Start, End time.Duration
	Text       string
}

// Warning is a non-fatal problem, kept so `tingo check` and the viewer can show it.
type Warning struct {
	Line int
	Msg  string
	// Lost marks words of the source that are in no segment (a cue no reading can time): `tingo check`,
	// `convert` and `build` exit non-zero on such a warning unless told --lenient.
	Lost bool
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Msg)
	}
	return w.Msg
}

func (t *Transcript) warn(line int, format string, args ...any) {
	t.Warnings = append(t.Warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// lose warns that words of the source were left out.
func (t *Transcript) lose(line int, format string, args ...any) {
	t.Warnings = append(t.Warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...), Lost: true})
}

// Lost gives the warnings that say words of the source were left out.
func (t *Transcript) Lost() []Warning {
	var out []Warning
	for _, w := range t.Warnings {
		if w.Lost {
			out = append(out, w)
		}
	}
	return out
}

// Duration is the end of the last segment.
func (t *Transcript) Duration() time.Duration {
	var d time.Duration
	for _, s := range t.Segments {
		d = max(d, s.End, s.Start)
	}
	return d
}

// Text is every segment's text, one segment a line.
func (t *Transcript) Text() string {
	var b strings.Builder
	for _, s := range t.Segments {
		b.WriteString(s.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// checkTimes warns about times that go backwards or overlap, naming the line: such segments are kept.
func (t *Transcript) checkTimes() {
	for i, s := range t.Segments {
		if s.End < s.Start {
			t.warn(s.Line, "segment ends (%s) before it starts (%s)", FormatStamp(s.End), FormatStamp(s.Start))
		}
		if i == 0 {
			continue
		}
		p := t.Segments[i-1]
		switch {
		case s.Start < p.Start:
			t.warn(s.Line, "segment starts (%s) before the one before it (%s)", FormatStamp(s.Start), FormatStamp(p.Start))
		case s.Start < p.End:
			t.warn(s.Line, "segment starts (%s) before the one before it ends (%s)", FormatStamp(s.Start), FormatStamp(p.End))
		}
	}
}

// cleanText turns control characters in text into spaces (they are no words, and no writer could carry
// them) and drops segments left with no text, warning.
func (t *Transcript) cleanText() {
	out := t.Segments[:0]
	for _, s := range t.Segments {
		if strings.IndexFunc(s.Text, isControl) >= 0 || strings.IndexFunc(s.Speaker, isControl) >= 0 {
			t.warn(s.Line, "control characters (such as NUL) in the text; read as spaces")
			s.Text = strings.TrimSpace(strings.Map(controlToSpace, s.Text))
			s.Speaker = strings.TrimSpace(strings.Map(controlToSpace, s.Speaker))
			for i := range s.Words {
				s.Words[i].Text = strings.TrimSpace(strings.Map(controlToSpace, s.Words[i].Text))
			}
		}
		if s.Text == "" {
			t.warn(s.Line, "segment has no text")
			continue
		}
		out = append(out, s)
	}
	t.Segments = out
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 }

func controlToSpace(r rune) rune {
	if isControl(r) {
		return ' '
	}
	return r
}
