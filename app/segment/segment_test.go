package segment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tingo/app/internal/sample"
	"tingo/app/search"
	"tingo/app/spell"
)

func sampleTexts(t *testing.T) []string {
	t.Helper()
	texts, err := sample.Texts()
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

func TestCut(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(s.Cut("馬斯克說Tesla的人形機器人"), "|")
	for _, w := range []string{"馬斯克", "Tesla", "機器人"} {
		if !strings.Contains("|"+got+"|", "|"+w+"|") && !strings.Contains(got, w) {
			t.Errorf("Cut = %s, want the word %s", got, w)
		}
	}
	if strings.Contains(got, "tesla") {
		t.Errorf("Cut lower-cased Tesla: %s", got)
	}
}

func TestTerms(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	terms := s.Terms(sampleTexts(t), 24)
	if len(terms) != 24 {
		t.Fatalf("%d terms, want 24", len(terms))
	}
	var names []string
	for _, term := range terms {
		names = append(names, term.Text)
		if term.Count < 2 {
			t.Errorf("term %q counted %d", term.Text, term.Count)
		}
	}
	joined := " " + strings.Join(names, " ") + " "
	// The episode is about Musk, Neuralink, Optimus and AI: a term index without them is no index.
	for _, want := range []string{"馬斯克", "Neuralink", "Optimus", "Tesla"} {
		if !strings.Contains(joined, " "+want+" ") {
			t.Errorf("terms %v lack %s", names, want)
		}
	}
	for _, filler := range []string{"然後", "就是", "這個", "我們"} {
		if strings.Contains(joined, " "+filler+" ") {
			t.Errorf("terms %v include the filler %s", names, filler)
		}
	}
	t.Logf("terms: %v", terms)
}

// TestBrowserDictionary checks the word list the browser cuts with (web/dict/zh.txt, made by make dict)
// against gse itself on the sample: the word boundaries the two find should mostly agree.
func TestBrowserDictionary(t *testing.T) {
	raw, err := os.ReadFile("../../web/dict/zh.txt")
	if err != nil {
		t.Fatalf("%v (make dict)", err)
	}
	d, err := search.ParseDict(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	both, gseOnly, dictOnly := 0, 0, 0
	for _, text := range sampleTexts(t) {
		g := boundaries(text, s.Cut(text))
		for _, sp := range d.CutSpans(text) {
			if g[sp.End] {
				both++
				delete(g, sp.End)
			} else {
				dictOnly++
			}
		}
		gseOnly += len(g)
	}
	precision := float64(both) / float64(both+dictOnly)
	recall := float64(both) / float64(both+gseOnly)
	t.Logf("browser cut vs gse on the sample: boundary precision %.3f, recall %.3f (%d words)", precision, recall, both+dictOnly)
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("the browser's cut agrees with gse on %.3f / %.3f of boundaries, want 0.9", precision, recall)
	}
	for _, w := range []string{"馬斯克", "機器人", "特斯拉"} {
		if d.Freq(w) == 0 {
			t.Errorf("the browser's dictionary lacks %s", w)
		}
	}
}

// boundaries gives the byte offsets where gse's words end in text.
func boundaries(text string, words []string) map[int]bool {
	m := map[int]bool{}
	at := 0
	for _, w := range words {
		i := strings.Index(text[at:], w)
		if i < 0 {
			continue
		}
		at += i + len(w)
		m[at] = true
	}
	return m
}

// TestChipsOnTheSample measures the chips against what a listener would list (testdata/kejilang-terms.txt,
// written by reading the episode): with the sample's spellings file applied, at least 16 of the top 20
// chips must be such terms, names kept whole.
func TestChipsOnTheSample(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sample.Transcript()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(sample.Path())
	f, err := os.Open(filepath.Join(dir, "kejilang-spellings.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list, err := spell.Parse(f, "kejilang-spellings.txt")
	if err != nil {
		t.Fatal(err)
	}
	list.Apply(tr, s.Known)
	gold, err := os.ReadFile(filepath.Join(dir, "kejilang-terms.txt"))
	if err != nil {
		t.Fatal(err)
	}
	expected := map[string]bool{}
	for line := range strings.Lines(string(gold)) {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.Split(line, "\t") {
			expected[search.FoldString(f)] = true
		}
	}
	texts := make([]string, len(tr.Segments))
	for i, seg := range tr.Segments {
		texts[i] = seg.Text
	}
	terms := s.Terms(texts, 20)
	good := 0
	var wrong []string
	for _, term := range terms {
		if expected[search.FoldString(term.Text)] {
			good++
		} else {
			wrong = append(wrong, term.Text)
		}
	}
	precision := float64(good) / 20
	t.Logf("top 20 chips: %v; precision %.2f; not expected: %v", terms, precision, wrong)
	if len(terms) < 20 || precision < 0.8 {
		t.Errorf("precision of the top 20 chips %.2f (not expected: %v), want at least 0.80", precision, wrong)
	}
	for _, whole := range []string{"Lex Fridman", "Saint-Oléan", "人形機器人", "超級電腦", "資料中心"} {
		found := false
		for _, term := range terms {
			found = found || term.Text == whole
		}
		if !found {
			t.Errorf("no chip %q whole in %v", whole, terms)
		}
	}
	for _, piece := range []string{"Lex", "Saint", "Freeman"} {
		for _, term := range terms {
			if term.Text == piece {
				t.Errorf("chip %q is a piece of a name", piece)
			}
		}
	}
}

// TestSuggestSpellingsOnTheSample holds spell.Suggest to the bar: the sample's misspelt names (the
// sponsor's chamomile, the show, Lex Fridman with a word list naming him, 人形機器人) are among the first
// ten groups, with no more than three wrong groups before the last of them.
func TestSuggestSpellingsOnTheSample(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := sampleTexts(t)
	groups := spell.Suggest(texts, s.SpellLexicon(texts, []string{"Lex Fridman"}))
	want := map[string][]string{
		"洋甘菊":         {"陽肝菊", "陽竿菊", "羊肝菊"},
		"科技浪":         {"科技狼", "科技量"},
		"Lex Fridman": {"Lex Freeman"},
		"人形機器人":       {"人型機器人", "人行機器人", "人性機器人"},
	}
	found, last := 0, -1
	for i, g := range groups[:min(10, len(groups))] {
		t.Logf("%d. %s ← %v %v", i+1, g.Right, g.Wrong, g.Counts)
		ws, ok := want[g.Right]
		if !ok {
			continue
		}
		for _, w := range ws {
			if !slices.Contains(g.Wrong, w) {
				t.Errorf("group %s lacks %s: %v", g.Right, w, g.Wrong)
			}
		}
		found++
		last = i
		if found == len(want) {
			break
		}
	}
	if found < len(want) {
		t.Errorf("%d of the %d groups among the first ten", found, len(want))
	}
	// Wrong groups before the last right one: those counted up to it.
	bad := 0
	for i := 0; i <= last; i++ {
		if _, ok := want[groups[i].Right]; !ok {
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%d wrong groups before the last right one, want at most 3", bad)
	}
	// What it writes is a spellings file.
	var b strings.Builder
	if err := spell.Write(&b, groups); err != nil {
		t.Fatal(err)
	}
	l, err := spell.Parse(strings.NewReader(b.String()), "suggested.txt")
	if err != nil {
		t.Fatalf("the suggestions do not read back: %v", err)
	}
	if len(l.Names) != len(groups) {
		t.Errorf("%d groups written, %d read back", len(groups), len(l.Names))
	}
}

// TestSuggestKeepsWordsApart: words that merely sound alike are never one group.
func TestSuggestKeepsWordsApart(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for range 5 {
		texts = append(texts, "他們說實驗很成功", "她們說試驗很成功", "這是一個市場", "那是一個事件", "公式很簡單", "公事很多", "Harry and Larry talked", "Optimus can Optimize")
	}
	for _, g := range spell.Suggest(texts, s.SpellLexicon(texts, nil)) {
		t.Errorf("grouped %s with %v", g.Right, g.Wrong)
	}
}
