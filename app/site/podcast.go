package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"

	"tingo/app/search"
	"tingo/app/transcript"
)

// Podcast is what `tingo build` publishes: a show and its episodes, from a feed or a folder.
type Podcast struct {
	Title       string
	Description string
	Lang        string // the show's language (zh-Hant, en…); guessed from the transcripts when empty
	Episodes    []*SourceEpisode
	Warnings    []string // episodes left out and why
}

// SourceEpisode is one episode as read from the input.
type SourceEpisode struct {
	Slug        string // the page's folder name, unique in the podcast
	Title       string
	Description string
	Date        time.Time
	Duration    time.Duration // from the feed or manifest; the transcript's end when unknown
	Audio       string        // an http(s) URL, or a file of the input folder (copied into the site)
	AudioFile   fs.FS         // where Audio is read from when it is a file
	Transcript  *transcript.Transcript
	Source      string // where the transcript came from, for messages
}

// ManifestName is the folder input's manifest.
const ManifestName = "podcast.json"

// folderManifest is podcast.json: the show, and per episode its transcript file and what a feed would
// say about it.
type folderManifest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Language    string `json:"language"`
	Episodes    []struct {
		Transcript  string `json:"transcript"`
		Title       string `json:"title"`
		Date        string `json:"date"` // 2006-01-02, or RFC 3339
		Audio       string `json:"audio"`
		Description string `json:"description"`
		Duration    string `json:"duration"` // 1:02:03, 62:03 or seconds; optional
		Slug        string `json:"slug"`
	} `json:"episodes"`
}

// LoadFolder reads a folder holding podcast.json and the transcripts it names.
func LoadFolder(fsys fs.FS, name string) (*Podcast, error) {
	b, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(name, ManifestName), err)
	}
	var m folderManifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(name, ManifestName), jsonLine(b, err, dec.InputOffset()))
	}
	p := &Podcast{Title: m.Title, Description: m.Description, Lang: m.Language}
	where := func(i int) string { return fmt.Sprintf("%s: episode %d", path.Join(name, ManifestName), i+1) }
	for i, e := range m.Episodes {
		if e.Transcript == "" {
			return nil, fmt.Errorf("%s: no transcript file", where(i))
		}
		date, err := parseDate(e.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where(i), err)
		}
		dur, err := parseDuration(e.Duration)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where(i), err)
		}
		data, err := fs.ReadFile(fsys, e.Transcript)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where(i), err)
		}
		src := path.Join(name, e.Transcript)
		t, _, err := transcript.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		for _, w := range t.Warnings {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s:%d: %s", src, w.Line, w.Msg))
		}
		ep := &SourceEpisode{Slug: e.Slug, Title: e.Title, Description: e.Description, Date: date, Duration: dur,
			Audio: e.Audio, Transcript: t, Source: src}
		if ep.Title == "" {
			ep.Title = strings.TrimSuffix(path.Base(e.Transcript), path.Ext(e.Transcript))
		}
		if ep.Audio != "" && !isHTTP(ep.Audio) {
			if _, err := fs.Stat(fsys, ep.Audio); err != nil {
				return nil, fmt.Errorf("%s: audio: %w", where(i), err)
			}
			ep.AudioFile = fsys
		}
		p.Episodes = append(p.Episodes, ep)
	}
	return p, finish(p)
}

// jsonLine turns a JSON error's offset into a line number (at, the decoder's offset, for errors that
// carry none, such as an unknown field).
func jsonLine(b []byte, err error, at int64) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := at
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		if i := bytes.Index(b, []byte(strings.TrimPrefix(err.Error(), "json: unknown field "))); i >= 0 {
			off = int64(i)
		}
	}
	if off < 0 || off > int64(len(b)) {
		return err
	}
	return fmt.Errorf("line %d: %w", bytes.Count(b[:off], []byte("\n"))+1, err)
}

// LoadFeed reads an RSS feed (a file or an http(s) URL) with its enclosures and Podcasting 2.0
// transcript tags, fetching each episode's transcript. Episodes without a transcript are left out with a
// warning.
func LoadFeed(ctx context.Context, src string, client *http.Client) (*Podcast, error) {
	if client == nil {
		client = &http.Client{Timeout: time.Minute}
	}
	var body []byte
	var err error
	base := src
	if isHTTP(src) {
		body, err = get(ctx, client, src)
	} else {
		body, err = os.ReadFile(src)
		base = ""
	}
	if err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	p := &Podcast{Title: feed.Title, Description: feed.Description, Lang: feed.Language}
	for i, it := range feed.Items {
		name := fmt.Sprintf("%s: item %d (%q)", src, i+1, it.Title)
		ep := &SourceEpisode{Title: it.Title, Description: plainText(it.Description)}
		if it.PublishedParsed != nil {
			ep.Date = *it.PublishedParsed
		}
		for _, enc := range it.Enclosures {
			if strings.HasPrefix(enc.Type, "audio/") || enc.Type == "" {
				ep.Audio = resolve(base, enc.URL)
				break
			}
		}
		if it.ITunesExt != nil {
			ep.Duration, _ = parseDuration(it.ITunesExt.Duration)
			if it.ITunesExt.Episode != "" && ep.Slug == "" {
				ep.Slug = "episode-" + slugify(it.ITunesExt.Episode)
			}
		}
		tr := pickTranscript(it)
		if tr == "" {
			p.Warnings = append(p.Warnings, name+": no <podcast:transcript>, left out")
			continue
		}
		tr = resolve(base, tr)
		var data []byte
		if isHTTP(tr) {
			data, err = get(ctx, client, tr)
		} else if base == "" && !strings.Contains(tr, ":") {
			data, err = os.ReadFile(path.Join(path.Dir(src), tr))
		} else {
			err = fmt.Errorf("transcript %q is not an http(s) URL", tr)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t, _, err := transcript.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: transcript %s: %w", name, tr, err)
		}
		for _, w := range t.Warnings {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s:%d: %s", tr, w.Line, w.Msg))
		}
		ep.Transcript, ep.Source = t, tr
		p.Episodes = append(p.Episodes, ep)
	}
	return p, finish(p)
}

// pickTranscript chooses the item's best transcript: timed formats first (VTT, SRT, JSON), then HTML
// and plain text.
func pickTranscript(it *gofeed.Item) string {
	rank := func(typ string) int {
		switch {
		case strings.Contains(typ, "vtt"):
			return 0
		case strings.Contains(typ, "json"):
			return 1
		case strings.Contains(typ, "srt"), strings.Contains(typ, "subrip"):
			return 2
		case strings.Contains(typ, "html"):
			return 3
		default:
			return 4
		}
	}
	best, bestRank := "", 99
	for _, e := range it.Extensions["podcast"]["transcript"] {
		u := e.Attrs["url"]
		if u == "" {
			continue
		}
		if r := rank(e.Attrs["type"]); r < bestRank {
			best, bestRank = u, r
		}
	}
	return best
}

func get(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", u, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 256<<20))
}

func resolve(base, ref string) string {
	if base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// finish orders episodes newest first, fills durations and gives every episode a unique slug.
func finish(p *Podcast) error {
	if len(p.Episodes) == 0 {
		return errors.New("no episodes with a transcript")
	}
	if p.Title == "" {
		p.Title = "Podcast"
	}
	sort.SliceStable(p.Episodes, func(i, j int) bool { return p.Episodes[i].Date.After(p.Episodes[j].Date) })
	used := map[string]bool{}
	for _, e := range p.Episodes {
		if e.Duration == 0 && len(e.Transcript.Segments) > 0 {
			e.Duration = e.Transcript.Segments[len(e.Transcript.Segments)-1].End
		}
		s := slugify(e.Slug)
		if s == "" {
			s = slugify(e.Title)
		}
		if len(s) < 3 {
			sum := sha256.Sum256([]byte(e.Title + e.Source))
			s = strings.Trim(s+"-"+hex.EncodeToString(sum[:4]), "-")
		}
		if !e.Date.IsZero() && !strings.HasPrefix(s, "episode-") {
			s = e.Date.UTC().Format("2006-01-02") + "-" + s
		}
		base := s
		for n := 2; used[s] || reserved[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		used[s] = true
		e.Slug = s
	}
	return nil
}

// reserved are the site's own top-level names, which no episode may take.
var reserved = map[string]bool{"web": true, "search": true, "media": true}

// slugify keeps ASCII letters and digits of up to eight words, lowercased, joined by hyphens.
func slugify(s string) string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range search.FoldString(s) { // lower case, accents off: "Oléan" is "olean"
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	if len(words) > 8 {
		words = words[:8]
	}
	return strings.Join(words, "-")
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want 2006-01-02 or RFC 3339", s)
}

// parseDuration reads itunes:duration shapes: seconds, mm:ss or hh:mm:ss.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	var total float64
	for _, part := range strings.Split(s, ":") {
		v, err := strconv.ParseFloat(part, 64)
		if err != nil || v < 0 {
			return 0, fmt.Errorf("duration %q: want seconds, mm:ss or hh:mm:ss", s)
		}
		total = total*60 + v
	}
	return time.Duration(total * float64(time.Second)), nil
}

// plainText drops tags from a feed's HTML description (show notes), keeping the words.
func plainText(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// IsPodcast says whether an input is a podcast (a folder with podcast.json, or a feed) rather than a
// single transcript.
func IsPodcast(input string) bool {
	if isHTTP(input) {
		return true
	}
	if st, err := os.Stat(input); err == nil && st.IsDir() {
		return true
	}
	ext := strings.ToLower(path.Ext(input))
	return ext == ".xml" || ext == ".rss"
}

// Load reads a podcast from a folder holding podcast.json, or from a feed (a file or an http(s) URL).
func Load(ctx context.Context, input string) (*Podcast, error) {
	if st, err := os.Stat(input); err == nil && st.IsDir() {
		return LoadFolder(os.DirFS(input), input)
	}
	return LoadFeed(ctx, input, nil)
}
