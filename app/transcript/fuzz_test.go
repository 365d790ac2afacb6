package transcript

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every parser has a fuzz target, seeded from testdata and, where present, ../shared/corpora. The
// property: no panic; a transcript that parses has non-empty, valid UTF-8 segments, writes in every
// format, and its WebVTT parses back to as many segments. Crashers found are kept in testdata/fuzz.

func seed(f *testing.F, exts ...string) {
	f.Helper()
	add := func(path string) {
		for _, e := range exts {
			if strings.HasSuffix(path, e) {
				// Seeds up to 64 KB: the round-trip property costs some 150 ms on a 100 KB film's
				// subtitles, which the corpora and round-trip tests check whole; small seeds let the
				// fuzzer try thousands of inputs a second.
				if b, err := os.ReadFile(path); err == nil && len(b) <= 64<<10 {
					f.Add(b)
				}
				return
			}
		}
	}
	for _, root := range []string{"testdata", "../../testdata", "../../../shared/corpora"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				add(path)
			}
			return nil
		})
	}
}

func checkParsed(t *testing.T, tr *Transcript, err error) {
	if err != nil {
		if tr != nil {
			t.Fatalf("error %v with a transcript", err)
		}
		return
	}
	if len(tr.Segments) == 0 {
		t.Fatal("no error and no segments")
	}
	for i, s := range tr.Segments {
		if strings.TrimSpace(s.Text) == "" || !utf8.ValidString(s.Text) || !utf8.ValidString(s.Speaker) {
			t.Fatalf("segment %d text %q speaker %q", i, s.Text, s.Speaker)
		}
	}
	for _, name := range FormatNames(false) {
		f, _ := ParseFormat(name)
		var buf bytes.Buffer
		if err := Write(&buf, tr, f); err != nil {
			t.Fatalf("Write(%s) = %v", name, err)
		}
		if formats[f].parse == nil {
			continue
		}
		// Whatever parses survives every writer and its reader: segments, texts, times and speakers.
		back, err := ParseAs(&buf, f)
		if err != nil {
			t.Fatalf("%s round trip: %v\n%s", name, err, buf.String())
		}
		if d := diffSegs(tr, back); d != "" {
			t.Fatalf("%s round trip: %s\n%s", name, d, buf.String())
		}
	}
}

func fuzzFormat(f *testing.F, format Format, exts ...string) {
	seed(f, exts...)
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseAs(bytes.NewReader(data), format)
		checkParsed(t, tr, err)
	})
}

func FuzzParse(f *testing.F) {
	seed(f, ".txt", ".vtt", ".srt", ".json", ".html", ".tsv", ".json3", ".srv3")
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, _, err := Parse(bytes.NewReader(data))
		checkParsed(t, tr, err)
	})
}

func FuzzLines(f *testing.F)       { fuzzFormat(f, FormatLines, ".txt", ".lines") }
func FuzzVTT(f *testing.F)         { fuzzFormat(f, FormatVTT, ".vtt") }
func FuzzSRT(f *testing.F)         { fuzzFormat(f, FormatSRT, ".srt") }
func FuzzJSON(f *testing.F)        { fuzzFormat(f, FormatJSON, ".json") }
func FuzzHTML(f *testing.F)        { fuzzFormat(f, FormatHTML, ".html") }
func FuzzWhisperJSON(f *testing.F) { fuzzFormat(f, FormatWhisperJSON, ".json") }
func FuzzWhisperTSV(f *testing.F)  { fuzzFormat(f, FormatWhisperTSV, ".tsv") }
func FuzzWhisperCPP(f *testing.F)  { fuzzFormat(f, FormatWhisperCPP, ".json") }
func FuzzEditor(f *testing.F)      { fuzzFormat(f, FormatEditor, ".txt") }
func FuzzJSONList(f *testing.F)    { fuzzFormat(f, FormatJSONList, ".json") }
func FuzzJSON3(f *testing.F)       { fuzzFormat(f, FormatJSON3, ".json3", ".json") }
func FuzzSRV3(f *testing.F)        { fuzzFormat(f, FormatSRV3, ".srv3", ".html") }

func FuzzDecode(f *testing.F) {
	seed(f, ".srt", ".txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, name, err := Decode(data, "")
		if err == nil && (!utf8.ValidString(s) || name == "") {
			t.Fatalf("Decode = %q, %q", s, name)
		}
	})
}
