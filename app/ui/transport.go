package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"tingo/app/ui/page"
	"tingo/app/ui/readalong"
)

// transport is the audio's side of the player: its events into the session, play, pause, seek, skip,
// speed, the wake-up timer, and the remembered place.
type transport struct{ *player }

func (tp *transport) duration() float64 { return tp.sess.Duration(tp.audio.Duration()) }

func (tp *transport) savePosition(t float64) { storage().SetSeconds(tp.storeKey, t) }

func (tp *transport) offerResume() {
	if at, ok := tp.sess.ResumeFrom(storage().Get(tp.storeKey)); ok {
		tp.v.resumeAt = at
		tp.refresh()
	}
}

// scheduleNext wakes the player when something it shows next changes: the next segment starts, the
// shown second turns, a range ends. That is about once a second, not sixty times (a call into wasm costs
// ~0.5 ms; per animation frame that was 30 ms of main thread a second). The cursor needs no wake-ups: its
// animation runs on the compositor.
func (tp *transport) scheduleNext() {
	if tp.timer != nil {
		tp.win.Call("clearTimeout", tp.timer)
		tp.timer = nil
	}
	if ms, ok := tp.sess.Wake(tp.audio.Time()); ok {
		tp.timer = tp.win.Call("setTimeout", tp.tickFunc, ms)
	}
}

func (tp *transport) listenAudio() {
	el := tp.audio.el
	tp.listen(el, "play", func(app.Value) { tp.onPlay() })
	tp.listen(el, "pause", func(app.Value) {
		t := tp.audio.Time()
		tp.apply(tp.sess.Paused(t))
		tp.scheduleNext() // clears the timer
		tp.lv.syncCursor()
	})
	tp.listen(el, "loadedmetadata", func(app.Value) {
		if t, ok := tp.sess.Metadata(); ok {
			tp.audio.Seek(t)
		}
	})
	// timeupdate (4 Hz) backs the timer up: after a seek, a stall or a rate change it resynchronises.
	for _, ev := range []string{"seeked", "loadedmetadata", "durationchange", "timeupdate", "ratechange"} {
		tp.listen(el, ev, func(app.Value) {
			if ev != "timeupdate" {
				tp.sess.Reshow()
			}
			if ev == "ratechange" {
				tp.apply(tp.sess.RateChanged(tp.audio.Rate()))
			}
			tp.update(tp.audio.Time())
			if ev == "seeked" || ev == "ratechange" {
				tp.lv.syncCursor()
			}
			if ev != "timeupdate" || tp.timer == nil {
				tp.scheduleNext()
			}
		})
	}
	tp.listen(el, "error", func(app.Value) {
		msg := "unsupported or unreachable"
		if e := el.Get("error"); e.Truthy() && e.Get("message").Truthy() && e.Get("message").String() != "" {
			msg = e.Get("message").String()
		}
		tp.notify(fmt.Sprintf(tr(tp.v.lang, msgAudioError), msg), true)
	})
}

func (tp *transport) onPlay() {
	tp.apply(tp.sess.Played(tp.audio.Time()))
	tp.lv.syncCursor()
	tp.scheduleNext()
}

// seekTo moves the audio to t; a seek from the transcript follows again and plays.
func (tp *transport) seekTo(t float64, fromReader bool) {
	tp.apply(tp.sess.Seek(t, fromReader, tp.audio.Ready()))
}

func (tp *transport) setHash(t float64) {
	tp.win.Get("history").Call("replaceState", nil, "", "#t="+strconv.FormatFloat(t, 'f', -1, 64))
}

func (tp *transport) play() {
	if !tp.audio.HasSource() {
		tp.notify(tr(tp.v.lang, msgNoAudio), false)
		return
	}
	tp.audio.Play(tp.guard, func(name, msg string) {
		// NotAllowedError: autoplay without a gesture. The reader presses play; nothing to report.
		if name != "NotAllowedError" && name != "AbortError" {
			tp.notify(fmt.Sprintf(tr(tp.v.lang, msgAudioError), msg), true)
		}
	})
}

func (tp *transport) toggle() {
	if tp.audio.Paused() {
		tp.play()
	} else {
		tp.audio.Pause()
	}
}

func (tp *transport) skip(d float64) {
	tp.apply(tp.sess.Skip(tp.audio.Time(), d, tp.duration(), tp.audio.Ready()))
}

func (tp *transport) scrub(t float64) { tp.apply(tp.sess.Scrub(t, tp.audio.Ready())) }

func (tp *transport) setSpeed(s float64) {
	if !readalong.ValidSpeed(s) {
		return
	}
	tp.audio.SetRate(s)
	tp.sess.RateChanged(s)
}

func (tp *transport) stepSpeed(dir int) {
	tp.setSpeed(readalong.StepSpeed(tp.audio.Rate(), dir))
	tp.refresh()
}

// showTime writes the time text and the scrubber.
func (p *transport) showTime(t float64) {
	p.chap.renderChapterTicks()
	d := p.transport.duration()
	if el := p.doc.Call("getElementById", page.Time); el.Truthy() {
		el.Set("textContent", readalong.Clock(t)+" / "+readalong.Clock(d))
	}
	if sc := p.doc.Call("getElementById", page.Scrub); sc.Truthy() {
		sc.Set("max", d)
		sc.Set("value", t)
		sc.Call("setAttribute", "aria-valuetext", readalong.Clock(t))
	}
}
