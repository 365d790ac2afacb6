package ui

import (
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// The reader's script: a Chinese transcript shown in Traditional (繁體), Simplified (简体) or as written,
// chosen in the Aa panel, by ?script=hant|hans in a link, or by the browser's languages (the way the
// interface's language is). The choice is remembered. What is converted: the segments, the search's
// snippets, the term chips, the chapter titles and the title. The conversion keeps every offset (package
// script), so the page's word times, the search's marks and spans (found in the text as written, with
// the two scripts folded together) and the reading cursor hold on the converted text unchanged. The
// table is fetched the first time it is needed; segments are rewritten nearest the screen first, a chunk
// a turn, so a long transcript never holds the page.

const (
	scriptKey = "tingo:script"
	scriptT2S = "/web/script/t2s.txt"
	scriptS2T = "/web/script/s2t.txt"
)

// scriptView is the player's part of it.
type scriptView struct {
	written script.Script // the transcript's own script; AsWritten when it is not Chinese
	lang    string        // and its lang attribute
	conv    *script.Table // the table shown through; nil: as written
	tables  map[string]*script.Table
	waiting map[string][]func(*script.Table) // what waits for a table being fetched
	nodes   []scriptNode                     // chips' and chapter titles' text, with what they say as written
	gen     int                              // counts switches: a chunk of an older one stops
	pending []int                            // segments still to rewrite, nearest the screen first
	title   string                           // document.title as written
}

type scriptNode struct {
	node app.Value
	text string
}

// writtenScript reads the transcript's script from its lang attribute (GuessLang's zh-Hant or zh-Hans).
func writtenScript(lang string) script.Script {
	switch l := PickLang([]string{lang}); {
	case len(lang) < 2 || lang[:2] != "zh":
		return script.AsWritten
	case l == "zh-Hant":
		return script.Traditional
	default:
		return script.Simplified
	}
}

// initScript starts the reader in the script a link, their choice or their languages ask for.
func (p *player) initScript() {
	if p.list == nil {
		return
	}
	p.script.lang = p.list.Call("getAttribute", "lang").String()
	p.script.written = writtenScript(p.script.lang)
	p.v.zh = p.script.written != script.AsWritten
	if !p.v.zh {
		return
	}
	p.script.title = p.doc.Get("title").String()
	q := app.Window().URL().Query()
	p.setScript(pickScript(q.Has("script"), q.Get("script"), storageGet(scriptKey), browserLanguages()), false)
}

// pickScript is the script a page opens in: a link's ?script= (when it names one), else the reader's
// remembered choice, else their languages' (zh-TW reads 繁體, zh-CN 简体), else as written.
func pickScript(inLink bool, link, stored string, langs []string) script.Script {
	if s, ok := script.Parse(link); inLink && ok {
		return s
	}
	if s, ok := script.Parse(stored); stored != "" && ok {
		return s
	}
	return map[string]script.Script{"zh-Hant": script.Traditional, "zh-Hans": script.Simplified}[PickLang(langs)]
}

// setScript shows the transcript in s (remembered when the reader chose it).
func (p *player) setScript(s script.Script, remember bool) {
	p.v.script = s
	if remember {
		storageSet(scriptKey, map[script.Script]string{script.AsWritten: "orig"}[s]+string(s))
	}
	path := ""
	if s != script.AsWritten && s != p.script.written {
		path = tableFor(p.script.written)
	}
	p.script.gen++
	if path == "" {
		p.showScript(nil)
		return
	}
	gen := p.script.gen
	p.loadTable(path, func(t *script.Table) {
		if gen == p.script.gen {
			p.showScript(t)
		}
	})
}

// tableFor is the table that shows text written in one script in the other.
func tableFor(written script.Script) string {
	if written == script.Simplified {
		return scriptS2T
	}
	return scriptT2S
}

// convertedLang is the lang of text written in one script shown in the other.
func convertedLang(written script.Script) string {
	return map[script.Script]string{script.Traditional: "zh-Hans", script.Simplified: "zh-Hant"}[written]
}

// loadTable gives the table at path to then, fetching it the first time; then runs a turn after the
// table is read, so reading it and rewriting the page are two short tasks, not one long one.
func (p *player) loadTable(path string, then func(*script.Table)) {
	if t := p.script.tables[path]; t != nil {
		then(t)
		return
	}
	if p.script.waiting == nil {
		p.script.waiting = map[string][]func(*script.Table){}
	}
	p.script.waiting[path] = append(p.script.waiting[path], then)
	if len(p.script.waiting[path]) > 1 {
		return // already on its way
	}
	fail := func(err string) {
		delete(p.script.waiting, path)
		p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), path, err), true)
	}
	await(p.guard, p.win.Call("fetch", p.ctx.ResolveStaticResource(path)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			fail(resp.Get("status").String())
			return
		}
		await(p.guard, resp.Call("text"), func(text app.Value) {
			t, err := script.Load(path, []byte(text.String()))
			if err != nil {
				fail(err.Error())
				return
			}
			if p.script.tables == nil {
				p.script.tables = map[string]*script.Table{}
			}
			p.script.tables[path] = t
			waiting := p.script.waiting[path]
			delete(p.script.waiting, path)
			p.after(func() {
				collect()
				for _, f := range waiting {
					f(t)
				}
			})
		}, func(e app.Value) { fail(jsString(e)) })
	}, func(e app.Value) { fail(jsString(e)) })
}

// prefetchScript fetches the other script's table when the reader opens the panel that offers it: by
// the time they choose, it is here.
func (p *player) prefetchScript() {
	if p != nil && p.v.zh {
		p.loadTable(tableFor(p.script.written), func(*script.Table) {})
	}
}

// shown is s as the reader's script shows it.
func (p *player) shown(s string) string {
	if p == nil {
		return s
	}
	return p.text.Show(s)
}

// showScript converts what the page shows through t (nil: as written).
func (p *player) showScript(t *script.Table) {
	if p.script.nodes == nil { // the chips' and chapter titles' text, read as written once
		p.script.nodes = p.scriptNodes()
		if t == nil {
			return // the page opens as written: it already shows that
		}
	} else if p.script.conv == t {
		return
	}
	// Where the reader is, asked before anything changes: asked after, the browser lays out the page again
	// to answer (tens of milliseconds on ten hours).
	at := p.visibleSegment()
	p.script.conv = t
	if t != nil {
		p.text.SetScript(t.Convert)
	} else {
		p.text.SetScript(nil)
	}
	for _, n := range p.script.nodes {
		n.node.Set("nodeValue", p.shown(n.text))
	}
	if p.script.title != "" {
		p.doc.Set("title", p.shown(p.script.title))
	}
	// The text's language names its script as shown (screen readers, and the font's glyph forms).
	lang := p.script.lang
	if t != nil {
		lang = convertedLang(p.script.written)
	}
	for _, id := range []string{page.Transcript, page.Terms} {
		if el := p.doc.Call("getElementById", id); el.Truthy() {
			el.Call("setAttribute", "lang", lang)
		}
	}
	p.refresh() // the title, the chapter being heard
	if len(p.find.state.Hits()) > 0 {
		p.renderResults()
	}
	todo := make([]int, len(p.segs))
	for i := range todo {
		todo[i] = i
	}
	dist := func(i int) int { return max(i-at, at-i) }
	sort.SliceStable(todo, func(a, b int) bool { return dist(todo[a]) < dist(todo[b]) })
	p.script.pending = todo
	p.rewriteFor(firstRewrite, minRewrite)
	p.mark("tingo-script-visible") // User Timing marks, for the benchmarks and the browser's tools
	p.rewriteLater(p.script.gen)
}

// scriptNodes are the text nodes of the term chips and the chapter titles, with what they say as written.
func (p *player) scriptNodes() []scriptNode {
	nodes := []scriptNode{}
	for _, sel := range []string{"#terms button.chip", "#transcript .ct", "#toc .ct"} {
		els := p.doc.Call("querySelectorAll", sel)
		for k, n := 0, els.Length(); k < n; k++ {
			if c := els.Index(k).Get("firstChild"); c.Truthy() && c.Get("nodeType").Int() == 3 {
				nodes = append(nodes, scriptNode{c, c.Get("nodeValue").String()})
			}
		}
	}
	return nodes
}

// A switch rewrites the segments nearest the screen at once: at least minRewrite of them (more than a
// phone's or a desktop's screen holds), more while firstRewrite lasts; then the rest in turns of
// laterRewrite each, so no task keeps the page from answering for long.
const (
	minRewrite   = 12
	firstRewrite = 16 * time.Millisecond
	laterRewrite = 8 * time.Millisecond
)

// rewriteFor rewrites segments still in the old script, nearest the screen first: at least least of
// them, then more until budget is spent.
func (p *player) rewriteFor(budget time.Duration, least int) {
	p.rewrite(readalong.TakeSome(&p.script.pending, least))
	for end := time.Now().Add(budget); len(p.script.pending) > 0 && time.Now().Before(end); {
		p.rewrite(readalong.TakeSome(&p.script.pending, 1))
	}
}

func (p *player) mark(name string) { p.win.Get("performance").Call("mark", name) }

func (p *player) rewriteLater(gen int) {
	if len(p.script.pending) == 0 {
		p.mark("tingo-script-done")
		p.after(collect)
		return
	}
	p.after(func() {
		if gen == p.script.gen {
			p.rewriteFor(laterRewrite, 1)
			p.rewriteLater(gen)
		}
	})
}

// collect runs Go's garbage collector now, in a turn of its own: after a table is read and after a switch,
// so that the next switch starts on a small heap and none comes due in the middle of one. (Left to itself,
// the collector came due during the switch on ten hours and, freeing the finalizers of the JavaScript
// values the switch let go, held the page for 50–80 ms in one turn; called here it takes 5–9 ms.)
func collect() { runtime.GC() }

// pageURL is the page's address for a link to share: with ?script= when the text is shown converted, so
// whoever opens it reads what the sharer read.
func (p *player) pageURL() *url.URL {
	u := *app.Window().URL()
	q := u.Query()
	q.Del("script")
	if p.script.conv != nil {
		q.Set("script", string(p.v.script))
	}
	u.RawQuery = q.Encode()
	return &u
}

// renderScript is the Aa panel's row of scripts, for a Chinese transcript: 繁體, 简体, as written.
func (v *Viewer) renderScript() app.UI {
	b := func(id string, s script.Script, lang, text string) app.UI {
		return app.Button().ID(id).Class("btn script").Lang(lang).Text(text).
			Aria("pressed", map[bool]string{true: "true", false: "false"}[v.script == s]).
			OnClick(func(ctx app.Context, e app.Event) { v.p.setScript(s, true) })
	}
	return app.Div().ID(page.Scripts).Class("scripts").Attr("role", "group").Aria("label", v.t(msgScript)).Hidden(!v.zh).Body(
		b(page.ScriptHant, script.Traditional, "zh-Hant", "繁體"),
		b(page.ScriptHans, script.Simplified, "zh-Hans", "简体"),
		b(page.ScriptOrig, script.AsWritten, "", v.t(msgAsWritten)),
	)
}
