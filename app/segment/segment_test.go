package segment

import (
	"os"
	"strings"
	"testing"

	"tingo/app/internal/sample"
	"tingo/app/search"
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
