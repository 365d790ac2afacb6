package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tingo/app/chapters"
)

// specChapters is the Podcasting 2.0 spec's example chapters file (app/chapters/testdata, CC0).
func specChapters(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "app", "chapters", "testdata", "podcast-namespace", "example.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chapterTranscript is 6,300 s of speech in 30 s segments (the spec's example chapters run to 6,089 s): one
// segment a line, its number in words, so a split shows where it was made.
func chapterTranscript() string {
	var b strings.Builder
	for i := 0; i < 210; i++ {
		s := i * 30
		fmt.Fprintf(&b, "(%d:%02d~%d:%02d) segment %d begins here and then it goes on for a while and ends segment %d\n", s/60, s%60, (s+30)/60, (s+30)%60, i, i)
	}
	return b.String()
}

// chapterPodcast writes a podcast folder: an episode with the spec's example chapters and the demo
// audio, one whose chapters file is malformed, and one with sponsor reads given in podcast.json.
func chapterPodcast(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("long.txt", []byte(chapterTranscript()))
	write("example.json", specChapters(t))
	write("heads.html", []byte("<h2>Opening</h2>\n<cite>Host:</cite>\n<time>0:00</time>\n<p>Welcome.</p>\n<h2>The news</h2>\n<time>0:40</time>\n<p>Today's news.</p>\n"))
	write("bad.json", []byte("{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n    {\"title\": \"no start\"}\n  ]\n}\n"))
	audio, err := os.ReadFile(filepath.Join(root, "web", "demo", "kejilang-episode.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	write("audio.mp3", audio)
	write(ManifestName, []byte(`{"title": "Chapters", "language": "en", "episodes": [
  {"transcript": "long.txt", "title": "Spec chapters", "date": "2024-05-03", "audio": "audio.mp3", "chapters": "example.json", "slug": "spec"},
  {"transcript": "long.txt", "title": "Bad chapters", "date": "2024-05-02", "chapters": "bad.json", "slug": "bad"},
  {"transcript": "long.txt", "title": "Sponsors given", "date": "2024-05-01", "audio": "audio.mp3", "chapters": "example.json", "sponsors": ["0:00-2:48", "70:00-71:00"], "slug": "sponsored"},
  {"transcript": "heads.html", "title": "Headings", "date": "2024-04-30", "slug": "heads"}
]}`))
	return dir
}

func buildChapterSite(t testing.TB, out string) (*Podcast, *BuildReport) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatal("web/app.wasm is missing: run make wasm")
		}
		t.Skip("web/app.wasm is missing (make wasm): site not built")
	}
	p, err := Load(context.Background(), chapterPodcast(t), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(p, BuildOptions{Root: root, Out: out, Base: "/show/", URL: "https://example.com/show/", NoTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, rep
}

var headingRE = regexp.MustCompile(`<h2 class="chap" data-end="([0-9.]+)"( data-sponsor="")? data-start="([0-9.]+)" id="chapter-(\d+)"><a class="ts" href="#t=[0-9.]+">[^<]*</a> <span class="ct">([^<]*)</span>.*?</h2>(?:<div class="chap-extra">.*?</div>)?<p class="seg" data-end="[0-9.]+" data-i="\d+" data-start="([0-9.]+)"`)

// TestBuildChapters: the spec's example file gives a heading before the segment where each chapter starts
// (a segment split where one starts inside it), a contents list, chapters.json and JSON-LD clips; a
// malformed file is a warning naming its line and the episode builds without chapters.
func TestBuildChapters(t *testing.T) {
	out := t.TempDir()
	p, rep := buildChapterSite(t, out)
	want, _, err := chapters.Parse("example.json", specChapters(t))
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(out, "spec", "index.html"))
	heads := headingRE.FindAllStringSubmatch(page, -1)
	if len(heads) != len(want) {
		t.Fatalf("%d chapter headings, want %d", len(heads), len(want))
	}
	for i, h := range heads {
		c := want[i]
		var segAt float64
		fmt.Sscan(h[6], &segAt)
		// a chapter within 1.5 s of a segment's edge heads it whole (no scrap of a second is split off)
		if h[3] != fmt.Sprint(c.Start.Seconds()) || segAt-c.Start.Seconds() > 1.5 || c.Start.Seconds()-segAt > 1.5 || h[5] != c.Title {
			t.Errorf("heading %d: start %s title %q before the segment at %s; want %v %q", i+1, h[3], h[5], h[6], c.Start.Seconds(), c.Title)
		}
	}
	if n := len(regexp.MustCompile(`<li data-end="[0-9.]+" data-start="[0-9.]+"><a href="#t=`).FindAllString(page, -1)); n != len(want) {
		t.Errorf("%d chapters in the contents, want %d", n, len(want))
	}
	// With JavaScript off, every link of the contents and the headings goes to a segment's id.
	for _, m := range regexp.MustCompile(`href="#t=([0-9.]+)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, `id="t=`+m[1]+`"`) {
			t.Errorf("the link #t=%s has no segment to go to without JavaScript", m[1])
		}
	}
	imgs := regexp.MustCompile(`<img [^>]*chap-img[^>]*>`).FindAllString(page, -1)
	if len(imgs) != 3 || !strings.Contains(imgs[0], `src="https://example.com/images/hearing_aids.jpg"`) || !strings.Contains(imgs[0], `alt="Hearing Aids"`) ||
		!strings.Contains(imgs[0], `loading="lazy"`) || !strings.Contains(imgs[0], `width="160"`) {
		t.Errorf("chapter images: %q", imgs)
	}
	links := regexp.MustCompile(`<a class="chap-link" [^>]*>`).FindAllString(page, -1)
	if len(links) != 2 || !strings.Contains(links[0], `href="https://github.com/Podcastindex-org/podcast-namespace"`) || !strings.Contains(links[0], `rel="noopener noreferrer nofollow"`) {
		t.Errorf("chapter links: %q", links)
	}
	// Nothing lost in the split: every segment's words are on the page, in order.
	text := regexp.MustCompile(`<span class="tx">([^<]*)</span>`).FindAllStringSubmatch(page, -1)
	var all []string
	for _, m := range text {
		all = append(all, m[1])
	}
	var orig []string
	for _, l := range strings.Split(strings.TrimSpace(chapterTranscript()), "\n") {
		orig = append(orig, l[strings.Index(l, ") ")+2:])
	}
	if strings.Join(all, " ") != strings.Join(orig, " ") {
		t.Error("the page's segments do not spell the transcript")
	}
	// chapters.json, as the podcaster's feed can link it.
	var f struct {
		Version  string `json:"version"`
		Chapters []struct {
			StartTime float64 `json:"startTime"`
			Title     string  `json:"title"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "spec", "chapters.json"))), &f); err != nil || f.Version != "1.2.0" || len(f.Chapters) != 9 || f.Chapters[8].Title != "Outro" {
		t.Errorf("chapters.json: %+v %v", f, err)
	}
	// JSON-LD: hasPart clips with start and end offsets.
	ld := page[strings.Index(page, `application/ld+json">`)+21:]
	ld = ld[:strings.Index(ld, "</script>")]
	var doc struct {
		HasPart []struct {
			Type  string  `json:"@type"`
			Name  string  `json:"name"`
			Start float64 `json:"startOffset"`
			End   float64 `json:"endOffset"`
			URL   string  `json:"url"`
		} `json:"hasPart"`
	}
	if err := json.Unmarshal([]byte(ld), &doc); err != nil || len(doc.HasPart) != 9 || doc.HasPart[1].Type != "Clip" || doc.HasPart[1].Start != 168 ||
		doc.HasPart[1].End != 260 || doc.HasPart[8].End != 6300 || doc.HasPart[1].URL != "https://example.com/show/spec/#t=168" {
		t.Errorf("JSON-LD hasPart: %+v %v", doc.HasPart, err)
	}
	// The malformed file: a warning with file:line, the episode built without chapters.
	warned := false
	for _, w := range rep.Warnings {
		if strings.Contains(w, "bad.json:4: chapter 1: no \"startTime\"") && strings.Contains(w, "built without chapters") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning names bad.json:4: %q", rep.Warnings)
	}
	bad := readFile(t, filepath.Join(out, "bad", "index.html"))
	if strings.Contains(bad, `class="chap"`) || strings.Contains(bad, `id="toc"`) || !strings.Contains(bad, "segment 209 begins") {
		t.Error("the episode with the malformed chapters file is not built plainly")
	}
	if _, err := os.Stat(filepath.Join(out, "bad", "chapters.json")); err == nil {
		t.Error("chapters.json written for an episode without chapters")
	}
	// Sponsor reads from podcast.json: the chapter at 0 is marked; one is added at 70:00, and the chapter it
	// interrupts ("Just Break Up") goes on at 71:00.
	sp := readFile(t, filepath.Join(out, "sponsored", "index.html"))
	if !strings.Contains(sp, `data-end="168" data-sponsor="" data-start="0"`) || !strings.Contains(sp, `data-end="4260" data-sponsor="" data-start="4200"`) ||
		!regexp.MustCompile(`data-start="4260" id="chapter-\d+"><a class="ts" href="#t=4260">1:11:00</a> <span class="ct">Just Break Up</span>`).MatchString(sp) {
		t.Error("podcast.json's sponsor reads are not marked as asked")
	}
	// An HTML transcript's headings are its chapters.
	hp := readFile(t, filepath.Join(out, "heads", "index.html"))
	if hs := headingRE.FindAllStringSubmatch(hp, -1); len(hs) != 2 || hs[0][5] != "Opening" || hs[1][5] != "The news" || hs[1][6] != "40" {
		t.Errorf("an HTML transcript's headings as chapters: %q", hs)
	}
	_ = p
}

// TestFeedChapters: a feed's <podcast:chapters> file is fetched and Podlove Simple Chapters are read
// inline; a bad psc start is a warning and the episode builds.
func TestFeedChapters(t *testing.T) {
	feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters">
<channel><title>Feed chapters</title>
  <item><title>JSON</title><guid>a</guid><pubDate>Wed, 01 May 2024 08:00:00 +0800</pubDate>
    <podcast:transcript url="/t/long.txt" type="text/plain"/>
    <podcast:chapters url="/c/example.json" type="application/json+chapters"/></item>
  <item><title>PSC</title><guid>b</guid><pubDate>Wed, 08 May 2024 08:00:00 +0800</pubDate>
    <podcast:transcript url="/t/long.txt" type="text/plain"/>
    <psc:chapters version="1.2"><psc:chapter start="00:00:00.000" title="Begin"/>
      <psc:chapter start="00:01:15.5" title="Second &amp; more" href="/notes" image="javascript:alert(1)"/></psc:chapters></item>
  <item><title>Broken</title><guid>c</guid><pubDate>Wed, 15 May 2024 08:00:00 +0800</pubDate>
    <podcast:transcript url="/t/long.txt" type="text/plain"/>
    <psc:chapters version="1.2"><psc:chapter start="soon" title="x"/></psc:chapters></item>
</channel></rss>`
	spec := specChapters(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(feed)) })
	mux.HandleFunc("/t/long.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(chapterTranscript())) })
	mux.HandleFunc("/c/example.json", func(w http.ResponseWriter, r *http.Request) { w.Write(spec) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p, err := LoadFeed(context.Background(), srv.URL+"/feed.xml", LoadOptions{AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*SourceEpisode{}
	for _, e := range p.Episodes {
		by[e.Title] = e
	}
	if c := by["JSON"].Chapters; len(c) != 9 || c[3].Title != "Namespace" || c[3].Start != 410*time.Second {
		t.Errorf("the feed's chapters file: %+v", c)
	}
	if c := by["PSC"].Chapters; len(c) != 2 || c[1].Title != "Second & more" || c[1].Start != 75500*time.Millisecond || c[1].URL != srv.URL+"/notes" || c[1].Img != "" {
		t.Errorf("psc:chapters: %+v", c)
	}
	if c := by["Broken"]; c == nil || len(c.Chapters) != 0 || !strings.Contains(strings.Join(p.Warnings, "\n"), `psc:chapter 1: start "soon"`) {
		t.Errorf("a bad psc start: episode %v, warnings %q", c, p.Warnings)
	}
}

// TestSuggestedChaptersNeverReplaceTheirOwn: with SuggestedChapters, an episode without chapters gets
// suggested ones, labelled; one with its own keeps them.
func TestSuggestedChaptersNeverReplaceTheirOwn(t *testing.T) {
	p, err := Load(context.Background(), chapterPodcast(t), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := placeChapters(p, BuildOptions{SuggestedChapters: true}, &BuildReport{}); err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Episodes {
		switch e.Slug {
		case "spec":
			if e.shown == nil || e.shown.Suggested || len(e.shown.Items) != 9 || e.shown.Items[1].Title != "Hearing Aids" {
				t.Errorf("spec: its own chapters replaced: %+v", e.shown)
			}
		case "bad": // its file is malformed: it has none of its own
			if e.shown == nil || !e.shown.Suggested || len(e.shown.Items) < 2 {
				t.Errorf("bad: no suggested chapters: %+v", e.shown)
			}
		}
	}
}
