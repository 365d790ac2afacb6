package search

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"tingo/app/internal/sample"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"超級電腦":                "超级电脑",
		"ＮＶＩＤＩＡ　Ｇｐｕ":          "nvidia gpu",
		"Saint-Oléan 的":       "saint-olean的",
		"馬斯克  說 Hello  World": "马斯克说hello world",
		"科技浪":                 "科技浪",
	} {
		if got := foldText(in).text; got != want {
			t.Errorf("foldText(%q) = %q, want %q", in, got, want)
		}
	}
	if p := Pinyin('竿') + Pinyin('肝'); p != "gangan" {
		t.Errorf("Pinyin(竿, 肝) = %q", p)
	}
}

func spansText(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestTiers(t *testing.T) {
	texts := []string{
		"我很喜歡 Saint-Oléan的淨平衡陽竿菊",  // 0
		"Lex Freeman 訪談了馬斯克",       // 1
		"馬斯克的 Neuralink 跟 Optimus", // 2
		"歡迎收聽科技狼 這是科技浪",            // 3
		"C++ (and) friends 😀",      // 4
	}
	ix := NewIndex(texts)
	tests := []struct {
		q     string
		opts  Options
		segs  []int
		tier  Tier
		marks []string // of the first hit
	}{
		{"馬斯克", Options{}, []int{1, 2}, Exact, []string{"馬斯克"}},
		{"马斯克", Options{}, []int{1, 2}, Folded, []string{"馬斯克"}},
		{"saint-olean的", Options{}, []int{0}, Folded, []string{"Saint-Oléan的"}},
		{`"Oléan 的"`, Options{}, []int{0}, Folded, []string{"Oléan的"}},
		{"Oléan 的", Options{}, []int{0}, Exact, []string{"Oléan的"}}, // two terms; touching marks join
		{"陽肝菊", Options{}, []int{0}, SoundsLike, []string{"陽竿菊"}},
		{"陽肝菊", Options{NoSoundsLike: true}, nil, 0, nil},
		{"Fridman", Options{}, []int{1}, Similar, []string{"Freeman"}},
		{"Fridman", Options{NoSimilar: true}, nil, 0, nil},
		{"馬斯克 neuralink", Options{}, []int{2}, Folded, []string{"馬斯克", "Neuralink"}},
		{`"Lex Freeman"`, Options{}, []int{1}, Exact, []string{"Lex Freeman"}},
		{`"Freeman Lex"`, Options{}, nil, 0, nil},
		{"科技浪", Options{}, []int{3}, Exact, []string{"科技狼", "科技浪"}},
		{"C++", Options{}, []int{4}, Exact, []string{"C++"}},
		{"(", Options{}, []int{4}, Exact, []string{"("}},
		{"😀", Options{}, []int{4}, Exact, []string{"😀"}},
		{"", Options{}, nil, 0, nil},
		{"   ", Options{}, nil, 0, nil},
	}
	for _, tc := range tests {
		hits := ix.Search(tc.q, tc.opts)
		var segs []int
		for _, h := range hits {
			segs = append(segs, h.Segment)
		}
		if fmt.Sprint(segs) != fmt.Sprint(tc.segs) {
			t.Errorf("Search(%q, %+v) segments = %v, want %v", tc.q, tc.opts, segs, tc.segs)
			continue
		}
		if len(hits) == 0 {
			continue
		}
		if hits[0].Tier != tc.tier {
			t.Errorf("Search(%q) tier = %s, want %s", tc.q, hits[0].Tier, tc.tier)
		}
		if got := spansText(texts[hits[0].Segment], hits[0].Spans); fmt.Sprint(got) != fmt.Sprint(tc.marks) {
			t.Errorf("Search(%q) marks %q, want %q", tc.q, got, tc.marks)
		}
	}
}

func TestHostileQueries(t *testing.T) {
	ix := sampleIndex(t)
	long := strings.Repeat("馬斯克 Neuralink (C++) ", 500) // 10,000 characters and more
	for _, q := range []string{"(", ")", "[", "*", "\\", "C++", ".*", "^$", "😀🚀", long, strings.Repeat("a", 10000), "\x00", "\"", "「"} {
		start := time.Now()
		ix.Search(q, Options{})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Search(%.20q…) took %v", q, d)
		}
	}
}

func sampleTexts(t testing.TB) []string {
	t.Helper()
	texts, err := sample.Texts()
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

func sampleIndex(t testing.TB) *Index { return NewIndex(sampleTexts(t)) }

type relevanceCase struct {
	query, tier string
	spellings   [][]string // any of these groups; every spelling of a group must be in the segment
}

func readRelevance(t testing.TB) []relevanceCase {
	f, err := os.Open("testdata/relevance.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []relevanceCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		c := relevanceCase{query: fields[0], tier: fields[1]}
		for _, alt := range strings.Split(fields[2], "|") {
			c.spellings = append(c.spellings, strings.Split(alt, "&"))
		}
		out = append(out, c)
	}
	return out
}

// holds reports whether a segment's text holds one of a case's spelling groups.
func (c relevanceCase) holds(text string) bool {
	for _, group := range c.spellings {
		all := true
		for _, s := range group {
			all = all && strings.Contains(text, s)
		}
		if all {
			return true
		}
	}
	return false
}

// TestRelevance measures recall and precision per tier on the sample: exact and folded queries must find
// every segment that holds the meant spelling, and a result labelled exact or folded must hold it.
func TestRelevance(t *testing.T) {
	texts := sampleTexts(t)
	ix := NewIndex(texts)
	cases := readRelevance(t)
	if len(cases) < 30 {
		t.Fatalf("%d relevance queries, want at least 30", len(cases))
	}
	type tally struct{ want, found, results, right int }
	recall := map[string]*tally{}  // by the tier a query tests
	precision := map[Tier]*tally{} // by the tier a result is labelled
	for _, c := range cases {
		rt := recall[c.tier]
		if rt == nil {
			rt = &tally{}
			recall[c.tier] = rt
		}
		got := map[int]Hit{}
		for _, h := range ix.Search(c.query, Options{}) {
			got[h.Segment] = h
		}
		for i, text := range texts {
			if c.holds(text) {
				rt.want++
				if _, ok := got[i]; ok {
					rt.found++
				} else if c.tier == "exact" || c.tier == "folded" {
					t.Errorf("%q (%s) misses segment %d", c.query, c.tier, i)
				}
			}
		}
		for i, h := range got {
			pt := precision[h.Tier]
			if pt == nil {
				pt = &tally{}
				precision[h.Tier] = pt
			}
			pt.results++
			if c.holds(texts[i]) {
				pt.right++
			} else if h.Tier <= Folded {
				t.Errorf("%q: segment %d labelled %s does not hold %v: %q", c.query, i, h.Tier, c.spellings, spansText(texts[i], h.Spans))
			} else {
				t.Logf("%q: segment %d labelled %s holds none of %v: %q", c.query, i, h.Tier, c.spellings, spansText(texts[i], h.Spans))
			}
		}
		if len(got) == 0 {
			t.Errorf("%q (%s) finds nothing", c.query, c.tier)
		}
	}
	for tier := Exact; tier <= Similar; tier++ {
		rt, pt := recall[tier.String()], precision[tier]
		if rt == nil || pt == nil {
			t.Errorf("tier %s: no query tests it, or no result has it", tier)
			continue
		}
		r := float64(rt.found) / float64(rt.want)
		p := float64(pt.right) / float64(pt.results)
		t.Logf("%-11s queries find %d of %d meant segments (recall %.3f); results so labelled: %d of %d right (precision %.3f)", tier, rt.found, rt.want, r, pt.right, pt.results, p)
		if tier <= Folded && (r < 1 || p < 0.95) {
			t.Errorf("%s: recall %.3f, precision %.3f; want 1 and ≥ 0.95", tier, r, p)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	texts := sampleTexts(b)
	var long []string
	for range 10 {
		long = append(long, texts...)
	}
	for _, c := range []struct {
		name  string
		texts []string
	}{{"sample", texts}, {"10h", long}} {
		ix := NewIndex(c.texts)
		for _, q := range []string{"馬", "馬斯克", "马斯克 neuralink", "陽肝菊", "Fridman"} {
			b.Run(c.name+"/"+q, func(b *testing.B) {
				for b.Loop() {
					ix.Search(q, Options{})
				}
			})
		}
		b.Run(c.name+"/index", func(b *testing.B) {
			for b.Loop() {
				NewIndex(c.texts)
			}
		})
	}
}
