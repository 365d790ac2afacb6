package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Accessibility, checked with axe-core (installed by `make engines`) in Chromium: the episode page and the
// library at 1280 and 390 px, light and dark, as they load, with search results and with the help open.
// Zero violations of WCAG 2.0, 2.1 and 2.2 A and AA and of axe's best practices.

var axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`

func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, ".cache", "engines", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("TINGO_BROWSER") == "required" {
			t.Fatalf("axe-core is missing (make engines): %v", err)
		}
		t.Skipf("axe-core is missing (make engines): accessibility not checked")
	}
	return string(b)
}

// axeCheck runs axe on the page as it is and fails the test for every violation, naming the state.
func axeCheck(p *page, axe, state string) {
	p.t.Helper()
	if !eval[bool](p, `typeof axe === 'object'`) {
		eval[bool](p, axe+";\ntrue")
	}
	out := eval[[]string](p, `axe.run(document, {runOnly: {type: 'tag', values: `+axeTags+`}}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' × ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')).join(' | ')))`)
	for _, v := range out {
		p.t.Errorf("%s: %s", state, v)
	}
}

// axeScreen is the screen of an accessibility view: a phone's under 600 px.
func axeScreen(width int64, dark bool) screen {
	scheme := map[bool]string{false: "light", true: "dark"}[dark]
	if width < 600 {
		return screen{width: width, height: 844, scale: 3, phone: true, scheme: scheme}
	}
	return screen{width: width, height: 900, scheme: scheme}
}

var axeViews = []struct {
	name  string
	width int64
	dark  bool
}{{"1280 light", 1280, false}, {"1280 dark", 1280, true}, {"390 light", 390, false}, {"390 dark", 390, true}}

func TestBrowserAccessibilityEpisode(t *testing.T) {
	axe := axeSource(t)
	srv := sampleServer(t)
	for _, v := range axeViews {
		t.Run(strings.ReplaceAll(v.name, " ", "-"), func(t *testing.T) {
			p := openPage(t, srv, "")
			p.emulate(axeScreen(v.width, v.dark))
			p.open("/")
			p.waitLive()
			axeCheck(p, axe, v.name+", as it loads")
			eval[bool](p, `(() => { const i = document.getElementById('search'); i.focus(); i.value = '馬斯克'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
			p.wait(`document.querySelectorAll('#transcript mark').length > 5 && document.querySelector('#results').children.length > 0`, "search results")
			axeCheck(p, axe, v.name+", with search results")
			eval[bool](p, `(() => { const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); i.blur(); document.getElementById('help-btn').click(); return true })()`)
			p.wait(`!document.getElementById('help').hidden`, "the help")
			axeCheck(p, axe, v.name+", with the help open")
			eval[bool](p, `(document.getElementById('help-close').click(), document.getElementById('comfort-btn').click(), true)`)
			p.wait(`document.getElementById('help').hidden && !document.getElementById('comfort').hidden`, "the text panel")
			axeCheck(p, axe, v.name+", with the text panel open")
			eval[bool](p, `(document.getElementById('script-hans').click(), true)`)
			p.wait(`document.getElementById('transcript').textContent.includes('洗发精')`, "the transcript in 简体")
			axeCheck(p, axe, v.name+", in 简体")
			eval[bool](p, `(() => { document.getElementById('comfort-btn').click(); const tx = document.querySelector('#transcript .seg .tx').firstChild, r = document.createRange(); r.setStart(tx, 2); r.setEnd(tx, 30); getSelection().removeAllRanges(); getSelection().addRange(r); return true })()`)
			p.wait(`!document.getElementById('copybar').hidden`, "the copy bar")
			axeCheck(p, axe, v.name+", with the copy bar")
			eval[bool](p, `(document.getElementById('card-btn').click(), true)`)
			p.wait(`!!document.querySelector('dialog#card[open] img')`, "the quote card")
			axeCheck(p, axe, v.name+", with the quote card open")
			eval[bool](p, `(document.getElementById('card').close(), localStorage.removeItem('tingo:script'), true)`)
		})
	}
}

func TestBrowserAccessibilityLibrary(t *testing.T) {
	axe := axeSource(t)
	dir := t.TempDir()
	buildTestSite(t, "Accessible", dir, "")
	host, err := StaticHandler(dir, "/show/")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range axeViews {
		t.Run(strings.ReplaceAll(v.name, " ", "-"), func(t *testing.T) {
			p := openPage(t, host, "")
			p.emulate(axeScreen(v.width, v.dark))
			p.open("/show/")
			p.wait(`document.querySelector('#library[data-live="true"] #episodes') !== null`, "the library to go live")
			axeCheck(p, axe, v.name+", as it loads")
			eval[bool](p, `(() => { const i = document.getElementById('archive-search'); i.value = 'Optimus'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
			p.wait(`document.querySelector('#archive-results a.hit') !== null`, "archive results")
			axeCheck(p, axe, v.name+", with search results")
			// The count is whole ("14 matches in 2 episodes"), not cut by its box.
			if cut := eval[bool](p, `(e => e.scrollWidth > e.clientWidth + 1)(document.getElementById('archive-status'))`); cut {
				t.Errorf("%s: the result count is cut: %q", v.name, eval[string](p, `document.getElementById('archive-status').textContent`))
			}
		})
	}
}

// TestBrowserAccessibilityChapters: an episode with chapters (the spec's example, with images, links and
// sponsor reads), the contents open, in every view.
func TestBrowserAccessibilityChapters(t *testing.T) {
	axe := axeSource(t)
	dir := t.TempDir()
	buildChapterSite(t, dir)
	host, err := StaticHandler(dir, "/show/")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range axeViews {
		t.Run(strings.ReplaceAll(v.name, " ", "-"), func(t *testing.T) {
			p := openPage(t, host, "")
			p.ignore = []string{"https://example.com/images/", "ERR_NAME_NOT_RESOLVED"} // the spec's example art: example.com is not reachable here
			p.emulate(axeScreen(v.width, v.dark))
			p.open("/show/sponsored/#t=30")
			p.waitLive()
			p.wait(`!document.getElementById('skip-sponsor').hidden && document.getElementById('chapter-now').textContent !== ''`, "the sponsor read named")
			axeCheck(p, axe, v.name+", in a sponsor read")
			eval[bool](p, `(document.querySelector('#toc details').open = true, true)`)
			axeCheck(p, axe, v.name+", with the contents open")
		})
	}
}
