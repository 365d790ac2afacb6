package spell

import (
	"fmt"
	"math/rand/v2"

	"strings"
	"testing"

	"tingo/app/internal/sample"
	"tingo/app/transcript"
)

// BenchmarkApplySample: the sample's spellings file applied to the sample (no dictionary: the matching
// alone).
func BenchmarkApplySample(b *testing.B) {
	l, err := Parse(strings.NewReader(sampleFile), "s")
	if err != nil {
		b.Fatal(err)
	}
	tr, err := sample.Transcript()
	if err != nil {
		b.Fatal(err)
	}
	segs := tr.Segments
	b.SetBytes(int64(len(segs) * 1000))
	for b.Loop() {
		t := &transcript.Transcript{Segments: append([]transcript.Segment(nil), segs...)}
		l.Apply(t, dict)
	}
}

// BenchmarkAdversarialApply: one segment of n near-misses of a name and n hits (陽肝 陽肝菊 …), timed word
// by word, with a hundred-line spellings file, at 1×, 2× and 4×: the cost grows about linearly.
func BenchmarkAdversarialApply(b *testing.B) {
	var file strings.Builder
	for i := range 100 {
		fmt.Fprintf(&file, "名字%d\t錯字%d號\t錯子%d號\n", i, i, i)
	}
	file.WriteString(sampleFile)
	l, err := Parse(strings.NewReader(file.String()), "s")
	if err != nil {
		b.Fatal(err)
	}
	for _, scale := range []int{1, 2, 4} {
		n := 20000 * scale
		words := make([]transcript.Word, 0, 2*n)
		for i := range n {
			words = append(words, transcript.Word{Start: 0, Text: "陽肝"}, transcript.Word{Start: 0, Text: "陽肝菊"})
			_ = i
		}
		var tb strings.Builder
		for _, w := range words {
			tb.WriteString(w.Text + " ")
		}
		text := tb.String()
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				t := &transcript.Transcript{Segments: []transcript.Segment{{Text: text, Words: words}}}
				l.Apply(t, dict)
			}
		})
	}
}

// BenchmarkAdversarialSuggest: n distinct English words of seven letters (each within the similar
// tier's distance of many others) and a long run of Chinese, at 1×, 2× and 4×: no pair of words is
// compared unless they share a deletion, so the cost grows about linearly.
func BenchmarkAdversarialSuggest(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	han := []rune("陽肝菊科技浪狼量人形型行機器")
	for _, scale := range []int{1, 2, 4} {
		n := 5000 * scale
		var texts []string
		var tb strings.Builder
		for i := range n {
			w := make([]byte, 7)
			for k := range w {
				w[k] = "abcde"[r.IntN(5)]
			}
			tb.WriteString(string(w) + " ")
			if i%50 == 49 {
				for range 200 {
					tb.WriteRune(han[r.IntN(len(han))])
				}
				texts = append(texts, tb.String())
				tb.Reset()
			}
		}
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			for b.Loop() {
				Suggest(texts, Lexicon{})
			}
		})
	}
}
