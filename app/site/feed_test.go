package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
  <title>科技浪 TechWave</title>
  <description>Tech, in Traditional Chinese.</description>
  <language>zh-tw</language>
  <item>
    <title>Older</title>
    <pubDate>Wed, 01 May 2024 08:00:00 +0800</pubDate>
    <enclosure url="https://cdn.example.com/1.mp3" type="audio/mpeg" length="1"/>
    <itunes:duration>1:02:03</itunes:duration>
    <podcast:transcript url="/t/1.txt" type="text/plain"/>
    <podcast:transcript url="/t/1.vtt" type="text/vtt"/>
  </item>
  <item>
    <title>Newer</title>
    <description>&lt;p&gt;Show &lt;b&gt;notes&lt;/b&gt; &amp;amp; links&lt;/p&gt;</description>
    <pubDate>Wed, 08 May 2024 08:00:00 +0800</pubDate>
    <enclosure url="https://cdn.example.com/2.mp3" type="audio/mpeg" length="1"/>
    <podcast:transcript url="/t/2.srt" type="application/x-subrip"/>
  </item>
  <item>
    <title>No transcript</title>
    <pubDate>Wed, 15 May 2024 08:00:00 +0800</pubDate>
    <enclosure url="https://cdn.example.com/3.mp3" type="audio/mpeg" length="1"/>
  </item>
</channel>
</rss>`

func TestLoadFeedFetchesTranscripts(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(testFeed)) })
	mux.HandleFunc("/t/1.vtt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("WEBVTT\n\n00:00.000 --> 00:05.000\n<v Harry>歡迎收聽科技浪\n"))
	})
	mux.HandleFunc("/t/2.srt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("1\n00:00:00,000 --> 00:00:04,000\n馬斯克的 Neuralink\n"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	p, err := LoadFeed(context.Background(), srv.URL+"/feed.xml", LoadOptions{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "科技浪 TechWave" || len(p.Episodes) != 2 {
		t.Fatalf("LoadFeed = %q with %d episodes", p.Title, len(p.Episodes))
	}
	newer, older := p.Episodes[0], p.Episodes[1]
	if newer.Title != "Newer" || newer.Description != "Show notes & links" || newer.Audio != "https://cdn.example.com/2.mp3" {
		t.Errorf("newer = %+v", newer)
	}
	if older.Transcript.Segments[0].Speaker != "Harry" || older.Duration.String() != "1h2m3s" {
		t.Errorf("older: the VTT (preferred over text) gave %+v, duration %v", older.Transcript.Segments[0], older.Duration)
	}
	if newer.Transcript.Segments[0].Text != "馬斯克的 Neuralink" {
		t.Errorf("newer transcript = %+v", newer.Transcript.Segments)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "No transcript") {
		t.Errorf("warnings = %q", p.Warnings)
	}

	// A feed file on disk whose transcripts are beside it.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "feed.xml"), []byte(strings.ReplaceAll(testFeed, `url="/t/`, `url="`)), 0o644)
	os.WriteFile(filepath.Join(dir, "1.vtt"), []byte("WEBVTT\n\n00:00.000 --> 00:05.000\nhi\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "2.srt"), []byte("1\n00:00:00,000 --> 00:00:04,000\nho\n"), 0o644)
	if p, err := Load(context.Background(), filepath.Join(dir, "feed.xml"), LoadOptions{}); err != nil || len(p.Episodes) != 2 {
		t.Errorf("Load(feed file) = %v, %v", p, err)
	}

	// A transcript the host refuses: the message names the item and the address.
	mux.HandleFunc("/bad.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.ReplaceAll(testFeed, "/t/2.srt", "/t/missing.srt")))
	})
	_, err = LoadFeed(context.Background(), srv.URL+"/bad.xml", LoadOptions{AllowPrivate: true})
	if err == nil || !strings.Contains(err.Error(), "Newer") || !strings.Contains(err.Error(), "404") {
		t.Errorf("LoadFeed with a missing transcript = %v", err)
	}
}
