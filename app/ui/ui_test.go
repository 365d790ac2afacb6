package ui

import (
	"strings"
	"testing"
	"time"

	"tingo/app/script"
	"tingo/app/search"
	"tingo/app/transcript"
	"tingo/app/ui/page"
)

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
	// The page contract's names: what the shell and web/early.js look for.
	for _, want := range []string{`id="` + page.Transcript + `"`, `class="` + page.Seg + `"`, `class="` + page.Tx + `"`, `class="` + page.Ts + `"`,
		page.DataI + `="1"`, page.DataStart + `="70"`, page.DataEnd + `="72"`, page.DataW + `="`} {
		if !strings.Contains(html, want) {
			t.Errorf("TranscriptHTML lacks the contract's %q", want)
		}
	}
	if w := page.ParseWords("0:70 3:71 x:1 4:y"); len(w) != 2 || w[1].Off != 3 || w[1].T != 71 {
		t.Errorf("ParseWords = %v", w)
	}
	// The speaker is named where a turn starts, not again.
	if strings.Count(html, `class="`+page.Spk+`"`) != 1 {
		t.Errorf("speaker named %d times, want 1", strings.Count(html, `class="spk"`))
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

func TestMetaSafe(t *testing.T) {
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
