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
func (p *player) openFiles(files app.Value) {
	for i := 0; i < files.Length(); i++ {
		f := files.Index(i)
		name, mime := f.Get("name").String(), f.Get("type").String()
		if isAudioFile(name, mime) {
			p.setAudio(p.win.Get("URL").Call("createObjectURL", f).String())
			continue
		}
		await(p.guard, f.Call("arrayBuffer"), func(buf app.Value) {
			p.loadTranscript(name, bufferBytes(p.win, buf))
		}, func(err app.Value) {
			p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), name, jsString(err)), true)
		})
	}
}

func bufferBytes(win, buf app.Value) []byte {
	arr := win.Get("Uint8Array").New(buf)
	b := make([]byte, arr.Length())
	app.CopyBytesToGo(b, arr)
	return b
}

func (p *player) setAudio(src string) {
	if !SafeURL(src) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgRefusedURL), src), true)
		return
	}
	p.audio.el.Set("src", src)
	p.audio.el.Call("load")
	p.storeKey = "tingo:pos:" + src + ":" + p.v.title
}

// loadTranscript parses a file in the browser and shows it, or shows the parser's message.
func (p *player) loadTranscript(name string, data []byte) {
	t, _, err := transcript.Parse(bytes.NewReader(data))
	if err != nil {
		p.notify(describeError(name, err), true)
		return
	}
	html := TranscriptHTML(t, GuessLang(t))
	tmp := p.doc.Call("createElement", "div")
	tmp.Set("innerHTML", html)
	list := tmp.Get("firstElementChild")
	if p.list != nil {
		p.list.Call("replaceWith", list)
	} else {
		p.slot.Call("appendChild", list)
	}
	p.list = list
	p.listenList()
	p.index()
	p.readChapters()
	// The term index is made natively (gse) for served episodes; an opened file gets one when the
	// dictionary arrives.
	p.doc.Call("getElementById", page.TermsSlot).Set("innerHTML", "")
	p.loadDict(func() { p.ensureIndex(); p.showTerms(); p.cutWords(func() {}) })
	p.v.title = name
	p.doc.Set("title", name)
	p.script = scriptView{tables: p.script.tables} // a new transcript: its own script, read again
	p.initScript()
	if h := p.doc.Call("getElementById", page.Title); h.Truthy() {
		h.Set("textContent", name)
	}
	p.update(p.audio.Time())
	msg := fmt.Sprintf(tr(p.v.lang, msgLoaded), name)
	if len(t.Warnings) > 0 {
		msg += fmt.Sprintf(" (%d warnings; first: line %d: %s)", len(t.Warnings), t.Warnings[0].Line, t.Warnings[0].Msg)
	}
	p.notify(msg, false)
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
func (p *player) openURLs(tURL, aURL string) {
	if aURL != "" {
		p.setAudio(aURL)
	}
	if tURL == "" {
		return
	}
	if !SafeURL(tURL) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgRefusedURL), tURL), true)
		return
	}
	fail := func(err app.Value) {
		p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), tURL, jsString(err)), true)
	}
	await(p.guard, p.win.Call("fetch", tURL), func(resp app.Value) {
		if !resp.Get("ok").Bool() {
			p.notify(fmt.Sprintf(tr(p.v.lang, msgFetchFailed), tURL, "HTTP "+jsString(resp.Get("status"))), true)
			return
		}
		await(p.guard, resp.Call("arrayBuffer"), func(buf app.Value) {
			name := tURL[strings.LastIndexByte(tURL, '/')+1:]
			if i := strings.IndexAny(name, "?#"); i >= 0 {
				name = name[:i]
			}
			p.loadTranscript(name, bufferBytes(p.win, buf))
		}, fail)
	}, fail)
}
