package site

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"tingo/app/internal/sample"
)

// The first visit, measured the way listeners feel it: Chromium as a phone (412×915), an empty cache,
// each page served by one static server that gzips on the fly as GitHub Pages does (it ignores the
// precompressed files), under three network and CPU profiles (DevTools throttling). Three pages with the
// same text and audio: tingo's built site, Hyperaudio Lite 2.6.4 (word spans) and the plain page (the
// segments and a 20-line highlighter). For each: when the text is first painted, when a real tap on a
// word first moves the audio into its segment (tapped every 150 ms or so from the start, two words in turn, the selection cleared), when search is ready
// (tingo's app live), and the bytes over the wire (audio aside).

type netProfile struct {
	name      string
	mbits     float64
	rtt       float64 // ms
	cpu       float64 // slowdown
	shortName string
}

var firstVisitProfiles = []netProfile{
	{"broadband (20 Mbit/s, 40 ms, CPU ×1)", 20, 40, 1, "broadband"},
	{"4G (9 Mbit/s, 60 ms, CPU ×2)", 9, 60, 2, "4g"},
	{"slow 4G (1.6 Mbit/s, 150 ms, CPU ×4)", 1.6, 150, 4, "slow4g"},
}

// gzipHost serves files gzipped when the browser takes it, as GitHub Pages does: text, JSON, JavaScript,
// wasm and SVG, never audio; the precompressed .gz and .br files are not used.
func gzipHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Accept-Encoding") // the handler below must not send its precompressed files
		if r.Header.Get("Range") != "" || strings.Contains(r.URL.Path, "/media/") || strings.HasSuffix(r.URL.Path, ".mp3") {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipOnTheFly{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

type gzipOnTheFly struct {
	http.ResponseWriter
	zw      *gzip.Writer
	decided bool
}

func (g *gzipOnTheFly) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		ct := g.Header().Get("Content-Type")
		if code == http.StatusOK && (strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json") ||
			strings.Contains(ct, "wasm") || strings.Contains(ct, "svg") || strings.Contains(ct, "manifest")) {
			g.Header().Del("Content-Length")
			g.Header().Set("Content-Encoding", "gzip")
			g.zw, _ = gzip.NewWriterLevel(g.ResponseWriter, 6)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipOnTheFly) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipOnTheFly) close() {
	if g.zw != nil {
		g.zw.Close()
	}
}

// throttle applies a profile to a tab: the phone's screen, its network and its CPU, and an empty cache.
func throttle(p netProfile, url string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if err := chromedp.Do(ctx, coldCache(url), chromedp.EmulateViewport(412, 915, chromedp.EmulateScale(2.625), chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
			return err
		}
		bps := p.mbits * 1e6 / 8
		if _, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: p.rtt, DownloadThroughput: bps, UploadThroughput: min(bps, 750e3/8)}}}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: p.cpu})
		return err
	})
}

// firstVisit loads path in a throttled tab and measures it.
func firstVisit(b *testing.B, base string, prof netProfile, path string, search bool, m samples) {
	p := benchTab(b, base, true) // taps; throttle makes it the profile's phone
	defer p.close()
	if err := p.d.Navigate("about:blank"); err != nil {
		b.Fatal(err)
	}
	p.cdp(throttle(prof, base+path))
	// The tap goes to the middle of a character whose point is its segment's own on the screen (not under
	// a header or a player bar), in a segment after the first: the 10th character of the first two such
	// segments in turn (or the 10th and the 40th of one, when only one is on the screen), so that no two
	// taps in a row are a double tap (which zooms). It counts when the audio's time is in the segment
	// tapped.
	const target = `(() => { const segs = [...document.querySelectorAll('#transcript .seg, #hypertranscript p')].slice(1, 12), cands = []; const at = (s, left) => { const w = document.createTreeWalker(s, NodeFilter.SHOW_TEXT); let n; while ((n = w.nextNode())) { if (n.parentNode.closest('.ts, .spk')) continue; if (n.length > left) { const r = document.createRange(); r.setStart(n, left); r.setEnd(n, left + 1); const b = r.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2; const e = document.elementFromPoint(x, y); if (!b.width || !e || e.closest('.seg, #hypertranscript p') !== s) return; const ms = s.querySelector('[data-m]'); const st = s.dataset.start !== undefined ? +s.dataset.start : +ms.dataset.m / 1000; const next = s.nextElementSibling; const en = s.dataset.end !== undefined ? +s.dataset.end : next ? +next.querySelector('[data-m]').dataset.m / 1000 : st + 60; cands.push([x, y, st, en]); return } left -= n.length } }; for (const left of [10, 40]) for (const s of segs) if (cands.length < 2) at(s, left); window.__tap = ((window.__tap || 0) + 1) % 2; return cands.length ? cands[window.__tap % cands.length] : null })()`
	start := time.Now()
	p.openNoWait(path) // returns at load; taps begin before that
	var clickAt float64 = -1
	for time.Since(start) < 2*time.Minute {
		// Where the word is now (fonts and layout may still move it), the time of this tap, and no
		// selection left by an earlier one (a page ignores a click that ends a selection).
		// The point is read after a frame is drawn: a listener taps what they see, and before the first
		// frames a page's layout can still differ from what is painted (content-visibility lays out the
		// segments near the screen at the first frame).
		var seg []float64
		raw, err := p.d.Eval(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => { const t = ` + target + `; return t && (getSelection().removeAllRanges(), [...t, performance.now()]) })`)
		if err != nil || json.Unmarshal(raw, &seg) != nil || len(seg) != 5 {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		p.d.ClickAt(seg[0], seg[1])
		raw, err = p.d.Eval(framePoll(fmt.Sprintf(`(() => { const a = document.querySelector('audio'); return !!a && a.currentTime >= %f && a.currentTime < %f })()`, seg[2], seg[3]), 150))
		var moved bool
		if err == nil {
			err = json.Unmarshal(raw, &moved)
		}
		if os.Getenv("TINGO_TAPLOG") != "" {
			st, _ := p.d.Eval(`JSON.stringify([document.readyState, !!window.tingoEarly, !!document.querySelector('audio'), document.querySelector('audio') && document.querySelector('audio').currentTime, performance.now()|0])`)
			b.Logf("tap at %.0f ms on [%v,%v): moved %v %v; now %s", seg[4], seg[2], seg[3], moved, err, st)
		}
		if err == nil && moved {
			clickAt = seg[4]
			break
		}
	}
	if clickAt < 0 {
		b.Fatalf("%s: no tap on a word moved the audio in 2 minutes", path)
	}
	ready := 0.0
	if search {
		p.pollUntil(`performance.getEntriesByName('tingo-ready').length`, 2*time.Minute, "the ready mark")
		ready = eval[float64](p, `performance.getEntriesByName('tingo-ready')[0].startTime`)
	} else {
		time.Sleep(time.Second)
	}
	fcp := eval[float64](p, `(() => { const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : -1 })()`)
	kb := eval[float64](p, `(performance.getEntriesByType('navigation')[0].transferSize + performance.getEntriesByType('resource').filter(e => e.initiatorType !== 'audio' && !/\.(mp3|wav)(\?|$)/.test(e.name)).reduce((n, e) => n + e.transferSize, 0)) / 1024`)
	m.add("text-visible-ms", fcp)
	m.add("first-click-ms", clickAt)
	m.add("search-ready-ms", ready)
	m.add("wire-KB", kb)
}

// BenchmarkFirstVisit: tingo, Hyperaudio Lite and the plain page on each profile, medians of b.N cold
// loads (make bench runs 3).
func BenchmarkFirstVisit(b *testing.B) {
	browser(b)
	modules, why := installPeers()
	if modules == "" {
		b.Log(why)
	}
	tr, err := sample.Transcript()
	if err != nil {
		b.Fatal(err)
	}
	// tingo's site, built from the sample and its demo audio, under /tingo/.
	dir := b.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	for from, to := range map[string]string{SampleTranscript: "episode.txt", SampleAudio: "episode.mp3"} {
		if err := copyFile(filepath.Join(root, from), filepath.Join(in, to)); err != nil {
			b.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(in, ManifestName), []byte(`{"title": "科技浪", "language": "zh-Hant", "episodes": [{"title": "`+SampleTitle+`", "transcript": "episode.txt", "audio": "episode.mp3", "date": "2024-05-01"}]}`), 0o644)
	p, err := Load(context.Background(), in, LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	if _, err := Build(p, BuildOptions{Root: root, Out: out, Base: "/tingo/", Cache: filepath.Join(root, "bench", ".cache", "build")}); err != nil {
		b.Fatal(err)
	}
	site, err := StaticHandler(out, "/tingo/")
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/tingo/", site)
	audio := "/tingo/media/" + p.Episodes[0].Slug + ".mp3"
	plain := floorPage(tr, audio)
	mux.HandleFunc("/plain/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(plain))
	})
	pages := []struct{ name, path string }{{"tingo", "/tingo/" + p.Episodes[0].Slug + "/"}, {"plain", "/plain/"}}
	if modules != "" {
		hyper := hyperaudioPage(tr, audio)
		mux.HandleFunc("/hyperaudio/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(hyper))
		})
		mux.HandleFunc("/peer/hyperaudio-lite.js", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			http.ServeFile(w, r, filepath.Join(modules, "hyperaudio-lite", "js", "hyperaudio-lite.js"))
		})
		pages = append(pages, struct{ name, path string }{"hyperaudio", "/hyperaudio/"})
	}
	ts := httptest.NewServer(gzipHost(mux))
	defer ts.Close()
	for _, prof := range firstVisitProfiles {
		for _, pg := range pages {
			b.Run(prof.shortName+"/"+pg.name, func(b *testing.B) {
				m := samples{}
				for range b.N {
					firstVisit(b, ts.URL, prof, pg.path, pg.name == "tingo", m)
				}
				m.report(b)
			})
		}
	}
}
