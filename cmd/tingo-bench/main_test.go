package main

import (
	"strings"
	"testing"
)

func TestReadTakesMedians(t *testing.T) {
	in := `goos: linux
cpu: Some CPU
BenchmarkParse/lines/sample-2   	 343	 431954 ns/op	 128.34 MB/s
BenchmarkParse/lines/sample-2   	 343	 431954 ns/op	 120.00 MB/s
BenchmarkParse/lines/sample-2   	 343	 431954 ns/op	 140.00 MB/s
BenchmarkBrowserPlayback/sample/tingo-2 	 5	 12004607489 ns/op	 9.938 busy-ms/s	 583.1 interactive-ms
BenchmarkBrowserPlayback/sample/floor-2 	 5	 11004607489 ns/op	 7.9 busy-ms/s	 33 interactive-ms
--- BENCH: noise
PASS
`
	r, err := read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.CPU != "Some CPU" || r.Runs["Parse/lines/sample"] != 3 {
		t.Errorf("cpu %q, runs %v", r.CPU, r.Runs)
	}
	if got := r.Benchmarks["Parse/lines/sample"]["MB/s"]; got != 128.34 {
		t.Errorf("median MB/s = %v, want 128.34", got)
	}
	md := render(r)
	for _, want := range []string{"| lines | 128 MB/s |", "| main thread during 10 s of playback (ms/s) | 9.9 | 7.9 | – | 1.26× | – |"} {
		if !strings.Contains(md, want) {
			t.Errorf("BENCHMARKS.md lacks %q", want)
		}
	}
}
