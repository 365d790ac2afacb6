package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tingo/app/transcript"
	"tingo/app/ui/page"
)

// BenchmarkAdversarialRender renders a segment whose n word times name words its text does not hold (a
// Whisper file edited by hand): once quadratic, now linear; 1×, 2×, 4×.
func BenchmarkAdversarialRender(b *testing.B) {
	for _, word := range []string{"nowhere", "a z"} {
		for _, k := range []int{1, 2, 4} {
			n := 100000 * k
			seg := transcript.Segment{End: time.Duration(n) * 100 * time.Millisecond, Text: strings.Repeat("the text holds other words ", n/4)}
			seg.Words = make([]transcript.Word, n)
			for i := range seg.Words {
				seg.Words[i] = transcript.Word{Start: time.Duration(i) * 100 * time.Millisecond, Text: word}
			}
			tr := &transcript.Transcript{Segments: []transcript.Segment{seg}}
			b.Run(fmt.Sprintf("%s/%dx", strings.ReplaceAll(word, " ", "-"), k), func(b *testing.B) {
				for b.Loop() {
					TranscriptHTML(tr, "en")
				}
			})
		}
	}
}

func TestWordOffsetsOnlyFoundWords(t *testing.T) {
	seg := transcript.Segment{Text: "我們 今天 聊 AI", Words: []transcript.Word{{Text: "我們", Start: time.Second}, {Text: "不在", Start: 2 * time.Second}, {Text: "今天", Start: 3 * time.Second}, {Text: "AI", Start: 4 * time.Second}}}
	if got, want := page.Words(seg), "0:1 3:3 8:4"; got != want {
		t.Errorf("page.Words(%q) = %q, want %q", seg.Text, got, want)
	}
}
