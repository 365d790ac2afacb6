package spell

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tingo/app/search"
	"tingo/app/transcript"
)

// known is a small dictionary, folded: what gse says of these words.
func known(words ...string) Known {
	m := map[string]bool{}
	for _, w := range words {
		m[search.FoldString(w)] = true
	}
	return func(f string) bool { return m[f] }
}

var dict = known("浪潮", "科技", "個人", "機器人", "人形", "人行", "人行道", "人性", "做人", "衡陽", "控油")

const sampleFile = "# the sample's names\n洋甘菊\t陽肝菊\t陽竿菊\t羊肝菊\n科技浪\t科技狼\t科技量\nLex Fridman | Lex Freeman\n人形機器人\t人型機器人\t人行機器人\t人性機器人\n@哈利\tSPEAKER_1\n"

func parse(t *testing.T, s string) *List {
	t.Helper()
	l, err := Parse(strings.NewReader(s), "spellings.txt")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func fixed(t *testing.T, l *List, text string) (string, []transcript.Fix) {
	t.Helper()
	tr := &transcript.Transcript{Segments: []transcript.Segment{{Text: text}}}
	l.Apply(tr, dict)
	return tr.Segments[0].Text, tr.Segments[0].Fixes
}

func TestApply(t *testing.T) {
	l := parse(t, sampleFile)
	for _, c := range []struct{ in, want string }{
		{"淨平衡陽竿菊淨化液", "淨平衡洋甘菊淨化液"}, // 衡陽 crosses the start but leaves 竿菊, no word
		{"有機陽肝菊萃取 跟羊肝菊", "有機洋甘菊萃取 跟洋甘菊"},
		{"歡迎收聽科技浪 科技狼的聽眾 科技量是", "歡迎收聽科技浪 科技浪的聽眾 科技浪是"},
		{"一個人型機器人", "一個人形機器人"}, // 個人 leaves 型機器人: not a word, the match stands
		{"做人行機器人", "做人形機器人"},
		{"那人性機器人", "那人形機器人"},
		{"人性本善", "人性本善"}, // not listed alone
		{"访谈 Lex Freeman 的", "访谈 Lex Fridman 的"},
		{"lex freeman said", "Lex Fridman said"}, // case folded
		{"Lex Freemans", "Lex Freemans"},         // a longer Latin word
		{"XLex Freeman", "XLex Freeman"},
		{"阳肝菊", "洋甘菊"}, // Simplified is folded too
		{"ｌｅｘ　ｆｒｅｅｍａｎ", "Lex Fridman"},
	} {
		if got, _ := fixed(t, l, c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
	// 科技浪潮 reads 科技 + 浪潮: a wrong spelling 科技浪 (listed for another show) is not rewritten there.
	l2 := parse(t, "科技狼\t科技浪\n")
	for in, want := range map[string]string{"科技浪潮來了": "科技浪潮來了", "科技浪的聽眾": "科技狼的聽眾"} {
		if got, _ := fixed(t, l2, in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	// 人行 in 人行道 is inside a longer word.
	if got, _ := fixed(t, parse(t, "人形\t人行\n"), "走人行道"); got != "走人行道" {
		t.Errorf("人行道: got %q", got)
	}
}

func TestFixesKeepTheOriginal(t *testing.T) {
	l := parse(t, sampleFile)
	text, fixes := fixed(t, l, "用陽竿菊和 Lex Freeman")
	if text != "用洋甘菊和 Lex Fridman" || len(fixes) != 2 {
		t.Fatalf("got %q %v", text, fixes)
	}
	for i, want := range [][2]string{{"洋甘菊", "陽竿菊"}, {"Lex Fridman", "Lex Freeman"}} {
		f := fixes[i]
		if text[f.Start:f.End] != want[0] || f.Was != want[1] {
			t.Errorf("fix %d: %q was %q, want %q was %q", i, text[f.Start:f.End], f.Was, want[0], want[1])
		}
	}
}

func TestWordsKeepTheirTimes(t *testing.T) {
	l := parse(t, sampleFile)
	s := func(d int) time.Duration { return time.Duration(d) * time.Second }
	w := func(a, b int, text string) transcript.Word {
		return transcript.Word{Start: s(a), End: s(b), Text: text}
	}
	tr := &transcript.Transcript{Segments: []transcript.Segment{{Text: "I met Lex Freeman today", Speaker: "SPEAKER_1",
		Words: []transcript.Word{w(1, 2, "I"), w(2, 3, "met"), w(3, 4, "Lex"), w(4, 5, "Freeman"), w(5, 6, "today")}}}}
	c := l.Apply(tr, dict)
	seg := tr.Segments[0]
	want := []transcript.Word{w(1, 2, "I"), w(2, 3, "met"), w(3, 5, "Lex Fridman"), w(5, 6, "today")}
	if seg.Text != "I met Lex Fridman today" || len(seg.Words) != len(want) {
		t.Fatalf("got %q %v", seg.Text, seg.Words)
	}
	for i := range want {
		if seg.Words[i] != want[i] {
			t.Errorf("word %d: %v, want %v", i, seg.Words[i], want[i])
		}
	}
	if seg.Speaker != "哈利" || c.Fixes["Lex Fridman"] != 1 || c.Speakers["哈利"] != 1 {
		t.Errorf("speaker %q, counts %v", seg.Speaker, c)
	}
	// Every word is still found in order in the text (what the page's word times are built from).
	for i, off := range transcript.WordOffsets(seg.Text, seg.Words) {
		if off < 0 {
			t.Errorf("word %d %q not in %q", i, seg.Words[i].Text, seg.Text)
		}
	}
	// Chinese words a character each: the fix's characters join its first.
	tr = &transcript.Transcript{Segments: []transcript.Segment{{Text: "用陽竿菊",
		Words: []transcript.Word{w(1, 2, "用"), w(2, 3, "陽"), w(3, 4, "竿"), w(4, 5, "菊")}}}}
	l.Apply(tr, dict)
	if ws := tr.Segments[0].Words; len(ws) != 2 || ws[1] != w(2, 5, "洋甘菊") {
		t.Errorf("got %v", ws)
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		"洋甘菊\n":                "spellings.txt:1: \"洋甘菊\" has no wrong spelling",
		"# c\n\n洋甘菊\t洋甘菊\n":    "spellings.txt:3: \"洋甘菊\" differs from \"洋甘菊\" only in script",
		"洋甘菊\t陽肝菊\n洋甘菊\t羊肝菊\n": "spellings.txt:2: \"洋甘菊\" has a line already (line 1)",
		"洋甘菊\t陽肝菊\n陽竿菊\t陽肝菊\n": "spellings.txt:2: \"陽肝菊\" is given already on line 1",
		"洋甘菊\t陽肝菊\n陽肝菊\t羊肝菊\n": "spellings.txt:2: \"陽肝菊\" is given as a wrong spelling on line 1",
		"洋甘菊\t陽肝菊\n羊肝菊\t洋甘菊\n": "spellings.txt:2: \"洋甘菊\" is the right spelling on line 1",
		"浪\t狼\n":                   "spellings.txt:1: \"狼\" is too short",
		"@\tSPEAKER_1\n":           "spellings.txt:1: a speaker line is @NAME",
		"@哈利\n":                    "spellings.txt:1: a speaker line is @NAME",
		"ok\tfine\n\xff\xfe\tx\n":  "spellings.txt:2: not UTF-8 text",
		strings.Repeat("a", 70000): "spellings.txt:1: a line over 64 KiB",
	} {
		_, err := Parse(strings.NewReader(in), "spellings.txt")
		var e *Error
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%.30q: got %v, want %s…", in, err, want)
		} else if !errors.As(err, &e) {
			t.Errorf("%.30q: %T is not an *Error", in, err)
		}
	}
	l := parse(t, "\uFEFF# names\nSaint-Oléan | Sahoria Saint Olean\n@Harry\tSPEAKER_1\tSpeaker 1\n")
	if len(l.Names) != 1 || l.Names[0].Right != "Saint-Oléan" || l.Names[0].Wrong[0] != "Sahoria Saint Olean" || l.Names[0].Line != 2 ||
		len(l.Speakers) != 1 || len(l.Speakers[0].Labels) != 2 {
		t.Errorf("got %+v", l)
	}
}

func FuzzApply(f *testing.F) {
	f.Add(sampleFile, "淨平衡陽竿菊淨化液 Lex Freeman 科技浪潮")
	f.Add("ab\tcd|ef\n", "cdcd efab")
	f.Fuzz(func(t *testing.T, file, text string) {
		l, err := Parse(strings.NewReader(file), "f")
		if err != nil {
			return
		}
		words := strings.Fields(text)
		ws := make([]transcript.Word, len(words))
		for i, w := range words {
			ws[i] = transcript.Word{Start: time.Duration(i), Text: w}
		}
		tr := &transcript.Transcript{Segments: []transcript.Segment{{Text: text, Words: ws}}}
		l.Apply(tr, dict)
		s := tr.Segments[0]
		at := 0
		for _, fx := range s.Fixes {
			if fx.Start < at || fx.End < fx.Start || fx.End > len(s.Text) {
				t.Fatalf("fix %v out of order in %q", fx, s.Text)
			}
			at = fx.End
		}
		for i := 1; i < len(s.Words); i++ {
			if s.Words[i].Start < s.Words[i-1].Start {
				t.Fatalf("word times out of order: %v", s.Words)
			}
		}
		// Nothing lost: undoing every fix gives the text back.
		var b strings.Builder
		at = 0
		for _, fx := range s.Fixes {
			b.WriteString(s.Text[at:fx.Start] + fx.Was)
			at = fx.End
		}
		if b.WriteString(s.Text[at:]); b.String() != text {
			t.Fatalf("undone %q, was %q", b.String(), text)
		}
	})
}
