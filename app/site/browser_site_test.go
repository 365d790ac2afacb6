package site

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tingo/app/search"
)

// plainHost serves a built site under /show/ as any static host would: Go's file server, nothing of
// tingo's.
func plainHost(dir string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/show/", http.StripPrefix("/show", http.FileServer(http.Dir(dir))))
	return mux
}

// expectedHits is what single-episode search finds for q in each episode: "slug/#t=start" links.
func expectedHits(p *Podcast, q string) (links []string, episodes map[string]bool) {
	episodes = map[string]bool{}
	for _, se := range p.Episodes {
		texts := make([]string, len(se.Transcript.Segments))
		for i, s := range se.Transcript.Segments {
			texts[i] = s.Text
		}
		for _, h := range search.NewIndex(texts).Search(q, search.Options{}) {
			links = append(links, fmt.Sprintf("%s/#t=%s", se.Slug, secs(se.Transcript.Segments[h.Segment].Start.Seconds())))
			episodes[se.Slug] = true
		}
	}
	sort.Strings(links)
	return links, episodes
}

// noRemoteAudio drops the audio the browser cannot reach from the test (example.com).
func noRemoteAudio(p *Podcast) {
	for _, e := range p.Episodes {
		if isHTTP(e.Audio) {
			e.Audio = ""
		}
	}
}

func secs(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}

func TestBrowserSite(t *testing.T) {
	dir := t.TempDir()
	p, _ := buildTestSite(t, "科技浪 TechWave", dir, "", noRemoteAudio)
	pg := openPage(t, plainHost(dir), "")
	pg.open("/show/")
	pg.wait(`document.querySelector('#library[data-live="true"] #episodes-slot #episodes') !== null`, "the library to go live")

	titles := eval[[]string](pg, `[...document.querySelectorAll('#episodes .ep-title')].map(a => a.textContent)`)
	if strings.Join(titles, "|") != "xAI 與 Optimus|Neuralink </script><script>alert(1)</script>|Sponsors & Saint-Oléan" {
		t.Errorf("library, newest first = %q", titles)
	}
	// Before a keystroke: the manifest alone (a few hundred bytes), so the first query waits only for its
	// shards.
	pg.wait(`performance.getEntriesByType('resource').some(e => e.name.endsWith('/search/index.json'))`, "the archive's manifest")
	if got := eval[[]string](pg, `performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).map(e => e.name.split('/search/')[1])`); len(got) != 1 {
		t.Errorf("search files fetched before the first keystroke: %v, want index.json alone", got)
	}

	// A term said in two of the three episodes.
	query := ""
	var want []string
	for _, q := range []string{"馬斯克", "Neuralink", "機器人", "特斯拉", "Optimus", "輝達", "OpenAI"} {
		links, eps := expectedHits(p, q)
		if len(eps) == 2 {
			query, want = q, links
			break
		}
	}
	if query == "" {
		t.Fatal("no test term is in exactly two episodes")
	}
	eval[bool](pg, `(() => { const s = document.getElementById('archive-search'); s.focus(); s.value = `+jsString(query)+`; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	pg.wait(`document.querySelectorAll('#archive-results a.hit').length >= `+fmt.Sprint(min(len(want), 12)), "archive results")
	// More results until there are none (the button comes and goes while a page is being filled).
	for eval[bool](pg, `!document.getElementById('archive-more').hidden`) {
		eval[bool](pg, `(b => (b.hidden || b.click(), true))(document.getElementById('archive-more'))`)
		time.Sleep(300 * time.Millisecond)
	}
	got := eval[[]string](pg, `[...document.querySelectorAll('#archive-results a.hit')].map(a => a.getAttribute('href')).sort()`)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("archive search %q links:\n got %q\nwant %q", query, got, want)
	}
	if n := eval[int](pg, `document.querySelectorAll('#archive-results .hit-ep').length`); n != 2 {
		t.Errorf("%d episodes in the results, want 2", n)
	}
	if n := eval[int](pg, `document.querySelectorAll('#archive-results a.hit mark').length`); n < len(want) {
		t.Errorf("%d marks for %d hits", n, len(want))
	}
	fetched := eval[float64](pg, `performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).reduce((n, e) => n + e.encodedBodySize, 0)`)
	t.Logf("query %q: %d hits, %.1f KB of index and chunks fetched", query, len(want), fetched/1024)

	// A result opens its episode at its time: a real page load, the segment highlighted.
	first := eval[string](pg, `document.querySelector('#archive-results a.hit').getAttribute('href')`)
	pg.click("#archive-results a.hit")
	pg.waitLive()
	if path := eval[string](pg, `location.pathname + location.hash`); path != "/show/"+first {
		t.Errorf("clicking a result went to %s, want /show/%s", path, first)
	}
	at := first[strings.Index(first, "#t=")+3:]
	pg.wait(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); return c && c.dataset.start === `+jsString(at)+` })()`, "the hit's segment to be current")
	if home := eval[string](pg, `document.getElementById('home').getAttribute('href')`); home != "../" {
		t.Errorf("home link = %q", home)
	}

	// A deep link opened directly, and the way back to the library.
	se := p.Episodes[1]
	seg := se.Transcript.Segments[5]
	pg.open("/show/" + se.Slug + "/#t=" + secs(seg.Start.Seconds()))
	pg.waitLive()
	pg.wait(`(() => { const c = document.querySelector('.seg[aria-current="true"]'); return c && c.dataset.start === `+jsString(secs(seg.Start.Seconds()))+` })()`, "the deep link's segment")
	pg.click("#home")
	pg.wait(`location.pathname === '/show/' && document.querySelector('#library[data-live="true"] #episodes') !== null`, "the library again")
}

// TestBrowserSiteUpdatesAndWorksOffline: a listener's second visit works offline, and a new build
// reaches them on their next visit.
func TestBrowserSiteUpdatesAndWorksOffline(t *testing.T) {
	dir := t.TempDir()
	p, _ := buildTestSite(t, "First build", dir, "", noRemoteAudio)
	var offline atomic.Bool
	host := plainHost(dir)
	pg := openPage(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if offline.Load() { // the connection drops, as when the listener has no network
			if c, _, err := w.(http.Hijacker).Hijack(); err == nil {
				c.Close()
			}
			return
		}
		host.ServeHTTP(w, r)
	}), "")
	pg.open("/show/")
	pg.wait(`document.querySelector('#episodes-slot #episodes') !== null`, "the library")
	pg.wait(`navigator.serviceWorker.controller !== null || (navigator.serviceWorker.ready.then(() => true), false)`, "the worker")
	pg.reload()
	pg.wait(`navigator.serviceWorker.controller !== null && document.querySelector('#episodes-slot #episodes') !== null`, "a controlled page")
	ep := "/show/" + p.Episodes[0].Slug + "/"
	pg.open(ep)
	pg.waitLive()

	// Offline: the library and the episode already opened still load, live.
	offline.Store(true)
	pg.open("/show/")
	pg.wait(`document.querySelector('#episodes-slot #episodes') !== null && document.title === 'First build'`, "the library offline")
	pg.open(ep)
	pg.waitLive()
	offline.Store(false)

	// A new build into the same folder: the returning listener sees it on the next visit.
	buildTestSite(t, "Second build", dir, "", noRemoteAudio)
	pg.open("/show/")
	pg.wait(`document.title === 'Second build' && document.getElementById('title').textContent === 'Second build'`, "the new build")
	if n := eval[int](pg, `caches.keys().then(k => k.filter(n => n.startsWith('tingo-')).length)`); n > 2 {
		t.Errorf("%d tingo caches after an update", n)
	}
}

func jsString(s string) string {
	b := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s)
	return "'" + b + "'"
}

// TestBrowserSiteScreenshots takes the README's pictures of a built site: the library with archive
// search results, on a desktop and a phone.
func TestBrowserSiteScreenshots(t *testing.T) {
	dir := os.Getenv("TINGO_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	os.MkdirAll(dir, 0o755)
	site := t.TempDir()
	buildTestSite(t, "科技浪 TechWave", site, "", noRemoteAudio)
	for _, shot := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"site-desktop", 1280, 800, false}, {"site-phone", 390, 844, true}} {
		pg := openPage(t, plainHost(site), "")
		pg.emulate(screen{width: shot.width, height: shot.height, phone: shot.mobile})
		pg.open("/show/")
		pg.wait(`document.querySelector('#library[data-live="true"] #episodes') !== null`, "the library")
		eval[bool](pg, `(() => { const s = document.getElementById('archive-search'); s.value = '馬斯克'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
		pg.wait(`document.querySelectorAll('#archive-results a.hit').length > 3`, "results")
		time.Sleep(300 * time.Millisecond)
		if err := os.WriteFile(filepath.Join(dir, shot.name+".png"), pg.png(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSiteScript: the library shows the show in the reader's script, as an episode page does: a
// link's ?script=hans converts the title, the description, the episode list and the search's snippets
// (phrase by phrase: 頭髮 → 头发, 發展 → 发展), and carries itself on to every episode link; a remembered
// choice converts without touching the links; 原文 (orig) shows it as written.
func TestBrowserSiteScript(t *testing.T) {
	dir := t.TempDir()
	buildTestSite(t, "科技浪 節目", dir, "", noRemoteAudio, func(p *Podcast) {
		p.Description = "頭髮與發展: a Traditional-Chinese tech podcast."
	})
	pg := openPage(t, plainHost(dir), "")
	pg.open("/show/?script=hans")
	pg.wait(`document.querySelector('#library[data-live="true"] #episodes-slot #episodes') !== null`, "the library to go live")
	pg.wait(`document.getElementById('title').textContent === '科技浪 节目'`, "the title in 简体")
	type page struct {
		Title, Desc, DocTitle string
		Episodes, Links       []string
		Langs                 []string
	}
	read := func() page {
		return eval[page](pg, `({Title: document.getElementById('title').textContent, Desc: document.getElementById('show-desc').textContent, DocTitle: document.title,
			Episodes: [...document.querySelectorAll('#episodes .ep-title')].map(a => a.textContent),
			Links: [...document.querySelectorAll('#episodes a')].map(a => a.getAttribute('href')),
			Langs: ['title', 'show-desc', 'episodes'].map(id => document.getElementById(id).getAttribute('lang'))})`)
	}
	got := read()
	if got.Desc != "头发与发展: a Traditional-Chinese tech podcast." || !strings.Contains(got.DocTitle, "节目") ||
		strings.Join(got.Episodes, "|") != "xAI 与 Optimus|Neuralink </script><script>alert(1)</script>|Sponsors & Saint-Oléan" ||
		strings.Join(got.Langs, " ") != "zh-Hans zh-Hans zh-Hans" {
		t.Errorf("the library by ?script=hans: %+v", got)
	}
	for _, l := range got.Links {
		if !strings.HasSuffix(l, "/?script=hans") {
			t.Errorf("episode link %q does not carry ?script=hans", l)
		}
	}
	eval[bool](pg, `(() => { const s = document.getElementById('archive-search'); s.focus(); s.value = '馬斯克'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	pg.wait(`document.querySelectorAll('#archive-results a.hit').length > 0`, "archive results")
	type results struct{ Marks, Hrefs, Titles []string }
	hits := eval[results](pg, `({Marks: [...document.querySelectorAll('#archive-results a.hit mark')].map(m => m.textContent),
		Hrefs: [...document.querySelectorAll('#archive-results a.hit')].map(a => a.getAttribute('href')),
		Titles: [...document.querySelectorAll('#archive-results .hit-ep-title')].map(a => a.textContent)})`)
	if len(hits.Marks) == 0 {
		t.Errorf("no marks in the results")
	}
	for _, m := range hits.Marks {
		if m != "马斯克" {
			t.Errorf("a result marks %q, want 马斯克 (the query as the page shows it)", m)
		}
	}
	for _, h := range hits.Hrefs {
		if !strings.Contains(h, "/?script=hans#t=") {
			t.Errorf("result link %q does not carry ?script=hans", h)
		}
	}
	for _, title := range hits.Titles {
		if strings.Contains(title, "與") {
			t.Errorf("a result's episode title %q is not in 简体", title)
		}
	}
	// The episode a result opens shows 简体 too.
	pg.click("#archive-results a.hit")
	pg.waitLive()
	pg.wait(`document.getElementById('transcript').textContent.includes('马斯克') && !document.getElementById('transcript').textContent.includes('馬斯克')`, "the episode in 简体")

	// Remembered: converted, the links as they are.
	eval[bool](pg, `(localStorage.setItem('tingo:script', 'hans'), true)`)
	pg.open("/show/")
	pg.wait(`document.querySelector('#library[data-live="true"] #episodes') !== null && document.querySelector('#episodes .ep-title').textContent === 'xAI 与 Optimus'`, "the remembered 简体")
	for _, l := range read().Links {
		if strings.Contains(l, "script=") {
			t.Errorf("episode link %q carries a script the link did not ask for", l)
		}
	}
	// As written.
	eval[bool](pg, `(localStorage.setItem('tingo:script', 'orig'), true)`)
	pg.open("/show/")
	pg.wait(`document.querySelector('#library[data-live="true"] #episodes') !== null`, "the library as written")
	time.Sleep(500 * time.Millisecond) // a table would have arrived by now
	if got := read(); got.Title != "科技浪 節目" || got.Episodes[0] != "xAI 與 Optimus" || got.Langs[2] != "zh-Hant" {
		t.Errorf("the library as written: %+v", got)
	}
}
