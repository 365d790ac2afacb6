package site

import (
	"bytes"
	"regexp"
	"strconv"
)

// The first visit. A listener arrives from a link, often on a phone on a mobile network, with nothing
// cached: the page's text must come first and work at once. tidyHead makes go-app's page head carry no
// more than that needs:
//   - one stylesheet, tingo.css, inline: go-app's app.css styles only its own loader and overlays, which
//     tingo hides, and its preloads duplicate the stylesheet links that follow them;
//   - web/early.js, async, after the inline styles and before go-app's deferred scripts: the small script
//     that makes the prerendered transcript read along before app.wasm arrives, and hands over to it. Its
//     listeners are on the document before the transcript is parsed, so the first tap on the text works.
//     (First in the head, its download competed with the page's first bytes: text visible on slow 4G was
//     1.03–1.12× the plain page's in three runs, against 0.75× and 0.79× here.)
//   - on an embed page (SLUG/embed/), web/embed.js, deferred: the frame's own scrolling and its messages to
//     and from the host page;
//   - a viewport that lets the reader pinch-zoom (go-app's says maximum-scale=1, user-scalable=0);
//   - none of the empty author, keywords and og:image tags go-app writes.
//
// preloadWasm, for the library, starts app.wasm's download at low priority with the page (search there is
// the app's work); an episode page leaves it to go-app's loader after the page is parsed, so the wasm
// never competes with the text and the audio's metadata.
func tidyHead(page []byte, base, wasm string, preloadWasm bool, css []byte) []byte {
	page = appCSSTag.ReplaceAll(page, nil)
	if link := []byte(`<link href="` + base + `web/tingo.css" rel="stylesheet" type="text/css">`); len(css) > 0 && !bytes.Contains(bytes.ToLower(css), []byte("</style")) {
		// The stylesheet inline (3.5 KB gzipped): the text's first paint and the early script wait for no
		// other request.
		page = bytes.Replace(page, link, append(append([]byte("<style>"), css...), "</style>"...), 1)
	}
	page = stylePreload.ReplaceAll(page, nil)
	page = emptyMeta.ReplaceAll(page, nil)
	page = viewportTag.ReplaceAll(page, []byte(`<meta content="width=device-width, initial-scale=1, viewport-fit=cover" name="viewport">`))
	early := "\n" + `<script async fetchpriority="high" src="` + base + `web/early.js"></script>`
	if bytes.Contains(page, []byte(`class="tingo embed"`)) { // in another site's frame (web/embed.js)
		early += "\n" + `<script defer src="` + base + `web/embed.js"></script>`
	}
	if preload := `<link as="fetch" crossorigin="anonymous" fetchpriority="low" href="` + wasm + `" rel="preload" type="application/wasm">`; preloadWasm {
		early += preload
	}
	if i := bytes.Index(page, []byte(`<script defer src="`+base+`wasm_exec.js">`)); i >= 0 {
		page = append(page[:i:i], append([]byte(early), page[i:]...)...)
	}
	return page
}

var (
	appCSSTag    = regexp.MustCompile(`<link [^>]*href="[^"]*/app\.css"[^>]*>\n?`)
	stylePreload = regexp.MustCompile(`<link as="style" [^>]*rel="preload"[^>]*>\n?`)
	emptyMeta    = regexp.MustCompile(`<meta content (?:name="(?:author|keywords)"|property="og:image")>\n?`)
	viewportTag  = regexp.MustCompile(`<meta content="[^"]*" name="viewport">`)
)

// wasmTotal makes go-app's loader count the download against app.wasm's real size. It reports progress as
// bytes received over the Content-Length, but the bytes it counts are the decompressed ones, and a host
// that compresses sends a Content-Length three times smaller (or none): the search box's "loading" would
// pass 100 % at a third of the way.
func wasmTotal(appJS []byte, size int) ([]byte, bool) {
	old := []byte("const total = parseInt(contentLength, 10);")
	if !bytes.Contains(appJS, old) {
		return appJS, false
	}
	return bytes.Replace(appJS, old, []byte("const total = "+strconv.Itoa(size)+";"), 1), true
}
