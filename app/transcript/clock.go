package transcript

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// MaxTime is the latest time a transcript may hold (100,000 hours): a stamp past it is out of range, an
// error or a warning, never a time that wraps around.
const MaxTime = 100000 * time.Hour

// parseClock reads a lenient clock stamp: [h:]m:s or m:s with an optional fraction after '.' or ','.
// The first field may be any size (minutes past 59, hours past 23); later fields must be below 60 unless
// lenient is set (SRT writers in the wild emit seconds of 60 and more). Lenient also reads seconds alone
// ("7", "0.860", "59,120"), as some producers write the first minute of a file. A stamp past MaxTime
// does not read.
func parseClock(s string, lenient bool) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	frac := time.Duration(0)
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		digits := s[i+1:]
		if digits == "" || len(digits) > 9 || !allDigits(digits) {
			return 0, false
		}
		n, _ := strconv.Atoi(digits)
		for range 9 - len(digits) {
			n *= 10
		}
		frac = time.Duration(n)
		s = s[:i]
	}
	fields := strings.Split(s, ":")
	if len(fields) > 3 || len(fields) == 1 && !lenient {
		return 0, false
	}
	var total int64
	for i, f := range fields {
		if f == "" || len(f) > 9 || !allDigits(f) {
			return 0, false
		}
		n, _ := strconv.ParseInt(f, 10, 64)
		if i > 0 && n > 59 && !lenient {
			return 0, false
		}
		total = total*60 + n
		if total > int64(MaxTime/time.Second) {
			return 0, false
		}
	}
	return time.Duration(total)*time.Second + frac, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// FormatStamp writes d the way people read it: m:ss, or h:mm:ss past an hour, with tenths when not whole.
func FormatStamp(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	h, m, s := d/time.Hour, d%time.Hour/time.Minute, d%time.Minute/time.Second
	var out string
	if h > 0 {
		out = fmt.Sprintf("%s%d:%02d:%02d", neg, h, m, s)
	} else {
		out = fmt.Sprintf("%s%d:%02d", neg, m, s)
	}
	if ms := d % time.Second / time.Millisecond; ms != 0 {
		out += strings.TrimRight(fmt.Sprintf(".%03d", ms), "0")
	}
	return out
}

// clock writes hh:mm:ss<sep>mmm, the stamp WebVTT and SRT use.
func clock(d time.Duration, sep byte) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Millisecond)
	h, m, s, ms := d/time.Hour, d%time.Hour/time.Minute, d%time.Minute/time.Second, d%time.Second/time.Millisecond
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", h, m, s, sep, ms)
}

// Seconds converts d to seconds as Podcasting 2.0 JSON writes them.
func Seconds(d time.Duration) float64 { return d.Seconds() }

// FromSeconds converts fractional seconds to a Duration, rounded to the microsecond.
// Values beyond ±MaxTime, and NaN, are clamped: no transcript is that long.
func FromSeconds(s float64) time.Duration {
	const limit = float64(MaxTime / time.Second)
	switch {
	case s != s:
		return 0
	case s > limit:
		s = limit
	case s < -limit:
		s = -limit
	}
	return time.Duration(math.Round(s*1e6)) * time.Microsecond
}

// seconds reads a time given in seconds by a JSON source: negative times become 0 and times past MaxTime
// become MaxTime, each with a warning naming the line; NaN cannot come from JSON.
func (t *Transcript) seconds(line int, v float64, what string) time.Duration {
	switch {
	case v < 0:
		t.warn(line, "%s %v is negative; taken as 0", what, v)
		return 0
	case v > float64(MaxTime/time.Second):
		t.warn(line, "%s %v is past %s; taken as that", what, v, FormatStamp(MaxTime))
		return MaxTime
	}
	return FromSeconds(v)
}

// ParseClock reads a clock stamp the way the lenient formats do: [h:]m:s, or seconds alone, with an
// optional fraction ("1:02:03.5", "62:03", "7", "0.860"). Chapters use it for Normal Play Time starts.
func ParseClock(s string) (time.Duration, bool) { return parseClock(s, true) }
