package site

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	nethtml "golang.org/x/net/html"

	"tingo/app/internal/sample"
	"tingo/app/search"
	"tingo/app/spell"
)

// sampleSpellings is testdata/kejilang-spellings.txt: the sample's three misspelt names.
func sampleSpellings(t testing.TB) (*spell.List, []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(filepath.Dir(sample.Path()), "kejilang-spellings.txt"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := spell.Parse(bytes.NewReader(b), SpellingsName)
	if err != nil {
		t.Fatal(err)
	}
	return l, b
}

// buildSpelled builds the three-episode test podcast with the sample's spellings file beside
// podcast.json, as a podcaster keeps it.
func buildSpelled(t *testing.T, out string) (*Podcast, *BuildReport) {
	t.Helper()
	_, file := sampleSpellings(t)
	fsys := testPodcast(t, "科技浪")
	fsys[SpellingsName] = &fstest.MapFile{Data: file}
	l, err := folderSpellings(fsys, "in", "")
	if err != nil || l == nil {
		t.Fatalf("spellings.txt beside podcast.json not found: %v", err)
	}
	return buildTestSite(t, "科技浪", out, "https://example.com/show/", func(p *Podcast) { p.ApplySpellings(l) })
}

// TestSpellingsEverywhere is the bar: with the sample's three-line spellings file, no wrong
// spelling is visible in any file the build writes; each fix is marked; searching a wrong spelling
// still finds every place it was; the right spelling finds them all exactly; rebuilding gives the same
// bytes.
func TestSpellingsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with the dictionary")
	}
	raw, err := os.ReadFile(sample.Path())
	if err != nil {
		t.Fatal(err)
	}
	list, _ := sampleSpellings(t)
	out := t.TempDir()
	p, rep := buildSpelled(t, out)
	fixes := 0
	for _, n := range list.Names {
		fixes += p.Fixed.Fixes[n.Right]
		for _, w := range n.Wrong {
			if p.Fixed.Fixes[n.Right] < strings.Count(string(raw), w) {
				t.Errorf("%s: %d fixes, but %s alone is said %d times", n.Right, p.Fixed.Fixes[n.Right], w, strings.Count(string(raw), w))
			}
		}
	}
	if fixes != 19 { // 8 洋甘菊, 4 科技浪, 7 Lex Fridman (read off the sample)
		t.Errorf("%d fixes, want 19: %v", fixes, p.Fixed.Fixes)
	}
	var wrong []string
	for _, n := range list.Names {
		wrong = append(wrong, n.Wrong...)
	}
	// Every file written, as a reader or a feed reader meets it.
	ins := 0
	checked := 0
	err = filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, name)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(rel, ".br") || strings.HasSuffix(rel, ".gz"):
			return nil // compressed copies of the files checked here
		case strings.HasPrefix(rel, "web/"):
			return nil // the app's own files, the same in every site (its word list is made from gse's)
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		checked++
		var shown []string // what a reader, a search engine or a feed reader sees
		switch {
		case strings.HasSuffix(rel, ".html"):
			doc, err := nethtml.Parse(bytes.NewReader(b))
			if err != nil {
				return err
			}
			var walk func(n *nethtml.Node)
			walk = func(n *nethtml.Node) {
				if n.Type == nethtml.TextNode && (n.Parent == nil || n.Parent.Data != "style") {
					shown = append(shown, n.Data)
				}
				if n.Type == nethtml.ElementNode {
					if n.Data == "ins" {
						if !strings.HasSuffix(rel, "/embed/index.html") { // an embed page repeats its episode's
							ins++
						}
						was := attr(n, "data-was")
						if !contains(wrong, was) || !strings.Contains(attr(n, "title"), was) {
							t.Errorf("%s: <ins> with data-was %q title %q", rel, was, attr(n, "title"))
						}
					}
					for _, a := range n.Attr {
						if n.Data == "ins" && (a.Key == "data-was" || a.Key == "title") || a.Key == "data-fixes" {
							continue // the originals, kept on purpose, shown only on hover or while the segment has the focus
						}
						shown = append(shown, a.Val)
					}
					if f := attr(n, "data-fixes"); f != "" && !strings.Contains(f, " → ") {
						t.Errorf("%s: a segment's data-fixes %q lists no fix", rel, f)
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
		case strings.HasPrefix(rel, "search/") && strings.HasSuffix(rel, ".json"):
			var c search.ArchiveChunk
			if err := json.Unmarshal(b, &c); err == nil && c.Texts != nil {
				shown = append(append(shown, c.Texts...), c.Title)
				for _, a := range c.Alts {
					if !contains(wrong, a.Text) {
						t.Errorf("%s: alternate %q is no wrong spelling", rel, a.Text)
					}
				}
			} else {
				shown = append(shown, string(b))
			}
		case strings.HasPrefix(rel, "search/"):
			return nil // token shards and word lists: hashes and folded words, for finding the originals too
		default: // transcript.vtt, chapters.json, sitemap.xml, the manifest, the app's scripts
			shown = append(shown, string(b))
		}
		all := strings.Join(shown, "\n")
		for _, w := range wrong {
			if strings.Contains(all, w) {
				t.Errorf("%s shows %q", rel, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ins != fixes {
		t.Errorf("%d <ins> marks in the pages, want one a fix (%d)", ins, fixes)
	}
	t.Logf("%d files checked, %d fixes marked, %d name pages", checked, ins, rep.Names)

	// Search: each wrong spelling finds every place it was said; the right one finds every fix.
	a, err := search.OpenArchive(func(p string) ([]byte, error) {
		return os.ReadFile(filepath.Join(out, "search", filepath.FromSlash(p)))
	})
	if err != nil {
		t.Fatal(err)
	}
	spans := func(q string) int {
		aq, err := a.Query(q, NameOptions)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := aq.More(1<<30, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range hits {
			n += len(h.Spans)
		}
		return n
	}
	for _, n := range list.Names {
		for _, w := range n.Wrong {
			if got, want := spans(`"`+w+`"`), strings.Count(string(raw), w); got != want {
				t.Errorf("searching %q finds %d places, the sample says it %d times", w, got, want)
			}
		}
		if got := spans(`"` + n.Right + `"`); got < p.Fixed.Fixes[n.Right] {
			t.Errorf("searching %q finds %d places, fewer than its %d fixes", n.Right, got, p.Fixed.Fixes[n.Right])
		}
	}

	// Rebuilt, the same bytes.
	again := t.TempDir()
	buildSpelled(t, again)
	if d := treeDiff(treeHashes(t, again), treeHashes(t, out)); len(d) > 0 {
		t.Errorf("a rebuild differs in %v", d)
	}
}

// TestNamePages: a page per name, each counting what archive search finds for it and its spellings
// (and what a search of every transcript finds), linked from the chips, the library and the sitemap.
func TestNamePages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with the dictionary")
	}
	out := t.TempDir()
	p, rep := buildSpelled(t, out)
	if rep.Names < 10 {
		t.Fatalf("%d name pages", rep.Names)
	}
	lib := readFile(t, filepath.Join(out, "index.html"))
	sitemap := readFile(t, filepath.Join(out, "sitemap.xml"))
	indexes := make([]*search.Index, len(p.Episodes))
	for i, e := range p.Episodes {
		texts := make([]string, len(e.Transcript.Segments))
		var alts []search.Alt
		for k, s := range e.Transcript.Segments {
			texts[k] = s.Text
			for _, f := range s.Fixes {
				alts = append(alts, search.Alt{Segment: k, At: search.Span{Start: f.Start, End: f.End}, Text: f.Was})
			}
		}
		indexes[i] = search.NewIndex(texts)
		indexes[i].SetAlts(alts)
	}
	countRe := regexp.MustCompile(`data-count="(\d+)"`)
	pages, _ := filepath.Glob(filepath.Join(out, "names", "*", "index.html"))
	if len(pages) != rep.Names {
		t.Errorf("%d name pages written, the report says %d", len(pages), rep.Names)
	}
	for _, page := range pages {
		slug := filepath.Base(filepath.Dir(page))
		html := readFile(t, page)
		ld := jsonLD(t, html)
		name, _ := ld["name"].(string)
		if ld["@type"] != "DefinedTerm" && ld["@type"] != "Person" || name == "" {
			t.Errorf("%s: JSON-LD %v", slug, ld)
			continue
		}
		m := countRe.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no count", slug)
			continue
		}
		shown, _ := strconv.Atoi(m[1])
		// What searching every transcript finds for the name and its other spellings, each place once.
		var others []string
		for _, n := range p.Spellings.Names {
			if n.Right == name {
				others = n.Wrong
			}
		}
		if alt, ok := ld["alternateName"].([]any); ok {
			for _, a := range alt {
				others = append(others, a.(string))
			}
		}
		want := 0
		for _, ix := range indexes {
			seen := map[[3]int]bool{}
			for _, q := range NameQueries(name, others) {
				for _, h := range ix.Search(q, NameOptions) {
					for _, s := range h.Spans {
						seen[[3]int{h.Segment, s.Start, s.End}] = true
					}
				}
			}
			want += len(seen)
		}
		if shown != want || want == 0 {
			t.Errorf("%s: the page counts %d, searching every transcript finds %d", name, shown, want)
		}
		href := nameHref(slug)
		if !strings.Contains(lib, `href="`+href+`"`) {
			t.Errorf("the library does not link %s", href)
		}
		if !strings.Contains(sitemap, "https://example.com/show/"+href) {
			t.Errorf("sitemap.xml lacks %s", href)
		}
		// Every time links into its episode at a segment that exists.
		for _, link := range regexp.MustCompile(`href="\.\./\.\./([^"#]+)#t=([0-9.]+)"`).FindAllStringSubmatch(html, -1) {
			ep := readFile(t, filepath.Join(out, filepath.FromSlash(link[1]), "index.html"))
			if !strings.Contains(ep, `id="t=`+link[2]+`"`) {
				t.Errorf("%s: a link to %s#t=%s, no such segment", slug, link[1], link[2])
			}
		}
	}
	// The chips link to their pages.
	for _, e := range p.Episodes {
		html := readFile(t, filepath.Join(out, e.Slug, "index.html"))
		links := regexp.MustCompile(`class="chip-page" href="\.\./([^"]+)"`).FindAllStringSubmatch(html, -1)
		if len(links) < 10 {
			t.Errorf("%s: %d chips link to a name page", e.Slug, len(links))
		}
		for _, l := range links {
			if !strings.Contains(lib, `href="`+l[1]+`"`) {
				t.Errorf("%s: a chip links to %s, which the library does not list", e.Slug, l[1])
			}
		}
	}
	for _, name := range []string{"洋甘菊", "Lex Fridman", "科技浪"} {
		if _, err := os.Stat(filepath.Join(out, "names", nameSlug(name), "index.html")); err != nil {
			t.Errorf("no page for %s (a name of the spellings file)", name)
		}
	}
}

func TestFeedPeopleGetPages(t *testing.T) {
	feed := `<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>Show</title><podcast:person role="host">哈利</podcast:person>
<item><title>One</title><podcast:person>Lex Fridman</podcast:person><podcast:person>哈利</podcast:person></item>
</channel></rss>`
	f, err := gofeedParse(feed)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(feedPeople(f), "|"); got != "哈利|Lex Fridman" {
		t.Errorf("people %q", got)
	}
	p := &Podcast{People: []string{"哈利"}}
	names := collectNames(p, nil)
	if len(names) != 1 || !names[0].Person || names[0].Slug != "哈利" {
		t.Errorf("names %+v", names)
	}
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func gofeedParse(s string) (*gofeed.Feed, error) { return gofeed.NewParser().ParseString(s) }

// TestFolderSpellings: a podcast folder's spellings file is found (podcast.json's "spellings", else
// spellings.txt), applied on Load, and a bad one stops the load naming its file and line.
func TestFolderSpellings(t *testing.T) {
	write := func(dir, name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tr := "(00:00~00:10) 我喝陽肝菊茶\n(00:10~00:20) SPEAKER_1: 羊肝菊很香\n"
	for _, c := range []struct {
		name, manifest, file, content string
		fixed                         int
		err                           string
	}{
		{"spellings.txt beside podcast.json", `{"title":"x","episodes":[{"transcript":"t.txt"}]}`, "spellings.txt", "洋甘菊\t陽肝菊\t羊肝菊\n@哈利\tSPEAKER_1\n", 2, ""},
		{"named in podcast.json", `{"title":"x","spellings":"names.txt","episodes":[{"transcript":"t.txt"}]}`, "names.txt", "洋甘菊\t陽肝菊\n", 1, ""},
		{"named and missing", `{"title":"x","spellings":"nope.txt","episodes":[{"transcript":"t.txt"}]}`, "names.txt", "", 0, "podcast.json: spellings: openat nope.txt: no such file"},
		{"outside the folder", `{"title":"x","spellings":"../names.txt","episodes":[{"transcript":"t.txt"}]}`, "names.txt", "", 0, "path leaves the podcast folder"},
		{"a bad line", `{"title":"x","episodes":[{"transcript":"t.txt"}]}`, "spellings.txt", "# ok\n洋甘菊\n", 0, "spellings.txt:2: \"洋甘菊\" has no wrong spelling"},
		{"none", `{"title":"x","episodes":[{"transcript":"t.txt"}]}`, "other.txt", "洋甘菊\t陽肝菊\n", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(dir, ManifestName, c.manifest)
			write(dir, "t.txt", tr)
			write(dir, c.file, c.content)
			p, err := Load(t.Context(), dir, LoadOptions{})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := p.Episodes[0].Transcript.Segments[0].Text + p.Episodes[0].Transcript.Segments[1].Text
			if got := p.Fixed.Fixes["洋甘菊"]; got != c.fixed || c.fixed > 0 && !strings.Contains(text, "洋甘菊") {
				t.Errorf("fixed %d (%q), want %d", got, text, c.fixed)
			}
			if c.name == "spellings.txt beside podcast.json" && p.Episodes[0].Transcript.Segments[1].Speaker != "哈利" {
				t.Errorf("speaker %q, want 哈利", p.Episodes[0].Transcript.Segments[1].Speaker)
			}
		})
	}
}
