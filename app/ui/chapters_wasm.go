//go:build js && wasm

package ui

import "tingo/app/transcript"

// In the browser, pages arrive with their chapters written in (chapters_html.go runs natively): nothing
// here writes them.

func (c *Chapters) tocHTML(string) string { return "" }

func (c *Chapters) headings(string) map[int]string { return nil }

// fixesNote: pages arrive with their fixes written in; the browser renders only the listener's own
// files, which have none.
func fixesNote(string, []transcript.Fix, string) string { return "" }
