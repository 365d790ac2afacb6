package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"tingo/app/internal/sample"
	"tingo/app/search"
	"tingo/app/transcript"
)

// testPodcast is the sample cut in three episodes a week apart, as a folder with podcast.json, held in
// memory. The oldest has a local audio file, the middle one remote audio, the newest none.
func testPodcast(t testing.TB, title string) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile(sample.Path())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	fsys := fstest.MapFS{
		"ep1.txt":   {Data: []byte(strings.Join(lines[0:20], ""))},
		"ep2.txt":   {Data: []byte(strings.Join(lines[20:40], ""))},
		"ep3.txt":   {Data: []byte(strings.Join(lines[40:], ""))},
		"audio.mp3": {Data: []byte("ID3 not really audio")},
	}
	fsys[ManifestName] = &fstest.MapFile{Data: []byte(`{
  "title": "` + title + `",
  "description": "A Traditional-Chinese tech podcast <of> tests & such.",
  "language": "zh-Hant",
  "episodes": [
    {"transcript": "ep1.txt", "title": "Sponsors & Saint-Oléan", "date": "2024-05-01", "audio": "audio.mp3"},
    {"transcript": "ep2.txt", "title": "Neuralink </script><script>alert(1)</script>", "date": "2024-05-08", "audio": "https://example.com/ep2.mp3"},
    {"transcript": "ep3.txt", "title": "xAI 與 Optimus", "date": "2024-05-15", "description": "Robots."}
  ]
}`)}
	return fsys
}

func buildTestSite(t testing.TB, title, out, siteURL string, edits ...func(*Podcast)) (*Podcast, *BuildReport) {
	t.Helper()
	p, err := LoadFolder(testPodcast(t, title), "in")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		e(p)
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatal("web/app.wasm is missing: run make wasm")
		}
		t.Skip("web/app.wasm is missing (make wasm): site not built")
	}
	rep, err := Build(p, BuildOptions{Root: root, Out: out, Base: "/show/", URL: siteURL, NoTerms: testing.Short()})
	if err != nil {
		t.Fatal(err)
	}
	return p, rep
}

func TestBuildWritesEverySiteFile(t *testing.T) {
	out := t.TempDir()
	p, rep := buildTestSite(t, "科技浪 TechWave", out, "https://example.github.io/show/")
	if got := []string{p.Episodes[0].Slug, p.Episodes[1].Slug, p.Episodes[2].Slug}; strings.Join(got, " ") !=
		"2024-05-15-xai-optimus 2024-05-08-neuralink-script-script-alert-1-script 2024-05-01-sponsors-saint-olean" {
		t.Errorf("slugs, newest first = %q", got)
	}
	wasm, _ := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	for _, f := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest", "wasm_exec.js",
		"web/" + WasmName(wasm), "web/early.js", "web/i18n.json", "web/tingo.css", "web/icon-192.png", "web/dict/zh.txt", "robots.txt", "sitemap.xml",
		"search/index.json", "media/2024-05-01-sponsors-saint-olean.mp3"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "web", "demo")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the sample's demo audio was copied into the site: %v", err)
	}

	// Every page: the real address, the policy, no trace of the generator's host.
	err := filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		for _, bad := range []string{hostPlaceholder, "127.0.0.1", "localhost", "go-app.dev", "maxence"} {
			if bytes.Contains(b, []byte(bad)) && !strings.HasSuffix(name, ".wasm") {
				t.Errorf("%s holds %q", name, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lib := readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{
		`<meta property="og:url" content="https://example.github.io/show/">`,
		`<link rel="canonical" href="https://example.github.io/show/">`,
		`<meta http-equiv="Content-Security-Policy"`, `href="2024-05-15-xai-optimus/"`,
		`<time datetime="2024-05-08">2024-05-08</time>`, `<span class="ep-dur">40:51</span>`,
		`Neuralink &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`,
	} {
		if !strings.Contains(lib, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if a, b, c := strings.Index(lib, "xai-optimus/"), strings.Index(lib, "neuralink"), strings.Index(lib, "saint-olean/"); !(a < b && b < c) {
		t.Errorf("library not newest first: positions %d %d %d", a, b, c)
	}

	// Episode pages: every segment with its #t= anchor, every word, JSON-LD with the transcript.
	for i, se := range p.Episodes {
		page := readFile(t, filepath.Join(out, se.Slug, "index.html"))
		for _, s := range se.Transcript.Segments {
			id := fmt.Sprintf(`id="t=%s"`, strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", s.Start.Seconds()), "0"), "."))
			if !strings.Contains(page, id) {
				t.Errorf("%s: no anchor %s", se.Slug, id)
			}
			if !strings.Contains(page, html.EscapeString(s.Text)) {
				t.Errorf("%s: segment at %v lost words", se.Slug, s.Start)
			}
		}
		if !strings.Contains(page, `href="../"`) {
			t.Errorf("%s: no link back to the library", se.Slug)
		}
		ld := jsonLD(t, page)
		if ld["@type"] != "PodcastEpisode" || ld["url"] != "https://example.github.io/show/"+se.Slug+"/" {
			t.Errorf("%s: JSON-LD %v", se.Slug, ld)
		}
		media, _ := ld["associatedMedia"].(map[string]any)
		if caption, _ := media["caption"].(map[string]any); caption["contentUrl"] != "https://example.github.io/show/"+se.Slug+"/transcript.vtt" {
			t.Errorf("%s: JSON-LD names no transcript file: %v", se.Slug, media)
		}
		if _, ok := media["transcript"]; ok {
			t.Errorf("%s: JSON-LD repeats the transcript", se.Slug)
		}
		wantAudio := map[int]any{0: nil, 1: "https://example.com/ep2.mp3", 2: "https://example.github.io/show/media/2024-05-01-sponsors-saint-olean.mp3"}[i]
		if media["contentUrl"] != wantAudio {
			t.Errorf("%s: audio %v, want %v", se.Slug, media["contentUrl"], wantAudio)
		}
		vtt, err := os.Open(filepath.Join(out, se.Slug, "transcript.vtt"))
		if err != nil {
			t.Fatal(err)
		}
		back, _, err := transcript.Parse(vtt)
		vtt.Close()
		if err != nil || len(back.Segments) != len(se.Transcript.Segments) {
			t.Errorf("%s: transcript.vtt reads back as %v, %v", se.Slug, back, err)
		}
	}

	// The web manifest's icons are the site's own.
	var man struct {
		Icons []struct{ Src string }
		Scope string `json:"scope"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.webmanifest"))), &man); err != nil {
		t.Fatal(err)
	}
	for _, ic := range man.Icons {
		if !strings.HasPrefix(ic.Src, "/show/web/") {
			t.Errorf("manifest icon %q is not the site's", ic.Src)
		}
	}
	if man.Scope != "/show/" {
		t.Errorf("manifest scope %q", man.Scope)
	}

	var sm struct {
		URLs []struct{ Loc string } `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(readFile(t, filepath.Join(out, "sitemap.xml"))), &sm); err != nil || len(sm.URLs) != 4+rep.Names { // the library, three episodes, the name pages
		t.Errorf("sitemap.xml: %d urls, %v", len(sm.URLs), err)
	}
	if r := readFile(t, filepath.Join(out, "robots.txt")); !strings.Contains(r, "Sitemap: https://example.github.io/show/sitemap.xml") {
		t.Errorf("robots.txt = %q", r)
	}
	worker := readFile(t, filepath.Join(out, "app-worker.js"))
	if !strings.Contains(worker, `"tingo-`) || !strings.Contains(worker, `"/show/web/`+WasmName(wasm)+`"`) {
		t.Errorf("app-worker.js is not tingo's versioned worker under /show/:\n%s", worker)
	}
	if rep.Archive.Chunks < 9 || rep.Archive.Shards < 1 {
		t.Errorf("archive: %+v", rep.Archive)
	}
}

func TestBuildIsReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	buildTestSite(t, "Show", a, "")
	buildTestSite(t, "Show", b, "")
	ha, hb := treeHashes(t, a), treeHashes(t, b)
	if len(ha) != len(hb) {
		t.Fatalf("%d files, then %d", len(ha), len(hb))
	}
	for name, h := range ha {
		if hb[name] != h {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
	// Without --url: no address anywhere, no sitemap.
	lib := readFile(t, filepath.Join(a, "index.html"))
	if strings.Contains(lib, "og:url") || strings.Contains(lib, "canonical") {
		t.Errorf("og:url or canonical without an address")
	}
	if _, err := os.Stat(filepath.Join(a, "sitemap.xml")); err == nil {
		t.Errorf("sitemap.xml without an address")
	}
	// A different input is a different version.
	c := t.TempDir()
	buildTestSite(t, "Show, renamed", c, "")
	if readFile(t, filepath.Join(a, "app-worker.js")) == readFile(t, filepath.Join(c, "app-worker.js")) {
		t.Error("a changed input kept the worker's version")
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no manifest":   {},
		"bad json":      {ManifestName: {Data: []byte("{\n\"title\": \"x\",\n\"episodes\": [}\n")}},
		"unknown field": {ManifestName: {Data: []byte(`{"title": "x", "episodez": []}`)}},
		"missing file":  {ManifestName: {Data: []byte(`{"episodes": [{"transcript": "nope.txt"}]}`)}},
		"bad date":      {ManifestName: {Data: []byte(`{"episodes": [{"transcript": "a.txt", "date": "May 1"}]}`)}, "a.txt": {Data: []byte("(00:01~00:02) hi\n")}},
		"not a transcript": {ManifestName: {Data: []byte(`{"episodes": [{"transcript": "a.txt"}]}`)},
			"a.txt": {Data: []byte("\x00\x01\x02\xff\xfe\x00\x00garbage")}},
		"no episodes": {ManifestName: {Data: []byte(`{"title": "x", "episodes": []}`)}},
	} {
		_, err := LoadFolder(fsys, "in")
		if err == nil {
			t.Errorf("%s: LoadFolder = nil error", name)
			continue
		}
		if name != "no episodes" && !strings.Contains(err.Error(), "in/") {
			t.Errorf("%s: %v does not name the file", name, err)
		}
		if name == "bad json" && !strings.Contains(err.Error(), "line 3") {
			t.Errorf("%s: %v does not name the line", name, err)
		}
	}
}

func TestBuildWarnsWithFileAndLine(t *testing.T) {
	p, err := LoadFolder(fstest.MapFS{ManifestName: {Data: []byte(`{"episodes": [{"transcript": "a.vtt"}]}`)},
		"a.vtt": {Data: []byte("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\n00:0x.000 --> 00:04.000\nho\n")}}, "in")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) == 0 || !strings.HasPrefix(p.Warnings[0], "in/a.vtt:6: ") {
		t.Errorf("warnings = %q, want one for in/a.vtt:6", p.Warnings)
	}
}

// TestArchiveRecall searches a built archive with every relevance query and compares with searching
// each episode on its own: the same segments, the same tiers, the same marks.
func TestArchiveRecall(t *testing.T) {
	out := t.TempDir()
	p, _ := buildTestSite(t, "Show", out, "")
	a, err := search.OpenArchive(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(out, "search", filepath.FromSlash(name)))
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := relevanceQueries(t)
	for _, q := range queries {
		for _, opts := range []search.Options{{}, {NoSoundsLike: true, NoSimilar: true}} {
			var want []string
			for _, se := range p.Episodes {
				texts := make([]string, len(se.Transcript.Segments))
				for i, s := range se.Transcript.Segments {
					texts[i] = s.Text
				}
				for _, h := range search.NewIndex(texts).Search(q, opts) {
					want = append(want, fmt.Sprintf("%s %.0f %v %v", se.Slug+"/", se.Transcript.Segments[h.Segment].Start.Seconds(), h.Tier, h.Spans))
				}
			}
			aq, err := a.Query(q, opts)
			if errors.Is(err, search.ErrQueryTooShort) {
				t.Errorf("%q: %v", q, err)
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			hits, err := aq.More(1<<30, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, fmt.Sprintf("%s %.0f %v %v", h.Episode, h.Start, h.Tier, h.Spans))
			}
			sort.Strings(want)
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("archive search %q %+v:\n got %d: %v\nwant %d: %v", q, opts, len(got), got, len(want), want)
			}
			if len(want) > 0 && aq.Candidates() >= 9 && q != "的" {
				t.Logf("%q: %d candidate chunks of 9", q, aq.Candidates())
			}
		}
	}
	if _, err := a.Query("a", search.Options{}); !errors.Is(err, search.ErrQueryTooShort) {
		t.Errorf(`Query("a") = %v, want ErrQueryTooShort`, err)
	}
}

func relevanceQueries(t testing.TB) []string {
	f, err := os.Open(filepath.Join("..", "search", "testdata", "relevance.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		qs = append(qs, strings.Split(line, "\t")[0])
	}
	if len(qs) < 30 {
		t.Fatalf("%d relevance queries", len(qs))
	}
	return qs
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var ldRe = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

func jsonLD(t *testing.T, page string) map[string]any {
	t.Helper()
	m := ldRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// treeDiff lists the files of want that got lacks or holds other bytes of.
func treeDiff(got, want map[string][32]byte) []string {
	var out []string
	for f, h := range want {
		if got[f] != h {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func treeHashes(t *testing.T, dir string) map[string][32]byte {
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(name)
			rel, _ := filepath.Rel(dir, name)
			out[rel] = sha256.Sum256(b)
		}
		return err
	})
	return out
}

// FuzzLoadFolder: any podcast.json loads or fails with a message, never a panic.
func FuzzLoadFolder(f *testing.F) {
	f.Add([]byte(`{"title": "x", "episodes": [{"transcript": "a.txt", "date": "2024-05-01", "duration": "1:02:03"}]}`))
	f.Add([]byte(`{"episodes": [{"transcript": "a.txt", "date": "2024-05-01T08:00:00+08:00", "duration": "::"}]}`))
	f.Add([]byte(`{"episodes": [{"transcript": "a.txt", "audio": "a.txt", "slug": "web"}, {"transcript": "a.txt", "slug": "web"}]}`))
	f.Fuzz(func(t *testing.T, manifest []byte) {
		p, err := LoadFolder(fstest.MapFS{ManifestName: {Data: manifest}, "a.txt": {Data: []byte("(00:01~00:02) 你好 hello\n")}}, "in")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, e := range p.Episodes {
			if e.Slug == "" || seen[e.Slug] || reserved[e.Slug] || strings.ContainsAny(e.Slug, "/\\.") {
				t.Fatalf("slug %q (seen %v)", e.Slug, seen[e.Slug])
			}
			seen[e.Slug] = true
		}
	})
}

// TestConcurrentBuilds: two builds running at once each write their own pages (go-app has one router
// for the process; each build prerenders for a host of its own), byte for byte what a build alone
// writes.
func TestConcurrentBuilds(t *testing.T) {
	alone := t.TempDir()
	buildTestSite(t, "Show A", alone, "https://a.example/show/")
	dirs := [2]string{t.TempDir(), t.TempDir()}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for k, title := range []string{"Show A", "Show B"} {
		p, err := LoadFolder(testPodcast(t, title), "in")
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[k] = Build(p, BuildOptions{Root: root, Out: dirs[k], Base: "/show/", URL: "https://" + strings.ToLower(title[5:]) + ".example/show/", NoTerms: testing.Short()})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	pages := 0
	err := filepath.WalkDir(alone, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(alone, path)
		want, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(dirs[0], rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs when built beside another build", rel)
		}
		other, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil {
			return err
		}
		if bytes.Contains(other, []byte("Show A")) || bytes.Contains(other, []byte("a.example")) {
			t.Errorf("show B's %s holds show A's title or address", rel)
		}
		pages++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 4 {
		t.Errorf("%d pages compared", pages)
	}
	if b, _ := os.ReadFile(filepath.Join(dirs[1], "index.html")); !bytes.Contains(b, []byte("Show B")) {
		t.Error("show B's library does not carry its title")
	}
}
