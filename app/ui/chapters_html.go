//go:build !(js && wasm)

package ui

import (
	"fmt"
	"html"
	"strings"
	"time"

	"tingo/app/transcript"
	"tingo/app/ui/page"
)

// Chapters are written into pages natively (prerendering); app.wasm never receives chapters of its own
// (a file a listener opens has none), so it links only the stubs in chapters_wasm.go.

// tocHTML writes the table of contents: a collapsible list of the visible chapters with their times,
// each a #t= link (so it works with JavaScript off), and the "always skip sponsor reads" setting when
// there are sponsor reads.
func (c *Chapters) tocHTML(uiLang string) string {
	vis := c.Items
	if len(vis) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav id="toc" class="toc" aria-labelledby="toc-title"><details><summary id="toc-title">`)
	b.WriteString(html.EscapeString(tr(uiLang, msgChapters)))
	fmt.Fprintf(&b, ` <span class="n">%d</span>`, len(vis))
	if c.Suggested {
		b.WriteString(` <span class="badge">` + html.EscapeString(tr(uiLang, msgSuggested)) + `</span>`)
	}
	b.WriteString(`</summary>`)
	for _, ch := range vis {
		if ch.Sponsor { // the setting first, where a phone shows it without scrolling the list
			b.WriteString(`<label class="always-skip"><input type="checkbox" id="always-skip"> ` + html.EscapeString(tr(uiLang, msgAlwaysSkip)) + `</label>`)
			break
		}
	}
	b.WriteString(`<ol>`)
	for _, ch := range vis {
		fmt.Fprintf(&b, `<li data-start="%s" data-end="%s"><a href="#t=%s"><span class="tt">%s</span> <span class="ct">%s</span></a>`,
			page.Seconds(ch.Start), page.Seconds(ch.End), page.Seconds(ch.link()), transcript.FormatStamp(ch.Start.Truncate(time.Second)), html.EscapeString(ch.Title))
		if ch.Sponsor {
			b.WriteString(` <span class="badge sponsor">` + html.EscapeString(tr(uiLang, msgSponsor)) + `</span>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></details></nav>`)
	return b.String()
}

// headings gives, by segment index, the heading HTML to write before that segment.
func (c *Chapters) headings(uiLang string) map[int]string {
	out := map[int]string{}
	if c == nil {
		return out
	}
	for k, ch := range c.Items {
		if ch.Seg < 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, `<h2 class="chap" id="chapter-%d" data-start="%s" data-end="%s"`, k+1, page.Seconds(ch.Start), page.Seconds(ch.End))
		if ch.Sponsor {
			b.WriteString(` data-sponsor=""`)
		}
		fmt.Fprintf(&b, `><a class="ts" href="#t=%s">%s</a> <span class="ct">%s</span>`, page.Seconds(ch.link()),
			transcript.FormatStamp(ch.Start.Truncate(time.Second)), html.EscapeString(ch.Title))
		if ch.Sponsor {
			b.WriteString(` <span class="badge sponsor">` + html.EscapeString(tr(uiLang, msgSponsor)) + `</span>`)
		}
		if c.Suggested {
			b.WriteString(` <span class="badge">` + html.EscapeString(tr(uiLang, msgSuggested)) + `</span>`)
		}
		b.WriteString("</h2>")
		if ch.Img != "" && SafeURL(ch.Img) || ch.URL != "" && SafeURL(ch.URL) {
			b.WriteString(`<div class="chap-extra">`)
			if ch.Img != "" && SafeURL(ch.Img) {
				fmt.Fprintf(&b, `<img class="chap-img" src="%s" alt="%s" loading="lazy" decoding="async" referrerpolicy="no-referrer" width="160" height="160">`,
					attrEscape(ch.Img), attrEscape(ch.Title))
			}
			if ch.URL != "" && SafeURL(ch.URL) {
				fmt.Fprintf(&b, `<a class="chap-link" href="%s" rel="noopener noreferrer nofollow" target="_blank">%s ↗</a>`,
					attrEscape(ch.URL), html.EscapeString(tr(uiLang, msgChapterLink)))
			}
			b.WriteString(`</div>`)
		}
		out[ch.Seg] += b.String()
	}
	return out
}

// link is where a chapter's links go: its segment's start when it heads one, else its own start.
func (c ChapterItem) link() time.Duration {
	if c.Seg >= 0 {
		return c.Anchor
	}
	return c.Start
}

// fixesNote lists a segment's fixes for its data-fixes ("Corrected; the transcript said: 陽竿菊 → 洋甘菊,
// …"), which the stylesheet shows under the text while the segment has the focus.
func fixesNote(text string, fixes []transcript.Fix, uiLang string) string {
	var parts []string
	for _, f := range fixes {
		if f.Start >= 0 && f.End <= len(text) && f.Start <= f.End {
			parts = append(parts, f.Was+" → "+text[f.Start:f.End])
		}
	}
	return fmt.Sprintf(tr(uiLang, msgWas), strings.Join(parts, ", "))
}
