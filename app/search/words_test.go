package search

import (
	"strings"
	"testing"
)

func TestDictCut(t *testing.T) {
	d, err := ParseDict("# test\n馬斯克 3\n機器人 50\n機器 80\n人 500\n人形 20\n說 900\n特斯拉 40\n")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(d.Cut("馬斯克說 Tesla的人形機器人 C++"), "|")
	if got != "馬斯克|說|Tesla|的|人形|機器人|C|+|+" {
		t.Errorf("Cut = %s", got)
	}
	if _, err := ParseDict("word\n"); err == nil {
		t.Error("ParseDict accepted a line without a frequency")
	}
	if _, err := ParseDict(""); err == nil {
		t.Error("ParseDict accepted no words")
	}
}

func TestRankOnBoundaries(t *testing.T) {
	texts := []string{"機器人很棒", "這個人很好"}
	ix := NewIndex(texts)
	d, _ := ParseDict("機器人 50\n機器 80\n人 500\n這個 100\n很 100\n棒 10\n好 100\n")
	var words [][]Span
	for _, t := range texts {
		words = append(words, d.CutSpans(t))
	}
	ix.SetWords(words)
	hits := ix.Rank(ix.Search("人", Options{}))
	if len(hits) != 2 || hits[0].Segment != 1 {
		t.Errorf("Rank(人) = %+v, want the word 人 (segment 1) before the 人 inside 機器人", hits)
	}
}
