package site

import (
	"encoding/json"
	"html"
	"strconv"
)

// An episode's embed page (SLUG/embed/) is its page made for another site's iframe: the player and the
// transcript in a compact layout that follows the audio inside the frame only, with a link to the full
// page. Sites with an address also get SLUG/oembed.json, named by a <link rel="alternate"> on the
// episode's page, so blog engines that speak oEmbed embed an episode from its link alone.

// EmbedWidth and EmbedHeight are the iframe's size in the oEmbed answer and the README's snippets.
const (
	EmbedWidth  = 640
	EmbedHeight = 420
)

// EmbedIframe is the copy-paste iframe for an embed page's address. The frame may play audio and copy a
// quote; nothing else is granted.
func EmbedIframe(src, title string) string {
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) + `" width="` + strconv.Itoa(EmbedWidth) + `" height="` + strconv.Itoa(EmbedHeight) + `" ` +
		`loading="lazy" allow="autoplay; clipboard-write" style="border:0;max-width:100%"></iframe>`
}

// OEmbed is SLUG/oembed.json: a "rich" answer whose html is the embed's iframe.
func OEmbed(show, showURL, title, src string) []byte {
	b, _ := json.MarshalIndent(map[string]any{
		"version": "1.0", "type": "rich", "provider_name": show, "provider_url": showURL, "title": title,
		"html": EmbedIframe(src, title), "width": EmbedWidth, "height": EmbedHeight,
	}, "", "  ")
	return append(b, '\n')
}
