package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"tingo/app/chapters"
	"tingo/app/transcript"
)

// ManifestName is the folder input's manifest.
const ManifestName = "podcast.json"

// folderManifest is podcast.json: the show, and per episode its transcript file and what a feed would
// say about it.
type folderManifest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Language    string `json:"language"`
	// Feed names a feed (a file of the folder or an http(s) URL) the podcast comes from; the manifest then
	// says only what differs: episodes are found by guid, and their fields given here override the feed's.
	Feed        string `json:"feed"`
	Transcripts string `json:"transcripts"` // with Feed: a folder of transcripts matched to its items
	Spellings   string `json:"spellings"`   // a spellings file of the folder (default spellings.txt, when there is one)
	Episodes    []struct {
		GUID        string `json:"guid"` // with Feed: the item this entry overrides
		Transcript  string `json:"transcript"`
		Title       string `json:"title"`
		Date        string `json:"date"` // 2006-01-02, or RFC 3339
		Audio       string `json:"audio"`
		Description string `json:"description"`
		Duration    string `json:"duration"` // 1:02:03, 62:03 or seconds; optional
		Slug        string `json:"slug"`
		Chapters    string `json:"chapters"` // a chapters file of the folder: Podcasting 2.0 JSON or WebVTT
		// Sponsors are the sponsor reads, as ranges "0:14-2:58": the player names them and offers to skip.
		Sponsors []string `json:"sponsors"`
	} `json:"episodes"`
}

// LoadFolder reads a folder holding podcast.json and the transcripts it names. fsys should be an
// os.Root's (Load opens one), so that no link leads a read out of the folder.
func LoadFolder(fsys fs.FS, name string) (*Podcast, error) {
	m, err := readManifest(fsys, name)
	if err != nil {
		return nil, err
	}
	if m.Feed != "" {
		return nil, fmt.Errorf("%s names a feed: load the folder with Load", path.Join(name, ManifestName))
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
		data, err := readLocal(fsys, e.Transcript, MaxTranscriptSize, "transcript")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where(i), err)
		}
		src := path.Join(name, e.Transcript)
		t, _, err := transcript.ParseWith(bytes.NewReader(data), transcript.Options{MaxSize: MaxTranscriptSize})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		for _, w := range t.Warnings {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s:%d: %s", src, w.Line, w.Msg))
		}
		ep := &SourceEpisode{Slug: e.Slug, Title: e.Title, Description: e.Description, Date: date, Duration: dur,
			Audio: e.Audio, Transcript: t, Source: src, Item: where(i)}
		if ep.Title == "" {
			ep.Title = t.Title
		}
		if ep.Title == "" {
			ep.Title = strings.TrimSuffix(path.Base(e.Transcript), path.Ext(e.Transcript))
		}
		if ep.Audio != "" && !isHTTP(ep.Audio) {
			clean, err := localName(ep.Audio)
			if err != nil {
				return nil, fmt.Errorf("%s: audio: %w", where(i), err)
			}
			st, err := fs.Stat(fsys, clean)
			if err != nil {
				return nil, fmt.Errorf("%s: audio: %w", where(i), localErr(ep.Audio, err))
			}
			if !st.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: audio %s is not a file", where(i), ep.Audio)
			}
			ep.Audio, ep.AudioFile = clean, fsys
		}
		if e.Chapters != "" {
			data, err := readLocal(fsys, e.Chapters, chapters.MaxSize, "chapters")
			p.Warnings = append(p.Warnings, readChapters(ep, path.Join(name, e.Chapters), "", data, err)...)
		}
		if err := markSponsors(ep, e.Sponsors, where(i)); err != nil {
			return nil, err
		}
		p.Episodes = append(p.Episodes, ep)
	}
	return p, finish(p)
}

func readManifest(fsys fs.FS, name string) (*folderManifest, error) {
	b, err := readLocal(fsys, ManifestName, MaxFeedSize, "manifest")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(name, ManifestName), err)
	}
	var m folderManifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(name, ManifestName), jsonLine(b, err, dec.InputOffset()))
	}
	return &m, nil
}

// loadFeedManifest reads a podcast.json that names a feed: the feed, with the manifest's fields over
// the feed's and its episodes' over the items' they name by guid.
func loadFeedManifest(ctx context.Context, dir string, fsys fs.FS, m *folderManifest, o LoadOptions) (*Podcast, error) {
	where := path.Join(dir, ManifestName)
	feed := m.Feed
	if !isHTTP(feed) {
		clean, err := localName(feed)
		if err != nil {
			return nil, fmt.Errorf("%s: feed: %w", where, err)
		}
		feed = filepath.Join(dir, filepath.FromSlash(clean))
	}
	if m.Transcripts != "" {
		clean, err := localName(m.Transcripts)
		if err != nil {
			return nil, fmt.Errorf("%s: transcripts: %w", where, err)
		}
		o.Transcripts = filepath.Join(dir, filepath.FromSlash(clean))
	}
	p, err := LoadFeed(ctx, feed, o)
	if err != nil {
		return nil, err
	}
	if m.Title != "" {
		p.Title = m.Title
	}
	if m.Description != "" {
		p.Description = m.Description
	}
	if m.Language != "" {
		p.Lang = m.Language
	}
	byGUID := map[string]*SourceEpisode{}
	for _, e := range append(p.Episodes, p.skipped...) {
		if e.GUID != "" {
			byGUID[e.GUID] = e
		}
	}
	for i, me := range m.Episodes {
		e := byGUID[me.GUID]
		if me.GUID == "" || e == nil {
			return nil, fmt.Errorf("%s: episode %d: no item of the feed has guid %q", where, i+1, me.GUID)
		}
		if e.Transcript == nil && me.Transcript == "" {
			return nil, fmt.Errorf("%s: episode %d: the item %s has no transcript: give one here", where, i+1, me.GUID)
		}
		if me.Title != "" {
			e.Title = me.Title
		}
		if me.Description != "" {
			e.Description = me.Description
		}
		if me.Slug != "" {
			e.givenSlug = me.Slug
		}
		if me.Audio != "" {
			e.Audio = me.Audio // an address; a file of the folder is no feed's audio
			if !isHTTP(me.Audio) {
				clean, err := localName(me.Audio)
				if err != nil {
					return nil, fmt.Errorf("%s: episode %d: audio: %w", where, i+1, err)
				}
				e.Audio, e.AudioFile = clean, fsys
			}
		}
		if me.Date != "" {
			if e.Date, err = parseDate(me.Date); err != nil {
				return nil, fmt.Errorf("%s: episode %d: %w", where, i+1, err)
			}
		}
		if me.Duration != "" {
			if e.Duration, err = parseDuration(me.Duration); err != nil {
				return nil, fmt.Errorf("%s: episode %d: %w", where, i+1, err)
			}
		}
		if me.Transcript != "" {
			data, err := readLocal(fsys, me.Transcript, MaxTranscriptSize, "transcript")
			if err != nil {
				return nil, fmt.Errorf("%s: episode %d: %w", where, i+1, err)
			}
			t, _, err := transcript.ParseWith(bytes.NewReader(data), transcript.Options{MaxSize: MaxTranscriptSize})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path.Join(dir, me.Transcript), err)
			}
			if e.Transcript == nil { // an item the feed left out for want of a transcript comes in
				p.Episodes = append(p.Episodes, e)
				kept := p.Warnings[:0]
				for _, w := range p.Warnings {
					if !strings.HasPrefix(w, e.Item+":") {
						kept = append(kept, w)
					}
				}
				p.Warnings = kept
			}
			e.Transcript, e.Source = t, path.Join(dir, me.Transcript)
		}
		if me.Chapters != "" { // the folder's file over the feed's
			data, err := readLocal(fsys, me.Chapters, chapters.MaxSize, "chapters")
			e.Chapters = nil
			p.Warnings = append(p.Warnings, readChapters(e, path.Join(dir, me.Chapters), "", data, err)...)
		}
		if err := markSponsors(e, me.Sponsors, fmt.Sprintf("%s: episode %d", where, i+1)); err != nil {
			return nil, err
		}
	}
	for _, e := range p.Episodes {
		e.Slug = e.givenSlug // finish makes them unique again, with the overrides
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
