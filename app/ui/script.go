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
	*player
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
func (sv *scriptView) initScript() {
	if sv.list == nil {
		return
	}
	sv.lang = sv.list.Call("getAttribute", "lang").String()
	sv.written = writtenScript(sv.lang)
	sv.v.zh = sv.written != script.AsWritten
	if !sv.v.zh {
		return
	}
	sv.title = sv.doc.Get("title").String()
	q := app.Window().URL().Query()
	sv.setScript(pickScript(q.Has("script"), q.Get("script"), storage().Get(scriptKey), browserLanguages()), false)
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
func (sv *scriptView) setScript(s script.Script, remember bool) {
	sv.v.script = s
	if remember {
		storage().Set(scriptKey, map[script.Script]string{script.AsWritten: "orig"}[s]+string(s))
	}
	path := ""
	if s != script.AsWritten && s != sv.written {
		path = tableFor(sv.written)
	}
	sv.gen++
	if path == "" {
		sv.showScript(nil)
		return
	}
	gen := sv.gen
	sv.loadTable(path, func(t *script.Table) {
		if gen == sv.gen {
			sv.showScript(t)
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
func (sv *scriptView) loadTable(path string, then func(*script.Table)) {
	if t := sv.tables[path]; t != nil {
		then(t)
		return
	}
	if sv.waiting == nil {
		sv.waiting = map[string][]func(*script.Table){}
	}
	sv.waiting[path] = append(sv.waiting[path], then)
	if len(sv.waiting[path]) > 1 {
		return // already on its way
	}
	fail := func(err string) {
		delete(sv.waiting, path)
		sv.notify(fmt.Sprintf(tr(sv.v.lang, msgFetchFailed), path, err), true)
	}
	await(sv.guard, sv.win.Call("fetch", sv.ctx.ResolveStaticResource(path)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			fail(resp.Get("status").String())
			return
		}
		await(sv.guard, resp.Call("text"), func(text app.Value) {
			t, err := script.Load(path, []byte(text.String()))
			if err != nil {
				fail(err.Error())
				return
			}
			if sv.tables == nil {
				sv.tables = map[string]*script.Table{}
			}
			sv.tables[path] = t
			waiting := sv.waiting[path]
			delete(sv.waiting, path)
			sv.after(func() {
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
func (sv *scriptView) prefetchScript() {
	if sv.v.zh {
		sv.loadTable(tableFor(sv.written), func(*script.Table) {})
	}
}

// showScript converts what the page shows through t (nil: as written).
func (sv *scriptView) showScript(t *script.Table) {
	if sv.nodes == nil { // the chips' and chapter titles' text, read as written once
		sv.nodes = sv.scriptNodes()
		if t == nil {
			return // the page opens as written: it already shows that
		}
	} else if sv.conv == t {
		return
	}
	// Where the reader is, asked before anything changes: asked after, the browser lays out the page again
	// to answer (tens of milliseconds on ten hours).
	at := sv.visibleSegment()
	sv.conv = t
	if t != nil {
		sv.text.SetScript(t.Convert)
	} else {
		sv.text.SetScript(nil)
	}
	for _, n := range sv.nodes {
		n.node.Set("nodeValue", sv.shown(n.text))
	}
	if sv.title != "" {
		sv.doc.Set("title", sv.shown(sv.title))
	}
	// The text's language names its script as shown (screen readers, and the font's glyph forms).
	lang := sv.lang
	if t != nil {
		lang = convertedLang(sv.written)
	}
	for _, id := range []string{page.Transcript, page.Terms} {
		if el := sv.doc.Call("getElementById", id); el.Truthy() {
			el.Call("setAttribute", "lang", lang)
		}
	}
	sv.refresh() // the title, the chapter being heard
	if len(sv.find.state.Hits()) > 0 {
		sv.find.renderResults()
	}
	todo := make([]int, len(sv.segs))
	for i := range todo {
		todo[i] = i
	}
	dist := func(i int) int { return max(i-at, at-i) }
	sort.SliceStable(todo, func(a, b int) bool { return dist(todo[a]) < dist(todo[b]) })
	sv.pending = todo
	sv.rewriteFor(firstRewrite, minRewrite)
	sv.mark("tingo-script-visible") // User Timing marks, for the benchmarks and the browser's tools
	sv.rewriteLater(sv.gen)
}

// scriptNodes are the text nodes of the term chips and the chapter titles, with what they say as written.
func (sv *scriptView) scriptNodes() []scriptNode {
	nodes := []scriptNode{}
	for _, sel := range []string{"#terms button.chip", "#transcript .ct", "#toc .ct"} {
		els := sv.doc.Call("querySelectorAll", sel)
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
func (sv *scriptView) rewriteFor(budget time.Duration, least int) {
	sv.rewrite(readalong.TakeSome(&sv.pending, least))
	for end := time.Now().Add(budget); len(sv.pending) > 0 && time.Now().Before(end); {
		sv.rewrite(readalong.TakeSome(&sv.pending, 1))
	}
}

func (sv *scriptView) mark(name string) { sv.win.Get("performance").Call("mark", name) }

func (sv *scriptView) rewriteLater(gen int) {
	if len(sv.pending) == 0 {
		sv.mark("tingo-script-done")
		sv.after(collect)
		return
	}
	sv.after(func() {
		if gen == sv.gen {
			sv.rewriteFor(laterRewrite, 1)
			sv.rewriteLater(gen)
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
func (sv *scriptView) pageURL() *url.URL {
	u := *app.Window().URL()
	q := u.Query()
	q.Del("script")
	if sv.text.Converted() {
		q.Set("script", string(sv.v.script))
	}
	u.RawQuery = q.Encode()
	return &u
}

// renderScript is the Aa panel's row of scripts, for a Chinese transcript: 繁體, 简体, as written.
func (v *Viewer) renderScript() app.UI {
	b := func(id string, s script.Script, lang, text string) app.UI {
		return app.Button().ID(id).Class("btn script").Lang(lang).Text(text).
			Aria("pressed", map[bool]string{true: "true", false: "false"}[v.script == s]).
			OnClick(func(ctx app.Context, e app.Event) { v.p.script.setScript(s, true) })
	}
	return app.Div().ID(page.Scripts).Class("scripts").Attr("role", "group").Aria("label", v.t(msgScript)).Hidden(!v.zh).Body(
		b(page.ScriptHant, script.Traditional, "zh-Hant", "繁體"),
		b(page.ScriptHans, script.Simplified, "zh-Hans", "简体"),
		b(page.ScriptOrig, script.AsWritten, "", v.t(msgAsWritten)),
	)
}
