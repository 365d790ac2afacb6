package transcript

import (
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
)

// SubRip, read leniently, as files in the wild are written: indexes missing, repeated or out of order;
// milliseconds missing or given with two digits; '.' for ','; seconds past 59; position suffixes
// (X1:…); a "Name:" prefix naming the speaker of a turn; HTML-ish tags and entities; blank cues.

// srtTimingLine reports whether line is an SRT timing line.
func srtTimingLine(line string) bool {
	_, _, ok := parseSRTTimings(line)
	return ok
}

func parseSRTTimings(line string) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(line, "-->")
	if !found {
		return 0, 0, false
	}
	start, ok = parseSRTStamp(a)
	if !ok {
		return 0, 0, false
	}
	b = strings.TrimSpace(b)
	if i := strings.IndexAny(b, " \t"); i >= 0 {
		b = b[:i] // position and other settings after the end stamp
	}
	end, ok = parseSRTStamp(b)
	return start, end, ok
}

func parseSRTStamp(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	// Some writers separate milliseconds with a colon: 00:00:01:500.
	if strings.Count(s, ":") == 3 && !strings.ContainsAny(s, ".,") {
		i := strings.LastIndexByte(s, ':')
		s = s[:i] + "," + s[i+1:]
	}
	return parseClock(s, true)
}

func parseSRT(src string, t *Transcript) error {
	lines := strings.Split(src, "\n")
	type cue struct {
		start, end time.Duration
		line       int
		text       []string
	}
	var cues []cue
	var before []string // text before the first timing line
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if start, end, ok := parseSRTTimings(line); ok {
			cues = append(cues, cue{start: start, end: end, line: i + 1})
			continue
		}
		// An index is a number alone on the line right before a timing line.
		if allDigits(line) && i+1 < len(lines) && srtTimingLine(strings.TrimSpace(lines[i+1])) {
			continue
		}
		// A number alone after a blank line, followed by text, is the index of a cue that lost its timing.
		if allDigits(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "") && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			t.warn(i+1, "cue %s has no timing line; its text is joined to the cue before it", line)
			continue
		}
		if strings.Contains(line, "-->") {
			t.warn(i+1, "timing line does not parse; kept as text: %q", clip(line, 60))
		}
		if len(cues) == 0 {
			if line != "" {
				before = append(before, line)
			}
			continue
		}
		c := &cues[len(cues)-1]
		c.text = append(c.text, line)
	}
	if len(cues) == 0 {
		return perrf(FormatSRT, firstLine(src), ErrNoSegments, "no timing line such as 00:00:01,000 --> 00:00:02,000")
	}
	if len(before) > 0 {
		t.warn(1, "text before the first cue; joined to it")
		cues[0].text = append(before, cues[0].text...)
	}
	speaker := ""
	for _, c := range cues {
		// Blank lines inside a cue are kept as line breaks; trailing ones end it.
		for len(c.text) > 0 && c.text[len(c.text)-1] == "" {
			c.text = c.text[:len(c.text)-1]
		}
		var parts []string
		for _, l := range c.text {
			if l = cleanSRTText(l); l != "" {
				parts = append(parts, l)
			}
		}
		text := strings.Join(parts, " ")
		if title, ok := titleLine(text); ok && t.Title == "" {
			t.Title = title // kept as text too: it is what the cue shows
		}
		// A prefix names the speaker of a turn, who goes on speaking until the next prefix.
		if who, rest, explicit := cutSpeakerMark(text); who != "" || explicit {
			speaker, text = who, rest
		}
		if text == "" {
			continue // a blank cue
		}
		t.Segments = append(t.Segments, Segment{Start: c.start, End: c.end, Speaker: speaker, Text: text, Line: c.line})
	}
	return nil
}

var (
	srtTag    = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	srtASSTag = regexp.MustCompile(`\{\\[^{}]*\}`)
)

// cleanSRTText removes formatting tags ({\an8}, <i>, <font …>) and decodes entities.
func cleanSRTText(s string) string {
	if strings.ContainsAny(s, "<{") {
		s = srtTag.ReplaceAllString(s, "")
		s = srtASSTag.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return strings.TrimSpace(s)
}

func writeSRT(w io.Writer, t *Transcript) error {
	bw := newErrWriter(w)
	speaker := ""
	for i, s := range t.Segments {
		if i > 0 {
			bw.WriteByte('\n')
		}
		text := srtEscape(flatten(s.Text))
		// A prefix where a turn starts; where a turn ends with no one named, or the text would read as a
		// prefix, the prefix (or the no-speaker mark) is written again.
		switch {
		case s.Speaker == "" && speaker != "":
			text = noSpeaker + text
		case s.Speaker != speaker || looksLikeSpeaker(text):
			text = withSpeaker(s.Speaker, text)
		}
		speaker = s.Speaker
		fmt.Fprintf(bw, "%d\n%s --> %s\n%s\n", i+1, clock(s.Start, ','), clock(s.End, ','), text)
	}
	return bw.flush()
}

// srtEscape keeps text that the reader would take for markup, entities or a timing line (a literal
// "<i>", "{\\an8}", "&amp;" or "1 --> 2") as text, by writing it with entities; other text is written
// as it is.
func srtEscape(s string) string {
	timing := strings.Contains(s, "-->") && srtTimingLine(strings.TrimSpace(s))
	if !timing && (!strings.ContainsAny(s, "<{&") || cleanSRTText(s) == strings.TrimSpace(s)) {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "{", "&#123;").Replace(s)
}
