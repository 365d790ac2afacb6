package site

import (
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkBrowserScript measures switching a Traditional transcript to 简体 and back, on the sample and
// on ten hours, in Chromium with an empty cache: the reader opens the Aa panel (which fetches the table)
// and 400 ms later clicks 简体; from that click to the segments on screen converted (the app's tingo-script-visible mark), to the last segment
// converted (tingo-script-done), and the longest task meanwhile (the Long Tasks API: 0 when none took
// 50 ms or more), its median and the worst of the runs; and the longest task in the 400 ms after the
// panel opens (the table is fetched and read then).
func BenchmarkBrowserScript(b *testing.B) {
	browser(b)
	tenHours, _ := longTranscript(b)
	for _, tc := range []struct{ name, tr string }{{"sample", ""}, {"10h", tenHours}} {
		srv, err := NewServer(Options{Root: root, Transcript: tc.tr, Audio: filepath.Join(root, SampleAudio), Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		b.Run(tc.name, func(b *testing.B) {
			got := map[string][]float64{}
			for range b.N {
				p := benchTab(b, ts.URL, false)
				p.open("/")
				p.pollUntil(`performance.getEntriesByName('tingo-ready').length > 0`, time.Minute, "the ready mark")
				time.Sleep(time.Second)
				// The reader opens the Aa panel (which fetches the table) and, a moment later, chooses.
				r := eval[float64](p, `new Promise(done => {
					let longest = 0;
					const lt = new PerformanceObserver(l => l.getEntries().forEach(e => longest = Math.max(longest, e.duration)));
					lt.observe({type: 'longtask'});
					document.getElementById('comfort-btn').click();
					setTimeout(() => { lt.disconnect(); done(longest) }, 400);
				})`)
				got["open-longest-task-ms"] = append(got["open-longest-task-ms"], r)
				for _, to := range []string{"hans", "orig"} {
					r := eval[map[string]float64](p, `new Promise(done => {
						let longest = 0;
						const lt = new PerformanceObserver(l => l.getEntries().forEach(e => longest = Math.max(longest, e.duration)));
						lt.observe({type: 'longtask'});
						performance.clearMarks('tingo-script-visible'); performance.clearMarks('tingo-script-done');
						const t0 = performance.now();
						document.getElementById('script-`+to+`').click();
						const wait = () => {
							const v = performance.getEntriesByName('tingo-script-visible')[0], d = performance.getEntriesByName('tingo-script-done')[0];
							if (!v || !d) return requestAnimationFrame(wait);
							setTimeout(() => { lt.disconnect(); done({visible: v.startTime - t0, all: d.startTime - t0, longest}) }, 100);
						};
						wait();
					})`)
					got[to+"-visible-ms"] = append(got[to+"-visible-ms"], r["visible"])
					got[to+"-all-ms"] = append(got[to+"-all-ms"], r["all"])
					got[to+"-longest-task-ms"] = append(got[to+"-longest-task-ms"], r["longest"])
				}
				p.eval(`(localStorage.removeItem('tingo:script'), true)`, nil)
				p.close()
			}
			for unit, v := range got {
				sort.Float64s(v)
				b.ReportMetric(v[len(v)/2], unit)
				if strings.HasSuffix(unit, "-longest-task-ms") {
					b.ReportMetric(v[len(v)-1], strings.TrimSuffix(unit, "-ms")+"-max-ms") // the worst of the runs
				}
			}
		})
		ts.Close()
	}
}
