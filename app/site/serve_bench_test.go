package site

import (
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"testing"
	"time"

	"tingo/app/segment"
)

// BenchmarkServeLoad serves the sample episode as `tingo serve` does (site.Serve on a loopback listener,
// gse's dictionary let go after start-up) and sends 4,000 requests for the page, 50 at a time: requests per
// second, the 99th percentile, and the Go heap in use idle and after the load.
func BenchmarkServeLoad(b *testing.B) {
	srv, err := NewServer(Options{Root: root, Version: "bench"})
	if err != nil {
		b.Skip(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go Serve(ln, srv, ServeOptions{})
	segment.Drop()
	heap := func() float64 {
		runtime.GC()
		debug.FreeOSMemory()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapInuse) / 1e6
	}
	idle := heap()
	url := "http://" + ln.Addr().String() + "/"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}, Timeout: 10 * time.Second}
	const total, conc = 4000, 50
	for b.Loop() {
		lat := make([]time.Duration, total)
		next := make(chan int)
		var wg sync.WaitGroup
		start := time.Now()
		for range conc {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					t0 := time.Now()
					resp, err := client.Get(url)
					if err != nil {
						b.Error(err)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					lat[i] = time.Since(t0)
				}
			}()
		}
		for i := range total {
			next <- i
		}
		close(next)
		wg.Wait()
		elapsed := time.Since(start)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(total/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(lat[total*99/100].Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(idle, "heap-idle-MB")
	b.ReportMetric(heap(), "heap-after-MB")
}
