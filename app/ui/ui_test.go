package ui

import (
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"tingo/app/script"
	"tingo/app/search"
	"tingo/app/transcript"
)

func TestParseTimeParam(t *testing.T) {
	tests := []struct {
		in   string
		want TimeRange
		ok   bool
	}{
		{"90", TimeRange{90, 0}, true},
		{"90.5", TimeRange{90.5, 0}, true},
		{"1:30", TimeRange{90, 0}, true},
		{"1:02:03.5", TimeRange{3723.5, 0}, true},
		{"npt:90", TimeRange{90, 0}, true},
		{"90,120", TimeRange{90, 120}, true},
		{",120", TimeRange{0, 120}, true},
		{"1m30s", TimeRange{90, 0}, true},
		{"1h", TimeRange{3600, 0}, true},
		{"120,90", TimeRange{}, false},
		{"1:60", TimeRange{}, false},
		{"", TimeRange{}, false},
		{"abc", TimeRange{}, false},
		{"-5", TimeRange{}, false},
		{"NaN", TimeRange{}, false},
		{"1e99", TimeRange{}, false},
		{"1:2:3:4", TimeRange{}, false},
	}
	for _, tc := range tests {
		got, ok := ParseTimeParam(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParseTimeParam(%q) = %v, %v, want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	for raw, want := range map[string]float64{
		"http://x/#t=90": 90, "http://x/?t=1:30": 90, "http://x/?a=1#x=2&t=5": 5, "http://x/?t=7#t=9": 9,
	} {
		u, _ := url.Parse(raw)
		got, ok := LinkTarget(u)
		if !ok || got.Start != want {
			t.Errorf("LinkTarget(%s) = %v, %v, want %v", raw, got, ok, want)
		}
	}
	u, _ := url.Parse("http://x/#intro")
	if _, ok := LinkTarget(u); ok {
		t.Error("LinkTarget(#intro) found a time")
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com/a.mp3": true, "http://example.com/a.mp3": true, "blob:http://x/1234": true,
		"/media/a.mp3": true, "a.mp3": true, "../a.vtt": true, "//cdn.example/a.mp3": true,
		"javascript:alert(1)": false, "JavaScript:alert(1)": false, " javascript:alert(1)": false,
		"java\tscript:alert(1)": false, "data:audio/mp3;base64,AAAA": false, "file:///etc/passwd": false,
		"vbscript:x": false, "": false, "a:b": false,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestTranscriptHTMLEscapes(t *testing.T) {
	tr := &transcript.Transcript{Segments: []transcript.Segment{
		{Start: 62500 * time.Millisecond, End: 70 * time.Second, Speaker: `<b onclick="x">`, Text: `<script>alert("x")</script> & 'q'`},
		{Start: 70 * time.Second, End: 72 * time.Second, Speaker: `<b onclick="x">`, Text: "一二 three",
			Words: []transcript.Word{{Start: 70 * time.Second, Text: "一二"}, {Start: 71 * time.Second, Text: "three"}}},
	}}
	html := TranscriptHTML(tr, `zh"Hant`)
	for _, bad := range []string{"<script", "<b ", `onclick="`, `zh"Hant`} {
		if strings.Contains(html, bad) {
			t.Errorf("TranscriptHTML leaves %q unescaped:\n%s", bad, html)
		}
	}
	for _, want := range []string{`id="t=62.5"`, `data-start="62.5"`, `data-end="70"`, `href="#t=62.5">1:02</a>`,
		`&lt;script&gt;`, `data-w="0:70 3:71"`} {
		if !strings.Contains(html, want) {
			t.Errorf("TranscriptHTML lacks %q:\n%s", want, html)
		}
	}
	// The speaker is named where a turn starts, not again.
	if strings.Count(html, `class="spk"`) != 1 {
		t.Errorf("speaker named %d times, want 1", strings.Count(html, `class="spk"`))
	}
}

func TestTimeline(t *testing.T) {
	tl := newTimeline("一二三四 abcd", 10, 20, nil)
	if got := tl.TimeAt(0); got != 10 {
		t.Errorf("TimeAt(0) = %v", got)
	}
	if got := tl.TimeAt(len(tl.units)); got != 20 {
		t.Errorf("TimeAt(end) = %v", got)
	}
	// Chinese characters take longer than Latin letters: "abcd" is shorter than "一二三四".
	if a, b := tl.TimeAt(4)-tl.TimeAt(0), tl.TimeAt(9)-tl.TimeAt(5); a <= b {
		t.Errorf("4 Chinese characters %v s, 4 letters %v s", a, b)
	}
	for off := 0; off < len(tl.units); off++ {
		if got := tl.OffsetAt(tl.TimeAt(off) + 1e-9); got != off {
			t.Errorf("OffsetAt(TimeAt(%d)) = %d", off, got)
		}
	}
	if from, to := tl.WordAt(6); from != 5 || to != 9 {
		t.Errorf("WordAt(6) = %d, %d, want the word abcd (5, 9)", from, to)
	}
	if from, to := tl.WordAt(1); from != 1 || to != 2 {
		t.Errorf("WordAt(1) = %d, %d, want one character", from, to)
	}
	// Real word times win over estimates.
	wt := newTimeline("one two three", 0, 9, []wordAt{{0, 0}, {4, 5}, {8, 6}})
	if got := wt.TimeAt(5); got != 5 {
		t.Errorf("word TimeAt(5) = %v, want 5", got)
	}
	if got := wt.OffsetAt(5.5); got != 4 {
		t.Errorf("word OffsetAt(5.5) = %v, want 4", got)
	}
	if from, to := wt.WordAt(9); from != 8 || to != 13 {
		t.Errorf("word WordAt(9) = %d, %d", from, to)
	}
	// Emoji (surrogate pairs) and an empty text do not break it.
	e := newTimeline("😀a", 0, 1, nil)
	if from, to := e.WordAt(0); from != 0 || to != 2 {
		t.Errorf("emoji WordAt(0) = %d, %d", from, to)
	}
	if got := newTimeline("", 3, 4, nil).OffsetAt(3.5); got != 0 || math.IsNaN(newTimeline("", 3, 3, nil).TimeAt(0)) {
		t.Errorf("empty timeline OffsetAt = %d", got)
	}
}

func TestPickLang(t *testing.T) {
	for in, want := range map[string]string{"zh-TW": "zh-Hant", "zh-Hant-HK": "zh-Hant", "zh-CN": "zh-Hans", "zh": "zh-Hans", "en-US": "en", "fr": "en"} {
		if got := PickLang([]string{in}); got != want {
			t.Errorf("PickLang(%q) = %q, want %q", in, got, want)
		}
	}
	if got := PickLang([]string{"fr", "zh-TW", "en"}); got != "zh-Hant" {
		t.Errorf("PickLang(fr, zh-TW, en) = %q", got)
	}
	for _, lang := range []string{"en", "zh-Hant", "zh-Hans"} {
		for m := msg(0); m < msgCount; m++ {
			if messages[lang][m] == "" {
				t.Errorf("%s lacks message %d", lang, m)
			}
		}
	}
}

func TestShareLinkAndQuote(t *testing.T) {
	u, _ := url.Parse("http://x/ep?t=5&a=1#t=9")
	for _, c := range []struct {
		at, end float64
		want    string
	}{
		{62.04, 0, "http://x/ep?a=1#t=62"},
		{62.04, 65.26, "http://x/ep?a=1#t=62,65.3"}, // a selection: its range
		{62.04, 62.01, "http://x/ep?a=1#t=62"},      // inside one word: its start
		{62.04, 50, "http://x/ep?a=1#t=62"},         // never backwards
	} {
		if got := ShareLink(u, c.at, c.end); got != c.want {
			t.Errorf("ShareLink(%v, %v) = %q, want %q", c.at, c.end, got, c.want)
		}
	}
	if got := Quote("  hello\n world ", "Ep", 62, "L"); got != "“hello world” — Ep (1:02) L" {
		t.Errorf("Quote = %q", got)
	}
	if got := Quote("你好", "", 3725, ""); got != "“你好” (1:02:05)" {
		t.Errorf("Quote without title and link = %q", got)
	}
	if got := MetaSafe(`a"b\c`); strings.ContainsAny(got, `"\`) {
		t.Errorf("MetaSafe = %q", got)
	}
}

func TestGuessLang(t *testing.T) {
	mk := func(s string) *transcript.Transcript {
		return &transcript.Transcript{Segments: []transcript.Segment{{Text: s}}}
	}
	for in, want := range map[string]string{"我們這個會來說": "zh-Hant", "我们这个会来说": "zh-Hans", "hello there": "en"} {
		if got := GuessLang(mk(in)); got != want {
			t.Errorf("GuessLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTermsHTML(t *testing.T) {
	html := TermsHTML([]search.Term{{Text: `<b>"x"`, Count: 3}, {Text: "馬斯克", Count: 59, Page: `../names/"馬斯克/`}}, `a"b`, "en")
	for _, bad := range []string{"<b>", `"x"`, `a"b`} {
		if strings.Contains(html, bad) {
			t.Errorf("TermsHTML leaves %q unescaped: %s", bad, html)
		}
	}
	if !strings.Contains(html, `data-q="馬斯克">馬斯克 <span class="n">59</span>`) {
		t.Errorf("TermsHTML = %s", html)
	}
	if TermsHTML(nil, "x", "en") != "" {
		t.Error("TermsHTML(nil) is not empty")
	}
}

// The library waits for a pause only while a query is typed letter by letter: a whole word at once is
// searched at once.
func TestOneLetterApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"F", "", true}, {"Fr", "F", true}, {"F", "Fr", true}, {"馬斯", "馬", true},
		{"馬斯克", "", false}, {"馬斯克", "馬", false}, {"Fridman", "Frid", false}, {"ab", "ac", false}, {"", "", false}, {"x", "x", false},
	} {
		if got := oneLetterApart(c.a, c.b); got != c.want {
			t.Errorf("oneLetterApart(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestPickScript(t *testing.T) {
	for _, c := range []struct {
		inLink       bool
		link, stored string
		langs        []string
		want         script.Script
	}{
		{false, "", "", []string{"en-US"}, script.AsWritten},
		{false, "", "", []string{"zh-CN", "en"}, script.Simplified},
		{false, "", "", []string{"zh-TW"}, script.Traditional},
		{false, "", "hans", []string{"zh-TW"}, script.Simplified}, // the reader's choice over their languages
		{false, "", "orig", []string{"zh-CN"}, script.AsWritten},  // as written, chosen
		{true, "hant", "hans", []string{"zh-CN"}, script.Traditional},
		{true, "nonsense", "hans", nil, script.Simplified}, // a link naming no script is not obeyed
		{false, "", "nonsense", []string{"zh-HK"}, script.Traditional},
	} {
		if got := pickScript(c.inLink, c.link, c.stored, c.langs); got != c.want {
			t.Errorf("pickScript(%v, %q, %q, %v) = %q, want %q", c.inLink, c.link, c.stored, c.langs, got, c.want)
		}
	}
	for lang, want := range map[string]script.Script{"zh-Hant": script.Traditional, "zh-Hans": script.Simplified, "en": script.AsWritten, "": script.AsWritten} {
		if got := writtenScript(lang); got != want {
			t.Errorf("writtenScript(%q) = %q, want %q", lang, got, want)
		}
	}
}
