package transcript

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite golden files")

const samplePath = "../../testdata/kejilang-episode.txt"

func sample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, src []byte) (*Transcript, Format) {
	t.Helper()
	tr, f, err := Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("Parse = %v", err)
	}
	return tr, f
}

func sec(s float64) time.Duration { return FromSeconds(s) }

func TestSample(t *testing.T) {
	tr, f := mustParse(t, sample(t))
	if f != FormatLines || len(tr.Segments) != 61 || len(tr.Warnings) != 0 {
		t.Fatalf("Parse(sample) = %s, %d segments, %v; want lines, 61, no warnings", f, len(tr.Segments), tr.Warnings)
	}
	last := tr.Segments[60]
	if last.Start != sec(61*60+14) || last.End != sec(61*60+48) || last.Line != 61 {
		t.Errorf("last segment = %v-%v line %d", last.Start, last.End, last.Line)
	}
	// Nothing lost: every line, minus its stamp, is a segment's text, byte for byte.
	lines := strings.Split(strings.TrimSpace(string(sample(t))), "\n")
	for i, line := range lines {
		text := strings.TrimSpace(line[strings.IndexByte(line, ')')+1:])
		if tr.Segments[i].Text != text {
			t.Fatalf("segment %d text = %q, want %q", i, tr.Segments[i].Text, text)
		}
	}
}

func TestParseFormats(t *testing.T) {
	type seg struct {
		start, end float64
		speaker    string
		text       string
		words      int
	}
	tests := []struct {
		name   string
		in     string
		format Format
		want   []seg
		warns  int
	}{
		{"lines", "(00:00~01:02) 你好 世界\n(60:13~61:14) 再見\n", FormatLines, []seg{{0, 62, "", "你好 世界", 0}, {3613, 3674, "", "再見", 0}}, 0},
		{"lines hours and fractions", "(1:00:00.5 - 1:00:02) a\n", FormatLines, []seg{{3600.5, 3602, "", "a", 0}}, 0},
		{"lines start only", "[00:00:01] a\n[00:00:04] b\n", FormatLines, []seg{{1, 4, "", "a", 0}, {4, 6, "", "b", 0}}, 0},
		{"lines bare stamps", "00:01 a\n1:02:03 b\n", FormatLines, []seg{{1, 3723, "", "a", 0}, {3723, 3725, "", "b", 0}}, 0},
		{"lines continuation", "(00:00~00:05) a\nb\n(00:05~00:09) c\n", FormatLines, []seg{{0, 5, "", "a b", 0}, {5, 9, "", "c", 0}}, 1},
		{"lines text before first stamp", "intro\n(00:00~00:05) a\n", FormatLines, []seg{{0, 5, "", "intro a", 0}}, 1},
		{"lines CRLF", "(00:00~00:05) a\r\n(00:05~00:09) b\r\n", FormatLines, []seg{{0, 5, "", "a", 0}, {5, 9, "", "b", 0}}, 0},
		{"vtt voices and markup", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ann>Hi <b>there</b> &amp; you\nnext line\n", FormatVTT, []seg{{1, 2.5, "Ann", "Hi there & you next line", 0}}, 0},
		{"vtt word times", "WEBVTT\n\n00:01.000 --> 00:04.000\nOne <00:02.000>two <00:03.000>three\n", FormatVTT, []seg{{1, 4, "", "One two three", 3}}, 0},
		{"vtt note style region", "WEBVTT\n\nNOTE hi\n\nSTYLE\n::cue {}\n\nREGION\nid:r\n\n00:01.000 --> 00:02.000\nx\n", FormatVTT, []seg{{1, 2, "", "x", 0}}, 0},
		{"vtt lenient timing kept", "WEBVTT\n\n00:01.00 --> 00:02.00\nx\n", FormatVTT, []seg{{1, 2, "", "x", 0}}, 1},
		{"srt lenient", "3\n00:00:01 --> 00:00:02,5\nAnn: hello\n\n00:00:02.500 --> 00:00:03,04 X1:40\n<i>again</i>\n\n1\n00:01:75,000 --> 00:01:76,000\n\n", FormatSRT, []seg{{1, 2.5, "Ann", "hello", 0}, {2.5, 3.04, "Ann", "again", 0}}, 0},
		{"srt colon millis", "1\n00:00:01:500 --> 00:00:02:000\nx\n", FormatSRT, []seg{{1.5, 2, "", "x", 0}}, 0},
		{"srt seconds past 59", "1\n00:00:75,000 --> 00:00:76,000\nx\n", FormatSRT, []seg{{75, 76, "", "x", 0}}, 0},
		{"srt chinese speaker", "1\n00:00:01,000 --> 00:00:02,000\n哈利：大家好\n", FormatSRT, []seg{{1, 2, "哈利", "大家好", 0}}, 0},
		{"json segments", `{"version":"1.0.0","segments":[{"startTime":1,"endTime":2.5,"body":"hello there","speaker":"A"},{"startTime":"3","body":"no end"}]}`, FormatJSON, []seg{{1, 2.5, "A", "hello there", 0}, {3, 5, "", "no end", 0}}, 0},
		{"json word level", `{"version":"1.0.0","segments":[{"startTime":0,"endTime":0.5,"body":"Hi"},{"startTime":0.5,"endTime":1,"body":"there."},{"startTime":1,"endTime":1.5,"body":"How"},{"startTime":1.5,"endTime":2,"body":"are"},{"startTime":2,"endTime":2.5,"body":"you?"}]}`, FormatJSON, []seg{{0, 1, "", "Hi there.", 2}, {1, 2.5, "", "How are you?", 3}}, 0},
		{"json word level chinese", `{"segments":[{"startTime":0,"endTime":0.5,"body":"大家"},{"startTime":0.5,"endTime":1,"body":"好"},{"startTime":1,"endTime":1.5,"body":"我是"},{"startTime":1.5,"endTime":2,"body":"哈利"}]}`, FormatJSON, []seg{{0, 2, "", "大家好我是哈利", 4}}, 0},
		{"html", "<cite>Ann:</cite>\n<time>0:00</time>\n<p>Hi &amp; bye</p>\n<cite>Bob:</cite>\n<time>1:02</time>\n<p>Yo</p>\n", FormatHTML, []seg{{0, 62, "Ann", "Hi & bye", 0}, {62, 64, "Bob", "Yo", 0}}, 0},
		{"whisper json", `{"text":" a b","segments":[{"id":0,"start":0.0,"end":1.5,"text":" Hello world","words":[{"word":" Hello","start":0,"end":0.7},{"word":" world","start":0.8,"end":1.5}]}],"language":"en"}`, FormatWhisperJSON, []seg{{0, 1.5, "", "Hello world", 2}}, 0},
		{"whisper tsv", "start\tend\ttext\n0\t1500\tHello\n1500\t3000\tworld\n", FormatWhisperTSV, []seg{{0, 1.5, "", "Hello", 0}, {1.5, 3, "", "world", 0}}, 0},
		{"whisper.cpp", `{"systeminfo":"x","transcription":[{"timestamps":{"from":"00:00:00,000","to":"00:00:02,500"},"offsets":{"from":0,"to":2500},"text":" Hi there"}]}`, FormatWhisperCPP, []seg{{0, 2.5, "", "Hi there", 0}}, 0},
		{"overlap warned", "(00:00~00:10) a\n(00:05~00:12) b\n(00:20~00:15) c\n", FormatLines, []seg{{0, 10, "", "a", 0}, {5, 12, "", "b", 0}, {20, 15, "", "c", 0}}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, f, err := Parse(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("Parse(%q) = %v", tc.in, err)
			}
			if f != tc.format {
				t.Errorf("Parse(%q) format = %s, want %s", tc.in, f, tc.format)
			}
			var got []seg
			for _, s := range tr.Segments {
				got = append(got, seg{s.Start.Seconds(), s.End.Seconds(), s.Speaker, s.Text, len(s.Words)})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if len(tr.Warnings) != tc.warns {
				t.Errorf("Parse(%q) warnings = %v, want %d", tc.in, tr.Warnings, tc.warns)
			}
		})
	}
}

func TestWordsSpellText(t *testing.T) {
	in := `{"segments":[{"startTime":0,"endTime":0.5,"body":"I"},{"startTime":1,"endTime":1.25,"body":"am"},{"startTime":1.5,"endTime":2,"body":"your"},{"startTime":2.25,"endTime":2.5,"body":"father."}]}`
	tr, _ := mustParse(t, []byte(in))
	var words []string
	for _, w := range tr.Segments[0].Words {
		words = append(words, w.Text)
	}
	if strings.Join(words, " ") != tr.Segments[0].Text || tr.Segments[0].Words[2].Start != sec(1.5) {
		t.Errorf("words %q do not spell %q", words, tr.Segments[0].Text)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		f    Format
		want error
		line int
	}{
		{"empty", "", FormatUnknown, ErrEmpty, 0},
		{"blank", " \n\n", FormatUnknown, ErrEmpty, 0},
		{"binary", "\x00\x01\x02\x03\x04\x05\x06\x07binary\x00\x00", FormatUnknown, ErrBinary, 0},
		{"unknown", "just some words\nwith no times\n", FormatUnknown, ErrUnknownFormat, 1},
		{"vtt signature", "WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", FormatVTT, ErrSignature, 1},
		{"vtt no cues", "WEBVTT\n\nNOTE nothing\n", FormatVTT, ErrNoSegments, 0},
		{"srt no timing", "1\nhello\n", FormatSRT, ErrNoSegments, 1},
		{"json truncated", `{"segments":[{"startTime":1,`, FormatJSON, ErrTruncated, 1},
		{"json syntax", "{\n\"segments\": [\n{\"startTime\": 1,, }]}", FormatJSON, ErrSyntax, 3},
		{"json bad time", "{\"segments\": [\n{\"startTime\": \"soon\", \"body\": \"x\"}]}", FormatJSON, ErrTimestamp, 2},
		{"json no segments", `{"version":"1.0.0"}`, FormatJSON, ErrSyntax, 1},
		{"html bad time", "<time>soon</time><p>x</p>", FormatHTML, ErrTimestamp, 1},
		{"tsv bad time", "start\tend\ttext\nx\t1\thello\n", FormatWhisperTSV, ErrTimestamp, 2},
		{"lines none", "hello\n", FormatLines, ErrNoSegments, 1},
		{"text cannot be read", "x", FormatText, ErrUnknownFormat, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, _, err := ParseWith(strings.NewReader(tc.in), Options{Format: tc.f})
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tc.in, tr, err, tc.want)
			}
			var pe *ParseError
			if errors.As(err, &pe) && pe.Line != tc.line {
				t.Errorf("Parse(%q) line = %d, want %d (%v)", tc.in, pe.Line, tc.line, err)
			}
		})
	}
	if _, _, err := ParseWith(strings.NewReader("x"), Options{Encoding: "klingon"}); !errors.Is(err, ErrEncoding) {
		t.Errorf("Parse with encoding klingon = %v, want ErrEncoding", err)
	}
}

// encodeLossy encodes s, leaving out the characters enc cannot represent, and returns what it kept.
func encodeLossy(t *testing.T, s string, enc encoding.Encoding) ([]byte, string) {
	t.Helper()
	var out bytes.Buffer
	var kept strings.Builder
	e := enc.NewEncoder()
	for _, r := range s {
		b, err := e.Bytes([]byte(string(r)))
		if err != nil {
			continue
		}
		out.Write(b)
		kept.WriteRune(r)
	}
	return out.Bytes(), kept.String()
}

func TestEncodings(t *testing.T) {
	src := string(sample(t))
	tests := []struct {
		name string
		enc  encoding.Encoding
		bom  []byte
	}{
		{"big5", traditionalchinese.Big5, nil},
		{"gb18030", simplifiedchinese.GB18030, nil},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), []byte{0xFF, 0xFE}},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), []byte{0xFE, 0xFF}},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), nil},
		{"utf-8", unicode.UTF8, []byte{0xEF, 0xBB, 0xBF}},
	}
	for _, tc := range tests {
		raw, kept := encodeLossy(t, src, tc.enc)
		raw = append(append([]byte{}, tc.bom...), raw...)
		text, name, err := Decode(raw, "")
		if err != nil || name != tc.name || text != kept {
			t.Errorf("Decode(%s, bom %x) = %s, %v, same text %v", tc.name, tc.bom, name, err, text == kept)
		}
		tr, _, err := Parse(bytes.NewReader(raw))
		if err != nil || len(tr.Segments) != 61 {
			t.Errorf("Parse(sample as %s) = %v", tc.name, err)
		}
	}
	// The simplified sample, in GBK, is not mistaken for Big5.
	simp := "(00:00~00:05) 欢迎收听科技浪 我是主持人哈利 这个人形机器人的训练资料\n"
	raw, _ := encodeLossy(t, simp, simplifiedchinese.GBK)
	if text, name, _ := Decode(raw, ""); name != "gb18030" || text != simp {
		t.Errorf("Decode(GBK) = %s %q", name, text)
	}
	// A named encoding is used as named.
	raw, _ = encodeLossy(t, "(00:00~00:05) 科技浪\n", traditionalchinese.Big5)
	if _, name, err := Decode(raw, "Big5"); err != nil || name != "big5" {
		t.Errorf("Decode(raw, Big5) = %s, %v", name, err)
	}
}

// sameSegments compares what a round trip through format f must keep.
func sameSegments(t *testing.T, f Format, a, b []Segment) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s round trip: %d segments, want %d", f, len(b), len(a))
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Start.Round(time.Millisecond) != y.Start || x.End.Round(time.Millisecond) != y.End || flatten(x.Text) != y.Text {
			t.Fatalf("%s round trip segment %d = %v-%v %q, want %v-%v %q", f, i, y.Start, y.End, y.Text, x.Start, x.End, x.Text)
		}
		if f != FormatLines && x.Speaker != y.Speaker {
			t.Fatalf("%s round trip segment %d speaker = %q, want %q", f, i, y.Speaker, x.Speaker)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	inputs := map[string][]byte{"sample": sample(t)}
	inputs["speakers"] = []byte("WEBVTT\n\n00:00.500 --> 00:02.250\n<v Ann>Hello &amp; <b>welcome</b>\n\n00:02.250 --> 00:04.000\n<v Bob Smith>Thanks &lt;3\n\n00:04.000 --> 01:00:04.001\n<v Bob Smith>long\n")
	inputs["words"] = []byte("WEBVTT\n\n00:01.000 --> 00:04.000\nOne <00:02.000>two <00:03.000>three\n")
	for name, in := range inputs {
		orig, _ := mustParse(t, in)
		for _, f := range []Format{FormatLines, FormatVTT, FormatSRT, FormatJSON} {
			var buf bytes.Buffer
			if err := Write(&buf, orig, f); err != nil {
				t.Fatalf("Write(%s, %s) = %v", name, f, err)
			}
			back, err := ParseAs(bytes.NewReader(buf.Bytes()), f)
			if err != nil {
				t.Fatalf("ParseAs(Write(%s, %s)) = %v\n%s", name, f, err, buf.String())
			}
			if f == FormatLines && name == "speakers" {
				continue // timed lines have no place for a speaker: the name stays in the text
			}
			sameSegments(t, f, orig.Segments, back.Segments)
			if f == FormatVTT && name == "words" && !reflect.DeepEqual(orig.Segments[0].Words, back.Segments[0].Words) {
				t.Errorf("vtt round trip words = %v, want %v", back.Segments[0].Words, orig.Segments[0].Words)
			}
		}
	}
}

// TestGolden writes the sample in every format and compares with testdata/sample.*; -update rewrites them.
func TestGolden(t *testing.T) {
	tr, _ := mustParse(t, sample(t))
	for _, name := range FormatNames(false) {
		f, _ := ParseFormat(name)
		var buf bytes.Buffer
		if err := Write(&buf, tr, f); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "sample."+name)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("Write(sample, %s) differs from %s (run go test -update and review the diff)", name, path)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Errorf("Write(sample, %s) is not UTF-8", name)
		}
	}
	// The timed-lines writer gives back the sample byte for byte.
	var buf bytes.Buffer
	Write(&buf, tr, FormatLines)
	if !bytes.Equal(buf.Bytes(), sample(t)) {
		t.Errorf("Write(Parse(sample), lines) is not the sample")
	}
}

func TestFormatNames(t *testing.T) {
	for _, name := range append(FormatNames(true), "webvtt", "SRT", "txt") {
		if _, err := ParseFormat(name); err != nil {
			t.Errorf("ParseFormat(%q) = %v", name, err)
		}
	}
	if _, err := ParseFormat("docx"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat(docx) = %v, want ErrUnknownFormat", err)
	}
	if err := Write(&bytes.Buffer{}, &Transcript{}, FormatHTML); !errors.Is(err, ErrUnknownWriter) {
		t.Errorf("Write(html) = %v, want ErrUnknownWriter", err)
	}
}

func TestFormatStamp(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", sec(62): "1:02", sec(3723.5): "1:02:03.5", sec(61*60 + 14): "61:14"} {
		_ = want
		got := FormatStamp(d)
		if d == sec(61*60+14) {
			want = "1:01:14"
		}
		if got != want {
			t.Errorf("FormatStamp(%v) = %q, want %q", d, got, want)
		}
	}
}
