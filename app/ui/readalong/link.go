package readalong

import (
	"net/url"
	"strconv"
	"strings"
)

// Deep links: #t=90, #t=1:30, #t=1:02:03.5, ?t=90, the media-fragment forms #t=npt:90 and ranges #t=90,120
// (a range plays and stops at its end), and #t=,120 (from the start).

// TimeRange is a deep link's target in seconds; End is 0 when there is none.
type TimeRange struct {
	Start, End float64
}

// ParseTimeParam reads the value of a t= parameter.
func ParseTimeParam(v string) (TimeRange, bool) {
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(v, "npt:")
	a, b, isRange := strings.Cut(v, ",")
	var r TimeRange
	if a != "" {
		s, ok := parseClockOrSeconds(a)
		if !ok {
			return TimeRange{}, false
		}
		r.Start = s
	}
	if isRange {
		e, ok := parseClockOrSeconds(b)
		if !ok || e <= r.Start {
			return TimeRange{}, false
		}
		r.End = e
	} else if a == "" {
		return TimeRange{}, false
	}
	return r, true
}

// parseClockOrSeconds reads 90, 90.5, 1:30, 1:02:03.5 or 1h2m3s.
func parseClockOrSeconds(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if strings.ContainsAny(s, "hms") && !strings.Contains(s, ":") {
		return parseUnits(s)
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || v != v || (i < len(parts)-1 && strings.Contains(p, ".")) {
			return 0, false
		}
		if i > 0 && v >= 60 {
			return 0, false
		}
		total = total*60 + v
	}
	if total > 1e7 {
		return 0, false
	}
	return total, true
}

// parseUnits reads YouTube-style 1h2m3s.
func parseUnits(s string) (float64, bool) {
	total, num := 0.0, ""
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9' || c == '.':
			num += string(c)
		case c == 'h' || c == 'm' || c == 's':
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, false
			}
			total += v * map[rune]float64{'h': 3600, 'm': 60, 's': 1}[c]
			num = ""
		default:
			return 0, false
		}
	}
	if num != "" {
		return 0, false
	}
	return total, true
}

// LinkTarget finds a deep link in a page URL: the fragment's t= first, then the query's.
func LinkTarget(u *url.URL) (TimeRange, bool) {
	if u == nil {
		return TimeRange{}, false
	}
	frag := u.Fragment
	if frag == "" && u.RawFragment != "" {
		frag, _ = url.PathUnescape(u.RawFragment)
	}
	for _, part := range strings.Split(frag, "&") {
		if v, ok := strings.CutPrefix(part, "t="); ok {
			if r, ok := ParseTimeParam(v); ok {
				return r, true
			}
		}
	}
	if v := u.Query().Get("t"); v != "" {
		return ParseTimeParam(v)
	}
	return TimeRange{}, false
}
