package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearch: any query, in any script, returns hits whose spans lie inside their segment on character
// boundaries, and never panics or hangs.
func FuzzSearch(f *testing.F) {
	texts := []string{"馬斯克的 Neuralink 跟 Optimus", "陽竿菊 Saint-Oléan的", "C++ (and) friends 😀", "Lex Freeman 訪談", ""}
	ix := NewIndex(texts)
	for _, q := range []string{"馬斯克", "马斯克 neuralink", `"Lex Freeman"`, "陽肝菊", "Fridman", "(", "C++", "「", "\"", "😀", "ＮＶＩＤＩＡ"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, h := range ix.Search(q, Options{}) {
			text := texts[h.Segment]
			for _, s := range h.Spans {
				if s.Start < 0 || s.End > len(text) || s.Start >= s.End || !utf8.ValidString(text[s.Start:s.End]) {
					t.Fatalf("Search(%q) span %v in %q", q, s, text)
				}
			}
		}
	})
}

// FuzzParseDict: a dictionary file either parses, and cuts any text into spans that cover it in order,
// or fails with a message.
func FuzzParseDict(f *testing.F) {
	f.Add("機器人 50\n機器 80\n人 500\n", "馬斯克說Tesla的人形機器人")
	f.Add("# c\n\na 1\n", "abc 一二三")
	f.Fuzz(func(t *testing.T, data, text string) {
		d, err := ParseDict(data)
		if err != nil {
			return
		}
		at := 0
		for _, s := range d.CutSpans(text) {
			if s.Start < at || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("CutSpans(%q) span %v after %d", text, s, at)
			}
			if strings.TrimSpace(text[at:s.Start]) != "" {
				t.Fatalf("CutSpans(%q) skipped %q", text, text[at:s.Start])
			}
			at = s.End
		}
	})
}
