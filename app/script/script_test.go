package script

import (
	"os"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func table(t testing.TB, name string) *Table {
	t.Helper()
	b, err := os.ReadFile("../../web/script/" + name)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := Load(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestConvert(t *testing.T) {
	t2s, s2t := table(t, "t2s.txt"), table(t, "s2t.txt")
	for _, c := range []struct {
		tb       *Table
		in, want string
	}{
		{t2s, "頭髮和發展", "头发和发展"},
		{s2t, "头发和发展", "頭髮和發展"},     // 发 is 髮 in one word and 發 in the other: phrases decide
		{s2t, "干净的若干问题", "乾淨的若干問題"}, // 干 three ways
		{s2t, "一个伪装的理由", "一個偽裝的理由"}, // Taiwan's 偽, not 僞
		{s2t, "内存不够", "內存不夠"},       // the speaker's word kept: no 記憶體
		{t2s, "人形機器人 Optimus 的馬斯克", "人形机器人 Optimus 的马斯克"},
		{t2s, "English only, 123.", "English only, 123."},
		{s2t, "", ""},
	} {
		if got := c.tb.Convert(c.in); got != c.want {
			t.Errorf("Convert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var zero *Table
	if zero.Convert("頭髮") != "頭髮" || (&Table{}).Convert("頭髮") != "頭髮" {
		t.Error("an empty table changed text")
	}
}

// TestConvertKeepsOffsets converts the sample both ways and checks every conversion keeps the text's
// length in bytes and in UTF-16 units, character by character: word times and marks address both.
func TestConvertKeepsOffsets(t *testing.T) {
	t2s, s2t := table(t, "t2s.txt"), table(t, "s2t.txt")
	b, err := os.ReadFile("../../testdata/kejilang-episode.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	simp := t2s.Convert(text)
	back := s2t.Convert(simp)
	changed := 0
	for _, s := range []string{simp, back} {
		if len(s) != len(text) {
			t.Fatalf("length %d, want %d", len(s), len(text))
		}
		a, z := []rune(text), []rune(s)
		if len(a) != len(z) {
			t.Fatalf("%d runes, want %d", len(z), len(a))
		}
		for i := range a {
			if len(string(a[i])) != len(string(z[i])) || len(utf16.Encode(a[i:i+1])) != len(utf16.Encode(z[i:i+1])) {
				t.Fatalf("rune %d: %q became %q", i, a[i], z[i])
			}
			if a[i] != z[i] {
				changed++
			}
		}
	}
	if changed < 1000 || simp == text {
		t.Errorf("only %d characters changed: the tables did nothing", changed)
	}
	// Round trip: a Traditional text converted to Simplified and back is the text, but where Simplified
	// merged characters the phrase tables cannot tell apart again. Count them.
	diff := 0
	ra, rb := []rune(text), []rune(back)
	for i := range ra {
		if ra[i] != rb[i] {
			diff++
		}
	}
	t.Logf("the sample: %d characters, %d changed to Simplified and back; %d differ after the round trip", len(ra), changed, diff)
	if float64(diff) > 0.01*float64(len(ra)) {
		t.Errorf("%d of %d characters differ after a round trip", diff, len(ra))
	}
}

func TestLoadRejects(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"頭髮 头发\n發展\n", "x.txt:2: want"},
		{"內存 記憶體\n", "x.txt:1: \"內存\" and \"記憶體\" differ in length"},
		{"a b c\n", "x.txt:1: want"},
		{"𠁞 丢\n", "differ in length"},
	} {
		_, err := Load("x.txt", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%q) = %v, want %q", c.in, err, c.want)
		}
	}
	tb, err := Load("x.txt", []byte("# comment\n\n頭髮 头发\n"))
	if err != nil || tb.Len() != 1 {
		t.Errorf("Load with a comment: %v, %d entries", err, tb.Len())
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Script{"hant": Traditional, "HANS": Simplified, "": AsWritten, "orig": AsWritten} {
		if got, ok := Parse(in); got != want || !ok {
			t.Errorf("Parse(%q) = %q, %v", in, got, ok)
		}
	}
	if got, ok := Parse("klingon"); got != AsWritten || ok {
		t.Errorf("Parse(klingon) = %q, %v", got, ok)
	}
}

// plainConvert is Convert the slow, obvious way, from the maps alone: at each place every phrase length
// from the longest down, then the character. Convert's index must give the same.
func plainConvert(t *Table, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		matched := false
		for n := maxPhrase; n > 1 && !matched; n-- {
			end, k := i, 0
			for ; end < len(s) && k < n; k++ {
				_, sz := utf8.DecodeRuneInString(s[end:])
				end += sz
			}
			if k == n {
				if to, ok := t.phrases[s[i:end]]; ok {
					b.WriteString(to)
					i, matched = end, true
				}
			}
		}
		if matched {
			continue
		}
		if c, ok := t.chars[r]; ok {
			b.WriteRune(c)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func TestConvertAsThePlainWay(t *testing.T) {
	data, err := os.ReadFile("../../testdata/kejilang-episode.txt")
	if err != nil {
		t.Fatal(err)
	}
	t2s, s2t := table(t, "t2s.txt"), table(t, "s2t.txt")
	simplified := t2s.Convert(string(data))
	for _, c := range []struct {
		tb   *Table
		text string
	}{{t2s, string(data)}, {s2t, simplified}} {
		if got, want := c.tb.Convert(c.text), plainConvert(c.tb, c.text); got != want {
			t.Fatalf("Convert differs from the plain way at byte %d", firstDiff(got, want))
		}
	}
	// Entries outside the ideographs' index, and a phrase as long as allowed.
	long := strings.Repeat("發", maxPhrase)
	tb, err := Load("odd.txt", []byte("a b\n𠀋 𠀌\n"+long+" "+strings.Repeat("发", maxPhrase)+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"a𠀋發" + long + "發", "xyz", long[3:]} {
		if got, want := tb.Convert(s), plainConvert(tb, s); got != want {
			t.Errorf("Convert(%q) = %q, want %q", s, got, want)
		}
	}
	if _, err := Load("odd.txt", []byte(long+"發 "+strings.Repeat("发", maxPhrase+1)+"\n")); err == nil {
		t.Error("a phrase longer than maxPhrase loaded")
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func FuzzConvert(f *testing.F) {
	t2s, s2t := table(f, "t2s.txt"), table(f, "s2t.txt")
	f.Add("頭髮和發展 hello")
	f.Add("干净\xff的")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tb := range []*Table{t2s, s2t} {
			got := tb.Convert(s)
			if len(got) != len(s) {
				t.Fatalf("Convert(%q) = %q: length %d, want %d", s, got, len(got), len(s))
			}
			if want := plainConvert(tb, s); got != want {
				t.Fatalf("Convert(%q) = %q, the plain way %q", s, got, want)
			}
		}
	})
}

func BenchmarkConvert(b *testing.B) {
	t2s := table(b, "t2s.txt")
	data, _ := os.ReadFile("../../testdata/kejilang-episode.txt")
	for _, n := range []int{1, 2, 4} {
		text := strings.Repeat(string(data), n)
		b.Run(strings.Repeat("x", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				t2s.Convert(text)
			}
		})
	}
}
