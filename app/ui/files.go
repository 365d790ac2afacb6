package ui

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/transcript"
	"tingo/app/ui/page"
)

// The listener's own files: a transcript and audio dropped on the page or opened with the file button,
// or a hosted pair named by ?transcript=URL&audio=URL. Nothing leaves the browser.
type opener struct{ *player }

// isAudioFile tells audio from transcripts among opened files.
func isAudioFile(name, mime string) bool {
	if strings.HasPrefix(mime, "audio/") || strings.HasPrefix(mime, "video/") {
		return true
	}
	switch strings.ToLower(name[strings.LastIndexByte(name, '.')+1:]) {
	case "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "webm", "mp4":
		return true
	}
	return false
}

// openFiles opens the listener's own transcript and audio files; nothing leaves the browser.
func (o *opener) openFiles(files app.Value) {
	for i := 0; i < files.Length(); i++ {
		f := files.Index(i)
		name, mime := f.Get("name").String(), f.Get("type").String()
		if isAudioFile(name, mime) {
			o.setAudio(o.win.Get("URL").Call("createObjectURL", f).String())
			continue
		}
		await(o.guard, f.Call("arrayBuffer"), func(buf app.Value) {
			o.loadTranscript(name, bufferBytes(o.win, buf))
		}, func(err app.Value) {
			o.notify(fmt.Sprintf(tr(o.v.lang, msgFetchFailed), name, jsString(err)), true)
		})
	}
}

func bufferBytes(win, buf app.Value) []byte {
	arr := win.Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	app.CopyBytesToGo(b, arr)
	return b
}

func (o *opener) setAudio(src string) {
	if !SafeURL(src) {
		o.notify(fmt.Sprintf(tr(o.v.lang, msgRefusedURL), src), true)
		return
	}
	o.audio.el.Set("src", src)
	o.audio.el.Call("load")
	o.storeKey = "tingo:pos:" + src + ":" + o.v.title
}

// loadTranscript parses a file in the browser and shows it, or shows the parser's message.
func (o *opener) loadTranscript(name string, data []byte) {
	t, _, err := transcript.Parse(bytes.NewReader(data))
	if err != nil {
		o.notify(describeError(name, err), true)
		return
	}
	html := TranscriptHTML(t, GuessLang(t))
	tmp := o.doc.Call("createElement", "div")
	tmp.Set("innerHTML", html)
	list := tmp.Get("firstElementChild")
	if o.list != nil {
		o.list.Call("replaceWith", list)
	} else {
		o.slot.Call("appendChild", list)
	}
	o.list = list
	o.input.listenList()
	o.lv.index()
	o.chap.readChapters()
	// The term index is made natively (gse) for served episodes; an opened file gets one when the
	// dictionary arrives.
	o.doc.Call("getElementById", page.TermsSlot).Set("innerHTML", "")
	o.dict.loadDict(func() { o.find.ensureIndex(); o.dict.showTerms(); o.dict.cutWords(func() {}) })
	o.v.title = name
	o.doc.Set("title", name)
	*o.script = scriptView{player: o.player, tables: o.script.tables} // a new transcript: its own script, read again (in place, as for the callbacks waiting on it)
	o.script.initScript()
	if h := o.doc.Call("getElementById", page.Title); h.Truthy() {
		h.Set("textContent", name)
	}
	o.update(o.audio.Time())
	msg := fmt.Sprintf(tr(o.v.lang, msgLoaded), name)
	if len(t.Warnings) > 0 {
		msg += fmt.Sprintf(" (%d warnings; first: line %d: %s)", len(t.Warnings), t.Warnings[0].Line, t.Warnings[0].Msg)
	}
	o.notify(msg, false)
}

// describeError writes a parse error as name:line: problem.
func describeError(name string, err error) string {
	var pe *transcript.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", name, pe.Err)
	}
	return fmt.Sprintf("%s: %v", name, err)
}

// openURLs loads ?transcript=URL&audio=URL: any hosted pair, fetched by the browser.
func (o *opener) openURLs(tURL, aURL string) {
	if aURL != "" {
		o.setAudio(aURL)
	}
	if tURL == "" {
		return
	}
	if !SafeURL(tURL) {
		o.notify(fmt.Sprintf(tr(o.v.lang, msgRefusedURL), tURL), true)
		return
	}
	fail := func(err app.Value) {
		o.notify(fmt.Sprintf(tr(o.v.lang, msgFetchFailed), tURL, jsString(err)), true)
	}
	await(o.guard, o.win.Call("fetch", tURL), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			o.notify(fmt.Sprintf(tr(o.v.lang, msgFetchFailed), tURL, "HTTP "+jsString(resp.Get("status"))), true)
			return
		}
		await(o.guard, resp.Call("arrayBuffer"), func(buf app.Value) {
			name := tURL[strings.LastIndexByte(tURL, '/')+1:]
			if i := strings.IndexAny(name, "?#"); i >= 0 {
				name = name[:i]
			}
			o.loadTranscript(name, bufferBytes(o.win, buf))
		}, fail)
	}, fail)
}
