package readalong

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// ShareLink is the page's address with #t= at the given time, or #t=at,end for a range when end > at.
func ShareLink(page *url.URL, at, end float64) string {
	u := *page
	q := u.Query()
	q.Del("t")
	u.RawQuery = q.Encode()
	tenths := func(s float64) string { return strconv.FormatFloat(math.Round(s*10)/10, 'f', -1, 64) }
	u.Fragment = "t=" + tenths(at)
	if end > at && tenths(end) != tenths(at) {
		u.Fragment += "," + tenths(end)
	}
	u.RawFragment = ""
	return u.String()
}

// Quote is a passage with its speaker-independent citation: “text” — title (m:ss) link.
func Quote(text, title string, at float64, link string) string {
	text = strings.Join(strings.Fields(text), " ")
	q := "“" + text + "”"
	if title != "" {
		q += " — " + title
	}
	q += " (" + Clock(at) + ")"
	if link != "" {
		q += " " + link
	}
	return q
}

// Clock writes seconds as m:ss, or h:mm:ss from an hour on; a negative or NaN time is 0:00.
func Clock(s float64) string {
	if s < 0 || s != s {
		s = 0
	}
	n := int(s)
	h, m, sec := n/3600, n%3600/60, n%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// SelectionTimes is what a selection in the transcript shares: at, the time of its first character
// (from; the anchor segment's start, segStart, when that edge is outside a segment's text), and end, the
// time of its last character (to), or 0 when that is not after at (a selection inside one word): a link to
// a selection plays it, from at to end. from and to are -1 for an edge outside every segment's text.
func SelectionTimes(segStart, from, to float64) (at, end float64) {
	at = from
	if at < 0 {
		at = segStart
	}
	if to > at {
		end = to
	}
	return at, end
}
