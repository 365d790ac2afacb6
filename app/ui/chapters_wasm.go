//go:build js && wasm

package ui

// In the browser, pages arrive with their chapters written in (chapters_html.go runs natively): nothing
// here writes them.

func (c *Chapters) tocHTML(string) string { return "" }

func (c *Chapters) headings(string) map[int]string { return nil }
