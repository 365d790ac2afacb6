package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/script"
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
	home        string // the podcast's library, when the episode is part of a built site
	playing     bool
	speed       float64
	follow      bool
	awayDir     int // where the current segment is when not following: -1 above, 1 below
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
	v.speed = 1
	v.follow = true
	if app.IsClient {
		_, v.embed = EmbedOf(app.Window().URL().Path)
	}
	v.textSize, v.spacing = defaultSize, defaultSpacing
}

// OnPreRender runs natively: it looks the episode up for the page being served.
func (v *Viewer) OnPreRender(ctx app.Context) {
	if catalog == nil {
		return
	}
	path := ctx.Page().URL().Path
	if ep, ok := EmbedOf(path); ok {
		v.embed, path = true, ep
	}
	v.ep = catalog(path)
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
	return app.Div().ID("tingo").Class("tingo").Class(map[bool]string{true: "embed"}[v.embed]).Lang(v.lang).Body(
		app.A().Class("skip").Href("#transcript").Text(v.t(msgTranscript)),
		app.Header().Class("top").Body(
			v.renderHome(),
			app.H1().ID("title").Class("title").Text(title),
			app.Div().Class("find").Attr("role", "search").Body(
				app.Input().ID("search").Type("search").Class("search").Placeholder(v.t(msgSearch)).
					Aria("label", v.t(msgSearch)).AutoComplete(false).Attr("enterkeyhint", "search").
					DataSet("loading", v.t(msgSearchLoading)).
					Attr("aria-controls", "results").Attr("list", "suggest").
					OnFocus(func(ctx app.Context, e app.Event) { v.p.ensureIndex() }).
					OnInput(func(ctx app.Context, e app.Event) { v.p.runSearch(ctx.JSSrc().Get("value").String()) }).
					OnKeyDown(v.onSearchKey),
				app.DataList().ID("suggest"),
				app.Span().ID("count").Class("count").Aria("live", "polite"),
				app.Button().ID("prev-hit").Class("btn icon").Aria("label", v.t(msgPrevHit)).Title(v.t(msgPrevHit)).
					Text("↑").OnClick(func(ctx app.Context, e app.Event) { v.p.jump(-1) }),
				app.Button().ID("next-hit").Class("btn icon").Aria("label", v.t(msgNextHit)).Title(v.t(msgNextHit)).
					Text("↓").OnClick(func(ctx app.Context, e app.Event) { v.p.jump(1) }),
				app.Label().Class("fuzzy").Body(
					app.Input().ID("sounds-like").Type("checkbox").Checked(true).OnChange(v.onFuzzy),
					app.Text(" "+v.t(msgSoundsLike)),
				),
				app.Label().Class("fuzzy").Body(
					app.Input().ID("similar").Type("checkbox").Checked(true).OnChange(v.onFuzzy),
					app.Text(" "+v.t(msgSimilar)),
				),
			),
			app.Div().Class("tools").Body(append(v.renderComfort(),
				app.Label().Class("btn open").Title(v.t(msgOpenHint)).Body(
					app.Input().ID("file").Type("file").Class("visually-hidden").Multiple(true).
						Accept(".txt,.vtt,.srt,.json,.html,.htm,.tsv,audio/*,.mp3,.m4a,.ogg,.opus,.wav,.webm").
						OnChange(v.onFiles),
					app.Span().Text(v.t(msgOpen)),
				),
				app.Button().ID("help-btn").Class("btn icon").Title(v.t(msgHelp)).Aria("label", v.t(msgHelp)).
					Text("?").OnClick(func(ctx app.Context, e app.Event) { v.help = true }),
			)...),
			// The result list drops down from the header over the text, so showing it moves nothing. The
			// player fills it (plain HTML, like the transcript).
			app.Div().ID("results").Class("results").Attr("role", "region").Aria("label", v.t(msgResults)),
		),
		// The page's structure never changes: go-app matches children by position, and the transcript
		// and audio slots hold nodes it does not know. Notices and overlays are hidden, not removed.
		// Everything but the header, the player bar and the dialogs is the page's main landmark.
		app.Main().Class("main").Body(v.renderMain()...),
		v.renderPlayer(),
		v.renderHelp(),
		app.Div().ID("drop").Class("drop").Hidden(true).Text(v.t(msgDropHere)),
	)
}

// renderMain is the main landmark: notices, the terms and the transcript, "back to now", the copy bar and
// the live region that announces playback.
func (v *Viewer) renderMain() []app.UI {
	return []app.UI{
		app.Div().ID("notice").Class("notice").Class(map[bool]string{true: "error"}[v.isError]).
			Hidden(v.notice == "").
			Attr("role", map[bool]string{true: "alert", false: "status"}[v.isError]).Body(
			app.Span().ID("notice-text").Text(v.notice),
			app.Button().Class("btn icon").Aria("label", v.t(msgDismiss)).Text("×").
				OnClick(func(ctx app.Context, e app.Event) { v.notice = "" }),
		),
		app.Div().ID("resume").Class("notice resume").Hidden(v.resumeAt <= 0).Body(
			app.Span().Text(fmt.Sprintf(v.t(msgResumeAt), clockText(v.resumeAt))),
			app.Button().ID("resume-btn").Class("btn").Text(v.t(msgResume)).OnClick(v.onResume),
			app.Button().Class("btn icon").Aria("label", v.t(msgDismiss)).Text("×").
				OnClick(func(ctx app.Context, e app.Event) { v.resumeAt = 0 }),
		),
		v.renderTranscript(),
		app.Button().ID("now").Class("btn now").Hidden(v.follow).
			Aria("label", v.t(msgBackToNow)).
			OnClick(func(ctx app.Context, e app.Event) { v.p.resumeFollow(true) }).
			Text(v.t(msgBackToNow) + " " + map[int]string{-1: "↑", 0: "↓", 1: "↓"}[v.awayDir]),
		app.Div().ID("copybar").Class("copybar").Hidden(!v.copyBar.shown).
			Style("top", strconv.FormatFloat(v.copyBar.top, 'f', 0, 64)+"px").
			Style("left", strconv.FormatFloat(v.copyBar.left, 'f', 0, 64)+"px").Body(
			app.Button().ID("copy-link").Class("btn").Text(v.t(msgCopyLink)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.copy(false) }),
			app.Button().ID("copy-quote").Class("btn").Text(v.t(msgCopyQuote)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.copy(true) }),
			app.Button().ID("share-btn").Class("btn").Text(v.t(msgShare)).Hidden(!v.canShare).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.share() }),
			app.Button().ID("card-btn").Class("btn").Text(v.t(msgCard)).
				OnMouseDown(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
				OnClick(func(ctx app.Context, e app.Event) { v.p.card() }),
		),
		app.Div().ID("live").Class("visually-hidden").Aria("live", "polite"),
	}
}

// renderHome links back to the podcast's library (hidden, not removed, when alone: go-app matches
// children by position). go-app would write hidden="false", which hides too, so hidden is set only when
// true.
func (v *Viewer) renderHome() app.UI {
	if v.embed { // in another site's frame: the full page opens beside it
		return app.A().ID("full-page").Class("home").Href("../").Attr("target", "_blank").Attr("rel", "noopener").Text(v.t(msgFullPage))
	}
	a := app.A().ID("home").Class("home").Href(v.home).Text("← " + v.t(msgAllEpisodes))
	if v.home == "" {
		a = a.Hidden(true)
	}
	return a
}

// renderTranscript is the slot the transcript list lives in: prerendered natively; in the browser the
// prerendered list (or one built from an opened file) is moved into it.
func (v *Viewer) renderTranscript() app.UI {
	terms := app.Div().ID("terms-slot").Class("slot")
	if app.IsServer && v.ep != nil && len(v.ep.Terms) > 0 {
		terms = terms.Body(app.Raw(TermsHTML(v.ep.Terms, v.t(msgTerms), v.lang)))
	}
	return app.Div().Class("slots").Body(terms, v.renderList())
}

func (v *Viewer) renderList() app.UI {
	slot := app.Div().ID("transcript-slot").Class("slot")
	if app.IsServer && v.ep != nil && v.ep.Transcript != nil {
		return slot.Body(app.Raw(TranscriptChaptersHTML(v.ep.Transcript, v.ep.Lang, v.ep.Chapters, v.lang)))
	}
	return slot
}

func (v *Viewer) renderPlayer() app.UI {
	audio := app.Div().ID("audio-slot").Class("audio-slot")
	if app.IsServer && v.ep != nil && v.ep.Audio != "" && SafeURL(v.ep.Audio) {
		audio = audio.Body(app.Raw(`<audio id="audio" controls preload="metadata" src="` + attrEscape(v.ep.Audio) + `"></audio>`))
	}
	playLabel := v.t(msgPlay)
	if v.playing {
		playLabel = v.t(msgPause)
	}
	speeds := []float64{0.75, 1, 1.25, 1.5, 1.75, 2}
	return app.Footer().ID("player").Class("player").Aria("label", "Player").Body(
		audio,
		app.Div().Class("controls").Body(
			app.Button().ID("back10").Class("btn icon").Aria("label", v.t(msgBack10)).Title(v.t(msgBack10)).
				Text("−10").OnClick(func(ctx app.Context, e app.Event) { v.p.skip(-10) }),
			app.Button().ID("play").Class("btn icon play").Aria("label", playLabel).Title(playLabel).
				DataSet("play", v.t(msgPlay)).DataSet("pause", v.t(msgPause)).
				Aria("pressed", strconv.FormatBool(v.playing)).
				Text(map[bool]string{true: "❚❚", false: "▶"}[v.playing]).
				OnClick(func(ctx app.Context, e app.Event) { v.p.toggle() }),
			app.Button().ID("fwd10").Class("btn icon").Aria("label", v.t(msgFwd10)).Title(v.t(msgFwd10)).
				Text("+10").OnClick(func(ctx app.Context, e app.Event) { v.p.skip(10) }),
			app.Span().ID("time").Class("time").Text("0:00 / 0:00"),
			app.Div().Class("scrubwrap").Body(
				app.Input().ID("scrub").Class("scrub").Type("range").Min(0).Max(0).Step(0.1).Value(0).
					Aria("label", v.t(msgSeek)).
					OnInput(func(ctx app.Context, e app.Event) { v.p.scrub(ctx.JSSrc().Get("value").Float()) }),
				app.Div().ID("markers").Class("markers").Aria("hidden", "true"),
				app.Div().ID("chapter-ticks").Class("chapter-ticks").Aria("hidden", "true"),
			),
			app.Span().ID("chapter-now").Class("chapter-now").Title(v.p.shown(v.chapter)).Text(v.p.shown(v.chapter)),
			app.Button().ID("skip-sponsor").Class("btn skip-sponsor").Hidden(!v.inSponsor).Text(v.t(msgSkipSponsor)+" ⏭").
				OnClick(func(ctx app.Context, e app.Event) { v.p.skipSponsor() }),
			app.Select().ID("speed").Class("speed").Aria("label", v.t(msgSpeed)).Title(v.t(msgSpeed)).
				OnChange(func(ctx app.Context, e app.Event) {
					s, _ := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
					v.p.setSpeed(s)
				}).Body(
				app.Range(speeds).Slice(func(i int) app.UI {
					s := strconv.FormatFloat(speeds[i], 'f', -1, 64)
					return app.Option().Value(s).Selected(speeds[i] == v.speed).Text(s + "×")
				}),
			),
			app.Button().ID("follow").Class("btn icon").Aria("label", v.t(msgFollow)).Title(v.t(msgFollow)).
				Aria("pressed", strconv.FormatBool(v.follow)).Text("⇣").
				OnClick(func(ctx app.Context, e app.Event) {
					if v.follow {
						v.p.pauseFollow()
					} else {
						v.p.resumeFollow(true)
					}
				}),
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
	return app.Div().ID("help").Class("overlay").Hidden(!v.help).Attr("role", "dialog").Aria("modal", "true").
		Aria("labelledby", "help-title").
		OnClick(func(ctx app.Context, e app.Event) {
			if e.Get("target").Get("id").String() == "help" {
				v.help = false
			}
		}).Body(
		app.Div().Class("dialog").Body(
			app.H2().ID("help-title").Text(v.t(msgShortcuts)),
			app.Dl().Body(app.Range(keys).Slice(func(i int) app.UI {
				return app.Div().Body(app.Dt().Body(app.Kbd().Text(keys[i].k)), app.Dd().Text(v.t(keys[i].m)))
			})),
			app.Button().ID("help-close").Class("btn").Text(v.t(msgClose)).
				OnClick(func(ctx app.Context, e app.Event) { v.help = false }),
		),
	)
}

func (v *Viewer) onFiles(ctx app.Context, e app.Event) {
	v.p.openFiles(ctx.JSSrc().Get("files"))
	ctx.JSSrc().Set("value", "")
}

// onSearchKey: Enter and Shift+Enter step through the hits, Escape clears.
func (v *Viewer) onSearchKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter":
		e.PreventDefault()
		if e.Get("shiftKey").Bool() {
			v.p.jump(-1)
		} else {
			v.p.jump(1)
		}
	case "Escape":
		e.PreventDefault()
		v.p.clearSearch()
	}
}

func (v *Viewer) onFuzzy(ctx app.Context, e app.Event) {
	doc := app.Window().Get("document")
	v.p.setFuzzy(doc.Call("getElementById", "sounds-like").Get("checked").Bool(), doc.Call("getElementById", "similar").Get("checked").Bool())
}

func (v *Viewer) onResume(ctx app.Context, e app.Event) {
	at := v.resumeAt
	v.resumeAt = 0
	v.p.seekTo(at, true)
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

// clockText writes seconds as m:ss or h:mm:ss.
func clockText(s float64) string {
	if s < 0 || s != s {
		s = 0
	}
	n := int(s)
	h, m, sec := n/3600, n%3600/60, n%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}
