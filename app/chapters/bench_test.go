package chapters

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tingo/app/transcript"
)

// BenchmarkAdversarialChapterPlace: one huge segment (n words, no word times) with a chapter every 100 words,
// at 1×, 2× and 4×: the cost must grow about linearly (each split reads the rest of the segment, at most
// maxSplits times a segment).
func BenchmarkAdversarialChapterPlace(b *testing.B) {
	for _, scale := range []int{1, 2, 4} {
		n := 100000 * scale
		text := strings.TrimSpace(strings.Repeat("word ", n))
		end := time.Duration(n) * 300 * time.Millisecond
		tr := &transcript.Transcript{Segments: []transcript.Segment{{Start: 0, End: end, Text: text}}}
		var chs []Chapter
		for i := 1; i < n/100 && len(chs) < MaxChapters; i++ {
			chs = append(chs, Chapter{Start: end * time.Duration(i) / time.Duration(n/100), Title: "c"})
		}
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Place(tr, chs)
			}
		})
	}
}

// BenchmarkSuggestSample: suggesting chapters for the 62-minute sample (the dictionary loaded before).
func BenchmarkSuggestSample(b *testing.B) {
	tr := loadSample(b)
	lex := lexicon(b)
	for b.Loop() {
		Suggest(tr, lex, SuggestOptions{})
	}
}
