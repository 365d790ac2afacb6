package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	nethtml "golang.org/x/net/html"

	"tingo/app/chapters"
	"tingo/app/search"
	"tingo/app/spell"
	"tingo/app/transcript"
	"tingo/app/ui"
)

// Podcast is what `tingo build` publishes: a show and its episodes, from a feed or a folder.
type Podcast struct {
	Title       string
	Description string
	Lang        string // the show's language (zh-Hant, en…); guessed from the transcripts when empty
	Episodes    []*SourceEpisode
	Warnings    []string         // episodes left out and why
	Matches     []Match          // with --transcripts: each file and the item it was matched to, or why none
	skipped     []*SourceEpisode // feed items left out for want of a transcript (podcast.json may give one)
	// Spellings is the spellings file applied to the transcripts (nil: none), and Fixed what it fixed.
	Spellings *spell.List
	Fixed     spell.Counts
	// People are the feed's podcast:person names, for the name pages.
	People []string
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
	Item        string // the feed item or manifest entry, for messages
	GUID        string // the feed item's guid
	// Chapters are the episode's own (from the feed, podcast.json or the transcript), sorted; nil when it
	// has none. ChaptersFrom names where they were read, for messages.
	Chapters     []chapters.Chapter
	ChaptersFrom string
	chaptersURL  string       // a feed's <podcast:chapters url>, fetched with the transcript
	shown        *ui.Chapters // what the build shows (placeChapters)
	chaptersJSON []byte       // and writes as chapters.json
	givenSlug    string       // the slug the input gave, before finish made it unique
}

// where names the episode in a message: its feed item or manifest entry, else its transcript.
func (e *SourceEpisode) where() string {
	if e.Item != "" {
		return e.Item
	}
	return e.Source
}

// LoadFeed reads an RSS feed (a file or an http(s) URL) with its enclosures and Podcasting 2.0
// transcript tags, fetching each episode's transcript (four at a time, each within its cap and deadline,
// from public addresses unless o allows private ones). A feed file's relative transcript paths are read
// inside the feed's folder. Episodes without a transcript are left out with a warning.
func LoadFeed(ctx context.Context, src string, o LoadOptions) (*Podcast, error) {
	client := o.client()
	var body []byte
	var err error
	base := src
	var dir fs.FS
	if isHTTP(src) {
		body, err = get(ctx, client, src, MaxFeedSize, "feed")
	} else {
		root, rerr := os.OpenRoot(filepath.Dir(src))
		if rerr != nil {
			return nil, rerr
		}
		defer root.Close()
		dir = root.FS()
		body, err = readLocal(dir, filepath.Base(src), MaxFeedSize, "feed")
		base = ""
	}
	if err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	p := &Podcast{Title: feed.Title, Description: plainText(feed.Description), Lang: feed.Language}
	p.People = feedPeople(feed)
	type job struct {
		ep    *SourceEpisode
		url   string
		local fs.FS // the --transcripts folder, when url is one of its files
		err   error
		// problems with the episode's chapters file: the episode builds without its chapters
		chapterWarns []string
	}
	itemName := func(i int) string {
		return fmt.Sprintf("%s: item %d (%q)", src, i+1, clipText(feed.Items[i].Title, 60))
	}
	var localFiles map[int]string
	var localDir fs.FS
	if o.Transcripts != "" {
		root, err := os.OpenRoot(o.Transcripts)
		if err != nil {
			return nil, fmt.Errorf("--transcripts: %w", err)
		}
		defer root.Close()
		localDir = root.FS()
		files, err := transcriptFiles(localDir)
		if err != nil {
			return nil, fmt.Errorf("--transcripts: %w", err)
		}
		localFiles, p.Matches, err = matchFiles(files, feed.Items, itemName)
		if err != nil {
			return nil, fmt.Errorf("--transcripts %s: %w", o.Transcripts, err)
		}
	}
	var jobs []*job
	for i, it := range feed.Items {
		name := itemName(i)
		ep := &SourceEpisode{Title: it.Title, Description: plainText(it.Description), Item: name, GUID: it.GUID}
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
		feedChapters(ep, it, base, p)
		tr := pickTranscript(it)
		local, haveLocal := localFiles[i]
		switch {
		case haveLocal && (tr == "" || o.PreferLocal):
			jobs = append(jobs, &job{ep: ep, url: local, local: localDir})
		case tr != "":
			if haveLocal {
				for k := range p.Matches {
					if p.Matches[k].File == local {
						p.Matches[k].Used = false
						p.Matches[k].Why = "the feed's <podcast:transcript> is used (--prefer-local uses the file)"
					}
				}
			}
			jobs = append(jobs, &job{ep: ep, url: resolve(base, tr)})
		case o.Transcripts != "":
			p.Warnings = append(p.Warnings, name+": no <podcast:transcript> and no file in "+o.Transcripts+" matches it, left out")
			p.skipped = append(p.skipped, ep)
		default:
			p.Warnings = append(p.Warnings, name+": no <podcast:transcript>, left out")
			p.skipped = append(p.skipped, ep)
		}
	}
	sem := make(chan struct{}, fetchParallel)
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			var data []byte
			switch {
			case j.local != nil:
				data, j.err = readLocal(j.local, j.url, MaxTranscriptSize, "transcript")
				j.url = filepath.Join(o.Transcripts, j.url)
			case isHTTP(j.url):
				data, j.err = get(ctx, client, j.url, MaxTranscriptSize, "transcript")
			case dir != nil && !strings.Contains(j.url, ":"):
				data, j.err = readLocal(dir, j.url, MaxTranscriptSize, "transcript")
			default:
				j.err = fmt.Errorf("transcript %q is not an http(s) URL", clipText(j.url, 80))
			}
			if j.err != nil {
				j.err = fmt.Errorf("%s: %w", j.ep.Item, j.err)
				return
			}
			t, _, err := transcript.ParseWith(bytes.NewReader(data), transcript.Options{MaxSize: MaxTranscriptSize})
			if err != nil {
				j.err = fmt.Errorf("%s: transcript %s: %w", j.ep.Item, j.url, err)
				return
			}
			j.ep.Transcript, j.ep.Source = t, j.url
			if u := j.ep.chaptersURL; u != "" {
				var cdata []byte
				var cerr error
				switch {
				case isHTTP(u):
					cdata, cerr = get(ctx, client, u, chapters.MaxSize, "chapters")
				case dir != nil && !strings.Contains(u, ":"):
					cdata, cerr = readLocal(dir, u, chapters.MaxSize, "chapters")
				default:
					cerr = fmt.Errorf("chapters %q is not an http(s) URL", clipText(u, 80))
				}
				j.chapterWarns = readChapters(j.ep, u, u, cdata, cerr)
			}
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err
		}
		for _, w := range j.ep.Transcript.Warnings {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s:%d: %s", j.url, w.Line, w.Msg))
		}
		p.Warnings = append(p.Warnings, j.chapterWarns...)
		p.Episodes = append(p.Episodes, j.ep)
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

// IsURL says whether an input is an http(s) address rather than a local path.
func IsURL(s string) bool { return isHTTP(s) }

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
		if e.givenSlug == "" {
			e.givenSlug = e.Slug
		}
		if e.Duration == 0 && len(e.Transcript.Segments) > 0 {
			e.Duration = e.Transcript.Segments[len(e.Transcript.Segments)-1].End
		}
		// A slug given (podcast.json's, or the feed's episode number) is used as it is; one made from
		// the title gets the date in front, so that titles repeated over the years stay apart.
		s := slugify(e.Slug)
		given := s != ""
		if !given {
			s = slugify(e.Title)
		}
		if len(s) < 3 {
			sum := sha256.Sum256([]byte(e.Title + e.Source))
			s = strings.Trim(s+"-"+hex.EncodeToString(sum[:4]), "-")
		}
		if !e.Date.IsZero() && !given {
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
var reserved = map[string]bool{"web": true, "search": true, "media": true, "names": true, "embed": true}

// maxSlug bounds a slug's length (a file name may have 255 bytes; a date and "-NN" go in front and behind).
const maxSlug = 64

// slugify keeps ASCII letters and digits of up to eight words, lowercased, joined by hyphens, at most
// maxSlug bytes (a long word is cut).
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
	out := strings.Join(words, "-")
	if len(out) > maxSlug {
		out = strings.TrimRight(out[:maxSlug], "-")
	}
	return out
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

// plainText reads a feed's HTML description (show notes) as text, the way a browser would show it: a
// lone "<" is text, <script> and <style> hold no words, block elements break words apart.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	skip := ""
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case nethtml.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "template", "noscript":
				skip = string(name)
			}
			b.WriteByte(' ')
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			b.WriteByte(' ')
		case nethtml.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
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
// Every read of the folder goes through an os.Root.
func Load(ctx context.Context, input string, o LoadOptions) (*Podcast, error) {
	if st, err := os.Stat(input); err == nil && st.IsDir() {
		root, err := os.OpenRoot(input) // kept open: the build copies the audio from it
		if err != nil {
			return nil, err
		}
		m, err := readManifest(root.FS(), input)
		if err != nil {
			return nil, err
		}
		var p *Podcast
		if m.Feed != "" {
			p, err = loadFeedManifest(ctx, input, root.FS(), m, o)
		} else {
			p, err = LoadFolder(root.FS(), input)
		}
		if err != nil {
			return nil, err
		}
		l := o.Spellings
		if l == nil {
			if l, err = folderSpellings(root.FS(), input, m.Spellings); err != nil {
				return nil, err
			}
		}
		p.ApplySpellings(l)
		return p, nil
	}
	p, err := LoadFeed(ctx, input, o)
	if err != nil {
		return nil, err
	}
	p.ApplySpellings(o.Spellings)
	return p, nil
}

// feedPeople lists the feed's podcast:person names, the channel's and its items', each once, in order.
func feedPeople(feed *gofeed.Feed) []string {
	var out []string
	seen := map[string]bool{}
	add := func(ext map[string]map[string][]ext.Extension) {
		for _, e := range ext["podcast"]["person"] {
			name := strings.Join(strings.Fields(plainText(e.Value)), " ")
			if name != "" && utf8.RuneCountInString(name) <= 80 && !seen[search.FoldString(name)] {
				seen[search.FoldString(name)] = true
				out = append(out, name)
			}
		}
	}
	add(feed.Extensions)
	for _, it := range feed.Items {
		add(it.Extensions)
	}
	return out
}
