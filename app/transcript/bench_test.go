package transcript

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"
)

// LongTranscript repeats the sample's segments, shifted in time, to last at least d: the 10-hour
// transcript the benchmarks (and the viewer's) use.
func LongTranscript(t testing.TB, d time.Duration) *Transcript {
	t.Helper()
	tr, _ := mustParse(t, sample(t))
	long := &Transcript{}
	for shift := time.Duration(0); shift < d; shift += tr.Duration() {
		for _, s := range tr.Segments {
			s.Start += shift
			s.End += shift
			long.Segments = append(long.Segments, s)
		}
	}
	return long
}

func BenchmarkParse(b *testing.B) {
	inputs := map[string]*Transcript{"sample": nil, "10h": LongTranscript(b, 10*time.Hour)}
	inputs["sample"], _ = mustParse(b, sample(b))
	for _, name := range []string{"sample", "10h"} {
		for _, f := range []Format{FormatLines, FormatVTT, FormatSRT, FormatJSON} {
			var buf bytes.Buffer
			if err := Write(&buf, inputs[name], f); err != nil {
				b.Fatal(err)
			}
			src := buf.Bytes()
			b.Run(fmt.Sprintf("%s/%s", f, name), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := ParseAs(bytes.NewReader(src), f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	inputs := map[string]*Transcript{"10h": LongTranscript(b, 10*time.Hour)}
	inputs["sample"], _ = mustParse(b, sample(b))
	for _, name := range []string{"sample", "10h"} {
		for _, fname := range FormatNames(false) {
			f, _ := ParseFormat(fname)
			var buf bytes.Buffer
			Write(&buf, inputs[name], f)
			b.Run(fmt.Sprintf("%s/%s", fname, name), func(b *testing.B) {
				b.SetBytes(int64(buf.Len()))
				for b.Loop() {
					if err := Write(io.Discard, inputs[name], f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
