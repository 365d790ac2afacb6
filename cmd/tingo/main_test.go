package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = "../../testdata/kejilang-episode.txt"

func TestRun(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n\"segments\": [\n{\"startTime\": \"soon\"}]}"), 0o644)
	warn := filepath.Join(dir, "warn.txt")
	os.WriteFile(warn, []byte("(00:00~00:10) a\nb\n"), 0o644)
	out := filepath.Join(dir, "out.vtt")
	lost := filepath.Join(dir, "lost.vtt")
	os.WriteFile(lost, []byte("WEBVTT\n\n00:00.000 --> 00:01.000\nKept.\n\nsoon --> later\nNo time for these words.\n"), 0o644)
	secs := filepath.Join(dir, "secs.vtt")
	os.WriteFile(secs, []byte("WEBVTT\n\n0.860 --> 7.380\nThe first minute.\n\n1:04.620 --> 1:09.000\nLater.\n"), 0o644)
	lostPod := filepath.Join(dir, "lostpod")
	os.MkdirAll(lostPod, 0o755)
	os.WriteFile(filepath.Join(lostPod, "podcast.json"), []byte(`{"title":"x","episodes":[{"transcript":"lost.vtt"}]}`), 0o644)
	os.WriteFile(filepath.Join(lostPod, "lost.vtt"), []byte("WEBVTT\n\n00:00.000 --> 00:01.000\nKept.\n\nsoon --> later\nNo time.\n"), 0o644)
	leave := filepath.Join(dir, "leave")
	os.MkdirAll(leave, 0o755)
	os.WriteFile(filepath.Join(leave, "podcast.json"), []byte(`{"title":"x","episodes":[{"transcript":"../warn.txt"}]}`), 0o644)
	chapPod := filepath.Join(dir, "chappod")
	os.MkdirAll(chapPod, 0o755)
	os.WriteFile(filepath.Join(chapPod, "podcast.json"), []byte(`{"title":"x","episodes":[{"transcript":"ep.txt","slug":"ep"}]}`), 0o644)
	if b, err := os.ReadFile(sample); err == nil {
		os.WriteFile(filepath.Join(chapPod, "ep.txt"), b, 0o644)
	}
	spellings := "../../testdata/kejilang-spellings.txt"
	badSpell := filepath.Join(dir, "bad-spellings.txt")
	os.WriteFile(badSpell, []byte("# names\n洋甘菊\t陽肝菊\n羊肝菊\t陽肝菊\n"), 0o644)
	words := filepath.Join(dir, "words.txt")
	os.WriteFile(words, []byte("# names spelled right\nLex Fridman\n"), 0o644)
	pod := filepath.Join(dir, "pod")
	os.MkdirAll(pod, 0o755)
	os.WriteFile(filepath.Join(pod, "podcast.json"), []byte("{\n\"title\": \"x\",\n\"episodez\": []\n}"), 0o644)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // a substring of stdout
		stderr string // a substring of stderr
	}{
		{"no args", nil, "", 2, "", "Usage:"},
		{"chapters of a file", []string{"chapters", "../../app/chapters/testdata/kejilang-chapters.json"}, "", 0, "  1:01:26 結尾與贊助提醒 [sponsor]\n", ""},
		{"chapters of a bad file", []string{"chapters", bad}, "", 1, "", "bad.json:1: no \"chapters\" array"},
		{"chapters suggested", []string{"chapters", "--suggest", sample}, "", 0, `"sponsor": true`, "chapters suggested for"},
		{"chapters suggested for a podcast", []string{"chapters", "--suggest", "-o", filepath.Join(dir, "suggested"), chapPod}, "", 0, "chapters suggested (2 sponsor reads) → " + filepath.Join(dir, "suggested", "ep"), ""},
		{"help", []string{"help"}, "", 0, "convert", ""},
		{"unknown", []string{"frobnicate"}, "", 2, "", `unknown command "frobnicate"`},
		{"version", []string{"version"}, "", 0, "tingo dev", ""},
		{"convert help", []string{"convert", "-h"}, "", 0, "", "Example:\n  tingo convert"},
		{"check help", []string{"check", "-h"}, "", 0, "", "Example:\n  tingo check"},
		{"convert srt", []string{"convert", "--to", "srt", sample}, "", 0, "1\n00:00:00,000 --> 00:01:02,000\n【音樂】", ""},
		{"convert json", []string{"convert", "--to", "json", sample}, "", 0, `"startTime": 3613,`, ""},
		{"convert text", []string{"convert", "--to", "text", sample}, "", 0, "【音樂】 哈囉大家好", ""},
		{"convert stdin", []string{"convert", "--to", "lines", "-"}, "1\n00:00:01,000 --> 00:00:02,500\nHi\n", 0, "(00:01~00:02.500) Hi\n", ""},
		{"convert from", []string{"convert", "--from", "srt", "--to", "text", "-"}, "1\n00:00:01,000 --> 00:00:02,500\nHi\n", 0, "Hi\n", ""},
		{"convert bad from", []string{"convert", "--from", "docx", "-"}, "x", 1, "", "--from"},
		{"convert bad to", []string{"convert", "--to", "docx", sample}, "", 2, "", "--to"},
		{"convert missing", []string{"convert", filepath.Join(dir, "nope.txt")}, "", 1, "", "nope.txt"},
		{"convert two files", []string{"convert", sample, sample}, "", 2, "", "want one FILE"},
		{"convert -o", []string{"convert", "-o", out, sample}, "", 0, "", ""},
		{"convert warns", []string{"convert", warn}, "", 0, "WEBVTT", "warn.txt:2: warning: line has no timestamp"},
		{"convert encoding", []string{"convert", "--encoding", "klingon", sample}, "", 1, "", "klingon"},
		{"check ok", []string{"check", sample}, "", 0, "", ""},
		{"check bad", []string{"check", bad, sample}, "", 1, bad + ":3: json: invalid timestamp", ""},
		{"check empty stdin", []string{"check", "-"}, "", 1, "<stdin>: empty input", ""},
		{"check warnings only", []string{"check", warn}, "", 0, warn + ":2: warning:", ""},
		{"check none", []string{"check"}, "", 2, "", "want at least one FILE"},
		{"check lost words", []string{"check", lost}, "", 1, lost + ":6: error: cue timings are invalid; cue skipped", ""},
		{"check lost lenient", []string{"check", "--lenient", lost}, "", 0, lost + ":6: error:", ""},
		{"check seconds-only", []string{"check", secs}, "", 0, secs + ":3: warning: cue timings are not valid WebVTT", ""},
		{"convert lost words", []string{"convert", lost}, "", 1, "", "--lenient"},
		{"convert lost lenient", []string{"convert", "--lenient", "--to", "text", lost}, "", 0, "Kept.", ""},
		{"convert with spellings", []string{"convert", "--spellings", spellings, "--to", "srt", sample}, "", 0, "Saint-Oléan的淨平衡洋甘菊淨化液", "洋甘菊: fixed 8"},
		{"convert with bad spellings", []string{"convert", "--spellings", badSpell, sample}, "", 1, "", "bad-spellings.txt:3: \"陽肝菊\" is given already on line 2"},
		{"spellings suggested", []string{"spellings", "--suggest", "--words", words, "--top", "4", sample}, "", 0, "洋甘菊\t陽竿菊\t陽肝菊\t羊肝菊\n", ""},
		{"build with bad spellings", []string{"build", "--spellings", badSpell, "-o", filepath.Join(dir, "site"), chapPod}, "", 1, "", "bad-spellings.txt:3:"},
		{"serve with bad spellings", []string{"serve", "--spellings", badSpell, sample}, "", 1, "", "bad-spellings.txt:3:"},
		{"spellings without --suggest", []string{"spellings", sample}, "", 2, "", "want --suggest"},
		{"convert seconds-only", []string{"convert", "--to", "text", secs}, "", 0, "The first minute.\nLater.\n", ""},
		{"build lost words", []string{"build", "-o", filepath.Join(dir, "site2"), lostPod}, "", 1, "", "lost.vtt:6: cue timings are invalid"},
		{"build leaves folder", []string{"build", "-o", filepath.Join(dir, "site3"), leave}, "", 1, "", "path leaves the podcast folder"},
		{"build private feed", []string{"build", "-o", filepath.Join(dir, "site4"), "http://127.0.0.1:9/feed.xml"}, "", 1, "", "not a public address"},
		{"build help", []string{"build", "-h"}, "", 0, "", "Example:\n  tingo build"},
		{"build no input", []string{"build"}, "", 2, "", "want one INPUT"},
		{"build bad manifest", []string{"build", "-o", filepath.Join(dir, "site"), pod}, "", 1, "", "podcast.json: line 3"},
		{"build missing feed", []string{"build", filepath.Join(dir, "nope.xml")}, "", 1, "", "nope.xml"},
		{"search", []string{"search", "陽肝菊", sample}, "", 0, sample + "\t0:00-1:02\tsounds-like\t", ""},
		{"search folded", []string{"search", "超级电脑", sample}, "", 0, "folded\t…", ""},
		{"search json", []string{"search", "--json", "Fridman", sample}, "", 0, `"match": "similar",`, ""},
		{"search json empty", []string{"search", "--json", "zzzzqqq", sample}, "", 0, "[]", ""},
		{"search exact", []string{"search", "--exact", "马斯克", sample}, "", 0, "", ""},
		{"search stdin", []string{"search", "Hi", "-"}, "1\n00:00:01,000 --> 00:00:02,500\nHi\n", 0, "<stdin>\t0:01-0:02.5\texact\t[Hi]", ""},
		{"search bad file", []string{"search", "x", bad}, "", 1, "", bad + ":3"},
		{"search usage", []string{"search", "x"}, "", 2, "", "want QUERY"},
		{"search help", []string{"search", "-h"}, "", 0, "", "Example:\n  tingo search"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, strings.NewReader(tc.stdin), &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("run(%q) = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q", tc.args, code, clip(stdout.String()), clip(stderr.String()), tc.code, tc.stdout, tc.stderr)
			}
		})
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("WEBVTT\n")) {
		t.Errorf("convert -o wrote %q, %v", clip(string(b)), err)
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
