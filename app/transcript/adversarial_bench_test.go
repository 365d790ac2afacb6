package transcript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// reportAllocPerByte runs f in the benchmark loop and reports the bytes allocated per byte of input: what
// parsing a file costs in memory, as a constant to quote.
func reportAllocPerByte(b *testing.B, n int, f func()) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	runs := 0
	for b.Loop() {
		f()
		runs++
	}
	runtime.ReadMemStats(&after)
	if runs > 0 && n > 0 {
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(runs)/float64(n), "alloc-B/byte")
	}
}

// Adversarial shapes, each at 1×, 2× and 4× its base size: a parser that is linear takes about twice as
// long at each step (the ratios are in BENCHMARKS.md). Each is a shape that once took quadratic time.
var adversarial = []struct {
	name   string
	format Format
	base   int
	make   func(n int) []byte
}{
	{"lines-unstamped", FormatLines, 20000, func(n int) []byte {
		return []byte("(00:00~00:01) start\n" + strings.Repeat("a line with no stamp of its own\n", n))
	}},
	{"json-no-start", FormatJSON, 20000, func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"version":"1.0.0","segments":[{"startTime":0,"endTime":1,"body":"the first segment has a time"}`)
		for range n {
			b.WriteString(`,{"body":"these words have no startTime at all"}`)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}},
	{"json-words-no-start", FormatJSON, 20000, func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"version":"1.0.0","segments":[{"startTime":0,"endTime":1,"body":"first"}`)
		for range n {
			b.WriteString(`,{"body":"word"}`)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}},
	{"tsv-continued", FormatWhisperTSV, 20000, func(n int) []byte {
		return []byte("start\tend\ttext\n0\t1000\tstart\n" + strings.Repeat("a broken line without tabs\n", n))
	}},
	{"whisper-words-not-in-text", FormatWhisperJSON, 100000, func(n int) []byte {
		return whisperWords(n, "nowhere")
	}},
	{"whisper-words-a-z", FormatWhisperJSON, 100000, func(n int) []byte {
		return whisperWords(n, "a z")
	}},
	{"srt-one-cue", FormatSRT, 20000, func(n int) []byte {
		return []byte("1\n00:00:00,000 --> 00:00:01,000\n" + strings.Repeat("one more line of the same cue\n", n))
	}},
	{"vtt-one-cue", FormatVTT, 20000, func(n int) []byte {
		return []byte("WEBVTT\n\n00:00.000 --> 00:01.000\n" + strings.Repeat("one more line of the same cue\n", n))
	}},
	{"editor-one-turn", FormatEditor, 20000, func(n int) []byte {
		return []byte("Host  0:00\n" + strings.Repeat("one more paragraph line of the same turn\n", n))
	}},
	{"json-list-no-start", FormatJSONList, 20000, func(n int) []byte {
		var b strings.Builder
		b.WriteString(`[{"start":0,"end":1,"text":"the first has a time"}`)
		for range n {
			b.WriteString(`,{"text":"no start here"}`)
		}
		b.WriteString("]")
		return []byte(b.String())
	}},
	{"json3-one-event", FormatJSON3, 20000, func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"events":[{"tStartMs":0,"dDurationMs":1000,"segs":[{"utf8":"first"}`)
		for i := range n {
			fmt.Fprintf(&b, `,{"utf8":" w","tOffsetMs":%d}`, i)
		}
		b.WriteString("]}]}")
		return []byte(b.String())
	}},
	{"srv3-one-paragraph", FormatSRV3, 20000, func(n int) []byte {
		return []byte(`<timedtext format="3"><body><p t="0" d="1000">` + strings.Repeat(`<s t="5"> w</s>`, n) + `</p></body></timedtext>`)
	}},
	{"whispercpp-many", FormatWhisperCPP, 20000, func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"transcription":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"offsets":{"from":%d,"to":%d},"text":" a line"}`, i*10, i*10+10)
		}
		b.WriteString("]}")
		return []byte(b.String())
	}},
	{"html-one-time", FormatHTML, 20000, func(n int) []byte {
		return []byte("<time>0:00</time>\n" + strings.Repeat("<p>a paragraph</p>\n", n))
	}},
}

// whisperWords is one Whisper segment whose n words are not in its text.
func whisperWords(n int, word string) []byte {
	type w struct {
		Word  string  `json:"word"`
		Start float64 `json:"start"`
		End   float64 `json:"end"`
	}
	words := make([]w, n)
	for i := range words {
		words[i] = w{word, float64(i) / 10, float64(i)/10 + 0.1}
	}
	text := strings.Repeat("the text holds other words ", n/4)
	b, _ := json.Marshal(map[string]any{"text": text, "segments": []any{map[string]any{"start": 0, "end": float64(n) / 10, "text": text, "words": words}}})
	return b
}

func BenchmarkAdversarial(b *testing.B) {
	for _, a := range adversarial {
		for _, k := range []int{1, 2, 4} {
			src := a.make(a.base * k)
			if _, err := ParseAs(bytes.NewReader(src), a.format); err != nil {
				b.Fatalf("%s: %v", a.name, err)
			}
			b.Run(fmt.Sprintf("%s/%dx", a.name, k), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				reportAllocPerByte(b, len(src), func() {
					if _, err := ParseAs(bytes.NewReader(src), a.format); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// TestAdversarialMemoryLinear parses each adversarial shape at 1× and 4× a tenth of its base size and
// checks that the bytes allocated per input byte do not grow with the size: the joins that made these
// shapes quadratic copied the text once per line, so their allocation per byte grew with the input.
// (Time is measured in the benchmark, never asserted.)
func TestAdversarialMemoryLinear(t *testing.T) {
	perByte := func(src []byte, f Format) float64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := ParseAs(bytes.NewReader(src), f); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(len(src))
	}
	for _, a := range adversarial {
		n := max(a.base/10, 500)
		small, large := perByte(a.make(n), a.format), perByte(a.make(4*n), a.format)
		if large > 1.5*small+8 {
			t.Errorf("%s: %.1f bytes allocated per input byte at 4×, %.1f at 1×: growing with the size", a.name, large, small)
		}
	}
}
