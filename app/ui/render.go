package ui

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"time"

	"tingo/app/search"
	"tingo/app/transcript"
	"tingo/app/ui/page"
)

// TranscriptHTML renders a transcript as the list the viewer reads along: one focusable <p class="seg">
// per segment with data-start/data-end in seconds and an id "t=SECONDS" (so a #t= link scrolls to it even
// without JavaScript), a timestamp link, the speaker where a turn starts, and the text in one <span
// class="tx"> (one text node, which the reading cursor's Range addresses). Segments with word times carry
// them in data-w as "offset:seconds" pairs, offsets in UTF-16 units of the text. Every string from the
// transcript is escaped: nothing in it can become markup.
//
// The same function runs natively (prerendering) and in the browser (a file the listener opens).
func TranscriptHTML(t *transcript.Transcript, lang string) string {
	return TranscriptChaptersHTML(t, lang, nil, "")
}

// TranscriptChaptersHTML is TranscriptHTML with chapters: the contents first, and a heading before the
// segment each chapter starts at (t must be the transcript chapters.Place gave for them). uiLang is the
// interface's language, for the labels.
func TranscriptChaptersHTML(t *transcript.Transcript, lang string, ch *Chapters, uiLang string) string {
	var b strings.Builder
	b.Grow(len(t.Segments) * 160)
	b.WriteString(`<div id="transcript" class="transcript"`)
	if lang != "" {
		b.WriteString(` lang="` + html.EscapeString(lang) + `"`)
	}
	b.WriteString(`>`)
	var heads map[int]string
	if ch != nil {
		b.WriteString(ch.tocHTML(uiLang))
		heads = ch.headings(uiLang)
	}
	speaker := ""
	for i, s := range t.Segments {
		if h, ok := heads[i]; ok {
			b.WriteString(h)
			speaker = "" // a new chapter names its first speaker again
		}
		start := page.Seconds(s.Start)
		b.WriteString(`<p class="seg" tabindex="0" id="t=`)
		b.WriteString(start)
		b.WriteString(`" data-i="`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`" data-start="`)
		b.WriteString(start)
		b.WriteString(`" data-end="`)
		b.WriteString(page.Seconds(s.End))
		b.WriteString(`"`)
		if len(s.Fixes) > 0 {
			b.WriteString(` data-fixes="`)
			b.WriteString(html.EscapeString(fixesNote(s.Text, s.Fixes, uiLang)))
			b.WriteString(`"`)
		}
		if len(s.Words) > 0 {
			if w := page.Words(s); w != "" {
				b.WriteString(` data-w="`)
				b.WriteString(w)
				b.WriteString(`"`)
			}
		}
		b.WriteString(`><a class="ts" href="#t=`)
		b.WriteString(start)
		b.WriteString(`">`)
		b.WriteString(transcript.FormatStamp(s.Start.Truncate(time.Second)))
		b.WriteString(`</a>`)
		if s.Speaker != "" && s.Speaker != speaker {
			b.WriteString(`<span class="spk">`)
			b.WriteString(html.EscapeString(s.Speaker))
			b.WriteString(`</span>`)
		}
		speaker = s.Speaker
		b.WriteString(`<span class="tx">`)
		writeText(&b, s.Text, nil, s.Fixes, uiLang)
		b.WriteString("</span></p>\n")
	}
	b.WriteString(`</div>`)
	return b.String()
}

// writeText writes a segment's text escaped, each corrected spelling in an <ins> that keeps the
// original (title, for hover and screen readers; data-was, which the stylesheet shows on focus and
// touch) and each search match in a <mark>. A mark never crosses an <ins> edge: it is cut there.
func writeText(b *strings.Builder, text string, marks []search.Span, fixes []transcript.Fix, uiLang string) {
	if len(fixes) == 0 && len(marks) == 0 {
		b.WriteString(html.EscapeString(text))
		return
	}
	cuts := []int{0, len(text)}
	for _, m := range marks {
		cuts = append(cuts, m.Start, m.End)
	}
	for _, f := range fixes {
		cuts = append(cuts, f.Start, f.End)
	}
	sort.Ints(cuts)
	fix, mark := -1, false
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		if from == to || from < 0 || to > len(text) {
			continue
		}
		f := -1
		for i, x := range fixes {
			if from >= x.Start && to <= x.End {
				f = i
			}
		}
		m := false
		for _, x := range marks {
			if from >= x.Start && to <= x.End {
				m = true
			}
		}
		if (f != fix || !m) && mark {
			b.WriteString("</mark>")
			mark = false
		}
		if f != fix {
			if fix >= 0 {
				b.WriteString("</ins>")
			}
			if fix = f; f >= 0 {
				was := html.EscapeString(fixes[f].Was)
				b.WriteString(`<ins title="` + html.EscapeString(fmt.Sprintf(tr(uiLang, msgWas), fixes[f].Was)) + `" data-was="` + was + `">`)
			}
		}
		if m && !mark {
			b.WriteString("<mark>")
			mark = true
		}
		b.WriteString(html.EscapeString(text[from:to]))
	}
	if mark {
		b.WriteString("</mark>")
	}
	if fix >= 0 {
		b.WriteString("</ins>")
	}
}

var htmlEscaper = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;")

// TermsHTML renders the term index: a chip a term, which searches for itself when clicked.
func TermsHTML(terms []search.Term, label, lang string) string {
	if len(terms) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav id="terms" class="terms" aria-label="` + html.EscapeString(label) + `">`)
	for _, t := range terms {
		if t.Page != "" {
			b.WriteString(`<span class="term">`) // the chip and its page's link, never apart
		}
		b.WriteString(`<button class="chip" type="button" data-q="`)
		b.WriteString(html.EscapeString(t.Text))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(t.Text))
		b.WriteString(` <span class="n">`)
		b.WriteString(strconv.Itoa(t.Count))
		b.WriteString(`</span></button>`)
		if t.Page != "" && SafeURL(t.Page) {
			b.WriteString(`<a class="chip-page" href="` + html.EscapeString(t.Page) + `" title="` + html.EscapeString(fmt.Sprintf(tr(lang, msgMentions), t.Text)) + `">↗</a>`)
		}
		if t.Page != "" {
			b.WriteString(`</span>`)
		}
	}
	b.WriteString(`</nav>`)
	return b.String()
}
