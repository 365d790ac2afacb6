package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
	"tingo/app/search"
	"tingo/app/transcript"
	"tingo/app/ui/page"
)

// Show is a podcast's library page: every episode, newest first, and a search box over all of them.
type Show struct {
	Title       string
	Description string
	Lang        string
	Episodes    []ShowEpisode
	Names       []ShowName // the site's name pages, most said first
}

// ShowName is a name page, for the library's list.
type ShowName struct {
	Href, Name string // the page, relative to the library
	Count      int    // mentions across the archive
}

// ShowEpisode is one line of the library.
type ShowEpisode struct {
	Href        string // the episode's page, relative to the library ("2024-05-01-slug/")
	Title       string
	Description string
	Date        time.Time
	Duration    time.Duration
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Library is the podcast's home page. The episode list is prerendered and adopted like the transcript;
// the search box fetches the archive index (search/) only once the listener types.
type Library struct {
	app.Compo

	lang    string
	title   string
	desc    string
	status  string
	groups  []hitGroup
	more    bool
	busy    bool
	seq     int             // the query being shown
	latest  atomic.Int64    // the newest query typed, read off the UI goroutine
	typed   string          // the query before it (does this one add or take a letter?)
	archive *search.Archive // set once opening is closed
	openErr error
	opening chan struct{}
	query   *search.ArchiveQuery
	hits    int
	filled  bool // the first page was filled after its first hit
	live    bool

	prerender  *Show         // natively: the library being prerendered
	textLang   string        // the language of the show's text (its feed's, or guessed from its transcripts)
	conv       *script.Table // the reader's script's table; nil: as written
	linkScript script.Script // the script a link asked for, carried on to the episodes
}

// hitGroup is an episode's hits in the results.
type hitGroup struct {
	href, title, date string
	hits              []search.ArchiveHit
}

func (l *Library) OnInit() { l.lang = "en" }

func (l *Library) OnPreRender(ctx app.Context) {
	site := siteOf(ctx)
	if site == nil || site.Show == nil {
		return
	}
	show := site.Show
	l.prerender = show
	l.title, l.desc = show.Title, show.Description
	l.lang = PickLang([]string{show.Lang})
	l.textLang = show.Lang
	ctx.Page().SetTitle(MetaSafe(show.Title))
	if show.Description != "" {
		ctx.Page().SetDescription(MetaSafe(show.Description))
	}
	ctx.Dispatch(func(app.Context) {})
}

func (l *Library) OnMount(ctx app.Context) {
	l.lang = PickLang(browserLanguages())
	l.title, l.desc = adopted.title, adopted.desc
	l.textLang = adoptedTextLang()
	l.live = true
	l.openArchive(ctx)
	l.initScript(ctx)
	if q := adopted.archiveQuery; q != "" { // typed before the app was live: keep it, and search
		ctx.Defer(func(ctx app.Context) {
			in := app.Window().Get("document").Call("getElementById", page.ArchiveSearch)
			if in.Truthy() {
				in.Set("value", q)
			}
			l.onQuery(ctx, q)
		})
	}
	if adopted.episodes != nil {
		slot := app.Window().Get("document").Call("getElementById", page.EpisodesSlot)
		if slot.Truthy() {
			slot.Call("appendChild", adopted.episodes)
			if adopted.names != nil {
				slot.Call("appendChild", adopted.names)
			}
		}
	}
}

// openArchive fetches the archive's manifest (a few hundred bytes), once: when the app is live, so the
// first keystroke waits only for the shards its tokens fall in, or again after it failed.
func (l *Library) openArchive(ctx app.Context) {
	if l.opening != nil {
		return
	}
	opening := make(chan struct{})
	l.opening = opening
	ctx.Async(func() {
		l.archive, l.openErr = search.OpenArchive(fetchSearchFile)
		close(opening)
	})
}

func (l *Library) t(m msg) string { return tr(l.lang, m) }

func (l *Library) Render() app.UI {
	slot := app.Div().ID(page.EpisodesSlot).Class("slot")
	if show := l.prerender; app.IsServer && show != nil {
		slot = slot.Body(app.Raw(LibraryHTML(show)))
		if h := NamesHTML(show); h != "" {
			slot = slot.Body(app.Raw(LibraryHTML(show)), app.Raw(h))
		}
	}
	return app.Div().ID(page.Library).Class("tingo library").Lang(l.lang).DataSet("live", l.live).Body(
		app.Header().Class("top").Body(
			withLang(app.H1().ID(page.Title).Class("title").Text(l.shown(l.title)), l.shownLang()),
			app.Div().Class("find").Attr("role", "search").Body(
				app.Input().ID(page.ArchiveSearch).Type("search").Class("search").Placeholder(l.t(msgSearchAll)).
					Aria("label", l.t(msgSearchAll)).AutoComplete(false).Attr("enterkeyhint", "search").
					DataSet("loading", l.t(msgSearchLoading)).
					Attr("aria-controls", "archive-results").
					OnInput(func(ctx app.Context, e app.Event) { l.onQuery(ctx, ctx.JSSrc().Get("value").String()) }),
			),
		),
		app.Main().Class("shelf").Body(
			withLang(app.P().ID(page.ShowDesc).Class("show-desc").Text(l.shown(l.desc)), l.shownLang()),
			app.Section().ID(page.ArchiveResults).Class("archive-results").Aria("live", "polite").
				Hidden(l.status == "" && len(l.groups) == 0).Body(
				app.P().ID(page.ArchiveStatus).Class("count").Text(l.status),
				app.Range(l.groups).Slice(func(i int) app.UI { return l.renderGroup(l.groups[i]) }),
				app.Button().ID(page.ArchiveMore).Class("btn").Hidden(!l.more).
					Text(l.t(msgMoreResults)).OnClick(func(ctx app.Context, e app.Event) { l.fetchMore(ctx, l.seq, firstPage) }),
			),
			app.H2().Class("shelf-title").Text(l.t(msgEpisodes)),
			slot,
		),
	)
}

func (l *Library) renderGroup(g hitGroup) app.UI {
	return withLang(app.Section().Class("hit-ep"), l.shownLang()).Body(
		app.H2().Body( // under the page's h1, as the episode list's own h2
			app.A().Class("hit-ep-title").Href(withScript(g.href, l.linkScript)).Text(l.shown(g.title)),
			app.If(g.date != "", app.Span().Class("ep-meta").Text(" "+g.date)),
		),
		app.Ol().Class("hits").Body(
			app.Range(g.hits).Slice(func(i int) app.UI {
				h := g.hits[i]
				sec := strconv.FormatFloat(h.Start, 'f', -1, 64)
				return app.Li().Body(
					app.A().Class("hit").Href(withScript(g.href+"#t="+sec, l.linkScript)).Title(h.Tier.String()).Body(
						app.Span().Class("ts").Text(transcript.FormatStamp(time.Duration(h.Start*float64(time.Second)).Truncate(time.Second))),
						app.Text(" "),
						app.Span().Class("snip").Body(snippetUI(l.shown(h.Text), h.Spans)...), // the same offsets
					),
				)
			}),
		),
	)
}

// snippetUI is about 40 characters either side of the first match, every match inside marked. go-app
// escapes the text: nothing from a transcript becomes markup.
func snippetUI(text string, spans []search.Span) []app.UI {
	parts := SnippetParts(text, spans, 40)
	out := make([]app.UI, 0, len(parts))
	for _, p := range parts {
		if p.Mark {
			out = append(out, app.Mark().Text(p.Text))
		} else {
			out = append(out, app.Text(p.Text))
		}
	}
	return out
}

// SnippetPart is a piece of a snippet, marked when it is a match.
type SnippetPart struct {
	Text string
	Mark bool
}

// SnippetParts cuts text to width characters around its first span, with every span inside marked.
func SnippetParts(text string, spans []search.Span, width int) []SnippetPart {
	if len(spans) == 0 {
		return []SnippetPart{{Text: clip(text, 2*width)}}
	}
	from, to := spans[0].Start, spans[0].End
	for n := 0; n < width && from > 0; n++ {
		from = prevRune(text, from)
	}
	for n := 0; n < width && to < len(text); n++ {
		to = nextRune(text, to)
	}
	var parts []SnippetPart
	if from > 0 {
		parts = append(parts, SnippetPart{Text: "…"})
	}
	at := from
	for _, s := range spans {
		if s.Start < at || s.End > to {
			continue
		}
		if s.Start > at {
			parts = append(parts, SnippetPart{Text: text[at:s.Start]})
		}
		parts = append(parts, SnippetPart{Text: text[s.Start:s.End], Mark: true})
		at = s.End
	}
	if at < to {
		parts = append(parts, SnippetPart{Text: text[at:to]})
	}
	if to < len(text) {
		parts = append(parts, SnippetPart{Text: "…"})
	}
	return parts
}

func prevRune(s string, i int) int {
	for i--; i > 0 && s[i]&0xC0 == 0x80; i-- {
	}
	return max(i, 0)
}

func nextRune(s string, i int) int {
	for i++; i < len(s) && s[i]&0xC0 == 0x80; i++ {
	}
	return i
}

// onQuery starts a search, after a short pause when the query is being typed letter by letter; a newer
// keystroke makes older searches moot. The search runs off the UI goroutine from the pause to its first
// page of hits, and hands over once.
func (l *Library) onQuery(ctx app.Context, q string) {
	seq := l.latest.Add(1)
	l.seq = int(seq)
	q = strings.TrimSpace(q)
	pause := searchPause
	if !oneLetterApart(q, l.typed) {
		pause = 0 // a whole word at once (pasted, an input method's, a link's): search it now
	}
	l.typed = q
	if q == "" {
		l.status, l.groups, l.more, l.query = "", nil, false, nil
		return
	}
	l.openArchive(ctx)
	opening := l.opening
	ctx.Async(func() {
		time.Sleep(pause)
		<-opening
		if l.latest.Load() != seq {
			return
		}
		archive, err := l.archive, l.openErr
		var query *search.ArchiveQuery
		var hits []search.ArchiveHit
		if err == nil {
			query, err = archive.Query(q, search.Options{})
		}
		if err == nil && l.latest.Load() == seq {
			// The first hit is shown as soon as a batch of chunks has one; the rest of the first page
			// follows (show).
			hits, err = query.More(1, 24)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if l.openErr != nil {
				l.opening = nil // try again at the next query
			}
			if int(seq) != l.seq {
				return
			}
			l.groups, l.hits, l.more, l.query, l.filled = nil, 0, false, nil, false
			switch {
			case err == search.ErrQueryTooShort:
				l.status = l.t(msgTypeMore)
			case err != nil:
				l.status = fmt.Sprintf(l.t(msgSearchFailed), err)
			default:
				l.query = query
				l.show(ctx, int(seq), hits)
			}
		})
	})
}

// searchPause is how long typing must pause before a search starts, so a word typed letter by letter
// is not searched for at every letter.
const searchPause = 40 * time.Millisecond

// oneLetterApart says whether a and b differ by one letter added or taken at the end (typing, or
// backspace), the case where searchPause waits for the next.
func oneLetterApart(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(a, b) && utf8.RuneCountInString(a) == utf8.RuneCountInString(b)+1
}

// firstPage is how many hits a page of results wants.
const firstPage = 8

// fetchMore searches the next candidate chunks for another page of hits.
func (l *Library) fetchMore(ctx app.Context, seq, want int) {
	query := l.query
	if query == nil || l.busy {
		return
	}
	l.busy = true
	ctx.Async(func() {
		hits, err := query.More(want, 24)
		ctx.Dispatch(func(ctx app.Context) {
			l.busy = false
			if seq != l.seq {
				return
			}
			if err != nil {
				l.status = fmt.Sprintf(l.t(msgSearchFailed), err)
				return
			}
			l.show(ctx, seq, hits)
		})
	})
}

// show adds a page of hits and says how many there are; a page that found nothing looks further.
func (l *Library) show(ctx app.Context, seq int, hits []search.ArchiveHit) {
	l.add(hits)
	l.more = !l.query.Done()
	if l.hits == 0 && !l.more {
		l.status = l.t(msgNoHits)
		return
	}
	l.status = fmt.Sprintf(l.t(msgFoundIn), l.hits, len(l.groups))
	switch {
	case l.hits == 0:
		l.status = l.t(msgSearching)
		l.fetchMore(ctx, seq, firstPage) // nothing in these chunks: keep looking
	case l.hits < firstPage && !l.filled:
		l.filled = true
		l.fetchMore(ctx, seq, firstPage-l.hits) // the rest of the first page
	}
}

func (l *Library) add(hits []search.ArchiveHit) {
	for _, h := range hits {
		i := 0
		for i < len(l.groups) && l.groups[i].href != h.Episode {
			i++
		}
		if i == len(l.groups) {
			l.groups = append(l.groups, hitGroup{href: h.Episode, title: h.Title, date: h.Date})
		}
		l.groups[i].hits = append(l.groups[i].hits, h)
		l.hits++
	}
	for i := range l.groups {
		g := l.groups[i].hits
		sort.SliceStable(g, func(a, b int) bool { return g[a].Start < g[b].Start })
	}
}

// fetchSearchFile fetches a file of the archive index, relative to the library page (the site's root).
func fetchSearchFile(path string) ([]byte, error) { return fetchBytes("search/" + path) }
