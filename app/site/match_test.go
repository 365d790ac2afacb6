package site

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func matchFeed(remote string) string {
	return `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title>
<item><title>Hello World</title><guid>urn:uuid:1111</guid><enclosure url="https://cdn.example.com/a1.mp3" type="audio/mpeg" length="1"/><pubDate>Mon, 01 Jan 2024 08:00:00 +0000</pubDate></item>
<item><title>Second</title><guid>https://show.example.com/e/2</guid><enclosure url="https://cdn.example.com/media/second-show.mp3" type="audio/mpeg" length="1"/></item>
<item><title>Third</title><guid>g3</guid><itunes:episode>3</itunes:episode><enclosure url="https://cdn.example.com/x.mp3" type="audio/mpeg" length="1"/></item>
<item><title>Fourth</title><guid>g4</guid><pubDate>Sat, 04 May 2024 20:00:00 +0800</pubDate></item>
<item><title>機器人特輯</title><guid>g5</guid></item>
<item><title>Remote</title><guid>g6</guid><podcast:transcript url="` + remote + `" type="text/plain"/></item>
<item><title>Nothing</title><guid>g7</guid></item>
</channel></rss>`
}

func TestTranscriptsFolderMatchesItems(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "(00:00~00:05) from the feed\n")
	}))
	defer ts.Close()
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.xml")
	os.WriteFile(feed, []byte(matchFeed(ts.URL+"/6.txt")), 0o644)
	trs := filepath.Join(dir, "transcripts")
	os.MkdirAll(trs, 0o755)
	files := map[string]string{"urn-uuid-1111.vtt": "WEBVTT\n\n00:00.000 --> 00:05.000\none\n", "second-show.srt": "1\n00:00:00,000 --> 00:00:05,000\ntwo\n",
		"Episode 003.txt": "(00:00~00:05) three\n", "show-2024-05-04.txt": "(00:00~00:05) four\n", "机器人特辑.txt": "(00:00~00:05) five\n",
		"Remote.txt": "(00:00~00:05) the local six\n", "notes.txt": "not matched\n"}
	for n, b := range files {
		os.WriteFile(filepath.Join(trs, n), []byte(b), 0o644)
	}
	p, err := LoadFeed(context.Background(), feed, LoadOptions{AllowPrivate: true, Transcripts: trs})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range p.Episodes {
		got[e.Title] = e.Transcript.Segments[0].Text
	}
	want := map[string]string{"Hello World": "one", "Second": "two", "Third": "three", "Fourth": "four", "機器人特輯": "five", "Remote": "from the feed"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("episode %q has %q, want %q", k, got[k], v)
		}
	}
	if len(p.Episodes) != 6 {
		t.Errorf("%d episodes, want 6 (Nothing left out)", len(p.Episodes))
	}
	rules := map[string]string{}
	for _, m := range p.Matches {
		rules[m.File] = m.Rule
		if m.File == "Remote.txt" && (m.Used || !strings.Contains(m.Why, "--prefer-local")) {
			t.Errorf("Remote.txt: %+v, want not used, the feed's transcript winning", m)
		}
		if m.File == "notes.txt" && (m.Item != "" || m.Why == "") {
			t.Errorf("notes.txt: %+v, want matched to nothing, with why", m)
		}
	}
	for f, r := range map[string]string{"urn-uuid-1111.vtt": "guid", "second-show.srt": "enclosure", "Episode 003.txt": "episode",
		"show-2024-05-04.txt": "date", "机器人特辑.txt": "title", "Remote.txt": "title"} {
		if rules[f] != r {
			t.Errorf("%s matched by %q, want %q", f, rules[f], r)
		}
	}
	if w := strings.Join(p.Warnings, "\n"); !strings.Contains(w, `"Nothing"`) {
		t.Errorf("warnings %q do not name the item left out", w)
	}
	p, err = LoadFeed(context.Background(), feed, LoadOptions{AllowPrivate: true, Transcripts: trs, PreferLocal: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Episodes {
		if e.Title == "Remote" && e.Transcript.Segments[0].Text != "the local six" {
			t.Errorf("--prefer-local: Remote has %q", e.Transcript.Segments[0].Text)
		}
	}
	// Ambiguity names the candidates.
	os.WriteFile(filepath.Join(trs, "Hello World.txt"), []byte("(00:00~00:05) again\n"), 0o644)
	if _, err := LoadFeed(context.Background(), feed, LoadOptions{AllowPrivate: true, Transcripts: trs}); err == nil || !strings.Contains(err.Error(), "both match") {
		t.Errorf("two files for one item: %v", err)
	}
	os.Remove(filepath.Join(trs, "Hello World.txt"))
	os.WriteFile(filepath.Join(trs, "Fourth.txt"), []byte("(00:00~00:05) by title\n"), 0o644)
	twice := strings.Replace(matchFeed(ts.URL+"/6.txt"), "<title>Nothing</title>", "<title>Fourth</title>", 1)
	os.WriteFile(feed, []byte(twice), 0o644)
	if _, err := LoadFeed(context.Background(), feed, LoadOptions{AllowPrivate: true, Transcripts: trs}); err == nil ||
		!strings.Contains(err.Error(), "matches 2 items by its title") || !strings.Contains(err.Error(), "item 4") || !strings.Contains(err.Error(), "item 7") {
		t.Errorf("a file matching two items: %v", err)
	}
}

func TestManifestNamesAFeed(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "feed.xml"), []byte(matchFeed("r6.txt")), 0o644)
	os.WriteFile(filepath.Join(dir, "r6.txt"), []byte("(00:00~00:05) six\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "tr"), 0o755)
	os.WriteFile(filepath.Join(dir, "tr", "Third.txt"), []byte("(00:00~00:05) three\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "fixed.txt"), []byte("(00:00~00:05) fixed by hand\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ManifestName), []byte(`{"feed": "feed.xml", "transcripts": "tr", "title": "Better Title",
  "episodes": [{"guid": "g3", "title": "Third, retitled", "slug": "third"}, {"guid": "g5", "transcript": "fixed.txt"}]}`), 0o644)
	p, err := Load(context.Background(), dir, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Better Title" {
		t.Errorf("title %q", p.Title)
	}
	found := map[string]*SourceEpisode{}
	for _, e := range p.Episodes {
		found[e.GUID] = e
	}
	if e := found["g3"]; e == nil || e.Title != "Third, retitled" || e.Slug != "third" || e.Transcript.Segments[0].Text != "three" {
		t.Errorf("g3 = %+v", e)
	}
	if e := found["g5"]; e == nil || e.Transcript.Segments[0].Text != "fixed by hand" {
		t.Errorf("g5 = %+v", e)
	}
	os.WriteFile(filepath.Join(dir, ManifestName), []byte(`{"feed": "feed.xml", "episodes": [{"guid": "nope"}]}`), 0o644)
	if _, err := Load(context.Background(), dir, LoadOptions{}); err == nil || !strings.Contains(err.Error(), `guid "nope"`) {
		t.Errorf("unknown guid: %v", err)
	}
}
