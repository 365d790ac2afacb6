package site

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"tingo/app/internal/sample"
	"tingo/app/transcript"
)

// Browser benchmarks: what a listener feels, measured in headless chromium on localhost. Each reports
// medians over b.N runs (use -benchtime=5x): times in ms, main-thread busy time in ms per second of
// playback, and long tasks (over 50 ms). "floor" is the same segments as plain HTML with a 20-line script
// that highlights the current segment and seeks on click, measured in the same run.

// longTranscript repeats the sample, shifted in time, to ten hours, and writes it as timed lines.
func longTranscript(tb testing.TB) (string, *transcript.Transcript) {
	tb.Helper()
	t, err := sample.Transcript()
	if err != nil {
		tb.Fatal(err)
	}
	long := &transcript.Transcript{}
	for shift := time.Duration(0); shift < 10*time.Hour; shift += t.Duration() {
		for _, s := range t.Segments {
			s.Start += shift
			s.End += shift
			long.Segments = append(long.Segments, s)
		}
	}
	path := filepath.Join(tb.TempDir(), "ten-hours.txt")
	out, _ := os.Create(path)
	transcript.Write(out, long, transcript.FormatLines)
	out.Close()
	return path, long
}

// floorPage is the plain highlighter: the segments as HTML, native controls, a 20-line script.
func floorPage(t *transcript.Transcript, audio string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>floor</title><style>.cur{background:#fff4c2}</style></head><body><div id="transcript">`)
	for _, s := range t.Segments {
		fmt.Fprintf(&b, `<p class="seg" data-start="%g" data-end="%g">%s</p>`, s.Start.Seconds(), s.End.Seconds(), html.EscapeString(s.Text))
	}
	b.WriteString(`</div><audio id="audio" controls preload="metadata" src="` + audio + `"></audio><script>
const a = document.getElementById('audio'), segs = [...document.querySelectorAll('.seg')];
const starts = segs.map(s => +s.dataset.start);
let cur = -1;
a.addEventListener('timeupdate', () => {
  let lo = 0, hi = starts.length - 1, t = a.currentTime;
  while (lo < hi) { const m = (lo + hi + 1) >> 1; if (starts[m] <= t) lo = m; else hi = m - 1; }
  if (lo !== cur) {
    if (cur >= 0) segs[cur].classList.remove('cur');
    segs[lo].classList.add('cur'); segs[lo].scrollIntoView({block: 'center'}); cur = lo;
  }
});
document.getElementById('transcript').addEventListener('click', e => {
  const s = e.target.closest('.seg'); if (s) { a.currentTime = +s.dataset.start; a.play(); }
});
performance.mark('tingo-ready');
</script></body></html>`)
	return b.String()
}

type samples map[string][]float64

func (s samples) add(k string, v float64) { s[k] = append(s[k], v) }

func (s samples) report(b *testing.B) {
	for k, vs := range s {
		sort.Float64s(vs)
		b.ReportMetric(vs[len(vs)/2], k)
	}
}

// origin is a URL's scheme and host.
func origin(u string) string {
	if i := strings.Index(u[strings.Index(u, "://")+3:], "/"); i >= 0 {
		return u[:strings.Index(u, "://")+3+i]
	}
	return u
}

// coldCache empties the HTTP cache and the origin's storage (service worker and its caches too: go-app's
// worker would serve app.wasm from its cache) and keeps the HTTP cache off.
func coldCache(url string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: origin(url), StorageTypes: "all"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
}

// measureLoad navigates with a cold cache and reads first contentful paint and the ready mark.
func measureLoad(p *page, path string, m samples) {
	p.cdp(coldCache(p.base + path))
	p.open(path)
	p.pollUntil(`performance.getEntriesByName('tingo-ready').length && performance.getEntriesByName('first-contentful-paint').length`, time.Minute, "the ready mark and the first paint")
	ready := eval[float64](p, `performance.getEntriesByName('tingo-ready')[0].startTime`)
	fcp := eval[float64](p, `performance.getEntriesByName('first-contentful-paint')[0].startTime`)
	heap := eval[float64](p, `performance.memory ? performance.memory.usedJSHeapSize / 1048576 : 0`)
	// Page weight: every byte the first visit downloads (the page and what it loads), audio aside.
	weight := eval[float64](p, `(performance.getEntriesByType('navigation')[0].transferSize + performance.getEntriesByType('resource').filter(e => e.initiatorType !== 'audio' && e.initiatorType !== 'video' && !/\.(mp3|wav|m4a|ogg)$/.test(e.name)).reduce((n, e) => n + e.transferSize, 0)) / 1024`)
	m.add("page-KB", weight)
	// The wasm's memory: what the Go program took from its linear memory (0 for pages without wasm).
	wasm := eval[float64](p, `(() => { const m = performance.getEntriesByName('tingo-ready')[0]; return m && m.detail ? m.detail.wasmSysBytes / 1048576 : 0 })()`)
	m.add("wasm-memory-MB", wasm)
	m.add("text-visible-ms", fcp)
	m.add("interactive-ms", ready)
	m.add("js-heap-MB", heap)
}

// measurePlayback plays 10 s from the middle of the first hour and reads the main thread's busy time.
func measurePlayback(p *page, m samples) {
	metric := func() float64 {
		var v float64
		p.cdp(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			r, err := cdp.Call(ctx, tg, performance.GetMetrics, cdp.Empty{})
			if err != nil {
				return err
			}
			for _, x := range r.Metrics {
				if x.Name == "TaskDuration" {
					v = x.Value
				}
			}
			return nil
		}))
		return v
	}
	p.cdp(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, performance.Enable, performance.EnableParams{})
		return err
	}))
	p.eval(`(() => {
		window.longTasks = 0;
		new PerformanceObserver(l => { window.longTasks += l.getEntries().length }).observe({type: 'longtask'});
		const a = document.getElementById('audio'); a.currentTime = 1800; return true })()`, nil)
	p.eval(`document.getElementById('audio').play().then(() => true)`, nil)
	time.Sleep(time.Second)
	seekLong := eval[float64](p, `(() => { const n = window.longTasks; window.longTasks = 0; return n })()`)
	before := metric()
	start := time.Now()
	time.Sleep(10 * time.Second)
	busy := metric() - before
	secs := time.Since(start).Seconds()
	long := eval[float64](p, `window.longTasks`)
	m.add("busy-ms/s", busy*1000/secs)
	m.add("long-tasks", long)          // during the 10 s of playback
	m.add("seek-long-tasks", seekLong) // the jump to 30:00 and the first second of playback
}

func benchBrowser(b *testing.B, playback bool) {
	browser(b)
	modules, why := installPeers()
	if modules == "" {
		b.Log(why) // Hyperaudio Lite is left out; tingo and the floor are still measured
	}
	tenHours, long := longTranscript(b)
	sample1, err := sample.Transcript()
	if err != nil {
		b.Fatal(err)
	}
	audio := filepath.Join(root, SampleAudio)
	for _, tc := range []struct {
		name string
		tr   string
		t    *transcript.Transcript
	}{{"sample", "", sample1}, {"10h", tenHours, long}} {
		srv, err := NewServer(Options{Root: root, Transcript: tc.tr, Audio: audio, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		mux := http.NewServeMux()
		floor := floorPage(tc.t, srv.Episode.Audio)
		mux.HandleFunc("/floor", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(floor)) })
		pages := []string{"tingo", "floor"}
		if modules != "" {
			hyper := hyperaudioPage(tc.t, srv.Episode.Audio)
			mux.HandleFunc("/hyperaudio", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(hyper)) })
			mux.HandleFunc("/peer/hyperaudio-lite.js", func(w http.ResponseWriter, r *http.Request) {
				http.ServeFile(w, r, filepath.Join(modules, "hyperaudio-lite", "js", "hyperaudio-lite.js"))
			})
			pages = append(pages, "hyperaudio")
		}
		mux.Handle("/", srv)
		ts := httptest.NewServer(mux)
		for _, name := range pages {
			path := "/"
			if name != "tingo" {
				path = "/" + name
			}
			b.Run(tc.name+"/"+name, func(b *testing.B) {
				m := samples{}
				for range b.N {
					p := benchTab(b, ts.URL, false)
					measureLoad(p, path, m)
					if playback {
						measurePlayback(p, m)
					}
					p.close()
				}
				m.report(b)
			})
		}
		ts.Close()
	}
}

func BenchmarkBrowserLoad(b *testing.B)     { benchBrowser(b, false) }
func BenchmarkBrowserPlayback(b *testing.B) { benchBrowser(b, true) }

// BenchmarkBrowserKeystroke measures, on the 10-hour transcript, the time from a keystroke (an input
// event on the search box) to its marks in the transcript and the next frame, for every keystroke of
// several queries; it reports the median and the slowest.
func BenchmarkBrowserKeystroke(b *testing.B) {
	browser(b)
	tenHours, _ := longTranscript(b)
	srv, err := NewServer(Options{Root: root, Transcript: tenHours, Audio: filepath.Join(root, SampleAudio), Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var all []float64
	for range b.N {
		p := benchTab(b, ts.URL, false)
		p.open("/")
		p.pollUntil(`performance.getEntriesByName('tingo-ready').length > 0`, time.Minute, "the ready mark")
		// Focus builds the index, as when the reader clicks into the box before typing.
		p.eval(`document.getElementById('search').dispatchEvent(new FocusEvent('focus')), document.getElementById('search').focus(), true`, nil)
		time.Sleep(2 * time.Second)
		for _, q := range []string{"馬斯克", "机器人", "陽肝菊", "Fridman", "超级电脑"} {
			runes := []rune(q)
			for i := 1; i <= len(runes); i++ {
				ms := eval[float64](p, fmt.Sprintf(`new Promise(done => {
					const s = document.getElementById('search'), count = document.getElementById('count');
					const t0 = performance.now();
					const ob = new MutationObserver(() => { ob.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)) });
					ob.observe(count, {childList: true, characterData: true, subtree: true});
					s.value = %q; s.dispatchEvent(new Event('input', {bubbles: true}));
				})`, string(runes[:i])))
				all = append(all, ms)
				if os.Getenv("TINGO_BENCH_VERBOSE") != "" {
					fmt.Printf("%s: %.1f ms\n", string(runes[:i]), ms)
				}
			}
			p.eval(`(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, nil)
			time.Sleep(200 * time.Millisecond)
		}
		p.close()
	}
	sort.Float64s(all)
	b.ReportMetric(all[len(all)/2], "median-ms")
	b.ReportMetric(all[len(all)-1], "max-ms")
}
