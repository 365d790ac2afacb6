package transcript

import (
	"regexp"
	"strings"
	"time"
)

// Editors' text exports: a speaker line with a time starts each turn, paragraphs follow.
//
//	# Episode title                      Markdown title (Descript): the transcript's title, not speech
//	Lex Fridman (00:01:02):              Descript: name, time in parentheses, a colon
//	[00:01:02] Speaker 1: text           Sonix: time in brackets, name, colon, text on the same line
//	Jensen Huang  1:02                   Otter: name, two spaces (or a tab), the time
//	… [00:02:00] …                       minute marks inside a paragraph start a new segment there
//
// Times are read leniently (m:ss, h:mm:ss, fractions). Marks and stamps never become words; text before
// the first speaker line joins the first segment, with a warning.

const clockPattern = `\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?`

var (
	headerParen   = regexp.MustCompile(`^([^()\[\]:：]{1,60}?)\s*\((` + clockPattern + `)\)\s*(?:[:：]\s*(.*))?$`)
	headerBracket = regexp.MustCompile(`^\[(` + clockPattern + `)\]\s*([^:：\[\]()]{1,60}?)\s*[:：]\s*(.*)$`)
	headerOtter   = regexp.MustCompile(`^([^:：\[\]()]{1,60}?)(\s{2,}|\t|\s)(` + clockPattern + `)$`)
	minuteMark    = regexp.MustCompile(`\[(` + clockPattern + `)\]`)
)

type header struct {
	speaker string
	at      time.Duration
	text    string
}

// editorHeader reads a line that starts a turn.
func editorHeader(line string) (header, bool) {
	var h header
	var stamp string
	if strings.IndexByte(line, ':') < 0 {
		return h, false // every clock has a colon
	}
	if m := headerParen.FindStringSubmatch(line); m != nil {
		h.speaker, stamp, h.text = strings.TrimSpace(m[1]), m[2], m[3]
	} else if m := headerBracket.FindStringSubmatch(line); m != nil && isLabel(m[2]) {
		stamp, h.speaker, h.text = m[1], strings.TrimSpace(m[2]), m[3]
	} else if m := headerOtter.FindStringSubmatch(line); m != nil && (m[2] != " " || isLabel(m[1])) {
		h.speaker, stamp = strings.TrimSpace(m[1]), m[3]
	} else {
		return h, false
	}
	d, ok := parseClock(stamp, true)
	if !ok || h.speaker == "" {
		return h, false
	}
	h.at = d
	h.text = strings.TrimSpace(h.text)
	return h, true
}

// isLabel says whether s could be a speaker's name or label rather than the start of a sentence.
func isLabel(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && len(strings.Fields(s)) <= 4 && bareSpeaker.MatchString(s)
}

func parseEditor(src string, t *Transcript) error {
	var (
		g           grower
		pending     []string
		pendingLine int
		speaker     string
		lineNo      int
		missing     []bool
		sawText     bool
	)
	newSeg := func(at time.Duration, line int) {
		g.flush()
		t.Segments = append(t.Segments, Segment{Start: at, Speaker: speaker, Line: line})
		missing = append(missing, true)
	}
	// addText adds a paragraph's text, cutting it at minute marks.
	addText := func(text string, line int) {
		for text != "" {
			var m []int
			if strings.IndexByte(text, '[') >= 0 {
				m = minuteMark.FindStringSubmatchIndex(text)
			}
			before := text
			if m != nil {
				before = text[:m[0]]
			}
			if before = strings.TrimSpace(before); before != "" {
				if n := len(t.Segments); n > 0 {
					g.add(&t.Segments[n-1].Text, before)
				} else {
					if pendingLine == 0 {
						pendingLine = line
					}
					pending = append(pending, before)
				}
			}
			if m == nil {
				return
			}
			if d, ok := parseClock(text[m[2]:m[3]], true); ok {
				newSeg(d, line)
			}
			text = text[m[1]:]
		}
	}
	for line := range strings.Lines(src) {
		lineNo++
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !sawText && strings.HasPrefix(line, "# ") && t.Title == "" {
			t.Title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			sawText = true
			continue
		}
		sawText = true
		if h, ok := editorHeader(line); ok {
			speaker = h.speaker
			newSeg(h.at, lineNo)
			addText(h.text, lineNo)
			continue
		}
		addText(line, lineNo)
	}
	g.flush()
	if len(t.Segments) == 0 {
		return perrf(FormatEditor, firstLine(src), ErrNoSegments, "no speaker line with a time such as \"Name (00:01:02):\" or \"Name  0:00\"")
	}
	t.joinBefore(pending, pendingLine, "speaker line")
	// A speaker line with no words after it before the next gives no segment; its time passes on.
	out, outMissing := t.Segments[:0], missing[:0]
	for i, s := range t.Segments {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		out, outMissing = append(out, s), append(outMissing, missing[i])
	}
	t.Segments = out
	fillEnds(t.Segments, outMissing)
	return nil
}
