//go:build js && wasm

package ui

// In the browser the library's lists arrive prerendered (library_html.go runs natively) and are adopted.

// LibraryHTML is prerendered natively only.
func LibraryHTML(*Show) string { return "" }

// NamesHTML is prerendered natively only.
func NamesHTML(*Show) string { return "" }
