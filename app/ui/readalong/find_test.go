package readalong

import (
	"fmt"
	"strings"
	"testing"

	"tingo/app/search"
	"tingo/app/transcript"
)

func hits(segs ...int) []search.Hit {
	var out []search.Hit
	for _, i := range segs {
		out = append(out, search.Hit{Segment: i, Spans: []search.Span{{Start: 0, End: 3}}})
	}
	return out
}

// TestFind: a keystroke queues only the segments whose marks change, nearest the screen first; the count
// and the steps through the marks go round the ends.
func TestFind(t *testing.T) {
	t.Parallel()
	f := NewFind()
	if got := f.Count("none"); got != "" {
		t.Errorf("no query: count %q", got)
	}
	f.Set("馬", hits(1, 5, 9), 6)
	if got := fmt.Sprint(f.TakeAll()); got != "[5 9 1]" {
		t.Errorf("first query queues %s, want [5 9 1] (nearest 6 first)", got)
	}
	if got := f.Count("none"); got != "– / 3" {
		t.Errorf("count %q", got)
	}
	// One more letter: segment 5's spans change, 9 no longer hits, 1 and the new 2 stay or come.
	next := hits(1, 2, 5)
	next[2].Spans = []search.Span{{Start: 0, End: 6}}
	f.Set("馬斯", next, 0)
	if got := fmt.Sprint(f.TakeAll()); got != "[2 5 9]" {
		t.Errorf("second query queues %s, want [2 5 9]", got)
	}
	var steps []string
	for _, d := range []int{1, 1, 1, 1, -1, -1} {
		prev, cur := f.Step(d, 3)
		steps = append(steps, fmt.Sprintf("%d>%d %s", prev, cur, f.Count("none")))
	}
	if got := strings.Join(steps, ", "); got != "-1>0 1 / 3, 0>1 2 / 3, 1>2 3 / 3, 2>0 1 / 3, 0>2 3 / 3, 2>1 2 / 3" {
		t.Errorf("steps: %s", got)
	}
	if _, cur := NewFind().Step(-1, 4); cur != 3 {
		t.Errorf("the first step back goes to %d, want the last", cur)
	}
	if prev, cur := NewFind().Step(1, 0); prev != -1 || cur != -1 {
		t.Error("a step with no marks moved")
	}
	if h, ok := f.HitOf(5); !ok || h.Spans[0].End != 6 {
		t.Errorf("HitOf(5) = %v, %v", h, ok)
	}
	if _, ok := f.HitOf(9); ok {
		t.Error("HitOf(9) after 9 stopped hitting")
	}
	gen := f.Generation()
	f.Set("", nil, 0)
	if f.Generation() == gen || f.Count("none") != "" || fmt.Sprint(f.TakeAll()) != "[1 2 5]" {
		t.Errorf("clearing: generation %d (was %d), count %q", f.Generation(), gen, f.Count("none"))
	}
	f.Set("zzz", nil, 0)
	if got := f.Count("none"); got != "none" {
		t.Errorf("no hits: count %q", got)
	}
	q := []int{1, 2, 3}
	if a, b := TakeSome(&q, 2), TakeSome(&q, 5); fmt.Sprint(a, b, q) != "[1 2] [3] []" {
		t.Errorf("TakeSome: %v %v %v", a, b, q)
	}
}

// TestTexts: each segment is read once; shown through the reader's script; its timeline built once,
// from its word times when it has them.
func TestTexts(t *testing.T) {
	t.Parallel()
	reads := 0
	words := map[int][]Word{1: {{Off: 0, T: 10}, {Off: 4, T: 15}}}
	x := NewTexts([]Segment{{0, 10}, {10, 20}}, func(i int) (string, []transcript.Fix) {
		reads++
		return []string{"頭髮很長", "one two"}[i], []([]transcript.Fix){nil, {{Start: 0, End: 3, Was: "won"}}}[i]
	}, func(i int) []Word { return words[i] })
	if x.Written(0) != "頭髮很長" || x.Shown(0) != "頭髮很長" || x.Converted() {
		t.Error("as written")
	}
	x.SetScript(func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "頭", "头"), "髮", "发") })
	if x.Shown(0) != "头发很長" || x.Written(0) != "頭髮很長" || x.Show("頭") != "头" || !x.Converted() {
		t.Errorf("shown %q", x.Shown(0))
	}
	if f := x.Fixes(1); len(f) != 1 || f[0].Was != "won" {
		t.Errorf("fixes %v", f)
	}
	if x.Timeline(1).TimeAt(5) != 15 || x.Timeline(1) != x.Timeline(1) {
		t.Error("timeline from word times")
	}
	if got := x.Timeline(0).TimeAt(2); got != 5 {
		t.Errorf("estimated timeline: %v", got)
	}
	if reads != 2 {
		t.Errorf("%d reads of two segments", reads)
	}
	var none *Texts
	if none.Show("x") != "x" || none.Converted() {
		t.Error("nil Texts")
	}
}
