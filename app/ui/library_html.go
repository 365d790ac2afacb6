//go:build !(js && wasm)

package ui

import (
	"html"
	"strconv"
	"strings"
	"time"

	"tingo/app/transcript"
)

// The library's lists are prerendered natively and adopted in the browser (library_wasm.go).

// LibraryHTML renders the episode list. Every string is escaped.
func LibraryHTML(s *Show) string {
	var b strings.Builder
	b.WriteString(`<ol id="episodes" class="episodes"` + langAttr(s.Lang) + `>`)
	for _, e := range s.Episodes {
		b.WriteString(`<li class="episode"><a class="ep-title" href="` + attrEscape(e.Href) + `">`)
		b.WriteString(html.EscapeString(e.Title))
		b.WriteString(`</a><span class="ep-meta">`)
		if !e.Date.IsZero() {
			d := e.Date.UTC().Format("2006-01-02")
			b.WriteString(`<time datetime="` + d + `">` + d + `</time>`)
		}
		if e.Duration > 0 {
			b.WriteString(`<span class="ep-dur">` + transcript.FormatStamp(e.Duration.Truncate(time.Second)) + `</span>`)
		}
		b.WriteString(`</span>`)
		if e.Description != "" {
			b.WriteString(`<p class="ep-desc">` + html.EscapeString(clip(e.Description, 280)) + `</p>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol>`)
	return b.String()
}

// langAttr is a lang attribute naming the show's language, or nothing when it is unknown.
func langAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return ` lang="` + attrEscape(lang) + `"`
}

// NamesHTML renders the library's list of name pages (none: ""). It is adopted like the episode list.
func NamesHTML(s *Show) string {
	if len(s.Names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<section id="names" class="names"><h2 class="names-title">` + html.EscapeString(tr(s.Lang, msgNames)) + `</h2><ul class="name-list"` + langAttr(s.Lang) + `>`)
	for _, n := range s.Names {
		b.WriteString(`<li><a class="name" href="` + attrEscape(n.Href) + `">` + html.EscapeString(n.Name) + ` <span class="n">` + strconv.Itoa(n.Count) + `</span></a></li>`)
	}
	b.WriteString(`</ul></section>`)
	return b.String()
}
