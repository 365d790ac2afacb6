package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// Viewer is the read-along page: the transcript, a sticky player bar on the page's one <audio>, and the
// overlays around them. go-app renders the chrome; the transcript list itself is plain HTML (prerendered,
// or built by TranscriptHTML in the browser) that the player drives directly, so playback never
// re-renders the list.
type Viewer struct {
	app.Compo

	ep          *Episode // native: the episode being prerendered
	lang        string   // interface language
	title       string
	home        string             // the podcast's library, when the episode is part of a built site
	sess        *readalong.Session // what is heard, followed and played: the player keeps it, the chrome shows it
	help        bool
	notice      string
	isError     bool
	resumeAt    float64
	chapter     string // the title of the chapter being heard
	inSponsor   bool   // and whether it is a sponsor read
	textSize    int    // reading comfort: a step of TextSizes
	spacing     int    // and of LineSpacings
	comfortOpen bool   // the panel of both is open
	embed       bool   // the page is SLUG/embed/: made for another site's iframe
	canShare    bool   // the browser has a share sheet (Web Share)
	zh          bool   // the transcript is Chinese: the Aa panel offers its scripts
	script      script.Script
	copyBar     copyBar
	p           *player
}

// copyBar is the floating bar that copies a link or a quote for the selection or a segment.
type copyBar struct {
	shown     bool
	top, left float64
}

func (v *Viewer) OnInit() {
	v.lang = "en"
	v.sess = readalong.NewSession(nil, -1)
	if app.IsClient {
		_, v.embed = EmbedOf(app.Window().URL().Path)
	}
	v.textSize, v.spacing = defaultSize, defaultSpacing
}

// OnPreRender runs natively: it looks the episode up for the page being served.
func (v *Viewer) OnPreRender(ctx app.Context) {
	site := siteOf(ctx)
	if site == nil || site.Episode == nil {
		return
	}
	path := ctx.Page().URL().Path
	if ep, ok := EmbedOf(path); ok {
		v.embed, path = true, ep
	}
	v.ep = site.Episode(path)
	if v.ep == nil {
		return
	}
	v.title, v.home = v.ep.Title, v.ep.Home
	// The interface is prerendered in the podcast's language (a zh-Hant show gets zh-Hant buttons); the
	// small script and then the app switch it to the reader's where that differs.
	v.lang = PickLang([]string{v.ep.Lang})
	ctx.Page().SetTitle(MetaSafe(v.ep.Title))
	if v.ep.Description != "" {
		ctx.Page().SetDescription(MetaSafe(v.ep.Description))
	}
	ctx.Dispatch(func(app.Context) {})
}

// OnMount runs in the browser: it adopts the prerendered transcript and audio and starts the player.
func (v *Viewer) OnMount(ctx app.Context) {
	v.lang = PickLang(browserLanguages())
	v.home = adopted.home
	v.readComfort()
	v.canShare = app.Window().Get("navigator").Get("share").Truthy()
	// The player reports a change of what the chrome shows as an action; go-app runs the handler on
	// its UI goroutine and renders the Viewer after it.
	ctx.Handle(actionChanged, func(app.Context, app.Action) {})
	v.p = newPlayer(v, ctx)
	v.p.attach()
}

func (v *Viewer) OnDismount() {
	if v.p != nil {
		v.p.detach()
	}
}

func (v *Viewer) t(m msg) string { return tr(v.lang, m) }

func (v *Viewer) Render() app.UI {
	title := v.p.shown(v.title)
	if title == "" {
		title = "tingo"
	}
	return app.Div().ID(page.Tingo).Class("tingo").Class(map[bool]string{true: "embed"}[v.embed]).Lang(v.lang).Body(
		app.A().Class("skip").Href("#transcript").Text(v.t(msgTranscript)),
		app.Header().Class("top").Body(
			v.renderHome(),
			app.H1().ID(page.Title).Class("title").Text(title),
			app.Div().Class("find").Attr("role", "search").Body(
				app.Input().ID(page.Search).Type("search").Class("search").Placeholder(v.t(msgSearch)).
					Aria("label", v.t(msgSearch)).AutoComplete(false).Attr("enterkeyhint", "search").
					DataSet("loading", v.t(msgSearchLoading)).
					Attr("aria-controls", "results").Attr("list", "suggest").
					OnFocus(func(ctx app.Context, e app.Event) { v.p.find.ensureIndex() }).
					OnInput(func(ctx app.Context, e app.Event) { v.p.find.runSearch(ctx.JSSrc().Get("value").String()) }).
					OnKeyDown(v.onSearchKey),
				app.DataList().ID(page.Suggest),
				app.Span().ID(page.Count).Class("count").Aria("live", "polite"),
				app.Button().ID(page.PrevHit).Class("btn icon").Aria("label", v.t(msgPrevHit)).Title(v.t(msgPrevHit)).
					Text("↑").OnClick(func(ctx app.Context, e app.Event) { v.p.find.jump(-1) }),
				app.Button().ID(page.NextHit).Class("btn icon").Aria("label", v.t(msgNextHit)).Title(v.t(msgNextHit)).
					Text("↓").OnClick(func(ctx app.Context, e app.Event) { v.p.find.jump(1) }),
				app.Label().Class("fuzzy").Body(
					app.Input().ID(page.SoundsLike).Type("checkbox").Checked(true).OnChange(v.onFuzzy),
					app.Text(" "+v.t(msgSoundsLike)),
				),
				app.Label().Class("fuzzy").Body(
					app.Input().ID(page.Similar).Type("checkbox").Checked(true).OnChange(v.onFuzzy),
					app.Text(" "+v.t(msgSimilar)),
				),
			),
			app.Div().Class("tools").Body(append(v.renderComfort(),
				app.Label().Class("btn open").Title(v.t(msgOpenHint)).Body(
					app.Input().ID(page.File).Type("file").Class("visually-hidden").Multiple(true).
						Accept(".txt,.vtt,.srt,.json,.html,.htm,.tsv,audio/*,.mp3,.m4a,.ogg,.opus,.wav,.webm").
						OnChange(v.onFiles),
					app.Span().Text(v.t(msgOpen)),
				),
				app.Button().ID(page.HelpBtn).Class("btn icon").Title(v.t(msgHelp)).Aria("label", v.t(msgHelp)).
					Text("?").OnClick(func(ctx app.Context, e app.Event) { v.help = true }),
			)...),
			// The result list drops down from the header over the text, so showing it moves nothing. The
			// player fills it (plain HTML, like the transcript).
			app.Div().ID(page.Results).Class("results").Attr("role", "region").Aria("label", v.t(msgResults)),
		),
		// The page's structure never changes: go-app matches children by position, and the transcript
		// and audio slots hold nodes it does not know. Notices and overlays are hidden, not removed.
		// Everything but the header, the player bar and the dialogs is the page's main landmark.
		app.Main().Class("main").Body(v.renderMain()...),
		v.renderPlayer(),
		v.renderHelp(),
		app.Div().ID(page.Drop).Class("drop").Hidden(true).Text(v.t(msgDropHere)),
	)
}

// renderMain is the main landmark: notices, the terms and the transcript, "back to now", the copy bar and
// the live region that announces playback.
func (v *Viewer) renderMain() []app.UI {
	return []app.UI{
		app.Div().ID(page.Notice).Class("notice").Class(map[bool]string{true: "error"}[v.isError]).
			Hidden(v.notice == "").
			Attr("role", map[bool]string{true: "alert", false: "status"}[v.isError]).Body(
			app.Span().ID(page.NoticeText).Text(v.notice),
			app.Button().Class("btn icon").Aria("label", v.t(msgDismiss)).Text("×").
				OnClick(func(ctx app.Context, e app.Event) { v.notice = "" }),
		),
		app.Div().ID(page.Resume).Class("notice resume").Hidden(v.resumeAt <= 0).Body(
			app.Span().Text(fmt.Sprintf(v.t(msgResumeAt), readalong.Clock(v.resumeAt))),
			app.Button().ID(page.ResumeBtn).Class("btn").Text(v.t(msgResume)).OnClick(v.onResume),
			app.Button().Class("btn icon").Aria("label", v.t(msgDismiss)).Text("×").
				OnClick(func(ctx app.Context, e app.Event) { v.resumeAt = 0 }),
		),
		v.renderTranscript(),
		app.Button().ID(page.Now).Class("btn now").Hidden(v.sess.Following()).
			Aria("label", v.t(msgBackToNow)).
			OnClick(func(ctx app.Context, e app.Event) { v.p.apply(v.sess.Follow(true)) }).
			Text(v.t(msgBackToNow) + " " + map[int]string{-1: "↑", 0: "↓", 1: "↓"}[v.sess.Away()]),
		app.Div().ID(page.Copybar).Class("copybar").Hidden(!v.copyBar.shown).
			Style("top", strconv.FormatFloat(v.copyBar.top, 'f', 0, 64)+"px").
			Style("left", strconv.FormatFloat(v.copyBar.left, 'f', 0, 64)+"px").Body(
			app.Button().ID(page.CopyLink).Class("btn").Text(v.t(msgCopyLink)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.share.copy(false) }),
			app.Button().ID(page.CopyQuote).Class("btn").Text(v.t(msgCopyQuote)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.share.copy(true) }),
			app.Button().ID(page.ShareBtn).Class("btn").Text(v.t(msgShare)).Hidden(!v.canShare).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.share.sheet() }),
			app.Button().ID(page.CardBtn).Class("btn").Text(v.t(msgCard)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.share.card() }),
		),
		app.Div().ID(page.Live).Class("visually-hidden").Aria("live", "polite"),
	}
}

// renderHome links back to the podcast's library (hidden, not removed, when alone: go-app matches
// children by position). go-app would write hidden="false", which hides too, so hidden is set only when
// true.
func (v *Viewer) renderHome() app.UI {
	if v.embed { // in another site's frame: the full page opens beside it
		return app.A().ID(page.FullPage).Class("home").Href("../").Attr("target", "_blank").Attr("rel", "noopener").Text(v.t(msgFullPage))
	}
	a := app.A().ID(page.Home).Class("home").Href(v.home).Text("← " + v.t(msgAllEpisodes))
	if v.home == "" {
		a = a.Hidden(true)
	}
	return a
}

// renderTranscript is the slot the transcript list lives in: prerendered natively; in the browser the
// prerendered list (or one built from an opened file) is moved into it.
func (v *Viewer) renderTranscript() app.UI {
	terms := app.Div().ID(page.TermsSlot).Class("slot")
	if app.IsServer && v.ep != nil && len(v.ep.Terms) > 0 {
		terms = terms.Body(app.Raw(TermsHTML(v.ep.Terms, v.t(msgTerms), v.lang)))
	}
	return app.Div().Class("slots").Body(terms, v.renderList())
}

func (v *Viewer) renderList() app.UI {
	slot := app.Div().ID(page.TranscriptSlot).Class("slot")
	if app.IsServer && v.ep != nil && v.ep.Transcript != nil {
		return slot.Body(app.Raw(TranscriptChaptersHTML(v.ep.Transcript, v.ep.Lang, v.ep.Chapters, v.lang)))
	}
	return slot
}

func (v *Viewer) renderPlayer() app.UI {
	audio := app.Div().ID(page.AudioSlot).Class("audio-slot")
	if app.IsServer && v.ep != nil && v.ep.Audio != "" && SafeURL(v.ep.Audio) {
		audio = audio.Body(app.Raw(`<audio id="audio" controls preload="metadata" src="` + attrEscape(v.ep.Audio) + `"></audio>`))
	}
	playLabel := v.t(msgPlay)
	if v.sess.Playing() {
		playLabel = v.t(msgPause)
	}
	speeds := readalong.Speeds
	return app.Footer().ID(page.Player).Class("player").Aria("label", "Player").Body(
		audio,
		app.Div().Class("controls").Body(
			app.Button().ID("back10").Class("btn icon").Aria("label", v.t(msgBack10)).Title(v.t(msgBack10)).
				Text("−10").OnClick(func(ctx app.Context, e app.Event) { v.p.transport.skip(-10) }),
			app.Button().ID(page.Play).Class("btn icon play").Aria("label", playLabel).Title(playLabel).
				DataSet("play", v.t(msgPlay)).DataSet("pause", v.t(msgPause)).
				Aria("pressed", strconv.FormatBool(v.sess.Playing())).
				Text(map[bool]string{true: "❚❚", false: "▶"}[v.sess.Playing()]).
				OnClick(func(ctx app.Context, e app.Event) { v.p.transport.toggle() }),
			app.Button().ID("fwd10").Class("btn icon").Aria("label", v.t(msgFwd10)).Title(v.t(msgFwd10)).
				Text("+10").OnClick(func(ctx app.Context, e app.Event) { v.p.transport.skip(10) }),
			app.Span().ID(page.Time).Class("time").Text("0:00 / 0:00"),
			app.Div().Class("scrubwrap").Body(
				app.Input().ID(page.Scrub).Class("scrub").Type("range").Min(0).Max(0).Step(0.1).Value(0).
					Aria("label", v.t(msgSeek)).
					OnInput(func(ctx app.Context, e app.Event) { v.p.transport.scrub(ctx.JSSrc().Get("value").Float()) }),
				app.Div().ID(page.Markers).Class("markers").Aria("hidden", "true"),
				app.Div().ID(page.ChapterTicks).Class("chapter-ticks").Aria("hidden", "true"),
			),
			app.Span().ID(page.ChapterNow).Class("chapter-now").Title(v.p.shown(v.chapter)).Text(v.p.shown(v.chapter)),
			app.Button().ID(page.SkipSponsor).Class("btn skip-sponsor").Hidden(!v.inSponsor).Text(v.t(msgSkipSponsor)+" ⏭").
				OnClick(func(ctx app.Context, e app.Event) { v.p.chap.skipSponsor() }),
			app.Select().ID(page.Speed).Class("speed").Aria("label", v.t(msgSpeed)).Title(v.t(msgSpeed)).
				OnChange(func(ctx app.Context, e app.Event) {
					s, _ := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
					v.p.transport.setSpeed(s)
				}).Body(
				app.Range(speeds).Slice(func(i int) app.UI {
					s := strconv.FormatFloat(speeds[i], 'f', -1, 64)
					return app.Option().Value(s).Selected(speeds[i] == v.sess.Rate()).Text(s + "×")
				}),
			),
			app.Button().ID(page.Follow).Class("btn icon").Aria("label", v.t(msgFollow)).Title(v.t(msgFollow)).
				Aria("pressed", strconv.FormatBool(v.sess.Following())).Text("⇣").
				OnClick(func(ctx app.Context, e app.Event) { v.p.apply(v.sess.ToggleFollow()) }),
		),
	)
}

func (v *Viewer) renderHelp() app.UI {
	keys := []struct {
		k string
		m msg
	}{
		{"Space / k", msgKeyPlay}, {"j / l", msgKeySkip}, {"← / →", msgKeyNudge}, {"< / >", msgKeySpeed},
		{"f", msgKeyFollow}, {"[ / ]", msgKeyChapter}, {"/", msgKeySearch}, {"?", msgKeyHelp},
	}
	return app.Div().ID(page.Help).Class("overlay").Hidden(!v.help).Attr("role", "dialog").Aria("modal", "true").
		Aria("labelledby", page.HelpTitle).
		OnClick(func(ctx app.Context, e app.Event) {
			if e.Get("target").Get("id").String() == "help" {
				v.help = false
			}
		}).Body(
		app.Div().Class("dialog").Body(
			app.H2().ID(page.HelpTitle).Text(v.t(msgShortcuts)),
			app.Dl().Body(app.Range(keys).Slice(func(i int) app.UI {
				return app.Div().Body(app.Dt().Body(app.Kbd().Text(keys[i].k)), app.Dd().Text(v.t(keys[i].m)))
			})),
			app.Button().ID(page.HelpClose).Class("btn").Text(v.t(msgClose)).
				OnClick(func(ctx app.Context, e app.Event) { v.help = false }),
		),
	)
}

func (v *Viewer) onFiles(ctx app.Context, e app.Event) {
	v.p.files.openFiles(ctx.JSSrc().Get("files"))
	ctx.JSSrc().Set("value", "")
}

// onSearchKey: Enter and Shift+Enter step through the hits, Escape clears.
func (v *Viewer) onSearchKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter":
		e.PreventDefault()
		if e.Get("shiftKey").Bool() {
			v.p.find.jump(-1)
		} else {
			v.p.find.jump(1)
		}
	case "Escape":
		e.PreventDefault()
		v.p.find.clearSearch()
	}
}

func (v *Viewer) onFuzzy(ctx app.Context, e app.Event) {
	doc := app.Window().Get("document")
	v.p.find.setFuzzy(doc.Call("getElementById", page.SoundsLike).Get("checked").Bool(), doc.Call("getElementById", page.Similar).Get("checked").Bool())
}

func (v *Viewer) onResume(ctx app.Context, e app.Event) {
	at := v.resumeAt
	v.resumeAt = 0
	v.p.transport.seekTo(at, true)
}

// MetaSafe makes text safe for every attribute go-app writes (titles, descriptions, names, keywords):
// go-app quotes attribute values Go's way, with backslash escapes, which HTML does not honour, so a quote
// could end the attribute and add others (onanimationstart=…, style=…). It is the one path every such
// string takes: quotes become typographic ones, backslashes full-width, control characters spaces.
func MetaSafe(s string) string {
	return metaReplacer.Replace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s))
}

var metaReplacer = strings.NewReplacer(`"`, "”", "\\", "＼")

// SafeLang gives tag if it is a well-formed BCP 47 language tag (zh-Hant, en-US, yue-Hant-HK,
// x-private), else "": a feed's <language> becomes the page's lang attribute.
func SafeLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" || len(tag) > 35 {
		return ""
	}
	for i, sub := range strings.Split(tag, "-") {
		if sub == "" || len(sub) > 8 || i == 0 && len(sub) == 1 && sub != "x" && sub != "i" {
			return ""
		}
		for _, c := range sub {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
				return ""
			}
		}
	}
	return tag
}

// attrEscape escapes a value for a double-quoted HTML attribute.
func attrEscape(s string) string {
	return htmlEscaper.Replace(s)
}
