package transcript

import (
	"html"
	"regexp"
	"strings"
	"time"
)

// Podcasting 2.0 HTML: a run of <cite>Speaker:</cite>, <time>0:53</time> and <p>text</p> elements. Each
// <p> is a segment that starts at the last <time> and is spoken by the last <cite>; it ends where the next
// one starts. A heading (<h1>…<h6>) between them is a chapter marker: it names a chapter that starts
// with the next paragraph (Transcript.Markers), so its words are kept, not dropped.

var htmlElement = regexp.MustCompile(`(?is)<(cite|time|p|h[1-6])\b[^>]*>(.*?)</(?:cite|time|p|h[1-6])\s*>`)

func parsePodcastHTML(src string, t *Transcript) error {
	var (
		speaker string
		start   time.Duration
		haveTS  bool
		missing []bool
		pending []Marker // headings waiting for the paragraph they open
	)
	lc := newLineCounter(src)
	for _, m := range htmlElement.FindAllStringSubmatchIndex(src, -1) {
		tag := strings.ToLower(src[m[2]:m[3]])
		inner := src[m[4]:m[5]]
		line := lc.at(int64(m[0]))
		text := strings.Join(strings.Fields(html.UnescapeString(stripTags(inner))), " ")
		switch tag {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			if text != "" {
				pending = append(pending, Marker{Title: text, Line: line})
			}
		case "cite":
			speaker = strings.TrimSpace(strings.TrimRight(text, ":："))
		case "time":
			d, ok := parseClock(text, true)
			if !ok {
				return perrf(FormatHTML, line, ErrTimestamp, "%q in <time>", clip(text, 30))
			}
			start, haveTS = d, true
		case "p":
			if text == "" {
				continue
			}
			if !haveTS {
				t.warn(line, "paragraph has no <time> before it; taken to start at 0:00")
				haveTS = true
			}
			t.Segments = append(t.Segments, Segment{Start: start, Speaker: speaker, Text: text, Line: line})
			missing = append(missing, true)
			for _, m := range pending {
				m.Start = start
				t.Markers = append(t.Markers, m)
			}
			pending = pending[:0]
		}
	}
	if len(t.Segments) == 0 {
		return perrf(FormatHTML, firstLine(src), ErrNoSegments, "no <p> paragraphs with a <time>")
	}
	fillEnds(t.Segments, missing)
	for _, m := range pending { // headings after the last paragraph: kept, at the end
		m.Start = t.Segments[len(t.Segments)-1].End
		t.Markers = append(t.Markers, m)
		t.warn(m.Line, "heading %q follows the last paragraph: a chapter at the end", clip(m.Title, 40))
	}
	return nil
}

var anyTag = regexp.MustCompile(`<[^<>]*>`)

func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	return anyTag.ReplaceAllString(s, " ")
}
