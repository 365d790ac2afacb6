package site

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestEarlyTapBeforeTheAudio: a tap on the text while the rest of the page is still arriving (the
// transcript is there, the audio element is not parsed yet) seeks into the tapped segment as soon as the
// audio is there. web/early.js loads async in the head and listens on the document, so the tap is not lost.
func TestEarlyTapBeforeTheAudio(t *testing.T) {
	srv := sampleServer(t)
	tail, wasm := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(wasm) })
	split := make(chan bool, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/web/app.wasm": // the app stays away: this is the early script's work
			select {
			case <-wasm:
			case <-r.Context().Done():
				return
			}
		case "/":
			r.Header.Del("Accept-Encoding")
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r)
			body := rec.Body.String()
			cut := strings.Index(body, `<footer`) // after the transcript, before the player and its audio
			split <- cut > 0 && strings.Index(body, `id="audio"`) > cut
			for k, v := range rec.Header() {
				if k != "Content-Length" {
					w.Header()[k] = v
				}
			}
			w.WriteHeader(rec.Code)
			if cut > 0 {
				w.Write([]byte(body[:cut]))
				w.(http.Flusher).Flush()
				select {
				case <-tail:
				case <-r.Context().Done():
					return
				}
				body = body[cut:]
			}
			w.Write([]byte(body))
			return
		}
		srv.ServeHTTP(w, r)
	})
	p := openPage(t, h, "")
	p.openNoWait("/") // returns at load, which waits for the tail
	if !<-split {
		t.Fatal("the page has no <footer> before its audio element: the test cannot hold the audio back")
	}
	p.wait(`document.readyState === 'loading' && document.querySelectorAll('#transcript .seg').length === 61 && !document.getElementById('audio') && !!window.tingoEarly`,
		"the transcript parsed, the audio not yet, the early script running")
	// Where the 10th character of the second segment is drawn, after a frame.
	pt := eval[[]float64](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => {
		const seg = document.querySelectorAll('#transcript .seg')[1], tx = seg.querySelector('.tx').firstChild, r = document.createRange();
		r.setStart(tx, 10); r.setEnd(tx, 11);
		const b = r.getBoundingClientRect();
		return [b.left + b.width / 2, b.top + b.height / 2, +seg.dataset.start, +seg.dataset.end];
	})`)
	p.clickAt(pt[0], pt[1])
	if still := eval[bool](p, `document.readyState === 'loading' && !document.getElementById('audio')`); !still {
		t.Fatal("the audio element was parsed before the tap: the test tapped too late")
	}
	close(tail)
	p.wait(fmt.Sprintf(`(() => { const a = document.getElementById('audio'), c = document.querySelector('.seg[aria-current="true"]'); return !!a && a.currentTime >= %f && a.currentTime < %f && !!c && +c.dataset.start === %f })()`, pt[2], pt[3], pt[2]),
		"the tap before the audio to seek into its segment once the audio is there")
	time.Sleep(100 * time.Millisecond) // and it stays there
	if at := eval[float64](p, `document.getElementById('audio').currentTime`); at < pt[2] || at >= pt[3] {
		t.Errorf("the audio is at %.1f s, outside the tapped segment [%v, %v)", at, pt[2], pt[3])
	}
}
