package ui

import (
	"fmt"
	"net/url"
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
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
	conv    *script.Table // the table shown through; nil: as written
	tables  map[string]*script.Table
	nodes   []scriptNode // chips' and chapter titles' text, with what they say as written
	gen     int          // counts switches: a chunk of an older one stops
	pending []int        // segments still to rewrite, nearest the screen first
	title   string       // document.title as written
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
	p.script.written = writtenScript(p.list.Call("getAttribute", "lang").String())
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
	switch {
	case s == script.AsWritten || s == p.script.written:
	case s == script.Simplified:
		path = scriptT2S
	default:
		path = scriptS2T
	}
	p.script.gen++
	if path == "" {
		p.showScript(nil)
		return
	}
	if t := p.script.tables[path]; t != nil {
		p.showScript(t)
		return
	}
	gen := p.script.gen
	fail := func(err string) { p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), path, err), true) }
	p.await(p.win.Call("fetch", p.ctx.ResolveStaticResource(path)), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			fail(resp.Get("status").String())
			return
		}
		p.await(resp.Call("text"), func(text app.Value) {
			t, err := script.Load(path, []byte(text.String()))
			if err != nil {
				fail(err.Error())
				return
			}
			if p.script.tables == nil {
				p.script.tables = map[string]*script.Table{}
			}
			p.script.tables[path] = t
			if gen == p.script.gen {
				p.showScript(t)
			}
		}, func(e app.Value) { fail(p.jsString(e)) })
	}, func(e app.Value) { fail(p.jsString(e)) })
}

// shown is s as the reader's script shows it.
func (p *player) shown(s string) string {
	if p == nil || p.script.conv == nil {
		return s
	}
	return p.script.conv.Convert(s)
}

// shownText is segment i's text as shown.
func (p *player) shownText(i int) string { return p.shown(p.text(i)) }

// showScript converts what the page shows through t (nil: as written).
func (p *player) showScript(t *script.Table) {
	if p.script.conv == t && p.script.nodes != nil {
		return
	}
	p.script.conv = t
	if p.script.nodes == nil { // the chips' and chapter titles' text, read as written once
		p.script.nodes = []scriptNode{}
		for _, sel := range []string{"#terms button.chip", "#transcript .ct", "#toc .ct"} {
			els := p.doc.Call("querySelectorAll", sel)
			for k, n := 0, els.Length(); k < n; k++ {
				if c := els.Index(k).Get("firstChild"); c.Truthy() && c.Get("nodeType").Int() == 3 {
					p.script.nodes = append(p.script.nodes, scriptNode{c, c.Get("nodeValue").String()})
				}
			}
		}
	}
	for _, n := range p.script.nodes {
		n.node.Set("nodeValue", p.shown(n.text))
	}
	if p.script.title != "" {
		p.doc.Set("title", p.shown(p.script.title))
	}
	p.refresh() // the title, the chapter being heard
	if len(p.find.hits) > 0 {
		p.renderResults()
	}
	todo := make([]int, len(p.segs))
	for i := range todo {
		todo[i] = i
	}
	at := p.visibleSegment()
	sort.SliceStable(todo, func(a, b int) bool { return absInt(todo[a]-at) < absInt(todo[b]-at) })
	p.script.pending = todo
	p.rewriteSome(60)
	p.mark("tingo-script-visible") // User Timing marks, for the benchmarks and the browser's tools
	p.rewriteLater(p.script.gen)
}

func (p *player) mark(name string) { p.win.Get("performance").Call("mark", name) }

// rewriteSome rewrites up to n of the segments still in the old script.
func (p *player) rewriteSome(n int) { p.rewrite(takeSome(&p.script.pending, n)) }

func (p *player) rewriteLater(gen int) {
	if len(p.script.pending) == 0 {
		p.mark("tingo-script-done")
		return
	}
	p.after(func() {
		if gen == p.script.gen {
			p.rewriteSome(120)
			p.rewriteLater(gen)
		}
	})
}

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
	return app.Div().ID("scripts").Class("scripts").Attr("role", "group").Aria("label", v.t(msgScript)).Hidden(!v.zh).Body(
		b("script-hant", script.Traditional, "zh-Hant", "繁體"),
		b("script-hans", script.Simplified, "zh-Hans", "简体"),
		b("script-orig", script.AsWritten, "", v.t(msgAsWritten)),
	)
}
