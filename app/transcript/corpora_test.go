package transcript

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The conformance tests read ../shared/corpora (material written by other projects, with the results those
// projects expect). They skip, saying so, where that folder is absent.

func corpus(t *testing.T, parts ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{"..", "..", "..", "shared", "corpora"}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus %s is absent (%v): conformance not checked", filepath.Join(parts...), err)
	}
	return dir
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameSeconds(d time.Duration, s float64) bool {
	return math.Abs(d.Seconds()-s) < 0.0005
}

// vttCuesOf decodes and runs the W3C algorithm, as a browser loading a track would.
func vttCuesOf(raw []byte) ([]vttCue, error) {
	src, _, err := Decode(raw, "utf-8")
	if err != nil {
		return nil, err
	}
	cues, err := parseVTTCues(normalizeNewlines(src), nil)
	valid := cues[:0]
	for _, c := range cues {
		if !c.Invalid {
			valid = append(valid, c)
		}
	}
	return valid, err
}

// wptKnownDeviations lists web-platform-tests cases tingo parses differently, with the reason.
var wptKnownDeviations = map[string]string{}

func TestWPTWebVTT(t *testing.T) {
	dir := corpus(t, "wpt-webvtt")
	var cases map[string]struct {
		Expect   string                    `json:"expect"`
		Input    string                    `json:"input"`
		CueCount *int                      `json:"cue_count"`
		Cues     map[string]map[string]any `json:"cues"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "expected-cues.json")), &cases); err != nil {
		t.Fatal(err)
	}
	pass, fail, known := 0, 0, 0
	for name, c := range cases {
		ok := t.Run(name, func(t *testing.T) {
			if why, ok := wptKnownDeviations[name]; ok {
				known++
				t.Skip(why)
			}
			raw := readFile(t, filepath.Join(dir, "webvtt", "parsing", "file-parsing", c.Input))
			cues, err := vttCuesOf(raw)
			if strings.HasPrefix(c.Expect, "error") {
				if !errors.Is(err, ErrSignature) {
					t.Errorf("parseVTTCues(%s) = %d cues, %v; want ErrSignature", c.Input, len(cues), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseVTTCues(%s) = %v, want cues", c.Input, err)
			}
			if c.CueCount != nil && len(cues) != *c.CueCount {
				t.Fatalf("parseVTTCues(%s) = %d cues, want %d", c.Input, len(cues), *c.CueCount)
			}
			for idx, fields := range c.Cues {
				var i int
				if err := json.Unmarshal([]byte(idx), &i); err != nil || i >= len(cues) {
					t.Fatalf("cue %s missing", idx)
				}
				cue := cues[i]
				for field, want := range fields {
					switch field {
					case "text":
						if cue.Raw != want.(string) {
							t.Errorf("cue %d text = %q, want %q", i, cue.Raw, want)
						}
					case "id":
						if cue.ID != want.(string) {
							t.Errorf("cue %d id = %q, want %q", i, cue.ID, want)
						}
					case "startTime":
						if !sameSeconds(cue.Start, want.(float64)) {
							t.Errorf("cue %d start = %v, want %v", i, cue.Start, want)
						}
					case "endTime":
						if !sameSeconds(cue.End, want.(float64)) {
							t.Errorf("cue %d end = %v, want %v", i, cue.End, want)
						}
					}
				}
			}
		})
		if ok {
			pass++
		} else {
			fail++
		}
	}
	t.Logf("wpt-webvtt: %d of %d cases pass, %d known deviations", pass-known, pass+fail, known)
}

// vttjsKnownDeviations lists Mozilla vtt.js cases tingo parses differently, with the reason.
// vtt.js follows the 2014-2016 drafts; where the W3C algorithm of 2019 (which the wpt cases check) says
// otherwise, tingo follows the W3C.
var vttjsKnownDeviations = map[string]string{
	"tests/cue-times/min-top-digits.vtt":           "W3C: a first field of 3 digits is hours, so 000:00.000 lacks its seconds; vtt.js read minutes",
	"tests/cue-times/minimum-spots-over-sixty.vtt": "W3C: a first field over 59 is hours, so 120:00.000 lacks its seconds; vtt.js read minutes",
	"tests/integration/id.vtt":                     "W3C: after an id of \"-->\" the timing line on the next line starts a cue (wpt arrows); vtt.js dropped it",
	"tests/file-layout/header-no-new-line.vtt":     "W3C: a timing line right after the header line starts a cue; vtt.js ignored it",
}

func TestVTTJS(t *testing.T) {
	dir := corpus(t, "vtt.js")
	rows := strings.Split(strings.TrimSpace(string(readFile(t, filepath.Join(dir, "cases.tsv")))), "\n")[1:]
	pass, fail, known := 0, 0, 0
	for _, row := range rows {
		f := strings.Split(row, "\t")
		in, want := f[1], f[2]
		ok := t.Run(strings.TrimPrefix(in, "tests/"), func(t *testing.T) {
			if why, ok := vttjsKnownDeviations[in]; ok {
				known++
				t.Skip(why)
			}
			var exp struct {
				Cues []struct {
					ID        string  `json:"id"`
					StartTime float64 `json:"startTime"`
					EndTime   float64 `json:"endTime"`
					Text      string  `json:"text"`
				} `json:"cues"`
			}
			if err := json.Unmarshal(readFile(t, filepath.Join(dir, want)), &exp); err != nil {
				t.Fatal(err)
			}
			cues, err := vttCuesOf(readFile(t, filepath.Join(dir, in)))
			if err != nil && len(exp.Cues) > 0 {
				t.Fatalf("parseVTTCues(%s) = %v, want %d cues", in, err, len(exp.Cues))
			}
			if len(cues) != len(exp.Cues) {
				t.Fatalf("parseVTTCues(%s) = %d cues, want %d", in, len(cues), len(exp.Cues))
			}
			for i, e := range exp.Cues {
				c := cues[i]
				if c.ID != e.ID || !sameSeconds(c.Start, e.StartTime) || !sameSeconds(c.End, e.EndTime) || c.Raw != e.Text {
					t.Errorf("cue %d = {%q %v %v %q}, want {%q %v %v %q}", i, c.ID, c.Start, c.End, c.Raw, e.ID, e.StartTime, e.EndTime, e.Text)
				}
			}
		})
		if ok {
			pass++
		} else {
			fail++
		}
	}
	t.Logf("vtt.js: %d of %d cases pass, %d known deviations", pass-known, pass+fail, known)
}

// parseFile parses a corpus file as the command would (format detected when f is FormatUnknown).
func parseFile(t *testing.T, path string, f Format) (*Transcript, error) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	tr, _, err := ParseWith(fh, Options{Format: f})
	return tr, err
}

// plain reduces cue text to its words: tags and character references gone, white space folded.
func plain(s string) string {
	s = cleanSRTText(strings.ReplaceAll(s, "\n", " "))
	return strings.Join(strings.Fields(s), " ")
}

// sameText compares a segment with an expected cue text, allowing for a "Name:" prefix tingo reads as the
// speaker.
func sameText(seg Segment, want string) bool {
	w := plain(want)
	got := strings.Join(strings.Fields(seg.Text), " ")
	if got == w {
		return true
	}
	if m := speakerPrefix.FindStringSubmatch(w); m != nil && seg.Speaker == m[1] {
		return got == strings.TrimSpace(w[len(m[0]):])
	}
	return false
}

func TestSubtitleJSFilms(t *testing.T) {
	dir := corpus(t, "subtitle.js", "test", "fixtures")
	for _, film := range []string{"LaLaLand", "ManOfSteel", "WonderWoman"} {
		for _, ext := range []string{"srt", "vtt"} {
			t.Run(film+"."+ext, func(t *testing.T) {
				var items []struct {
					Type string
					Data json.RawMessage
				}
				if err := json.Unmarshal(readFile(t, filepath.Join(dir, film+"."+ext+".json")), &items); err != nil {
					t.Fatal(err)
				}
				type cue struct {
					Start, End int64
					Text       string
				}
				var exp []struct{ Data cue }
				for _, it := range items {
					if it.Type != "cue" {
						continue
					}
					var c cue
					if err := json.Unmarshal(it.Data, &c); err != nil {
						t.Fatal(err)
					}
					exp = append(exp, struct{ Data cue }{c})
				}
				tr, err := parseFile(t, filepath.Join(dir, film+"."+ext), FormatUnknown)
				if err != nil {
					t.Fatal(err)
				}
				j := 0
				for _, e := range exp {
					if plain(e.Data.Text) == "" {
						continue // blank cues are not segments
					}
					if j >= len(tr.Segments) {
						t.Fatalf("%d segments, want more (next %q)", len(tr.Segments), e.Data.Text)
					}
					s := tr.Segments[j]
					j++
					if s.Start != time.Duration(e.Data.Start)*time.Millisecond || s.End != time.Duration(e.Data.End)*time.Millisecond || !sameText(s, e.Data.Text) {
						t.Fatalf("segment %d = %v-%v %q %q, want %dms-%dms %q", j-1, s.Start, s.End, s.Speaker, s.Text, e.Data.Start, e.Data.End, plain(e.Data.Text))
					}
				}
				if j != len(tr.Segments) {
					t.Errorf("%d segments, want %d", len(tr.Segments), j)
				}
			})
		}
	}
}

type wantSeg struct {
	start, end float64 // seconds; end < 0: not checked
	text       string  // words as plain() gives them
}

func checkSegs(t *testing.T, name string, tr *Transcript, count int, want map[int]wantSeg) {
	t.Helper()
	if count >= 0 && len(tr.Segments) != count {
		t.Errorf("Parse(%s) = %d segments, want %d", name, len(tr.Segments), count)
	}
	for i, w := range want {
		if i >= len(tr.Segments) {
			t.Errorf("Parse(%s): no segment %d", name, i)
			continue
		}
		s := tr.Segments[i]
		if !sameSeconds(s.Start, w.start) || w.end >= 0 && !sameSeconds(s.End, w.end) || w.text != "" && !sameText(s, w.text) {
			t.Errorf("Parse(%s) segment %d = %v-%v %q %q, want %v-%v %q", name, i, s.Start, s.End, s.Speaker, s.Text, w.start, w.end, w.text)
		}
	}
}

func TestGoAstisub(t *testing.T) {
	dir := corpus(t, "go-astisub", "testdata")
	six := map[int]wantSeg{
		0: {99, 101.04, "(deep rumbling)"},
		1: {124.08, 127.12, "MAN: How did we end up here?"},
		2: {132.16, 135.2, "This place is horrible."},
		3: {140.24, 142.28, "Smells like balls."},
		4: {148.32, 151.36, "We don't belong in this shithole."},
		5: {151.4, 153.44, "(computer playing electronic melody)"},
	}
	for _, name := range []string{"example-in.srt", "example-in.vtt", "missing-sequence-in.srt", "example-out.srt", "example-out.vtt"} {
		tr, err := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		if err != nil {
			t.Errorf("Parse(%s) = %v", name, err)
			continue
		}
		checkSegs(t, name, tr, 6, six)
	}
	for _, name := range []string{"example-in-carriage-return.srt", "example-in-carriage-return.vtt"} {
		tr, err := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		if err != nil {
			t.Fatalf("Parse(%s) = %v", name, err)
		}
		checkSegs(t, name, tr, 3, map[int]wantSeg{0: {0, 3.766, "Did one of the last stories strike you as more interesting than the other?"}})
	}
	for _, name := range []string{"example-in-html-entities.srt", "example-in-html-entities.vtt"} {
		tr, err := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		if err != nil {
			t.Fatalf("Parse(%s) = %v", name, err)
		}
		checkSegs(t, name, tr, 3, map[int]wantSeg{
			0: {0.331, 3.75, "The man in black fled across the desert, & the gunslinger followed."},
			1: {4.101, 5.43, "Go, then,"},
			2: {6.331, 9.675, ""},
		})
	}
	if tr, err := parseFile(t, filepath.Join(dir, "example-in-styled.srt"), FormatUnknown); err != nil {
		t.Errorf("Parse(example-in-styled.srt) = %v", err)
	} else {
		checkSegs(t, "example-in-styled.srt", tr, 10, nil)
		for _, s := range tr.Segments {
			if strings.ContainsAny(s.Text, "<>") {
				t.Errorf("styled segment keeps markup: %q", s.Text)
			}
		}
	}
	// UTF-16LE without a BOM: astisub fails; tingo detects the encoding.
	for _, name := range []string{"example-in-non-utf8.srt", "example-in-non-utf8.vtt"} {
		tr, err := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		if err != nil {
			t.Errorf("Parse(%s) = %v, want it decoded as UTF-16LE", name, err)
			continue
		}
		if tr.Encoding != "utf-16le" || len(tr.Segments) == 0 {
			t.Errorf("Parse(%s) = %s, %d segments; want utf-16le and segments", name, tr.Encoding, len(tr.Segments))
		}
	}
	if _, err := parseFile(t, filepath.Join(dir, "broken-1-in.vtt"), FormatVTT); !errors.Is(err, ErrSignature) {
		t.Errorf("ParseAs(broken-1-in.vtt, vtt) = %v, want ErrSignature", err)
	}
}

func TestWebvttPy(t *testing.T) {
	dir := corpus(t, "webvtt-py", "tests", "subtitles")
	counts := map[string]int{
		"sample.vtt": 16, "one_caption.vtt": 1, "sample.srt": 5, "captions_with_bom.vtt": 4, "comments.vtt": 3,
		"metadata_headers.vtt": 2, "metadata_headers_multiline.vtt": 2, "using_identifiers.vtt": 6,
		"styles.vtt": 1, "one_caption.srt": 1,
		// The empty cue is dropped, as webvtt-py does for SRT: a segment with no words has nothing to read.
		"missing_caption_text.vtt": 4, "missing_caption_text.srt": 4,
		// webvtt-py keeps the cue whose text looks like a timing with text ""; it has no words for tingo.
		"invalid_timeframe_in_cue_text.vtt": 3,
	}
	for name, n := range counts {
		f := FormatSRT
		if strings.HasSuffix(name, ".vtt") {
			f = FormatVTT
		}
		tr, err := parseFile(t, filepath.Join(dir, name), f)
		if err != nil {
			t.Errorf("ParseAs(%s) = %v", name, err)
			continue
		}
		checkSegs(t, name, tr, n, nil)
	}
	for _, name := range []string{"sample.vtt", "sample.srt"} {
		tr, _ := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		checkSegs(t, name, tr, -1, map[int]wantSeg{2: {11.89, 16.32, ""}})
	}
	for _, name := range []string{"one_caption.vtt", "one_caption.srt"} {
		tr, _ := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		checkSegs(t, name, tr, -1, map[int]wantSeg{0: {0.5, 7, "Caption text #1"}})
	}
	tr, _ := parseFile(t, filepath.Join(dir, "comments.vtt"), FormatVTT)
	checkSegs(t, "comments.vtt", tr, 3, nil)
	if tr.Segments[0].Text != "- Ta en kopp varmt te. - Det är inte varmt." || tr.Segments[2].Text != "- Ta en kopp" {
		t.Errorf("comments.vtt texts = %q, %q", tr.Segments[0].Text, tr.Segments[2].Text)
	}
	tr, _ = parseFile(t, filepath.Join(dir, "cue_tags.vtt"), FormatVTT)
	if tr.Segments[1].Text != "Like a big-a pizza pie" || tr.Segments[2].Text != "That's amore" {
		t.Errorf("cue_tags.vtt texts = %q, %q", tr.Segments[1].Text, tr.Segments[2].Text)
	}
	tr, _ = parseFile(t, filepath.Join(dir, "netflix_chicas_del_cable.vtt"), FormatVTT)
	if tr.Segments[0].Text != "[Alba] En 1928," || tr.Segments[len(tr.Segments)-2].Text != "Diez años no son suficientes para olvidarte..." {
		t.Errorf("netflix texts = %q, %q", tr.Segments[0].Text, tr.Segments[len(tr.Segments)-2].Text)
	}
	tr, _ = parseFile(t, filepath.Join(dir, "youtube_dl.vtt"), FormatVTT)
	if tr.Segments[2].Text != "this will happen is I'm telling" {
		t.Errorf("youtube_dl.vtt segment 2 = %q", tr.Segments[2].Text)
	}
	// Files webvtt-py rejects. tingo rejects those with no timed text at all; the rest it keeps with a
	// warning that names the line (see README: known deviations).
	for _, name := range []string{"invalid.vtt", "empty.vtt", "invalid_format1.srt", "invalid_format2.srt", "invalid_format3.srt"} {
		f := FormatSRT
		if strings.HasSuffix(name, ".vtt") {
			f = FormatVTT
		}
		if tr, err := parseFile(t, filepath.Join(dir, name), f); err == nil {
			t.Errorf("ParseAs(%s) = %d segments, want an error", name, len(tr.Segments))
		}
	}
	for _, name := range []string{"invalid_timeframe.vtt", "missing_timeframe.vtt", "missing_timeframe.srt", "invalid_format4.srt"} {
		tr, err := parseFile(t, filepath.Join(dir, name), FormatUnknown)
		if err != nil {
			t.Errorf("Parse(%s) = %v, want segments with a warning", name, err)
			continue
		}
		if len(tr.Warnings) == 0 {
			t.Errorf("Parse(%s): no warning", name)
		}
	}
}

func TestNodeWebVTT(t *testing.T) {
	dir := corpus(t, "node-webvtt", "test", "data")
	tr, err := parseFile(t, filepath.Join(dir, "acid.vtt"), FormatVTT)
	if err != nil {
		t.Fatalf("ParseAs(acid.vtt) = %v", err)
	}
	// node-webvtt (lenient) reports one error, the invalid timestamp of cue 14 (line 62), and stops there.
	// The next block (line 66, "# 00:01:30.000 -->") is malformed too, and tingo names both. The W3C
	// algorithm also drops the cues with two-digit fractions; tingo keeps those, warning.
	var skipped []Warning
	for _, w := range tr.Warnings {
		if strings.Contains(w.Msg, "cue skipped") {
			skipped = append(skipped, w)
		}
	}
	if len(skipped) != 2 || skipped[0].Line != 62 || skipped[1].Line != 66 {
		t.Errorf("acid.vtt: skipped cues %v, want lines 62 and 66", skipped)
	}
	if _, err := parseFile(t, filepath.Join(dir, "subs1.vtt"), FormatUnknown); err != nil {
		t.Errorf("Parse(subs1.vtt) = %v", err)
	}
	// Its one cue has no text; the text after the blank lines is a block with no timing.
	if _, err := parseFile(t, filepath.Join(dir, "malformed.vtt"), FormatUnknown); !errors.Is(err, ErrNoSegments) {
		t.Errorf("Parse(malformed.vtt) = %v, want ErrNoSegments", err)
	}
}

func TestCdownSRT(t *testing.T) {
	dir := corpus(t, "cdown-srt", "srt_tools", "tests", "files")
	tr, err := parseFile(t, filepath.Join(dir, "gb2312.srt"), FormatUnknown)
	if err != nil {
		t.Fatalf("Parse(gb2312.srt) = %v", err)
	}
	if tr.Encoding != "gb18030" {
		t.Errorf("gb2312.srt encoding = %s, want gb18030", tr.Encoding)
	}
	want := []string{"宇宙守护神  保护我们远离邪恶", "他能徒手抓住子弹  拦住疾速的火车", "轻轻一跳就能飞跃高楼"}
	checkSegs(t, "gb2312.srt", tr, 3, map[int]wantSeg{0: {27, 30.73, ""}, 1: {31.5, 34.1, ""}, 2: {34.1, 36.57, ""}})
	for i, w := range want {
		if i < len(tr.Segments) && tr.Segments[i].Text != w {
			t.Errorf("gb2312.srt segment %d = %q, want %q", i, tr.Segments[i].Text, w)
		}
	}
	if tr, err := parseFile(t, filepath.Join(dir, "ascii.srt"), FormatUnknown); err != nil || len(tr.Segments) != 3 {
		t.Errorf("Parse(ascii.srt) = %v", err)
	}
}

func TestPodcastNamespace(t *testing.T) {
	dir := corpus(t, "podcast-namespace", "docs", "examples", "transcripts")
	tr, err := parseFile(t, filepath.Join(dir, "example.json"), FormatUnknown)
	if err != nil {
		t.Fatal(err)
	}
	checkSegs(t, "example.json", tr, 2, map[int]wantSeg{0: {0.5, 2.5, "I am your father."}, 1: {2.75, 3, "Nooooo"}})
	if tr.Segments[0].Speaker != "Darth Vader" || len(tr.Segments[0].Words) != 4 || !sameSeconds(tr.Segments[0].Words[3].Start, 2.25) {
		t.Errorf("example.json segment 0 = %+v", tr.Segments[0])
	}
	tr, err = parseFile(t, filepath.Join(dir, "example.srt"), FormatUnknown)
	if err != nil {
		t.Fatal(err)
	}
	checkSegs(t, "example.srt", tr, 222, map[int]wantSeg{221: {752.671, -1, ""}})
	if tr.Segments[0].Speaker == "" {
		t.Errorf("example.srt: the first cue's Name: prefix was not read as the speaker")
	}
	tr, err = parseFile(t, filepath.Join(dir, "example.vtt"), FormatUnknown)
	if err != nil {
		t.Fatal(err)
	}
	checkSegs(t, "example.vtt", tr, 7, nil)
	if tr.Segments[0].Speaker != "Sarah" || !strings.Contains(tr.Text(), "Podcasting Q&A") {
		t.Errorf("example.vtt: speaker %q, text %q", tr.Segments[0].Speaker, tr.Text())
	}
	tr, err = parseFile(t, filepath.Join(dir, "example.html"), FormatUnknown)
	if err != nil {
		t.Fatal(err)
	}
	checkSegs(t, "example.html", tr, 10, map[int]wantSeg{0: {0, 53, ""}, 1: {53, 102, ""}, 9: {691, -1, ""}})
	if tr.Segments[1].Speaker != "Sarah" || strings.Contains(tr.Text(), "&#39;") {
		t.Errorf("example.html: speaker %q, entities left in text", tr.Segments[1].Speaker)
	}
}
