package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tingo/app/search"
	"tingo/app/segment"
	"tingo/app/transcript"
	"tingo/app/ui"
	"tingo/web"
)

// BuildOptions say where and how a podcast's site is written.
type BuildOptions struct {
	Root    string // the folder holding web/ (a developer's tree), when Web is nil
	Web     fs.FS  // the app's files (web.Open): app.wasm, wasm_exec.js, tingo.css, icons, dict
	Out     string // the folder to write, replaced whole when the build is done; files tingo did not write stay
	Input   string // the podcast's folder or feed file, which Out may not be or hold ("" for a URL)
	Base    string // the URL path the site is served under ("/" or "/podcast/"); from URL when empty
	URL     string // the site's public address ("https://example.com/podcast/"): og:url, canonical, sitemap
	Version string // fixed by the input's content when empty, so the same input builds the same files
	NoTerms bool   // skip the key-term chips (gse), for quick builds
	// SuggestedChapters gives episodes without chapters of their own the ones chapters.Suggest proposes,
	// labelled "suggested" in the page. Never over the feed's or the podcaster's.
	SuggestedChapters bool
	Cache             string // a folder where what each episode became is kept for the next build ("" for none)
	prev              string // the output being replaced, whose unchanged files are linked in
}

// BuildReport says what a build wrote.
type BuildReport struct {
	Episodes       int
	Files          int
	Bytes          int64
	TranscriptGzip int64 // the episodes' transcript text, gzipped: what the index is measured against
	Archive        ArchiveStats
	Warnings       []string
	CacheHits      int // pages, WebVTT files and archive token lists taken from the cache
	Linked         int // files of the previous output linked in, not written again (the same bytes)
	Names          int // name pages
	files          map[string]string
}

// hostPlaceholder ends the host pages are prerendered for; it is replaced by the real address (or the
// tags holding it are dropped) before a page is written. Each build prerenders for a host of its own
// (prerenderHost), so builds can run at once: ui finds each page's site by its host.
const hostPlaceholder = "tingo.invalid"

var prerenders atomic.Int64

// prerenderHost is a new host to prerender pages for: b1.tingo.invalid, b2.tingo.invalid, …
func prerenderHost() string { return fmt.Sprintf("b%d.%s", prerenders.Add(1), hostPlaceholder) }

// Build writes the static site of a podcast: the library page, a page per episode, the archive search
// index, the service worker and the files a host and a search engine look for.
func Build(p *Podcast, o BuildOptions) (*BuildReport, error) {
	if o.Out == "" {
		return nil, errors.New("no output folder")
	}
	if err := checkOutput(o.Out, o.Input); err != nil {
		return nil, err
	}
	st, err := stage(o.Out)
	if err != nil {
		return nil, err
	}
	o.Out, o.prev = st.dir, st.out
	rep, err := build(p, o)
	if err == nil {
		err = st.commit(rep.files)
	}
	if err != nil {
		st.abort()
		return nil, err
	}
	return rep, nil
}

// build writes the site into o.Out, a new folder.
func build(p *Podcast, o BuildOptions) (*BuildReport, error) {
	if o.Root == "" {
		o.Root = "."
	}
	var site *url.URL
	if o.URL != "" {
		u, err := url.Parse(o.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("--url %q: want an absolute http(s) address", o.URL)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		site = u
		if o.Base == "" {
			o.Base = u.Path
		}
	}
	base := "/" + strings.Trim(o.Base, "/")
	if base != "/" {
		base += "/"
	}
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/-_.~", c)) || strings.Contains(base, "..") {
			return nil, fmt.Errorf("--base %q: want a path of letters, digits and - _ . ~", base)
		}
	}
	if site != nil && site.Path != base {
		return nil, fmt.Errorf("--url %s and --base %s disagree: the address's path must be the base", o.URL, base)
	}
	if o.Web == nil {
		w, err := web.Open(o.Root)
		if err != nil {
			return nil, err
		}
		o.Web = w
	}
	wasm, err := fs.ReadFile(o.Web, "app.wasm")
	if err != nil {
		return nil, web.ErrNoApp
	}
	css, err := fs.ReadFile(o.Web, "tingo.css") // inline in every page
	if err != nil {
		return nil, fmt.Errorf("the app's tingo.css: %w", err)
	}
	cssSum := sha256.Sum256(css)
	rep := &BuildReport{Episodes: len(p.Episodes), Warnings: p.Warnings}
	if o.Version == "" {
		o.Version = inputVersion(p, o, wasm)
	}

	// Episodes, with their terms computed on every core.
	eps := make([]*ui.Episode, len(p.Episodes))
	lang := ui.SafeLang(p.Lang)
	if lang == "" && p.Lang != "" {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("language %q is not a BCP 47 tag; guessed from the transcripts", clipText(p.Lang, 40)))
	}
	if lang == "" && len(p.Episodes) > 0 {
		lang = ui.GuessLang(p.Episodes[0].Transcript) // the newest episode's, for the show
	}
	if err := placeChapters(p, o, rep); err != nil {
		return nil, err
	}
	for i, se := range p.Episodes {
		ep := &ui.Episode{Title: se.Title, Description: se.Description, Transcript: se.Transcript, Home: "../", Chapters: se.shown}
		if ep.Description == "" {
			ep.Description = p.Title + ": " + se.Title
		}
		switch {
		case se.Audio == "":
		case se.AudioFile != nil:
			name := "media/" + se.Slug + strings.ToLower(path.Ext(se.Audio))
			if err := copyFromFS(se.AudioFile, se.Audio, filepath.Join(o.Out, filepath.FromSlash(name))); err != nil { // streamed, not hashed
				return nil, err
			}
			ep.Audio = "../" + name
		case ui.SafeURL(se.Audio):
			ep.Audio = se.Audio
		default:
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: audio %q is not an http(s) address, left out", se.where(), clipText(se.Audio, 80)))
		}
		eps[i] = ep
	}
	// What the cache holds of each episode: its finished page, keyed by everything that shapes it.
	cache, err := openCache(o.Cache, wasm)
	if err != nil {
		return nil, err
	}
	wasmForms(wasm, cache) // started now, written at the end
	digests := make([]string, len(eps))
	parallelEach(len(eps), func(i int) { digests[i] = digest(p.Episodes[i].Transcript) })
	// The chips of every episode (from the cache when its text is unchanged): they shape its page and
	// choose the names that get a page.
	if !o.NoTerms {
		termKeys := make([]string, len(eps))
		todo := false
		parallelEach(len(eps), func(i int) {
			if cache != nil {
				termKeys[i] = cache.key("terms", termsVersion, digests[i])
				if b, ok := cache.get(termKeys[i]); ok && json.Unmarshal(b, &eps[i].Terms) == nil {
					return
				}
			}
			eps[i].Terms, todo = nil, true
		})
		if seg, err := segment.Default(); err == nil && todo {
			parallelEach(len(eps), func(i int) {
				if eps[i].Terms != nil {
					return
				}
				texts := make([]string, len(eps[i].Transcript.Segments))
				for k, s := range eps[i].Transcript.Segments {
					texts[k] = s.Text
				}
				eps[i].Terms = seg.Terms(texts, 24)
				if b, err := json.Marshal(eps[i].Terms); err == nil {
					cache.put(termKeys[i], b)
				}
			})
		}
	}

	w, err := newWriter(o.Out, o.prev, rep)
	if err != nil {
		return nil, err
	}
	w.cache = cache

	// Archive search, and the names whose pages list where the archive says them.
	var aeps []archiveEpisode
	for i := len(p.Episodes) - 1; i >= 0; i-- { // oldest first
		se := p.Episodes[i]
		date := ""
		if !se.Date.IsZero() {
			date = se.Date.UTC().Format("2006-01-02")
		}
		aeps = append(aeps, archiveEpisode{Href: se.Slug + "/", Title: se.Title, Date: date, T: se.Transcript, digest: digests[i]})
	}
	rep.Archive, err = writeArchive(w, "search", aeps, cache)
	if err != nil {
		return nil, fmt.Errorf("writing the archive index: %w", err)
	}
	rep.TranscriptGzip = rep.Archive.TextGzip
	allTerms := make([][]search.Term, len(eps))
	for i := range eps {
		allTerms[i] = eps[i].Terms
	}
	names := collectNames(p, allTerms)
	if err := findMentions(filepath.Join(w.out, "search"), names); err != nil {
		return nil, fmt.Errorf("finding the names in the archive: %w", err)
	}
	names = slices.DeleteFunc(names, func(n *namePage) bool { return n.Total == 0 })
	rep.Names = len(names)
	pageOf := map[string]string{} // folded name -> its page, from the site's root
	for _, n := range names {
		pageOf[search.FoldString(n.Name)] = nameHref(n.Slug)
	}
	for _, ep := range eps {
		for k, t := range ep.Terms {
			ep.Terms[k].Page = ""
			if h, ok := pageOf[search.FoldString(t.Text)]; ok {
				ep.Terms[k].Page = "../" + h
			}
		}
	}

	pageKeys := make([]string, len(eps))
	cached := make([][]byte, len(eps))
	parallelEach(len(eps), func(i int) {
		se := p.Episodes[i]
		if cache != nil {
			chips, _ := json.Marshal(eps[i].Terms)
			pageKeys[i] = cache.key("page", hex.EncodeToString(cssSum[:]), base, o.URL, p.Title, p.Description, lang, fmt.Sprint(o.NoTerms), se.Slug,
				se.Title, se.Description, fmt.Sprint(se.Date.Unix(), se.Duration), eps[i].Audio, digests[i], string(se.chaptersJSON), string(chips))
			cached[i], _ = cache.get(pageKeys[i])
		}
	})
	parallelEach(len(eps), func(i int) { // the language of each page still to make
		if cached[i] == nil {
			eps[i].Lang = ui.GuessLang(eps[i].Transcript)
		}
	})

	show := &ui.Show{Title: p.Title, Description: p.Description, Lang: lang}
	for _, n := range names {
		show.Names = append(show.Names, ui.ShowName{Href: nameHref(n.Slug), Name: n.Name, Count: n.Total})
	}
	byPath := map[string]*ui.Episode{}
	for i, se := range p.Episodes {
		show.Episodes = append(show.Episodes, ui.ShowEpisode{Href: se.Slug + "/", Title: se.Title,
			Description: se.Description, Date: se.Date, Duration: se.Duration})
		byPath["/"+se.Slug+"/"] = eps[i]
	}
	host := prerenderHost()
	defer ui.Register(host, &ui.Site{Show: show, Episode: func(p string) *ui.Episode { return byPath[p] }})()
	ui.Routes()

	h := Handler(p.Title, o.Version)
	h.Lang = lang
	h.Description = ui.MetaSafe(p.Description)
	// app.wasm is named by its content, so a new build of the site (a new episode) leaves the name, and
	// the copy in a returning listener's cache, as they were while the app is unchanged.
	wasmName := WasmName(wasm)
	h.Resources = resources{prefix: strings.TrimSuffix(base, "/"), wasm: wasmName}
	h.ServiceWorkerTemplate = workerTemplate(base, wasmName)
	if h.Description == "" {
		h.Description = ui.MetaSafe("Read along with " + p.Title)
	}

	get := func(p string) ([]byte, error) {
		req := httptest.NewRequest(http.MethodGet, p, nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("prerendering %s: %d", p, rec.Code)
		}
		return rec.Body.Bytes(), nil
	}
	for _, f := range []string{"/app.js", "/app-worker.js"} {
		b, err := get(f)
		if err != nil {
			return nil, err
		}
		if f == "/app.js" {
			var ok bool
			if b, ok = wasmTotal(b, len(wasm)); !ok {
				return nil, errors.New("go-app's app.js no longer counts the wasm's download as tingo expects (see wasmTotal)")
			}
		}
		w.file(strings.TrimPrefix(f, "/"), b)
	}
	w.file("manifest.webmanifest", Manifest(h, base))
	abs := func(rel string) string {
		if site == nil {
			return ""
		}
		return site.ResolveReference(&url.URL{Path: rel}).String()
	}
	page := func(route, rel string, ld any) error {
		b, err := get(route)
		if err != nil {
			return err
		}
		address := abs(rel)
		if ep, ok := ui.EmbedOf("/" + rel); ok { // an embed's canonical page is its episode's
			address = abs(strings.TrimPrefix(ep, "/"))
		} else if oembed := abs(rel + "oembed.json"); rel != "" && oembed != "" {
			b = bytes.Replace(b, []byte("</head>"), []byte(`<link rel="alternate" type="application/json+oembed" href="`+
				html.EscapeString(oembed)+`"></head>`), 1)
		}
		b, err = finishPage(b, host, address, ld)
		if err != nil {
			return fmt.Errorf("%s: %w", route, err)
		}
		b = tidyHead(b, base, base+"web/"+wasmName, route == "/", css)
		w.file(path.Join(rel, "index.html"), b)
		return nil
	}
	if err := page("/", "", seriesLD(p, abs(""))); err != nil {
		return nil, err
	}
	for i, se := range p.Episodes {
		if cached[i] != nil {
			w.file(se.Slug+"/index.html", cached[i])
		} else {
			if err := page("/"+se.Slug+"/", se.Slug+"/", episodeLD(p, se, eps[i], abs)); err != nil {
				return nil, err
			}
			cache.put(pageKeys[i], w.last)
		}
		// The embed page, for another site's iframe, and its oEmbed description where the site has an address.
		embedKey := cache.key("embed", pageKeys[i])
		if b, ok := cache.get(embedKey); ok {
			w.file(se.Slug+"/embed/index.html", b)
		} else {
			if err := page("/"+se.Slug+"/embed/", se.Slug+"/embed/", nil); err != nil {
				return nil, err
			}
			cache.put(embedKey, w.last)
		}
		if site != nil {
			w.file(se.Slug+"/oembed.json", OEmbed(p.Title, abs(""), se.Title, abs(se.Slug+"/embed/")))
		}
		if se.chaptersJSON != nil {
			w.file(se.Slug+"/chapters.json", se.chaptersJSON)
		}
		vttKey := ""
		if cache != nil {
			vttKey = cache.key("vtt", digests[i])
		}
		if b, ok := cache.get(vttKey); ok {
			w.file(se.Slug+"/transcript.vtt", b)
			continue
		}
		var vtt bytes.Buffer
		if err := transcript.Write(&vtt, se.Transcript, transcript.FormatVTT); err != nil {
			return nil, fmt.Errorf("%s: %w", se.Source, err)
		}
		w.file(se.Slug+"/transcript.vtt", vtt.Bytes())
		cache.put(vttKey, vtt.Bytes())
	}

	// The app's own files.
	for _, name := range web.Files {
		b, err := fs.ReadFile(o.Web, name)
		if err != nil {
			return nil, fmt.Errorf("the app's %s: %w", name, err)
		}
		rel := "web/" + name
		switch name {
		case "wasm_exec.js":
			rel = name // go-app's loader asks for it at the root
		case "app.wasm":
			rel = "web/" + wasmName
		}
		w.file(rel, b)
	}
	i18n, _ := json.Marshal(ui.EarlyText())
	w.file("web/i18n.json", i18n)
	if w.err != nil {
		return nil, w.err
	}

	// A page per name.
	for _, n := range names {
		w.file(namePath(n.Slug), namePageHTML(n, p.Title, lang, base, abs("names/"+n.Slug+"/"), css))
	}

	// For hosts and search engines.
	robots := "User-agent: *\nAllow: /\n"
	if site != nil {
		robots += "Sitemap: " + abs("sitemap.xml") + "\n"
		w.file("sitemap.xml", sitemap(p, names, abs))
	}
	w.file("robots.txt", []byte(robots))
	if w.err != nil {
		return nil, w.err
	}
	if cache != nil {
		rep.CacheHits = cache.hits
		cache.prune()
	}
	rep.files = w.record
	return rep, nil
}

// termsVersion names the way chips are chosen (search.KeyTerms), in their cache key.
const termsVersion = "2"

// inputVersion names a build by everything that goes into it.
func inputVersion(p *Podcast, o BuildOptions, wasm []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", p.Title, p.Description, o.Base, o.URL)
	h.Write(wasm)
	for _, e := range p.Episodes {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%v\x00", e.Slug, e.Title, e.Description, e.Audio, e.Date.Unix())
		for _, s := range e.Transcript.Segments {
			fmt.Fprintf(h, "%d %d %s\x00%s\x00", s.Start, s.End, s.Speaker, s.Text)
		}
		fmt.Fprintf(h, "%v\x00%v\x00", e.Chapters, o.SuggestedChapters)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// finishPage puts the real address into a prerendered page (or drops the tags that need one), and adds
// the Content-Security-Policy (static hosts send no headers) and the JSON-LD.
func finishPage(b []byte, host, address string, ld any) ([]byte, error) {
	b, err := canonicalTags(b)
	if err != nil {
		return nil, err
	}
	s := string(b)
	og := `<meta content="http://` + host
	if i := strings.Index(s, og); i >= 0 {
		end := strings.Index(s[i:], ">")
		tag := ""
		if address != "" {
			tag = `<meta property="og:url" content="` + html.EscapeString(address) + `"><link rel="canonical" href="` +
				html.EscapeString(address) + `">`
		}
		s = s[:i] + tag + s[i+end+1:]
	}
	if strings.Contains(s, hostPlaceholder) {
		return nil, errors.New("the prerendered page still holds the generator's address")
	}
	head := strings.Index(s, "<head>")
	if head < 0 {
		return nil, errors.New("no <head> in the prerendered page")
	}
	s = s[:head+6] + `<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(MetaCSP) + `">` + s[head+6:]
	if ld != nil {
		j, err := json.Marshal(ld) // escapes <, > and &: the data cannot close its script element
		if err != nil {
			return nil, err
		}
		// At the end of the body: search engines read it wherever it is, and it must not hold the text up.
		end := strings.LastIndex(s, "</body>")
		if end < 0 {
			return nil, errors.New("no </body> in the prerendered page")
		}
		s = s[:end] + `<script type="application/ld+json">` + string(j) + `</script>` + s[end:]
	}
	return []byte(s), nil
}

// MetaCSP is the site's policy as a <meta> element can carry it (frame-ancestors only works as a header).
var MetaCSP = strings.Replace(CSP, " frame-ancestors 'self';", "", 1)

func seriesLD(p *Podcast, address string) any {
	ld := map[string]any{"@context": "https://schema.org", "@type": "PodcastSeries", "name": p.Title}
	if p.Description != "" {
		ld["description"] = p.Description
	}
	if address != "" {
		ld["url"] = address
	}
	return ld
}

// episodeLD describes an episode for search engines. The transcript is the page's own text and is not
// repeated here (it doubled the page: 127 KB, 49 KB gzipped, for the sample); the AudioObject names the
// WebVTT file beside the page instead.
func episodeLD(p *Podcast, se *SourceEpisode, ep *ui.Episode, abs func(string) string) any {
	audio := map[string]any{"@type": "AudioObject"}
	if u := abs(se.Slug + "/transcript.vtt"); u != "" {
		audio["caption"] = map[string]any{"@type": "MediaObject", "contentUrl": u, "encodingFormat": "text/vtt"}
	}
	if ep.Audio != "" {
		a := ep.Audio
		if strings.HasPrefix(a, "../") && abs("") != "" {
			a = abs(strings.TrimPrefix(a, "../"))
		}
		audio["contentUrl"] = a
	}
	ld := map[string]any{"@context": "https://schema.org", "@type": "PodcastEpisode", "name": se.Title,
		"associatedMedia": audio, "partOfSeries": map[string]any{"@type": "PodcastSeries", "name": p.Title}}
	if se.Description != "" {
		ld["description"] = se.Description
	}
	if !se.Date.IsZero() {
		ld["datePublished"] = se.Date.UTC().Format("2006-01-02")
	}
	if se.Duration > 0 {
		ld["timeRequired"] = isoDuration(se.Duration)
	}
	if u := abs(se.Slug + "/"); u != "" {
		ld["url"] = u
		ld["partOfSeries"].(map[string]any)["url"] = abs("")
	}
	if c := se.shown; c != nil {
		var parts []any
		for _, ch := range c.Items {
			clip := map[string]any{"@type": "Clip", "name": ch.Title, "startOffset": ch.Start.Seconds(), "endOffset": ch.End.Seconds()}
			if ch.Title == "" {
				clip["name"] = transcript.FormatStamp(ch.Start)
			}
			if u := abs(se.Slug + "/"); u != "" {
				clip["url"] = u + "#t=" + strconv.FormatFloat(ch.Start.Seconds(), 'f', -1, 64)
			}
			parts = append(parts, clip)
		}
		ld["hasPart"] = parts
	}
	return ld
}

func isoDuration(d time.Duration) string {
	s := int(d.Seconds())
	return fmt.Sprintf("PT%dH%dM%dS", s/3600, s/60%60, s%60)
}

func sitemap(p *Podcast, names []*namePage, abs func(string) string) []byte {
	type loc struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: []loc{{Loc: abs("")}}}
	for _, e := range p.Episodes {
		l := loc{Loc: abs(e.Slug + "/")}
		if !e.Date.IsZero() {
			l.LastMod = e.Date.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, l)
	}
	for _, n := range names {
		set.URLs = append(set.URLs, loc{Loc: abs("names/" + n.Slug + "/")})
	}
	b, _ := xml.MarshalIndent(set, "", " ")
	return append([]byte(xml.Header), append(b, '\n')...)
}

// workerTemplate is the service worker go-app serves as app-worker.js. Pages and search files are
// fetched from the network first, so a new build reaches returning listeners at once, and kept in a
// cache named by the site's base and the build's version, so what a listener has opened works offline;
// a new version's worker deletes the older caches of its own site only (two podcasts on one origin,
// /a/ and /b/, keep theirs). Range requests (audio) go straight to the network.
func workerTemplate(base, wasmName string) string {
	pre := []string{"", "app.js", "wasm_exec.js", "manifest.webmanifest", "web/" + wasmName, "web/early.js",
		"web/tingo.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png"}
	for i, p := range pre {
		pre[i] = base + p
	}
	list, _ := json.Marshal(pre)
	prefix, _ := json.Marshal("tingo-" + base + "-")
	immutable, _ := json.Marshal(base + "web/" + wasmName)
	return `// tingo's service worker: network first, a versioned cache for offline, scoped to this site.
// app.wasm is named by its content: a new version of the site takes it from the older cache instead of
// downloading it again, and it is answered from the cache first.
const cachePrefix = ` + string(prefix) + `;
const cacheName = cachePrefix + "{{.Version}}";
const precache = ` + string(list) + `;
const immutable = ` + string(immutable) + `;

async function older(url) {
  for (const k of await caches.keys()) {
    if (k.startsWith(cachePrefix) && k !== cacheName) {
      const r = await (await caches.open(k)).match(url);
      if (r) return r;
    }
  }
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const c = await caches.open(cacheName);
    await Promise.all(precache.map(async (url) => {
      const kept = url === immutable ? await older(url) : null;
      await (kept ? c.put(url, kept) : c.add(url));
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(cachePrefix) && k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || req.headers.has("range") || url.origin !== self.location.origin) {
    return;
  }
  const network = () => fetch(req).then((resp) => {
    if (resp.ok && resp.type === "basic" && !resp.redirected) {
      const copy = resp.clone();
      caches.open(cacheName).then((c) => c.put(req, copy));
    }
    return resp;
  });
  if (url.pathname === immutable) {
    event.respondWith(caches.match(req).then((r) => r || network()));
    return;
  }
  event.respondWith(
    network().catch(() => caches.match(req, { ignoreSearch: req.mode === "navigate" }).then((r) => r || Response.error()))
  );
});
`
}

// MaxAudioSize caps an audio file copied from a podcast folder into the site.
const MaxAudioSize = 4 << 30

// copyFromFS streams a file of the podcast's folder into the site.
func copyFromFS(fsys fs.FS, name, dst string) error {
	src, err := fsys.Open(name)
	if err != nil {
		return localErr(name, err)
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(src, MaxAudioSize+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > MaxAudioSize {
		err = fmt.Errorf("%s: over the %d GiB an audio file may have", name, MaxAudioSize>>30)
	}
	return err
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// parallelEach runs f for 0..n-1 on every core.
func parallelEach(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// StaticHandler serves a built site under its base path, as a plain static host would, with the
// headers tingo's own server adds: the site's files only (no listings, nothing outside the folder), a
// folder's index.html, 404 for anything else and 405 for any method but GET and HEAD.
func StaticHandler(dir, base string) (http.Handler, error) {
	base = "/" + strings.Trim(base, "/")
	if base != "/" {
		base += "/"
	}
	files, err := newFiles(dir, base, true)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(base, files)
	if base != "/" {
		mux.Handle("/{$}", http.RedirectHandler(base, http.StatusFound))
	}
	return securityHeaders(mux), nil
}
