package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
)

// The library in the reader's script: the show's title and description, the episode list, the name
// pages and the search's results shown in 繁體 or 简体 by the same choice as an episode page (?script= in
// a link, the reader's remembered choice, their languages). A choice that came in a link goes on with the
// reader: every episode link on the page carries it.

// adoptedTextLang is the language the show's text is written in: the lang the prerendered episode list
// carries.
func adoptedTextLang() string {
	if adopted.episodes != nil {
		return adopted.episodes.Call("getAttribute", "lang").String()
	}
	return ""
}

// initScript fetches the table the reader's script needs, if any, and shows the page through it.
func (l *Library) initScript(ctx app.Context) {
	written := writtenScript(l.textLang)
	if written == script.AsWritten {
		return
	}
	q := app.Window().URL().Query()
	s := pickScript(q.Has("script"), q.Get("script"), storage().Get(scriptKey), browserLanguages())
	if s == script.AsWritten || s == written {
		return
	}
	if _, ok := script.Parse(q.Get("script")); ok && q.Has("script") {
		l.linkScript = s // the link chose it: the episodes it opens should show it too
	}
	path := tableFor(written)
	src := ctx.ResolveStaticResource(path)
	ctx.Async(func() {
		b, err := fetchBytes(src)
		var t *script.Table
		if err == nil {
			t, err = script.Load(path, b)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				app.Window().Get("console").Call("warn", "tingo: "+err.Error())
				return
			}
			l.conv = t
			l.showScript()
		})
	})
}

// shown is s as the reader's script shows it.
func (l *Library) shown(s string) string {
	if l.conv == nil {
		return s
	}
	return l.conv.Convert(s)
}

// shownLang is the lang of the show's text as shown.
func (l *Library) shownLang() string {
	if l.conv == nil {
		return l.textLang
	}
	return convertedLang(writtenScript(l.textLang))
}

// showScript rewrites the adopted lists (the title, description and results are rendered from l).
func (l *Library) showScript() {
	doc := app.Window().Get("document")
	doc.Set("title", l.shown(doc.Get("title").String()))
	lists := []app.Value{adopted.episodes}
	if adopted.names != nil {
		lists = append(lists, adopted.names.Call("querySelector", ".name-list"))
	}
	for _, list := range lists {
		if list == nil || !list.Truthy() {
			continue
		}
		list.Call("setAttribute", "lang", l.shownLang())
		walker := doc.Call("createTreeWalker", list, 4) // NodeFilter.SHOW_TEXT
		for n := walker.Call("nextNode"); n.Truthy(); n = walker.Call("nextNode") {
			n.Set("nodeValue", l.shown(n.Get("nodeValue").String()))
		}
		if l.linkScript != "" {
			links := list.Call("querySelectorAll", "a[href]")
			for k, n := 0, links.Length(); k < n; k++ {
				a := links.Index(k)
				a.Call("setAttribute", "href", withScript(a.Call("getAttribute", "href").String(), l.linkScript))
			}
		}
	}
}

// withScript is href with ?script=s in its query, before any #fragment.
func withScript(href string, s script.Script) string {
	if s == "" {
		return href
	}
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	q := u.Query()
	q.Set("script", string(s))
	u.RawQuery = q.Encode()
	return u.String()
}

// withLang sets e's lang, unless lang is unknown ("").
func withLang[E interface{ Lang(string, ...any) E }](e E, lang string) E {
	if lang == "" {
		return e
	}
	return e.Lang(lang)
}
