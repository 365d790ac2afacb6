package ui

import (
	"net/url"
	"strings"
)

// SafeURL reports whether the page may load u (audio, a transcript): only http(s), blob and relative URLs.
// javascript:, data:, file: and every other scheme are refused, whatever their case or the white space or
// control characters around them.
func SafeURL(u string) bool {
	s := strings.TrimSpace(u)
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return false
	}
	p, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https", "blob":
		return true
	case "":
		// Relative; "//host/x" takes the page's scheme, which is http(s).
		return !strings.Contains(strings.SplitN(s, "/", 2)[0], ":")
	}
	return false
}
