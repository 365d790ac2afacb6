package transcript

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"
)

// WebVTT, parsed by the W3C algorithm (https://www.w3.org/TR/webvtt1/#file-parsing): a bad signature
// fails the file; a block whose timings do not parse is dropped (with a warning here, so nothing goes
// silently); NOTE, STYLE and REGION blocks are skipped. Cue text then loses its markup: <v Name> gives the
// speaker, inline timestamps give word times, character references are decoded.

// vttCue is a cue as the W3C algorithm yields it, before its text is read.
type vttCue struct {
	ID         string
	Start, End time.Duration
	Raw        string // cue text with markup, lines joined by \n
	Line       int    // line of the timing line
	// Invalid marks a block whose timing line the W3C algorithm rejects (a browser drops it). Start and
	// End then hold a lenient reading of the line, when Lenient is set.
	Invalid, Lenient bool
}

// vttLines is the input cut into lines, with the position of the next one to read.
type vttLines struct {
	lines []string
	pos   int
}

func (l *vttLines) done() bool { return l.pos >= len(l.lines) }

// parseVTTCues runs the W3C file-parsing algorithm over src (newlines already normalised to \n).
func parseVTTCues(src string, warn func(line int, format string, args ...any)) ([]vttCue, error) {
	src = strings.ReplaceAll(src, "\x00", "\uFFFD")
	if !strings.HasPrefix(src, "WEBVTT") {
		return nil, perrf(FormatVTT, 1, ErrSignature, "the file must start with WEBVTT")
	}
	if len(src) > 6 && src[6] != ' ' && src[6] != '\t' && src[6] != '\n' {
		return nil, perrf(FormatVTT, 1, ErrSignature, "WEBVTT must be followed by a space, a tab or a new line")
	}
	l := &vttLines{lines: strings.Split(src, "\n")}
	// strings.Split leaves a final "" for a trailing newline; the algorithm never sees that line.
	if n := len(l.lines); n > 0 && l.lines[n-1] == "" {
		l.lines = l.lines[:n-1]
	}
	l.pos = 1 // the signature line
	if !l.done() && l.lines[l.pos] != "" {
		collectVTTBlock(l, true, warn) // the header: ignored
	} else if !l.done() {
		l.pos++
	}
	var cues []vttCue
	for {
		for !l.done() && l.lines[l.pos] == "" {
			l.pos++
		}
		if l.done() {
			break
		}
		if c, ok := collectVTTBlock(l, false, warn); ok {
			cues = append(cues, c)
		}
	}
	return cues, nil
}

// collectVTTBlock is the spec's "collect a WebVTT block": it reads lines up to a blank line and returns
// the cue they hold, if any.
func collectVTTBlock(l *vttLines, inHeader bool, warn func(int, string, ...any)) (vttCue, bool) {
	var (
		lineCount  int
		prev       = l.pos
		buffer     strings.Builder
		seenArrow  bool
		cue        *vttCue
		startLine  = l.pos + 1
		badTimings = 0
		badLine    string
		badText    int // where the text after a bad timing line starts in buffer
	)
	for {
		line := l.lines[l.pos]
		lineNo := l.pos + 1
		lineCount++
		l.pos++
		if strings.Contains(line, "-->") {
			if !inHeader && (lineCount == 1 || lineCount == 2 && !seenArrow) {
				seenArrow = true
				prev = l.pos
				start, end, ok := parseVTTTimings(line)
				if ok {
					cue = &vttCue{ID: buffer.String(), Start: start, End: end, Line: lineNo}
					buffer.Reset()
				} else {
					cue = nil
					badTimings, badLine, badText = lineNo, line, buffer.Len()
				}
			} else {
				l.pos = prev
				break
			}
		} else if line == "" {
			break
		} else {
			if buffer.Len() > 0 {
				buffer.WriteByte('\n')
			}
			buffer.WriteString(line)
			prev = l.pos
		}
		if l.done() {
			break
		}
	}
	if cue != nil {
		cue.Raw = buffer.String()
		return *cue, true
	}
	if badTimings == 0 && !inHeader && warn != nil {
		// A block of text with no timing line: the W3C algorithm skips it; say so, unless it is a comment
		// or a style or region definition.
		text := strings.TrimSpace(buffer.String())
		if text != "" && !strings.HasPrefix(text, "NOTE") && !strings.HasPrefix(text, "STYLE") && !strings.HasPrefix(text, "REGION") {
			warn(startLine, "text without a timing line; skipped: %q", clip(text, 60))
		}
	}
	if badTimings > 0 {
		// A browser drops this cue. Its text is returned, marked, so that a reader need not lose it.
		c := vttCue{Raw: strings.TrimPrefix(buffer.String()[badText:], "\n"), Line: badTimings, Invalid: true}
		c.Start, c.End, c.Lenient = parseSRTTimings(badLine)
		return c, true
	}
	return vttCue{}, false
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// parseVTTTimings reads "start --> end [settings]".
func parseVTTTimings(line string) (start, end time.Duration, ok bool) {
	i := skipVTTSpace(line, 0)
	start, i, ok = parseVTTStamp(line, i)
	if !ok {
		return 0, 0, false
	}
	i = skipVTTSpace(line, i)
	if !strings.HasPrefix(line[i:], "-->") {
		return 0, 0, false
	}
	i = skipVTTSpace(line, i+3)
	end, _, ok = parseVTTStamp(line, i)
	if !ok {
		return 0, 0, false
	}
	// What follows is cue settings, which a transcript does not use.
	return start, end, true
}

func isVTTSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' }

func skipVTTSpace(s string, i int) int {
	for i < len(s) && isVTTSpace(s[i]) {
		i++
	}
	return i
}

// parseVTTStamp is the spec's "collect a WebVTT timestamp": [hh+:]mm:ss.ttt, exactly.
func parseVTTStamp(s string, i int) (time.Duration, int, bool) {
	digits := func() (int64, int, bool) {
		j := i
		var v int64
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			if v < 1e12 {
				v = v*10 + int64(s[j]-'0')
			}
			j++
		}
		n := j - i
		i = j
		return v, n, n > 0
	}
	v1, n1, ok := digits()
	if !ok {
		return 0, i, false
	}
	hours := n1 != 2 || v1 > 59
	if i >= len(s) || s[i] != ':' {
		return 0, i, false
	}
	i++
	v2, n2, _ := digits()
	if n2 != 2 {
		return 0, i, false
	}
	var v3 int64
	if hours || i < len(s) && s[i] == ':' {
		if i >= len(s) || s[i] != ':' {
			return 0, i, false
		}
		i++
		var n3 int
		v3, n3, _ = digits()
		if n3 != 2 {
			return 0, i, false
		}
	} else {
		v3, v2, v1 = v2, v1, 0
	}
	if i >= len(s) || s[i] != '.' {
		return 0, i, false
	}
	i++
	v4, n4, _ := digits()
	if n4 != 3 || v2 > 59 || v3 > 59 {
		return 0, i, false
	}
	d := time.Duration(v1)*time.Hour + time.Duration(v2)*time.Minute + time.Duration(v3)*time.Second + time.Duration(v4)*time.Millisecond
	return d, i, true
}

func parseVTT(src string, t *Transcript) error {
	cues, err := parseVTTCues(src, t.lose)
	if err != nil {
		return err
	}
	for _, c := range cues {
		seg := cueToSegment(c.Raw, c.Start, c.End)
		seg.Line = c.Line
		if seg.Speaker == "" && strings.HasPrefix(strings.TrimSpace(c.Raw), "[") {
			// WhisperX: "[SPEAKER_02]: text"; a bracket written as &#91; is text.
			seg.Speaker, seg.Text = cutBracketSpeaker(seg.Text)
		}
		switch {
		case c.Invalid && !c.Lenient:
			if seg.Text != "" {
				t.lose(c.Line, "cue timings are invalid; cue skipped: %q", clip(seg.Text, 60))
			}
			continue
		case c.Invalid && seg.Text != "":
			t.warn(c.Line, "cue timings are not valid WebVTT (a browser would drop this cue); kept as read leniently")
		}
		if seg.Text == "" {
			continue // a cue with no words: nothing to read along to
		}
		t.Segments = append(t.Segments, seg)
	}
	return nil
}

// cueToSegment removes WebVTT cue markup: tags go, <v Name> names the speaker, inline timestamps cut the
// text into timed words, character references are decoded. Lines are joined with a space.
func cueToSegment(raw string, start, end time.Duration) Segment {
	seg := Segment{Start: start, End: end}
	var text strings.Builder
	type mark struct {
		at   int // byte offset into text
		time time.Duration
	}
	var marks []mark
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == '<' {
			j := strings.IndexByte(raw[i:], '>')
			if j < 0 {
				break // an unclosed tag runs to the end of the cue text and is dropped, as the spec says
			}
			tag := raw[i+1 : i+j]
			i += j + 1
			switch {
			case tag == "" || tag[0] == '/':
			case tag[0] >= '0' && tag[0] <= '9':
				if d, _, ok := parseVTTStamp(tag, 0); ok {
					marks = append(marks, mark{text.Len(), d})
				}
			case tag[0] == 'v' && (len(tag) == 1 || tag[1] == ' ' || tag[1] == '.' || tag[1] == '\t'):
				if k := strings.IndexAny(tag, " \t"); k >= 0 && seg.Speaker == "" {
					seg.Speaker = strings.TrimSpace(html.UnescapeString(tag[k+1:]))
				}
			}
			continue
		}
		j := strings.IndexByte(raw[i:], '<')
		if j < 0 {
			j = len(raw) - i
		}
		chunk := raw[i : i+j]
		if strings.IndexByte(chunk, '&') >= 0 {
			chunk = html.UnescapeString(chunk)
		}
		if strings.IndexByte(chunk, '\n') >= 0 {
			chunk = strings.ReplaceAll(chunk, "\n", " ")
		}
		text.WriteString(chunk)
		i += j
	}
	full := text.String()
	seg.Text = strings.TrimSpace(full)
	if len(marks) > 0 && seg.Text != "" {
		lead := len(full) - len(strings.TrimLeft(full, " "))
		at, t0 := 0, start
		add := func(to int, t1 time.Duration) {
			w := strings.TrimSpace(full[at:to])
			if w != "" {
				seg.Words = append(seg.Words, Word{Start: t0, End: t1, Text: w})
			}
		}
		for _, m := range marks {
			add(max(m.at, lead), m.time)
			at, t0 = max(m.at, lead), m.time
		}
		add(len(full), end)
	}
	return seg
}

func writeVTT(w io.Writer, t *Transcript) error {
	bw := newErrWriter(w)
	bw.WriteString("WEBVTT\n")
	for _, s := range t.Segments {
		fmt.Fprintf(bw, "\n%s --> %s\n", clock(s.Start, '.'), clock(s.End, '.'))
		text, at := flatten(s.Text), 0
		if s.Speaker != "" {
			fmt.Fprintf(bw, "<v %s>", escapeVTT(s.Speaker))
		} else if bracketPrefix.MatchString(text) {
			bw.WriteString("&#91;") // a bracket that would read as WhisperX's speaker label
			at = 1
		}
		if len(s.Words) == 0 || text != s.Text {
			bw.WriteString(escapeVTT(text[at:]))
			bw.WriteByte('\n')
			continue
		}
		// Word times as inline stamps at the words' places in the text, which stays as it is.
		for i, off := range WordOffsets(s.Text, s.Words) {
			if off < at || i == 0 {
				continue
			}
			bw.WriteString(escapeVTT(s.Text[at:off]))
			fmt.Fprintf(bw, "<%s>", clock(s.Words[i].Start, '.'))
			at = off
		}
		bw.WriteString(escapeVTT(s.Text[at:]))
		bw.WriteByte('\n')
	}
	return bw.flush()
}

// escapeVTT keeps text from being read as markup; text on one line cannot be read as a timing line.
func escapeVTT(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
