package readalong

import (
	"math"
	"net/url"
	"testing"
)

func TestParseTimeParam(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

func TestTimeline(t *testing.T) {
	t.Parallel()
	tl := NewTimeline("一二三四 abcd", 10, 20, nil)
	if got := tl.TimeAt(0); got != 10 {
		t.Errorf("TimeAt(0) = %v", got)
	}
	if got := tl.TimeAt(len(tl.Units())); got != 20 {
		t.Errorf("TimeAt(end) = %v", got)
	}
	// Chinese characters take longer than Latin letters: "abcd" is shorter than "一二三四".
	if a, b := tl.TimeAt(4)-tl.TimeAt(0), tl.TimeAt(9)-tl.TimeAt(5); a <= b {
		t.Errorf("4 Chinese characters %v s, 4 letters %v s", a, b)
	}
	for off := 0; off < len(tl.Units()); off++ {
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
	wt := NewTimeline("one two three", 0, 9, []Word{{0, 0}, {4, 5}, {8, 6}})
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
	e := NewTimeline("😀a", 0, 1, nil)
	if from, to := e.WordAt(0); from != 0 || to != 2 {
		t.Errorf("emoji WordAt(0) = %d, %d", from, to)
	}
	if got := NewTimeline("", 3, 4, nil).OffsetAt(3.5); got != 0 || math.IsNaN(NewTimeline("", 3, 3, nil).TimeAt(0)) {
		t.Errorf("empty timeline OffsetAt = %d", got)
	}
}

func TestShareLinkAndQuote(t *testing.T) {
	t.Parallel()
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
}
