package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBuildEmbeds: every episode gets an embed page (the same transcript in the compact layout, a link to
// the full page, the full page as its canonical address, no JSON-LD) and, on a site with an address, an
// oEmbed answer named by the episode page; a title cannot break out of the iframe's markup.
func TestBuildEmbeds(t *testing.T) {
	out := t.TempDir()
	p, _ := buildTestSite(t, "Embeds", out, "https://example.github.io/show/")
	segRE := regexp.MustCompile(`<p class="seg"`)
	for _, se := range p.Episodes {
		page := readFile(t, filepath.Join(out, se.Slug, "index.html"))
		embed := readFile(t, filepath.Join(out, se.Slug, "embed", "index.html"))
		if a, b := len(segRE.FindAllString(page, -1)), len(segRE.FindAllString(embed, -1)); a == 0 || a != b {
			t.Errorf("%s: the embed has %d segments, the page %d", se.Slug, b, a)
		}
		for _, want := range []string{`class="tingo embed"`, `id="full-page"`, `href="../"`, `target="_blank"`,
			`<link rel="canonical" href="https://example.github.io/show/` + se.Slug + `/">`, `<meta http-equiv="Content-Security-Policy"`} {
			if !strings.Contains(embed, want) {
				t.Errorf("%s: the embed page lacks %s", se.Slug, want)
			}
		}
		if strings.Contains(embed, "application/ld+json") || strings.Contains(embed, "json+oembed") {
			t.Errorf("%s: the embed page repeats the page's JSON-LD or oEmbed link", se.Slug)
		}
		if strings.Contains(page, `class="tingo embed"`) || !strings.Contains(page, `<link href="https://example.github.io/show/`+se.Slug+`/oembed.json" rel="alternate" type="application/json+oembed">`) {
			t.Errorf("%s: the episode page is an embed, or names no oEmbed answer", se.Slug)
		}
		var o struct {
			Version, Type, Title, HTML, ProviderName string
			Width, Height                            int
		}
		b, err := os.ReadFile(filepath.Join(out, se.Slug, "oembed.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &o); err != nil {
			t.Fatalf("%s/oembed.json: %v", se.Slug, err)
		}
		src := `src="https://example.github.io/show/` + se.Slug + `/embed/"`
		if o.Version != "1.0" || o.Type != "rich" || o.Title != se.Title || o.Width != EmbedWidth || o.Height != EmbedHeight ||
			!strings.HasPrefix(o.HTML, "<iframe ") || !strings.Contains(o.HTML, src) || !strings.HasSuffix(o.HTML, "></iframe>") {
			t.Errorf("%s/oembed.json = %+v", se.Slug, o)
		}
		if strings.Count(o.HTML, "<") != 2 || strings.Count(o.HTML, `"`)%2 != 0 {
			t.Errorf("%s: the title broke the iframe's markup: %s", se.Slug, o.HTML)
		}
	}

	// Without an address: the embed pages, but no oEmbed (its answer must hold absolute addresses).
	out2 := t.TempDir()
	p2, _ := buildTestSite(t, "Embeds", out2, "")
	for _, se := range p2.Episodes {
		if _, err := os.Stat(filepath.Join(out2, se.Slug, "embed", "index.html")); err != nil {
			t.Errorf("no embed page without an address: %v", err)
		}
		if _, err := os.Stat(filepath.Join(out2, se.Slug, "oembed.json")); err == nil {
			t.Errorf("%s: an oEmbed answer without the site's address", se.Slug)
		}
		if strings.Contains(readFile(t, filepath.Join(out2, se.Slug, "index.html")), "json+oembed") {
			t.Errorf("%s: an oEmbed link without the site's address", se.Slug)
		}
	}
}

// TestServeEmbed: tingo serve has the embed page at /embed/, the only page other sites may frame.
func TestServeEmbed(t *testing.T) {
	srv := sampleServer(t)
	for path, want := range map[string]string{"/embed/": "frame-ancestors *", "/": "frame-ancestors 'self'"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, want) {
			t.Errorf("GET %s: Content-Security-Policy %q, want %s", path, csp, want)
		}
		if embed := strings.Contains(rec.Body.String(), `class="tingo embed"`); embed != (path == "/embed/") {
			t.Errorf("GET %s: embed layout %v", path, embed)
		}
	}
}
