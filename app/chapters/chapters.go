// Package chapters reads, places and writes an episode's chapters: the Podcasting 2.0 JSON chapters
// format, WebVTT chapter tracks and Podlove Simple Chapters in, headings placed in the transcript (a
// segment split where a chapter starts inside it), and the JSON format out. Suggest proposes chapters
// for an episode that has none (suggest.go).
//
// Nothing here links go-app or syscall/js, and nothing here trusts its input: a title is text, an image
// or a link is kept only when it is an http(s) address.
package chapters

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"
	"time"

	"tingo/app/transcript"
)

// MaxSize caps a chapters file (they are a few KB; 4 MiB is generous).
const MaxSize = 4 << 20

// MaxChapters caps how many chapters an episode may have.
const MaxChapters = 5000

// Chapter is one chapter of an episode.
type Chapter struct {
	Start time.Duration
	End   time.Duration // 0: until the next listed chapter (or the episode's end)
	Title string
	Img   string // an http(s) image address, or ""
	URL   string // an http(s) link, or ""
	// Hidden is the format's `toc: false`: a silent marker that is kept (and written out) but not listed,
	// headed or ticked.
	Hidden bool
	// Sponsor marks a sponsor read: the player names it and offers to skip it (never by default).
	Sponsor bool
	Line    int // the line of the source the chapter was read from (0 when none)
}

// Visible gives the chapters a listener sees: those not hidden, in order.
func Visible(chs []Chapter) []Chapter {
	out := make([]Chapter, 0, len(chs))
	for _, c := range chs {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// Ends gives each visible chapter's end: its own End, else the next visible chapter's start, else total.
func Ends(chs []Chapter, total time.Duration) []time.Duration {
	out := make([]time.Duration, len(chs))
	for i, c := range chs {
		switch {
		case c.End > c.Start:
			out[i] = c.End
		case i+1 < len(chs):
			out[i] = chs[i+1].Start
		default:
			out[i] = max(total, c.Start)
		}
	}
	return out
}

// Parse reads a chapters file: Podcasting 2.0 JSON chapters, or a WebVTT chapters track (cues whose
// text is a title). name is used in messages, which read "name:line: problem". Warnings are problems
// that dropped nothing but a link or an image.
func Parse(name string, data []byte) ([]Chapter, []string, error) { return ParseAt(name, "", data) }

// ParseAt is Parse for a file read from base (an http(s) address): relative img and url fields are
// resolved against it.
func ParseAt(name, base string, data []byte) ([]Chapter, []string, error) {
	if len(data) > MaxSize {
		return nil, nil, fmt.Errorf("%s: chapters file is over %d MiB", name, MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		return parseJSON(name, base, data)
	case bytes.HasPrefix(trimmed, []byte("WEBVTT")):
		chs, err := ParseVTT(name, data)
		return chs, nil, err
	default:
		return nil, nil, fmt.Errorf("%s:1: not a chapters file (want Podcasting 2.0 JSON chapters or a WebVTT chapters track)", name)
	}
}

// jsonChapter is one chapter of the JSON format as read: pointers tell a missing field from a zero.
type jsonChapter struct {
	StartTime *float64        `json:"startTime"`
	EndTime   *float64        `json:"endTime"`
	Title     *string         `json:"title"`
	Img       string          `json:"img"`
	URL       string          `json:"url"`
	TOC       *bool           `json:"toc"`
	Location  json.RawMessage `json:"location"` // read and ignored
	Sponsor   bool            `json:"sponsor"`  // tingo's extension: a sponsor read
}

// ParseJSON reads the Podcasting 2.0 JSON chapters format (version 1.2): `version`, `chapters[]` with
// `startTime` (required), `endTime`, `title`, `img`, `url`, `toc`; `location` and unknown fields are
// ignored. tingo adds `sponsor: true` for a sponsor read. Chapters are sorted by start (the format
// assumes ascending order; a file out of order is taken as meant, not refused).
func ParseJSON(name string, data []byte) ([]Chapter, []string, error) {
	return parseJSON(name, "", data)
}

func parseJSON(name, base string, data []byte) ([]Chapter, []string, error) {
	var file struct {
		Version  *string           `json:"version"`
		Chapters []json.RawMessage `json:"chapters"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, nil, fmt.Errorf("%s:%d: %w", name, errLine(data, err), err)
	}
	if file.Chapters == nil {
		return nil, nil, fmt.Errorf("%s:1: no \"chapters\" array (want {\"version\": \"1.2.0\", \"chapters\": […]})", name)
	}
	if len(file.Chapters) > MaxChapters {
		return nil, nil, fmt.Errorf("%s:1: %d chapters: at most %d", name, len(file.Chapters), MaxChapters)
	}
	var warns []string
	out := make([]Chapter, 0, len(file.Chapters))
	from := 0
	for i, raw := range file.Chapters {
		line := 1
		if at := bytes.Index(data[from:], raw); at >= 0 {
			line = bytes.Count(data[:from+at], []byte("\n")) + 1
			from += at + len(raw)
		}
		where := fmt.Sprintf("%s:%d: chapter %d", name, line, i+1)
		var jc jsonChapter
		if err := json.Unmarshal(raw, &jc); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return nil, nil, fmt.Errorf("%s: %q must be a %s, not %s", where, te.Field, jsonKind(te.Type.Kind().String()), te.Value)
			}
			return nil, nil, fmt.Errorf("%s: %w", where, err)
		}
		if jc.StartTime == nil {
			return nil, nil, fmt.Errorf("%s: no \"startTime\" (seconds from the start, required)", where)
		}
		start, ok := seconds(*jc.StartTime)
		if !ok {
			return nil, nil, fmt.Errorf("%s: startTime %v is not a time (seconds ≥ 0)", where, *jc.StartTime)
		}
		c := Chapter{Start: start, Line: line, Sponsor: jc.Sponsor, Hidden: jc.TOC != nil && !*jc.TOC}
		if jc.EndTime != nil {
			end, ok := seconds(*jc.EndTime)
			if !ok || end < start {
				return nil, nil, fmt.Errorf("%s: endTime %v is before startTime %v", where, *jc.EndTime, *jc.StartTime)
			}
			c.End = end
		}
		if jc.Title != nil {
			c.Title = cleanTitle(*jc.Title)
		}
		var bad []string
		c.Img, bad = safeURL(base, jc.Img, "img", bad)
		c.URL, bad = safeURL(base, jc.URL, "url", bad)
		for _, b := range bad {
			warns = append(warns, where+": "+b)
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, warns, nil
}

func jsonKind(k string) string {
	switch k {
	case "float64", "int", "int64":
		return "number"
	case "ptr":
		return "value of another type"
	}
	return k
}

// seconds turns a JSON number of seconds into a duration, refusing negative, NaN and absurd values.
func seconds(f float64) (time.Duration, bool) {
	if math.IsNaN(f) || f < 0 || f > transcript.MaxTime.Seconds() {
		return 0, false
	}
	return time.Duration(math.Round(f*1000)) * time.Millisecond, true
}

// errLine finds the line a JSON error points at.
func errLine(data []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(0)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// cleanTitle keeps a title to one line of text: controls become spaces, runs of space one.
func cleanTitle(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// safeURL keeps an http(s) address (a relative one resolved against base, when base is http(s));
// anything else (javascript:, data:, file:, a relative one without a base) is dropped with a warning.
func safeURL(base, s, field string, bad []string) (string, []string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", bad
	}
	u, err := url.Parse(s)
	if b, berr := url.Parse(base); err == nil && berr == nil && base != "" && !u.IsAbs() && (b.Scheme == "http" || b.Scheme == "https") {
		u = b.ResolveReference(u)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", append(bad, fmt.Sprintf("%s %q is not an http(s) address: left out", field, clip(s, 60)))
	}
	return u.String(), bad
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// ParseVTT reads a WebVTT chapters track: each cue is a chapter, its text the title (the `kind="chapters"`
// use of WebVTT).
func ParseVTT(name string, data []byte) ([]Chapter, error) {
	t, err := transcript.ParseAs(bytes.NewReader(data), transcript.FormatVTT)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(t.Segments) > MaxChapters {
		return nil, fmt.Errorf("%s:1: %d chapters: at most %d", name, len(t.Segments), MaxChapters)
	}
	out := make([]Chapter, 0, len(t.Segments))
	for _, s := range t.Segments {
		out = append(out, Chapter{Start: s.Start, End: s.End, Title: cleanTitle(s.Text), Line: s.Line})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, nil
}

// PSC is one <psc:chapter> of a feed's Podlove Simple Chapters, as its attributes read.
type PSC struct {
	Start, Title, Href, Image string
}

// FromPSC reads Podlove Simple Chapters (start is Normal Play Time: "01:02:03.500", "62:03", "7").
// where names the feed item in messages; base is the feed's address, for relative links.
func FromPSC(where, base string, in []PSC) ([]Chapter, []string, error) {
	if len(in) > MaxChapters {
		return nil, nil, fmt.Errorf("%s: %d chapters: at most %d", where, len(in), MaxChapters)
	}
	var warns []string
	out := make([]Chapter, 0, len(in))
	for i, p := range in {
		start, ok := transcript.ParseClock(p.Start)
		if !ok {
			return nil, nil, fmt.Errorf("%s: psc:chapter %d: start %q is not a time (want hh:mm:ss.mmm)", where, i+1, clip(p.Start, 40))
		}
		c := Chapter{Start: start, Title: cleanTitle(p.Title)}
		var bad []string
		c.Img, bad = safeURL(base, p.Image, "image", bad)
		c.URL, bad = safeURL(base, p.Href, "href", bad)
		for _, b := range bad {
			warns = append(warns, fmt.Sprintf("%s: psc:chapter %d: %s", where, i+1, b))
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, warns, nil
}

// File is the Podcasting 2.0 JSON chapters file tingo writes.
type File struct {
	Version     string        `json:"version"`
	Title       string        `json:"title,omitempty"`
	PodcastName string        `json:"podcastName,omitempty"`
	Chapters    []fileChapter `json:"chapters"`
}

type fileChapter struct {
	StartTime float64 `json:"startTime"`
	EndTime   float64 `json:"endTime,omitempty"`
	Title     string  `json:"title,omitempty"`
	Img       string  `json:"img,omitempty"`
	URL       string  `json:"url,omitempty"`
	TOC       *bool   `json:"toc,omitempty"`
	Sponsor   bool    `json:"sponsor,omitempty"`
}

// JSON writes chapters in the Podcasting 2.0 JSON chapters format (version 1.2.0), indented, with
// tingo's `sponsor` extension where set.
func JSON(chs []Chapter, title, podcast string) []byte {
	f := File{Version: "1.2.0", Title: title, PodcastName: podcast, Chapters: make([]fileChapter, 0, len(chs))}
	for _, c := range chs {
		fc := fileChapter{StartTime: c.Start.Seconds(), Title: c.Title, Img: c.Img, URL: c.URL, Sponsor: c.Sponsor}
		if c.End > c.Start {
			fc.EndTime = c.End.Seconds()
		}
		if c.Hidden {
			f := false
			fc.TOC = &f
		}
		f.Chapters = append(f.Chapters, fc)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	enc.SetIndent("", "  ")
	_ = enc.Encode(f) // only strings and numbers: cannot fail
	return b.Bytes()
}

// MarkSponsors marks sponsor reads given as time ranges (podcast.json's "sponsors"): a chapter starting
// within a second of a range's start is marked; otherwise a sponsor chapter is added for the range, and
// where no chapter starts at its end, the chapter it interrupted goes on there under its own title.
func MarkSponsors(chs []Chapter, ranges [][2]time.Duration) []Chapter {
	out := append([]Chapter(nil), chs...)
	for _, r := range ranges {
		marked := false
		for i := range out {
			if absDur(out[i].Start-r[0]) <= time.Second && !out[i].Hidden {
				out[i].Sponsor, marked = true, true
				if out[i].End == 0 {
					out[i].End = r[1]
				}
			}
		}
		if marked {
			continue
		}
		var during *Chapter // the visible chapter the read interrupts
		resumes := false
		for i := range out {
			if out[i].Hidden {
				continue
			}
			if out[i].Start <= r[0] {
				during = &out[i]
			}
			if absDur(out[i].Start-r[1]) <= time.Second {
				resumes = true
			}
		}
		add := []Chapter{{Start: r[0], End: r[1], Title: "Sponsor", Sponsor: true}}
		if during != nil && !resumes {
			c := *during
			c.Start, c.End, c.Line = r[1], 0, 0
			add = append(add, c)
		}
		out = append(out, add...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// ParseRange reads a sponsor range "0:14-2:58" (clock stamps or seconds).
func ParseRange(s string) ([2]time.Duration, bool) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return [2]time.Duration{}, false
	}
	from, ok1 := transcript.ParseClock(a)
	to, ok2 := transcript.ParseClock(b)
	if !ok1 || !ok2 || to <= from {
		return [2]time.Duration{}, false
	}
	return [2]time.Duration{from, to}, true
}
