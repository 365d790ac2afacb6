package transcript

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/traditionalchinese"
)

// Shapes of real transcripts that earlier versions lost words from or misread (issue: "Real transcripts
// from the wild"). The files in testdata/wild were written for these tests, in the shapes described.

func wild(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "wild", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type seg struct {
	start, end float64
	speaker    string
	text       string
}

func segsOf(tr *Transcript) []seg {
	var out []seg
	for _, s := range tr.Segments {
		out = append(out, seg{s.Start.Seconds(), s.End.Seconds(), s.Speaker, s.Text})
	}
	return out
}

func expectSegs(t *testing.T, name string, in []byte, f Format, want []seg) *Transcript {
	t.Helper()
	tr, got, err := Parse(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("Parse(%s) = %v", name, err)
	}
	if got != f {
		t.Errorf("Parse(%s) format = %s, want %s", name, got, f)
	}
	if g := segsOf(tr); !equalSegs(g, want) {
		t.Errorf("Parse(%s) =\n%v\nwant\n%v", name, g, want)
	}
	return tr
}

func equalSegs(a, b []seg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSecondsOnlyStamps(t *testing.T) {
	tr := expectSegs(t, "seconds-only.vtt", wild(t, "seconds-only.vtt"), FormatVTT, []seg{
		{0.86, 7.38, "", "Welcome back to the show, this is the first minute."},
		{7.38, 59.12, "", "Seconds-only stamps, as one producer writes them."},
		{59.12, 61.46, "", "Still under the minute here."},
		{61.46, 64.62, "", "And now minutes and seconds."},
		{64.62, 69, "", "Then the full form."},
	})
	if lost := tr.Lost(); len(lost) != 0 {
		t.Errorf("seconds-only.vtt: lost %v", lost)
	}
	// The same stamps in SRT, with commas, and in HTML's <time>.
	srt := "1\n0,860 --> 7,380\nFirst.\n\n2\n59.120 --> 61.460\nSecond.\n"
	expectSegs(t, "srt", []byte(srt), FormatSRT, []seg{{0.86, 7.38, "", "First."}, {59.12, 61.46, "", "Second."}})
	html := "<cite>Host:</cite>\n<time>7.5</time>\n<p>Hello.</p>\n<time>1:02</time>\n<p>Again.</p>\n"
	expectSegs(t, "html", []byte(html), FormatHTML, []seg{{7.5, 62, "Host", "Hello."}, {62, 64, "Host", "Again."}})
}

func TestUnreadableCueIsLost(t *testing.T) {
	src := "WEBVTT\n\n00:00.000 --> 00:01.000\nKept.\n\nsoon --> later\nThese words have no time.\n"
	tr, _, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	lost := tr.Lost()
	if len(lost) != 1 || lost[0].Line != 6 {
		t.Errorf("Lost() = %v, want one warning at line 6", lost)
	}
	tr, _, _ = Parse(strings.NewReader("WEBVTT\n\n00:00.000 --> 00:01.000\nKept.\n"))
	if len(tr.Lost()) != 0 {
		t.Errorf("Lost() = %v for a clean file", tr.Lost())
	}
}

func TestDetectBeyondPreamble(t *testing.T) {
	tr, f, err := Parse(bytes.NewReader(wild(t, "preamble.srt")))
	if err != nil || f != FormatSRT || len(tr.Segments) != 5 {
		t.Fatalf("Parse(preamble.srt) = %v, %s, want 5 SRT segments", err, f)
	}
	if !strings.Contains(tr.Segments[0].Text, "Translator credit line 59") {
		t.Errorf("preamble.srt: the preamble's words are not kept: %q", clip(tr.Segments[0].Text, 80))
	}
	tr, f, err = Parse(bytes.NewReader(wild(t, "whisper-cli-order.json")))
	if err != nil || f != FormatWhisperJSON {
		t.Fatalf("Parse(whisper-cli-order.json) = %v, %s, want whisper-json", err, f)
	}
	if len(tr.Segments) != 4 || tr.Segments[3].Text != "Segment 3 of the Whisper output." {
		t.Errorf("whisper-cli-order.json = %v", segsOf(tr))
	}
}

func TestDetectSaysWhatItSaw(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{strings.Repeat("just prose, no times at all\n", 1200), "no timing line (SRT, WebVTT or a timed line) in 1200 lines"},
		{`{"text": "hello", "language": "en"}`, "JSON with keys language, text"},
		{`[{"word": "a", "confidence": 1}]`, "a JSON array of objects with keys confidence, word"},
	} {
		_, _, err := Parse(strings.NewReader(c.in))
		if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want ErrUnknownFormat saying %q", clip(c.in, 30), err, c.want)
		}
	}
}

func TestEditorExports(t *testing.T) {
	tr := expectSegs(t, "descript.txt", wild(t, "descript.txt"), FormatEditor, []seg{
		{0, 12, "Lex Fridman", "Welcome to the podcast. Today we talk about archives."},
		{12, 60, "Jensen Huang", "Thanks for having me."},
		{60, 90, "Jensen Huang", "This part comes after the first minute mark. And it carries on in a second line."},
		{90, 94.25, "Lex Fridman", "Let us end there."},
	})
	if tr.Title != "How We Built the Archive" {
		t.Errorf("descript.txt title = %q", tr.Title)
	}
	expectSegs(t, "sonix.txt", wild(t, "sonix.txt"), FormatEditor, []seg{
		{0, 5, "Speaker 1", "Hello and welcome to the show."},
		{5, 9, "Speaker 2", "Glad to be here, thank you."},
		{9, 15.5, "Speaker 1", "Let's begin with the news."},
	})
	expectSegs(t, "otter.txt", wild(t, "otter.txt"), FormatEditor, []seg{
		{0, 15, "Harry Chen", "Hello everyone, this is the first paragraph."},
		{15, 62, "Guest", "Thanks Harry. Here is my answer, which runs over two lines."},
		{62, 67, "Harry Chen", "And that is the end."},
	})
	for _, s := range tr.Segments {
		if strings.Contains(s.Text, "00:") || strings.Contains(s.Text, "#") {
			t.Errorf("a stamp or the title became words: %q", s.Text)
		}
	}
}

func TestJSONShapes(t *testing.T) {
	expectSegs(t, "list.json", wild(t, "list.json"), FormatJSONList, []seg{
		{0, 2.5, "A", "The first segment of a list."}, {2.5, 5, "B", "The second one."}, {5, 7.25, "A", "And the third."},
	})
	hf := `[{"timestamp": [0, 3.16], "text": " Text content here"}, {"timestamp": [3.5, null], "text": " More"}]`
	expectSegs(t, "chunks", []byte(hf), FormatJSONList, []seg{{0, 3.16, "", "Text content here"}, {3.5, 5.5, "", "More"}})
	tr := expectSegs(t, "youtube.json3", wild(t, "youtube.json3"), FormatJSON3, []seg{
		{0.12, 4.12, "", "hello there friends"}, {2.2, 5.2, "", "welcome back"},
	})
	if w := tr.Segments[0].Words; len(w) != 3 || w[1].Start != 520*time.Millisecond || w[2].Text != "friends" {
		t.Errorf("youtube.json3 words = %v", w)
	}
	tr = expectSegs(t, "youtube.srv3", wild(t, "youtube.srv3"), FormatSRV3, []seg{
		{0.12, 4.12, "", "hello there friends"}, {2.2, 5.2, "", "welcome & back"}, {5.2, 7.2, "", "我們今天"},
	})
	if w := tr.Segments[2].Words; len(w) != 2 || w[1].Start != 5700*time.Millisecond {
		t.Errorf("youtube.srv3 words = %v", w)
	}
}

func TestDiarizationSpeakers(t *testing.T) {
	expectSegs(t, "whisperx.srt", wild(t, "whisperx.srt"), FormatSRT, []seg{
		{0, 2, "SPEAKER_00", "Hello there."}, {2, 4, "SPEAKER_01", "Hi, how are you?"},
		{4, 6, "SPEAKER_00", "Fine, thanks."}, {6, 8, "Speaker 1", "Good to hear."},
	})
	expectSegs(t, "whisperx.vtt", wild(t, "whisperx.vtt"), FormatVTT, []seg{
		{0, 2, "SPEAKER_00", "Hello there."}, {2, 4, "SPEAKER_01", "Hi, how are you?"},
	})
	lines := "(00:00~00:02) SPEAKER_00: Hello.\n(00:02~00:04) 主持人：歡迎收聽。\n(00:04~00:06) Note 2: stays text.\n"
	expectSegs(t, "lines", []byte(lines), FormatLines, []seg{
		{0, 2, "SPEAKER_00", "Hello."}, {2, 4, "主持人", "歡迎收聽。"}, {4, 6, "", "Note 2: stays text."},
	})
}

func TestBig5TitleLine(t *testing.T) {
	src := "1\n00:00:01,000 --> 00:00:04,000\n片名：科技浪\n\n2\n00:00:05,000 --> 00:00:08,000\n主持人：哈囉大家好\n\n3\n00:00:08,000 --> 00:00:10,000\n歡迎收聽\n"
	raw, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tr := expectSegs(t, "big5.srt", raw, FormatSRT, []seg{
		{1, 4, "", "片名：科技浪"}, {5, 8, "主持人", "哈囉大家好"}, {8, 10, "主持人", "歡迎收聽"},
	})
	if tr.Title != "科技浪" || tr.Encoding != "big5" {
		t.Errorf("big5.srt title %q, encoding %s; want 科技浪, big5", tr.Title, tr.Encoding)
	}
}

// TestEveryWriterRoundTrip converts every testdata and corpus file through every writer that has a reader
// and back, and compares segments, texts, times (to the millisecond) and speakers exactly.
func TestEveryWriterRoundTrip(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", "../../testdata", "../../../shared/corpora"} {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(path, "fuzz") && !strings.HasSuffix(path, ".md") &&
				!strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, "-episode.txt") || strings.Contains(path, "wild") {
				files = append(files, path)
			}
			return nil
		})
	}
	writers := []Format{FormatLines, FormatVTT, FormatSRT, FormatJSON}
	checked := 0
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil || len(b) > 4<<20 {
			continue
		}
		tr, _, err := Parse(bytes.NewReader(b))
		if err != nil {
			continue // not a transcript, or one the corpora expect to fail
		}
		checked++
		for _, f := range writers {
			var out bytes.Buffer
			if err := Write(&out, tr, f); err != nil {
				t.Errorf("Write(%s, %s) = %v", path, f, err)
				continue
			}
			back, err := ParseAs(bytes.NewReader(out.Bytes()), f)
			if err != nil {
				t.Errorf("ParseAs(Write(%s, %s)) = %v", path, f, err)
				continue
			}
			if d := diffSegs(tr, back); d != "" {
				t.Errorf("%s through %s: %s", path, f, d)
			}
		}
	}
	t.Logf("%d files through %d writers", checked, len(writers))
	if _, err := os.Stat("../../../shared/corpora"); err != nil {
		t.Logf("no corpora beside the repository (../shared/corpora): the testdata files alone were checked")
	} else if checked < 40 {
		t.Errorf("round trip checked %d files; the corpora should give many more", checked)
	}
}

func diffSegs(a, b *Transcript) string {
	if len(a.Segments) != len(b.Segments) {
		return "segments " + itoa(len(a.Segments)) + " -> " + itoa(len(b.Segments))
	}
	for i := range a.Segments {
		x, y := a.Segments[i], b.Segments[i]
		ms := func(d time.Duration) time.Duration { return max(0, d).Round(time.Millisecond) }
		if ms(x.Start) != ms(y.Start) || ms(x.End) != ms(y.End) || x.Speaker != y.Speaker || flatten(x.Text) != y.Text {
			return "segment " + itoa(i) + ": " + FormatStamp(x.Start) + " " + FormatStamp(x.End) + " " + x.Speaker + "|" + clip(x.Text, 50) +
				" -> " + FormatStamp(y.Start) + " " + FormatStamp(y.End) + " " + y.Speaker + "|" + clip(y.Text, 50)
		}
	}
	return ""
}

func itoa(n int) string { return FormatStamp(time.Duration(n) * time.Second)[2:] }

func TestBodyLikeSpeakerStaysText(t *testing.T) {
	src := `{"version": "1.0.0", "segments": [
{"speaker": "Lex", "startTime": 0, "endTime": 1, "body": "Hello."},
{"startTime": 1, "endTime": 2, "body": "Note: this body starts like a speaker."},
{"speaker": "Lex", "startTime": 2, "endTime": 3, "body": "Elon: a quote."},
{"startTime": 3, "endTime": 4, "body": "No one named."}]}`
	tr, _, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{FormatLines, FormatSRT, FormatVTT} {
		var out bytes.Buffer
		Write(&out, tr, f)
		back, err := ParseAs(&out, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if d := diffSegs(tr, back); d != "" {
			t.Errorf("through %s: %s", f, d)
		}
	}
}

func TestTimesOutOfRange(t *testing.T) {
	tr, _, err := Parse(strings.NewReader("(00:00~00:05) first\n(99999999:00:00~99999999:00:05) too late\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Segments) != 1 || !strings.Contains(tr.Segments[0].Text, "too late") || len(tr.Warnings) == 0 {
		t.Errorf("out-of-range stamp: %v, %v; want it kept as text with a warning", segsOf(tr), tr.Warnings)
	}
	tr, _, err = Parse(strings.NewReader("1\n00:00:01,000 --> 2562047:47:16,855\nwraps\n\n2\n00:00:02,000 --> 00:00:03,000\nnext\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range tr.Segments {
		if s.Start < 0 || s.End < 0 {
			t.Errorf("SRT stamp wrapped: %v", segsOf(tr))
		}
	}
	tr, _, err = Parse(strings.NewReader(`{"segments": [{"startTime": -5, "endTime": 1e300, "body": "negative"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s := tr.Segments[0]
	if s.Start != 0 || s.End != MaxTime || len(tr.Warnings) < 2 {
		t.Errorf("JSON times -5, 1e300 = %v, %v with %v; want 0, MaxTime, two warnings", s.Start, s.End, tr.Warnings)
	}
}

func TestNULSameAtAnyLength(t *testing.T) {
	for _, n := range []int{3, 100000} {
		var b strings.Builder
		for i := range n {
			b.WriteString("(" + FormatStamp(time.Duration(i)*time.Second) + ") words\n")
		}
		src := strings.Replace(b.String(), "words", "wo\x00rds", 1)
		tr, _, err := Parse(strings.NewReader(src))
		if err != nil {
			t.Errorf("%d lines with one NUL: %v", n, err)
			continue
		}
		if tr.Segments[0].Text != "wo rds" || len(tr.Warnings) == 0 || tr.Warnings[0].Line != 1 {
			t.Errorf("%d lines with one NUL: %q, %v", n, tr.Segments[0].Text, tr.Warnings)
		}
	}
	if _, _, err := Parse(bytes.NewReader(bytes.Repeat([]byte{0, 1, 2, 3, 'a'}, 1000))); !errors.Is(err, ErrBinary) {
		t.Errorf("binary = %v, want ErrBinary", err)
	}
}

func TestSizeCap(t *testing.T) {
	src := strings.Repeat("(00:00~00:01) words\n", 100)
	_, _, err := ParseWith(strings.NewReader(src), Options{MaxSize: 1000})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("ParseWith(2 KB, MaxSize 1000) = %v, want ErrTooLarge", err)
	}
	if _, _, err := ParseWith(strings.NewReader(src), Options{MaxSize: 4000}); err != nil {
		t.Errorf("ParseWith(2 KB, MaxSize 4000) = %v", err)
	}
}

// TestHTMLHeadingsAreChapterMarkers: a Podcasting 2.0 HTML transcript's headings are kept as chapter
// markers at the paragraph they open (they were dropped before), a trailing one at the end.
func TestHTMLHeadingsAreChapterMarkers(t *testing.T) {
	src := "<h2>Intro &amp; hello</h2>\n<cite>A:</cite>\n<time>0:00</time>\n<p>Hello.</p>\n<h3>The <em>main</em> part</h3>\n<time>1:30</time>\n<p>Main.</p>\n<h2>Credits</h2>\n"
	tr, err := ParseAs(strings.NewReader(src), FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	want := []Marker{{0, "Intro & hello", 1}, {90 * time.Second, "The main part", 5}, {tr.Segments[1].End, "Credits", 8}}
	if len(tr.Markers) != len(want) {
		t.Fatalf("markers %+v", tr.Markers)
	}
	for i := range want {
		if tr.Markers[i] != want[i] {
			t.Errorf("marker %d: %+v, want %+v", i, tr.Markers[i], want[i])
		}
	}
	if len(tr.Segments) != 2 || tr.Segments[1].Text != "Main." {
		t.Errorf("segments %+v", tr.Segments)
	}
}
