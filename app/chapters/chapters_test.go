package chapters

import (
	"os"
	"strings"
	"testing"
	"time"

	"tingo/app/transcript"
)

const corpus = "testdata/podcast-namespace/" // the spec's examples, CC0 (README there)

func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(corpus + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSpecExamples(t *testing.T) {
	chs, warns, err := Parse("example.json", readCorpus(t, "example.json"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("example.json: %v %v", err, warns)
	}
	if len(chs) != 9 || chs[1].Start != 168*time.Second || chs[1].Title != "Hearing Aids" ||
		chs[1].Img != "https://example.com/images/hearing_aids.jpg" || chs[3].URL != "https://github.com/Podcastindex-org/podcast-namespace" ||
		chs[8].Title != "Outro" || chs[8].Start != 6089*time.Second {
		t.Errorf("example.json read as %+v", chs)
	}
	chs, warns, err = Parse("exampleComplex.json", readCorpus(t, "exampleComplex.json"))
	if err != nil || len(warns) > 0 {
		t.Fatalf("exampleComplex.json: %v %v", err, warns)
	}
	if len(chs) != 11 {
		t.Fatalf("exampleComplex.json: %d chapters, want 11", len(chs))
	}
	silent := chs[7]
	if !silent.Hidden || silent.Start != 4826*time.Second || silent.Title != "" || silent.Img != "https://example.com/images/parisfrance.jpg" {
		t.Errorf("the toc:false chapter read as %+v", silent)
	}
	if v := Visible(chs); len(v) != 10 {
		t.Errorf("%d visible chapters, want 10", len(v))
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n    {\"title\": \"x\"}\n  ]\n}", "f.json:4: chapter 1: no \"startTime\""},
		{"{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n    {\"startTime\": 1},\n    {\"startTime\": \"2\"}\n  ]\n}", "f.json:5: chapter 2: \"startTime\" must be a number"},
		{"{\n  \"chapters\": [\n    {\"startTime\": -3}\n  ]\n}", "f.json:3: chapter 1: startTime -3 is not a time"},
		{"{\n  \"chapters\": [\n    {\"startTime\": 9, \"endTime\": 3}\n  ]\n}", "f.json:3: chapter 1: endTime 3 is before"},
		{"{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n    {\"startTime\": 1,}\n  ]\n}", "f.json:4: invalid character"},
		{"{\"version\": \"1.2.0\"}", "f.json:1: no \"chapters\" array"},
		{"<xml/>", "f.json:1: not a chapters file"},
	} {
		_, _, err := Parse("f.json", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

func TestOnlyHTTPLinksAreKept(t *testing.T) {
	in := `{"version":"1.2.0","chapters":[{"startTime":0,"title":"a\u0000<b>","url":"javascript:alert(1)","img":"data:image/png;base64,AAAA"},
		{"startTime":5,"url":"/notes#5","img":"art/5.jpg"}]}`
	chs, warns, err := ParseAt("c.json", "https://host.example/feeds/c.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if chs[0].URL != "" || chs[0].Img != "" || len(warns) != 2 || !strings.Contains(warns[1], "c.json:1: chapter 1: url") {
		t.Errorf("javascript: and data: kept: %+v %q", chs[0], warns)
	}
	if chs[0].Title != "a <b>" {
		t.Errorf("title %q: want the control character a space and the rest text", chs[0].Title)
	}
	if chs[1].URL != "https://host.example/notes#5" || chs[1].Img != "https://host.example/feeds/art/5.jpg" {
		t.Errorf("relative links resolved to %q %q", chs[1].URL, chs[1].Img)
	}
	if chs, _, _ := Parse("c.json", []byte(in)); chs[1].URL != "" {
		t.Errorf("a relative link without a base kept: %q", chs[1].URL)
	}
}

func TestParseVTTAndPSC(t *testing.T) {
	vtt := "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:02:00.000\nIntro\n\n00:02:00.000 --> 00:10:00.000\nThe <b>main</b> part\n"
	chs, _, err := Parse("c.vtt", []byte(vtt))
	if err != nil || len(chs) != 2 || chs[1].Start != 2*time.Minute || chs[1].End != 10*time.Minute || chs[1].Title != "The main part" {
		t.Fatalf("vtt: %+v %v", chs, err)
	}
	psc, warns, err := FromPSC("feed.xml: item 1", "", []PSC{{Start: "00:00:00.000", Title: "Start"}, {Start: "01:02:03.5", Title: "Later", Href: "https://x.example/", Image: "ftp://x/y.png"}})
	if err != nil || len(psc) != 2 || psc[1].Start != time.Hour+2*time.Minute+3500*time.Millisecond || psc[1].URL != "https://x.example/" || psc[1].Img != "" || len(warns) != 1 {
		t.Fatalf("psc: %+v %q %v", psc, warns, err)
	}
	if _, _, err := FromPSC("feed.xml: item 2", "", []PSC{{Start: "soon"}}); err == nil || !strings.Contains(err.Error(), `feed.xml: item 2: psc:chapter 1: start "soon"`) {
		t.Errorf("bad psc start: %v", err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	in := []Chapter{{Start: 0, Title: "Intro"}, {Start: 14500 * time.Millisecond, End: 3 * time.Minute, Title: "贊助 \"quoted\"", Sponsor: true, URL: "https://a.example/?q=<x>"},
		{Start: 4 * time.Minute, Hidden: true, Img: "https://a.example/i.png"}}
	out, _, err := Parse("out.json", JSON(in, "Ep", "Show"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		out[i].Line = 0
		if out[i] != in[i] {
			t.Errorf("chapter %d: %+v, want %+v", i, out[i], in[i])
		}
	}
}

func seg(start, end int, text string) transcript.Segment {
	return transcript.Segment{Start: time.Duration(start) * time.Second, End: time.Duration(end) * time.Second, Text: text}
}

// TestPlaceSplitsWithoutLoss: a chapter inside a segment splits it at a space near its share of the text,
// or at the first word timed after it; every character and word time survives.
func TestPlaceSplitsWithoutLoss(t *testing.T) {
	tr := &transcript.Transcript{Segments: []transcript.Segment{
		seg(0, 60, "哈囉大家好 歡迎收聽科技浪 我是主持人哈利 本期節目由贊助播出 那今天很開心"),
		seg(60, 120, "第二段 沒有章節"),
		{Start: 120 * time.Second, End: 130 * time.Second, Text: "one two three four", Words: []transcript.Word{
			{Start: 120 * time.Second, End: 122 * time.Second, Text: "one"}, {Start: 122 * time.Second, End: 124 * time.Second, Text: "two"},
			{Start: 125 * time.Second, End: 127 * time.Second, Text: "three"}, {Start: 127 * time.Second, End: 130 * time.Second, Text: "four"}}},
	}}
	chs := []Chapter{{Start: 0, Title: "a"}, {Start: 36 * time.Second, Title: "b"}, {Start: 61 * time.Second, Title: "c"},
		{Start: 90 * time.Second, Hidden: true}, {Start: 124500 * time.Millisecond, Title: "d"}, {Start: time.Hour, Title: "past the end"}}
	got, at := Place(tr, chs)
	if got == tr {
		t.Fatal("nothing split")
	}
	if len(got.Segments) != 5 {
		t.Fatalf("%d segments: %+v", len(got.Segments), got.Segments)
	}
	want := []int{0, 1, 2, -1, 4, -1}
	for i := range want {
		if at[i] != want[i] {
			t.Errorf("chapter %d heads segment %d, want %d", i, at[i], want[i])
		}
	}
	if s := got.Segments[1]; s.Start != 36*time.Second || !strings.HasPrefix(s.Text, "本期節目") || got.Segments[0].End != 36*time.Second {
		t.Errorf("split at 36 s: %+v / %+v", got.Segments[0], s)
	}
	if s := got.Segments[4]; s.Text != "three four" || len(s.Words) != 2 || s.Words[0].Text != "three" || len(got.Segments[3].Words) != 2 {
		t.Errorf("split by word times: %+v / %+v", got.Segments[3], s)
	}
	// nothing lost: the texts joined with a space spell the original, word times all there
	var a, b []string
	words := 0
	for _, s := range tr.Segments {
		a = append(a, s.Text)
	}
	for _, s := range got.Segments {
		b = append(b, s.Text)
		words += len(s.Words)
	}
	if strings.Join(a, " ") != strings.Join(b, " ") || words != 4 {
		t.Errorf("text or words lost:\n%q\n%q (%d words)", strings.Join(a, " "), strings.Join(b, " "), words)
	}
	if len(tr.Segments) != 3 {
		t.Error("Place changed its input")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"a"},{"startTime":1e400}]}`))
	f.Add([]byte("WEBVTT\n\n00:00.000 --> 00:01.000\nx\n"))
	f.Add([]byte(`{"chapters":[{"startTime":5,"endTime":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		chs, _, err := Parse("f", data)
		if err != nil {
			return
		}
		tr := &transcript.Transcript{Segments: []transcript.Segment{seg(0, 10, "a b c d e f"), seg(10, 20, "g h")}}
		got, at := Place(tr, chs)
		if len(at) != len(chs) {
			t.Fatalf("%d places for %d chapters", len(at), len(chs))
		}
		var n int
		for _, s := range got.Segments {
			n += len(strings.Fields(s.Text))
		}
		if n != 8 {
			t.Fatalf("placing %+v lost words: %+v", chs, got.Segments)
		}
		for _, c := range chs {
			if c.URL != "" && !strings.HasPrefix(c.URL, "http") || c.Img != "" && !strings.HasPrefix(c.Img, "http") {
				t.Fatalf("unsafe link kept: %+v", c)
			}
		}
	})
}
