package ui

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"tingo/app/transcript"
	"tingo/app/ui/readalong"
)

// web/early.js reads the prerendered page along before app.wasm arrives: its estimate of when a clicked
// character is said, its reading of t= links and its choice of language must be the app's. The script's
// pure functions run here in Node (module.exports) against the Go ones, on every segment of the sample.

func runEarly(t *testing.T, program string, in any) json.RawMessage {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("TINGO_ENGINES") == "required" {
			t.Fatal("node is missing: web/early.js cannot be checked")
		}
		t.Skip("node is missing: web/early.js not checked")
	}
	script, _ := filepath.Abs(filepath.Join("..", "..", "web", "early.js"))
	data, _ := json.Marshal(in)
	cmd := exec.Command(node, "-e", `const e = require(process.argv[1]); const input = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(JSON.stringify(`+program+`))`, script)
	cmd.Stdin = strings.NewReader(string(data))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	return out
}

func TestEarlyTimeAtIsTheApps(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "kejilang-episode.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, _, err := transcript.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	type q struct {
		Text       string
		Start, End float64
		W          string
		Off        int
	}
	var qs []q
	var want []float64
	add := func(text string, start, end float64, w string, words []readalong.Word) {
		n := len(utf16.Encode([]rune(text)))
		tl := readalong.NewTimeline(text, start, end, words)
		for _, off := range []int{0, 1, n / 3, n / 2, n - 1, n, n + 5} {
			qs = append(qs, q{text, start, end, w, off})
			want = append(want, tl.TimeAt(off))
		}
	}
	for _, s := range tr.Segments {
		add(s.Text, s.Start.Seconds(), s.End.Seconds(), "", nil)
	}
	add("Hello 世界, ｆｕｌｌ 𠀀 한국어 ¿qué?", 3, 9, "", nil)
	add("one two three", 10, 13, "0:10 4:11.5 8:12.25", []readalong.Word{{Off: 0, T: 10}, {Off: 4, T: 11.5}, {Off: 8, T: 12.25}})
	var got []float64
	json.Unmarshal(runEarly(t, `input.map(q => e.timeAt(q.Text, q.Start, q.End, q.W, q.Off))`, qs), &got)
	if len(got) != len(want) {
		t.Fatalf("%d answers for %d questions", len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			t.Errorf("timeAt(%.20q…, %v, %v, %q, %d) = %v, the app says %v", qs[i].Text, qs[i].Start, qs[i].End, qs[i].W, qs[i].Off, got[i], want[i])
		}
	}
}

func TestEarlyLinksAndLanguageAreTheApps(t *testing.T) {
	ins := []string{"90", "90.5", "1:30", "1:02:03.5", "npt:90", "90,120", ",120", "1m30s", "1h", "120,90", "1:60",
		"", "abc", "-5", "NaN", "1e99", "1:2:3:4", "0", "10,", "5,5", "01:05"}
	var got [][]float64
	json.Unmarshal(runEarly(t, `input.map(v => e.parseT(v))`, ins), &got)
	for i, in := range ins {
		r, ok := readalong.ParseTimeParam(in)
		switch {
		case got[i] == nil && ok && strings.ContainsAny(in, "hms"):
			// 1m30s and the like: the app reads them when it is live.
		case (got[i] != nil) != ok:
			t.Errorf("t=%s: early.js %v, the app %v %v", in, got[i], r, ok)
		case ok && (got[i][0] != r.Start || got[i][1] != r.End):
			t.Errorf("t=%s: early.js %v, the app %v", in, got[i], r)
		}
	}
	prefs := [][]string{{"zh-TW"}, {"zh-Hant-HK"}, {"zh-CN"}, {"zh"}, {"fr", "en-GB"}, {"de"}, {}, {"EN"}, {"ja", "zh-mo"}}
	var langs []string
	json.Unmarshal(runEarly(t, `input.map(p => e.pick(p))`, prefs), &langs)
	for i, p := range prefs {
		if want := PickLang(p); langs[i] != want {
			t.Errorf("languages %v: early.js picks %s, the app %s", p, langs[i], want)
		}
	}
}

// TestEarlyText: web/i18n.json gives every selector the text of its message in each language.
func TestEarlyText(t *testing.T) {
	all := EarlyText()
	for _, lang := range []string{"en", "zh-Hant", "zh-Hans"} {
		l, ok := all[lang].(map[string]any)
		if !ok {
			t.Fatalf("no %s", lang)
		}
		page := l["page"].([][3]string)
		if len(page) != len(earlyPage) {
			t.Fatalf("%s: %d entries", lang, len(page))
		}
		for i, e := range earlyPage {
			if !strings.Contains(page[i][2], tr(lang, e.m)) || page[i][0] != e.sel {
				t.Errorf("%s: %v for %s", lang, page[i], e.sel)
			}
		}
		if s := l["strings"].(map[string]string)["loading"]; s != tr(lang, msgSearchLoading) || s == "" {
			t.Errorf("%s: loading %q", lang, s)
		}
	}
}
