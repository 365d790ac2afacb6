package site

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tingo/app/script"
)

func loadT2S(t *testing.T) *script.Table {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "web", "script", "t2s.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := script.Load("t2s.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// tradOnly are frequent characters only Traditional Chinese writes: none is left once a page shows 简体.
const tradOnly = "們這個會來說時為對學國麼後過還關點樣經開問應現種話體與從動給長東業進實嗎讓機電聽髮發"

// scriptChecks: the Aa panel's 简体 shows the sample (Traditional) in Simplified: segments, chips and the
// title, phrase by phrase (洗髮精 → 洗发精, 發展 → 发展), every segment its length as written; search marks
// the converted text; a click on a word still seeks into it; the choice is remembered across a reload;
// ?script=hant in a link shows it as written without changing the choice; 原文 shows it as written.
func scriptChecks(t *testing.T, name string, d driver, base string) {
	s := &page{t: t, d: d, base: base, name: name + " (script)"}
	s.open("/")
	s.wait(liveJS, "the app")
	s.eval(`(localStorage.removeItem('tingo:script'), true)`, nil)
	s.open("/")
	s.wait(liveJS, "the app, nothing remembered")
	var before struct {
		Texts []string
		Chips []string
		Title string
	}
	s.eval(`({Texts: [...document.querySelectorAll('#transcript .seg .tx')].map(e => e.textContent),
		Chips: [...document.querySelectorAll('#terms button.chip')].map(e => e.firstChild.nodeValue), Title: document.getElementById('title').textContent})`, &before)
	s.click("#comfort-btn")
	s.wait(`!document.getElementById('comfort').hidden && !document.getElementById('scripts').hidden && document.getElementById('script-hans').getBoundingClientRect().width > 0`, "the scripts in the Aa panel")
	s.eval(`(window.__switchAt = performance.now(), true)`, nil)
	s.click("#script-hans")
	converted := `(() => { const t = document.getElementById('transcript').textContent; return t.includes('洗发精') && t.includes('发展') && ![...` + jsString(tradOnly) + `].some(c => t.includes(c)) })()`
	s.wait(converted, "the transcript in Simplified script")
	var ms float64
	s.eval(`performance.now() - __switchAt`, &ms)
	t.Logf("%s: 简体 shown in %.0f ms after the click (the table fetched, 61 segments rewritten)", s.name, ms)
	var after struct {
		Texts   []string
		Chips   []string
		Title   string
		Pressed string
		Ins     int
	}
	s.eval(`({Texts: [...document.querySelectorAll('#transcript .seg .tx')].map(e => e.textContent),
		Chips: [...document.querySelectorAll('#terms button.chip')].map(e => e.firstChild.nodeValue), Title: document.getElementById('title').textContent,
		Pressed: document.getElementById('script-hans').getAttribute('aria-pressed'), Ins: document.querySelectorAll('#transcript ins').length})`, &after)
	// Each segment is what package script makes of it (phrase tables included), and of its length.
	t2s := loadT2S(t)
	if len(after.Texts) != len(before.Texts) {
		t.Fatalf("%s: %d segments, %d before", s.name, len(after.Texts), len(before.Texts))
	}
	for k, was := range before.Texts {
		if want := t2s.Convert(was); after.Texts[k] != want || len(after.Texts[k]) != len(was) {
			t.Errorf("%s: segment %d shows\n%q\nwant\n%q", s.name, k, after.Texts[k], want)
			break
		}
	}
	if want := t2s.Convert(before.Title); after.Title != want {
		t.Errorf("%s: the title shows %q, want %q", s.name, after.Title, want)
	}
	changed := 0
	for k := range after.Chips {
		if k < len(before.Chips) && after.Chips[k] != before.Chips[k] {
			changed++
		}
	}
	if changed == 0 || len(after.Chips) != len(before.Chips) || after.Pressed != "true" || after.Ins != 19 {
		t.Errorf("%s: %d of %d chips converted (%q → %q), 简体 pressed %q, %d fixes", s.name, changed, len(after.Chips), before.Chips, after.Chips, after.Pressed, after.Ins)
	}
	d.Key("Escape")
	s.wait(`document.getElementById('comfort').hidden`, "the panel closed")

	// Search on the converted text: its marks hold the Simplified words.
	s.eval(`(() => { const i = document.getElementById('search'); i.focus(); i.value = '馬斯克'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, nil)
	s.wait(`document.querySelectorAll('#transcript mark').length > 5 && [...document.querySelectorAll('#transcript mark')].every(m => m.textContent === '马斯克')`, "search marks on the Simplified text")
	s.wait(`[...document.querySelectorAll('#results .snip')].some(e => e.textContent.includes('马斯克'))`, "the results' snippets in Simplified")
	s.eval(`(() => { const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); i.blur(); return true })()`, nil)
	s.wait(converted+` && document.querySelectorAll('#transcript mark').length === 0 && document.querySelectorAll('#transcript ins').length === 19`, "the text still Simplified, and every fix kept, after the search")

	// A word of the converted text is where it was.
	s.eval(`document.activeElement && document.activeElement.blur(), true`, nil)
	d.Key("f")
	s.wait(`!document.getElementById('now').hidden`, "f to stop following")
	pt := s.clickWord(30, 40, "")
	s.wait(fmt.Sprintf(`(() => { const t = document.getElementById('audio').currentTime; return t > %f && t < %f })()`, pt[2], pt[3]), "the click on a converted word to seek into its segment")

	// Remembered; a link's script wins for its page without changing the choice.
	s.open("/")
	s.wait(liveJS, "the app again")
	s.wait(converted+` && document.getElementById('script-hans').getAttribute('aria-pressed') === 'true'`, "the remembered 简体")
	s.open("/?script=hant")
	s.wait(liveJS, "the app on a ?script=hant link")
	s.wait(`document.getElementById('transcript').textContent.includes('洗髮精') && document.getElementById('script-hant').getAttribute('aria-pressed') === 'true' && localStorage.getItem('tingo:script') === 'hans'`, "the link's 繁體, the choice kept")
	if name == "chromium" || name == "chromium-phone" {
		s.open("/")
		s.wait(liveJS+` && `+converted, "简体 for the screenshot")
		s.click("#comfort-btn")
		s.wait(`!document.getElementById('comfort').hidden`, "the panel")
		s.screenshot("script-hans-" + name + ".png")
		s.open("/?script=hant")
		s.wait(liveJS, "繁體 for the screenshot")
		s.click("#comfort-btn")
		s.wait(`!document.getElementById('comfort').hidden && document.getElementById('transcript').textContent.includes('洗髮精')`, "the panel")
		s.screenshot("script-hant-" + name + ".png")
		d.Key("Escape")
	}
	// 原文: as written, remembered as such.
	s.open("/")
	s.wait(liveJS+` && `+converted, "the remembered 简体 once more")
	s.click("#comfort-btn")
	s.wait(`!document.getElementById('comfort').hidden`, "the panel")
	s.click("#script-orig")
	s.wait(`document.getElementById('transcript').textContent.includes('洗髮精') && localStorage.getItem('tingo:script') === 'orig'`, "原文: the text as written")
	s.eval(`(localStorage.removeItem('tingo:script'), true)`, nil)
	s.errors()
}

// libraryScriptChecks: a link's ?script=hans shows a Traditional show's library in 简体 (its title, its
// description, the episode list, the archive's results marked as shown) and every episode link carries
// the choice on. dir is a site built by buildTestSite with a Traditional title and description.
func libraryScriptChecks(t *testing.T, name string, d driver, dir string) {
	ts := httptest.NewServer(withHooks(plainHost(dir)))
	defer ts.Close()
	s := &page{t: t, d: d, base: ts.URL, name: name + " (library script)"}
	s.open("/show/?script=hans")
	s.wait(`document.querySelector('#library[data-live="true"] #episodes') !== null && document.getElementById('title').textContent === '科技浪 节目'`, "the library live, its title in 简体")
	var got struct {
		Desc     string
		Episodes []string
		Links    []string
		Lang     string
	}
	s.eval(`({Desc: document.getElementById('show-desc').textContent, Episodes: [...document.querySelectorAll('#episodes .ep-title')].map(a => a.textContent),
		Links: [...document.querySelectorAll('#episodes a')].map(a => a.getAttribute('href')), Lang: document.getElementById('episodes').getAttribute('lang')})`, &got)
	if got.Desc != "头发与发展: a Traditional-Chinese tech podcast." || len(got.Episodes) == 0 || got.Episodes[0] != "xAI 与 Optimus" || got.Lang != "zh-Hans" {
		t.Errorf("%s: %+v", s.name, got)
	}
	for _, l := range got.Links {
		if !strings.HasSuffix(l, "/?script=hans") {
			t.Errorf("%s: episode link %q does not carry ?script=hans", s.name, l)
		}
	}
	s.eval(`(() => { const i = document.getElementById('archive-search'); i.focus(); i.value = '馬斯克'; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, nil)
	s.wait(`document.querySelectorAll('#archive-results a.hit mark').length > 0`, "archive results")
	var marks []string
	s.eval(`[...new Set([...document.querySelectorAll('#archive-results a.hit mark')].map(m => m.textContent))]`, &marks)
	if len(marks) != 1 || marks[0] != "马斯克" {
		t.Errorf("%s: the results mark %q, want only 马斯克", s.name, marks)
	}
	s.errors()
}
