package site

import (
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"tingo/app/chapters"
	"tingo/app/segment"
	"tingo/app/transcript"
	"tingo/app/ui"
)

// An episode's chapters: where they are read from (a feed's tags, podcast.json), and what the build makes
// of them (the transcript split where they start, the page's headings, chapters.json).

// placeChapters settles each episode's chapters: its own, else its transcript's markers, else (with
// SuggestedChapters) suggested ones;
// the transcript split where a chapter starts inside a segment (chapters.Place), and the chapters.json
// written beside the page. An episode's own chapters are never replaced by suggestions.
func placeChapters(p *Podcast, o BuildOptions, rep *BuildReport) error {
	var lex *chapters.Lexicon
	for _, se := range p.Episodes {
		chs, suggested := se.Chapters, false
		if len(chs) == 0 { // the transcript's own markers (an HTML transcript's headings)
			for _, m := range se.Transcript.Markers {
				chs = append(chs, chapters.Chapter{Start: m.Start, Title: m.Title, Line: m.Line})
			}
		}
		if len(chs) == 0 && o.SuggestedChapters {
			if lex == nil {
				seg, err := segment.Default()
				if err != nil {
					return fmt.Errorf("suggesting chapters: %w", err)
				}
				lex = &chapters.Lexicon{Cut: seg.Cut, IDF: seg.IDF, Unknown: seg.UnknownIDF(), Generic: seg.Lexicon().Generic}
			}
			chs, suggested = chapters.Suggest(se.Transcript, *lex, chapters.SuggestOptions{}), true
		}
		if len(chs) == 0 {
			continue
		}
		total := max(se.Duration, se.Transcript.Duration())
		placed, at := chapters.Place(se.Transcript, chs)
		for k, c := range chs {
			if at[k] < 0 && !c.Hidden {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: chapter %q at %s starts after the transcript ends: listed, not headed",
					se.where(), clipText(c.Title, 40), transcript.FormatStamp(c.Start)))
			}
		}
		se.Transcript = placed
		se.shown = &ui.Chapters{Suggested: suggested}
		var vis []chapters.Chapter
		var segs []int
		for k, c := range chs {
			if !c.Hidden {
				vis, segs = append(vis, c), append(segs, at[k])
			}
		}
		for k, end := range chapters.Ends(vis, total) {
			c := vis[k]
			item := ui.ChapterItem{Start: c.Start, End: end, Title: c.Title, Img: c.Img, URL: c.URL, Sponsor: c.Sponsor, Seg: segs[k]}
			if item.Seg >= 0 {
				item.Anchor = placed.Segments[item.Seg].Start
			}
			se.shown.Items = append(se.shown.Items, item)
		}
		se.chaptersJSON = chapters.JSON(chs, se.Title, p.Title)
	}
	return nil
}

// feedChapters reads an item's chapters: Podlove Simple Chapters inline (<psc:chapters>), and the
// address of a Podcasting 2.0 chapters file (<podcast:chapters url type="application/json+chapters">),
// which is fetched with the transcript and preferred.
func feedChapters(ep *SourceEpisode, it *gofeed.Item, base string, p *Podcast) {
	for _, e := range it.Extensions["podcast"]["chapters"] {
		if u := strings.TrimSpace(e.Attrs["url"]); u != "" {
			ep.chaptersURL = resolve(base, u)
			return
		}
	}
	for _, list := range it.Extensions["psc"]["chapters"] {
		var in []chapters.PSC
		for _, c := range list.Children["chapter"] {
			in = append(in, chapters.PSC{Start: c.Attrs["start"], Title: c.Attrs["title"], Href: c.Attrs["href"], Image: c.Attrs["image"]})
		}
		chs, warns, err := chapters.FromPSC(ep.Item, base, in)
		if err != nil {
			p.Warnings = append(p.Warnings, err.Error()+": the episode is built without chapters")
			return
		}
		p.Warnings = append(p.Warnings, warns...)
		ep.Chapters, ep.ChaptersFrom = chs, ep.Item+": psc:chapters"
		return
	}
}

// readChapters reads a chapters file for ep (data, or the error reading it) and gives the warnings: a
// bad file is a warning naming its line, and the episode keeps no chapters from it.
func readChapters(ep *SourceEpisode, name, base string, data []byte, err error) []string {
	if err != nil {
		return []string{fmt.Sprintf("%s: chapters: %v: the episode is built without chapters", ep.where(), err)}
	}
	if !isHTTP(base) {
		base = ""
	}
	chs, warns, err := chapters.ParseAt(name, base, data)
	if err != nil {
		return append(warns, err.Error()+": the episode is built without chapters")
	}
	ep.Chapters, ep.ChaptersFrom = chs, name
	return warns
}

// markSponsors marks the sponsor reads podcast.json gives for an episode.
func markSponsors(ep *SourceEpisode, ranges []string, where string) error {
	var rs [][2]time.Duration
	for k, r := range ranges {
		rg, ok := chapters.ParseRange(r)
		if !ok {
			return fmt.Errorf("%s: sponsors[%d] %q: want a range such as \"0:14-2:58\"", where, k, clipText(r, 40))
		}
		rs = append(rs, rg)
	}
	if len(rs) > 0 {
		ep.Chapters = chapters.MarkSponsors(ep.Chapters, rs)
	}
	return nil
}
