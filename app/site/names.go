package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"tingo/app/search"
	"tingo/app/transcript"
	"tingo/app/ui"
)

// A page per name: names/NAME/index.html lists every place the archive says a name, newest episode
// first, each a link that plays from there. The names are those of the spellings file, the feed's
// people (podcast:person) and the episodes' key terms (their chips), the most said first, at most
// MaxNamePages. A page's mentions are what archive search finds for the name and its wrong spellings
// (exact or folded, no sounds-alike tier), read back through the same reader the browser uses, so
// the count on the page is the count a listener's search gives.

// MaxNamePages caps the name pages of a site.
const MaxNamePages = 500

// namePage is one name and where it is said.
type namePage struct {
	Name   string
	Wrong  []string // its wrong spellings, from the spellings file: searched, never shown
	Also   []string // spellings that sound alike, counted with it on its chips: searched and shown
	Person bool
	Slug   string
	Total  int // mentions: spans archive search finds
	Eps    []*nameEpisode
}

type nameEpisode struct {
	Href, Title, Date string
	Hits              []search.ArchiveHit
	Count             int
}

// collectNames lists the names a site gets a page for, the spellings file's and the feed's people
// first, then the chips' by how often they are said across the archive.
func collectNames(p *Podcast, terms [][]search.Term) []*namePage {
	var out []*namePage
	seen := map[string]*namePage{}
	add := func(name string, wrong, also []string, person bool) {
		f := search.FoldString(name)
		if f == "" {
			return
		}
		n := seen[f]
		if n == nil {
			if len(out) >= MaxNamePages {
				return
			}
			n = &namePage{Name: name}
			seen[f] = n
			out = append(out, n)
		}
		n.Person = n.Person || person
		for _, w := range wrong {
			if !slices.Contains(n.Wrong, w) {
				n.Wrong = append(n.Wrong, w)
			}
		}
		for _, a := range also {
			if !slices.Contains(n.Also, a) && !slices.Contains(n.Wrong, a) {
				n.Also = append(n.Also, a)
			}
		}
	}
	if p.Spellings != nil {
		for _, n := range p.Spellings.Names {
			add(n.Right, n.Wrong, nil, false)
		}
	}
	for _, name := range p.People {
		add(name, nil, nil, true)
	}
	said := map[string]int{}
	form := map[string]string{}
	for _, ts := range terms {
		for _, t := range ts {
			f := search.FoldString(t.Text)
			said[f] += t.Count
			if form[f] == "" {
				form[f] = t.Text
			}
		}
	}
	keys := make([]string, 0, len(said))
	for f := range said {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool {
		if said[keys[i]] != said[keys[j]] {
			return said[keys[i]] > said[keys[j]]
		}
		return keys[i] < keys[j]
	})
	also := map[string][]string{}
	for _, ts := range terms {
		for _, t := range ts {
			f := search.FoldString(t.Text)
			for _, a := range t.Also {
				if !slices.Contains(also[f], a) {
					also[f] = append(also[f], a)
				}
			}
		}
	}
	for _, f := range keys {
		add(form[f], nil, also[f], false)
	}
	used := map[string]bool{}
	for _, n := range out {
		s := nameSlug(n.Name)
		base := s
		for k := 2; used[s]; k++ {
			s = base + "-" + strconv.Itoa(k)
		}
		used[s] = true
		n.Slug = s
	}
	return out
}

// nameSlug is a name's folder: its letters and digits (any script, Latin lower-cased) joined by
// hyphens, at most 60 characters.
func nameSlug(name string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range name {
		if n >= 60 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			dash = false
			n++
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "name"
	}
	return b.String()
}

// NameQueries are the archive searches a name's page counts: the name, and each wrong spelling, quoted.
func NameQueries(name string, others []string) []string {
	q := []string{`"` + name + `"`}
	for _, o := range others {
		q = append(q, `"`+o+`"`)
	}
	return q
}

// NameOptions are the tiers a name page counts: exact and folded.
var NameOptions = search.Options{NoSoundsLike: true, NoSimilar: true}

// findMentions fills each name's mentions from the written archive index in dir.
func findMentions(dir string, names []*namePage) error {
	a, err := search.OpenArchive(func(p string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	})
	if err != nil {
		return err
	}
	for _, n := range names {
		type key struct {
			chunk int
			start float64
		}
		hits := map[key]*search.ArchiveHit{}
		for _, q := range NameQueries(n.Name, append(slices.Clone(n.Wrong), n.Also...)) {
			aq, err := a.Query(q, NameOptions)
			if err != nil {
				continue // too short to narrow the archive: no page counts it
			}
			found, err := aq.More(1<<30, 0)
			if err != nil {
				return fmt.Errorf("searching the archive for %q: %w", q, err)
			}
			for _, h := range found {
				k := key{h.Chunk, h.Start}
				if old := hits[k]; old != nil {
					old.Spans = search.MergeSpans(append(old.Spans, h.Spans...))
					continue
				}
				h := h
				hits[k] = &h
			}
		}
		byEp := map[string]*nameEpisode{}
		for _, h := range hits {
			e := byEp[h.Episode]
			if e == nil {
				e = &nameEpisode{Href: h.Episode, Title: h.Title, Date: h.Date}
				byEp[h.Episode] = e
				n.Eps = append(n.Eps, e)
			}
			e.Hits = append(e.Hits, *h)
			e.Count += len(h.Spans)
			n.Total += len(h.Spans)
		}
		for _, e := range n.Eps {
			sort.Slice(e.Hits, func(i, j int) bool { return e.Hits[i].Start < e.Hits[j].Start })
		}
		// Newest first: chunk ids grow with the date.
		sort.Slice(n.Eps, func(i, j int) bool { return minChunk(n.Eps[i]) > minChunk(n.Eps[j]) })
	}
	return nil
}

func minChunk(e *nameEpisode) int {
	m := e.Hits[0].Chunk
	for _, h := range e.Hits {
		m = min(m, h.Chunk)
	}
	return m
}

// namePageHTML renders a name's page: static HTML with the site's stylesheet, no script.
func namePageHTML(n *namePage, show, lang, base, address string, css []byte) []byte {
	var b strings.Builder
	esc := html.EscapeString
	t := func(m string) string { return ui.Label(lang, m) }
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + esc(lang) + "\">\n<head>")
	b.WriteString(`<meta http-equiv="Content-Security-Policy" content="` + esc(MetaCSP) + `">` + "\n")
	b.WriteString(`<meta charset="UTF-8">` + "\n")
	b.WriteString(`<meta content="width=device-width, initial-scale=1, viewport-fit=cover" name="viewport">` + "\n")
	desc := fmt.Sprintf(t("names-desc"), n.Total, len(n.Eps))
	b.WriteString(`<meta content="` + esc(n.Name+": "+desc) + `" name="description">` + "\n")
	if address != "" {
		b.WriteString(`<link href="` + esc(address) + `" rel="canonical">` + "\n")
	}
	b.WriteString(`<title>` + esc(n.Name+" · "+show) + `</title>` + "\n")
	b.WriteString(`<link href="` + esc(base) + `web/icon.svg" rel="icon">` + "\n")
	if len(css) > 0 && !strings.Contains(strings.ToLower(string(css)), "</style") {
		b.WriteString("<style>" + string(css) + "</style>\n")
	}
	b.WriteString("</head>\n<body>\n<div class=\"tingo library names-page\">\n<header class=\"top\">\n")
	b.WriteString(`<a class="home" href="../../">← ` + esc(show) + "</a>\n")
	b.WriteString(`<h1 class="title">` + esc(n.Name) + "</h1>\n</header>\n<main class=\"shelf\">\n")
	b.WriteString(`<p class="count" id="name-count" data-count="` + strconv.Itoa(n.Total) + `">` + esc(desc) + "</p>\n")
	if len(n.Also) > 0 {
		b.WriteString(`<p class="also">` + esc(t("names-also")+strings.Join(n.Also, "、")) + "</p>\n")
	}
	for _, e := range n.Eps {
		b.WriteString(`<section class="hit-ep"><h2><a class="hit-ep-title" href="../../` + esc(e.Href) + `">` + esc(e.Title) + `</a>`)
		meta := strconv.Itoa(e.Count)
		if e.Date != "" {
			meta = e.Date + " · " + meta
		}
		b.WriteString(` <span class="ep-meta">` + esc(meta) + "</span></h2>\n<ol class=\"hits\">\n")
		for _, h := range e.Hits {
			sec := strconv.FormatFloat(h.Start, 'f', -1, 64)
			b.WriteString(`<li><a class="hit" href="../../` + esc(e.Href) + `#t=` + sec + `"><span class="ts">`)
			b.WriteString(transcript.FormatStamp(time.Duration(h.Start * float64(time.Second)).Truncate(time.Second)))
			b.WriteString(`</span> <span class="snip">`)
			for _, part := range ui.SnippetParts(h.Text, h.Spans, 40) {
				if part.Mark {
					b.WriteString("<mark>" + esc(part.Text) + "</mark>")
				} else {
					b.WriteString(esc(part.Text))
				}
			}
			b.WriteString("</span></a></li>\n")
		}
		b.WriteString("</ol></section>\n")
	}
	b.WriteString("</main>\n</div>\n")
	ld := map[string]any{"@context": "https://schema.org", "@type": "DefinedTerm", "name": n.Name}
	if n.Person {
		ld["@type"] = "Person"
	} else {
		ld["inDefinedTermSet"] = show
	}
	if len(n.Also) > 0 {
		ld["alternateName"] = n.Also
	}
	if address != "" {
		ld["url"] = address
	}
	j, _ := json.Marshal(ld) // escapes <, > and &
	b.WriteString(`<script type="application/ld+json">` + string(j) + "</script>\n</body>\n</html>\n")
	return []byte(b.String())
}

// nameHref is a name page's address relative to the site's root, escaped for an href.
func nameHref(slug string) string {
	return "names/" + url.PathEscape(slug) + "/"
}

// namePath is a name page's file in the site.
func namePath(slug string) string { return path.Join("names", slug, "index.html") }
