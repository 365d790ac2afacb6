package transcript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
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

// encodeFor writes t in f; for the formats tingo reads but does not write, in their own shape.
func encodeFor(b *testing.B, t *Transcript, f Format) []byte {
	var buf bytes.Buffer
	switch f {
	case FormatHTML:
		for _, s := range t.Segments {
			fmt.Fprintf(&buf, "<cite>Host:</cite>\n<time>%s</time>\n<p>%s</p>\n", FormatStamp(s.Start), html.EscapeString(s.Text))
		}
	case FormatWhisperJSON, FormatWhisperCPP:
		type seg struct {
			Start float64 `json:"start"`
			End   float64 `json:"end"`
			Text  string  `json:"text"`
		}
		type cpp struct {
			Offsets struct {
				From int64 `json:"from"`
				To   int64 `json:"to"`
			} `json:"offsets"`
			Text string `json:"text"`
		}
		var segs []seg
		var entries []cpp
		for _, s := range t.Segments {
			segs = append(segs, seg{s.Start.Seconds(), s.End.Seconds(), " " + s.Text})
			var e cpp
			e.Offsets.From, e.Offsets.To, e.Text = s.Start.Milliseconds(), s.End.Milliseconds(), " "+s.Text
			entries = append(entries, e)
		}
		if f == FormatWhisperJSON {
			json.NewEncoder(&buf).Encode(map[string]any{"text": "", "segments": segs, "language": "zh"})
		} else {
			json.NewEncoder(&buf).Encode(map[string]any{"transcription": entries})
		}
	case FormatWhisperTSV:
		buf.WriteString("start\tend\ttext\n")
		for _, s := range t.Segments {
			fmt.Fprintf(&buf, "%d\t%d\t%s\n", s.Start.Milliseconds(), s.End.Milliseconds(), s.Text)
		}
	default:
		if err := Write(&buf, t, f); err != nil {
			b.Fatal(err)
		}
	}
	return buf.Bytes()
}

func BenchmarkParse(b *testing.B) {
	inputs := map[string]*Transcript{"sample": nil, "10h": LongTranscript(b, 10*time.Hour)}
	inputs["sample"], _ = mustParse(b, sample(b))
	for _, name := range []string{"sample", "10h"} {
		for _, f := range []Format{FormatLines, FormatVTT, FormatSRT, FormatJSON, FormatHTML, FormatWhisperJSON, FormatWhisperTSV, FormatWhisperCPP} {
			src := encodeFor(b, inputs[name], f)
			if _, err := ParseAs(bytes.NewReader(src), f); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
			b.Run(fmt.Sprintf("%s/%s", f, name), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				reportAllocPerByte(b, len(src), func() {
					if _, err := ParseAs(bytes.NewReader(src), f); err != nil {
						b.Fatal(err)
					}
				})
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
