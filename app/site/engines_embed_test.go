package site

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// embedHost is a blog page on another origin with the episode's embed in it, placed so that the frame's
// lower part is below the fold: a scrollIntoView inside the frame would scroll this page to show it. It
// keeps what the embed tells it and every scroll of its own.
const embedHost = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A blog</title><style>body { margin: 0; font: 16px sans-serif }</style>
<div id="above" style="height: calc(100vh - 320px)">A post about an episode.</div>
<iframe id="f" src="EMBED" title="The episode" width="640" height="420" allow="autoplay; clipboard-write" style="border: 0; max-width: 100%"></iframe>
<div style="height: 2000px">More of the post.</div>
<script>
window.__states = []; window.__hostScrolls = 0;
addEventListener('message', e => { if (e.origin === 'ORIGIN' && e.data && e.data.type === 'tingo:state') __states.push(e.data) });
addEventListener('scroll', () => __hostScrolls++);
window.cmd = (command, time) => document.getElementById('f').contentWindow.postMessage({type: 'tingo:command', command, time}, 'ORIGIN');
window.last = () => __states[__states.length - 1] || {};
</script>`

// embedChecks: the embed inside a page from another origin plays, follows the audio inside its frame and
// tells the host where it is, and the host page never moves.
func embedChecks(t *testing.T, name string, d driver, embedSite string) {
	u, _ := url.Parse(embedSite)
	origin := u.Scheme + "://" + u.Host
	html := strings.NewReplacer("EMBED", embedSite+"/embed/", "ORIGIN", origin).Replace(embedHost) + "<script>" + errorHooks + "</script>"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
	}))
	defer host.Close()
	s := &page{t: t, d: d, base: host.URL, name: name + " (embed)"}
	s.open("/")
	s.wait(`__states.some(s => s.event === 'ready')`, "the embed to go live and say so")
	s.eval(`(cmd('mute'), cmd('seek', 119), cmd('play'), true)`, nil)
	past := `last().time > 121.5 && !last().paused && last().segment >= 120`
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ok bool
		s.eval(past, &ok)
		if ok {
			break
		}
		if time.Now().After(deadline) {
			var st string
			s.eval(`JSON.stringify(last())`, &st)
			t.Logf("%s: the embed's playback stalled (%s): paused and played again", s.name, st)
			s.eval(`(cmd('pause'), cmd('play'), true)`, nil)
			s.wait(past, "the embed to play past 121.5 s into the segment at 2:02")
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var got struct {
		First, Last    float64
		Scrolls, HostY float64
	}
	s.eval(`(() => { const r = __states.find(s => s.event === 'ready'); return {First: r.scrollY, Last: last().scrollY, Scrolls: __hostScrolls, HostY: scrollY} })()`, &got)
	if got.Last <= got.First {
		t.Errorf("%s: the embed did not follow inside its frame: its scroll went from %.0f to %.0f", s.name, got.First, got.Last)
	}
	if got.Scrolls > 0 || got.HostY != 0 {
		t.Errorf("%s: the embed moved the host page: %v scroll events, scrollY %.0f", s.name, got.Scrolls, got.HostY)
	}
	s.eval(`(cmd('pause'), true)`, nil)
	s.wait(`last().paused === true`, "the embed to pause when asked")
	// A picture for the README: the host scrolled to show the whole frame.
	s.eval(`(scrollTo({top: document.getElementById('f').offsetTop - 24, behavior: 'instant'}), true)`, nil)
	s.wait(`new Promise(done => setTimeout(() => done(true), 400))`, "the host page to be drawn")
	s.screenshot("embed-" + name + ".png")
}
