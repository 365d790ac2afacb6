package segment

import (
	"os"
	"strings"
	"testing"

	"tingo/app/transcript"
)

func sampleTexts(t *testing.T) []string {
	f, err := os.Open("../../testdata/kejilang-episode.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, _, err := transcript.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range tr.Segments {
		texts = append(texts, s.Text)
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
