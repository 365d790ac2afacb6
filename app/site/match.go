package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/mmcdole/gofeed"

	"tingo/app/search"
)

// Matching a folder of transcripts to a feed's items (tingo build --transcripts DIR FEED). Each file is
// matched by the first of these rules that names any item:
//
//	guid        the file's name is the item's <guid> (or the guid's last path segment)
//	enclosure   the file's name is the enclosure's file name (ep12.mp3 ~ ep12.vtt)
//	episode     the one number in the file's name (a date aside) is the item's <itunes:episode>
//	date        a date in the file's name (2024-05-01, 20240501) is the item's publication date
//	title       the file's name is the item's title, folded (case, width, accents, Traditional and
//	            Simplified script alike; punctuation and spaces aside)
//
// A rule that names two or more items is an error naming them; two files matched to one item is one too.

// Match is one file matched to a feed item.
type Match struct {
	File, Item, Rule string
	Used             bool   // false when the feed's own <podcast:transcript> wins (without --prefer-local)
	Why              string // for a file matched to nothing, or one not used
}

var (
	dateInName   = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)`)
	numberInName = regexp.MustCompile(`\d+`)
)

// nameKey folds a name for comparing: letters and digits only, folded.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range search.FoldString(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func stem(name string) string { return strings.TrimSuffix(path.Base(name), path.Ext(name)) }

// enclosureStem is the file name of an item's audio without its extension.
func enclosureStem(it *gofeed.Item) string {
	for _, e := range it.Enclosures {
		if u, err := url.Parse(e.URL); err == nil && u.Path != "" {
			return stem(u.Path)
		}
	}
	return ""
}

// matchFiles matches the files to the items; it returns, per item index, the file matched to it.
func matchFiles(files []string, items []*gofeed.Item, itemName func(int) string) (map[int]string, []Match, error) {
	type rule struct {
		name string
		key  func(file string) string
		item func(it *gofeed.Item) []string
	}
	fileNumber := func(file string) string {
		s := dateInName.ReplaceAllString(stem(file), " ")
		nums := numberInName.FindAllString(s, -1)
		if len(nums) != 1 {
			return ""
		}
		n, err := strconv.Atoi(nums[0])
		if err != nil {
			return ""
		}
		return strconv.Itoa(n)
	}
	rules := []rule{
		{"guid", func(f string) string { return nameKey(stem(f)) }, func(it *gofeed.Item) []string {
			if it.GUID == "" {
				return nil
			}
			g := strings.TrimRight(it.GUID, "/")
			return []string{nameKey(g), nameKey(path.Base(g))}
		}},
		{"enclosure", func(f string) string { return nameKey(stem(f)) }, func(it *gofeed.Item) []string {
			return []string{nameKey(enclosureStem(it))}
		}},
		{"episode", fileNumber, func(it *gofeed.Item) []string {
			if it.ITunesExt == nil || it.ITunesExt.Episode == "" {
				return nil
			}
			n, err := strconv.Atoi(strings.TrimSpace(it.ITunesExt.Episode))
			if err != nil {
				return nil
			}
			return []string{strconv.Itoa(n)}
		}},
		{"date", func(f string) string {
			m := dateInName.FindStringSubmatch(stem(f))
			if m == nil {
				return ""
			}
			return m[1] + "-" + m[2] + "-" + m[3]
		}, func(it *gofeed.Item) []string {
			if it.PublishedParsed == nil {
				return nil
			}
			// The date as the feed writes it, and in UTC.
			return []string{it.PublishedParsed.Format("2006-01-02"), it.PublishedParsed.UTC().Format("2006-01-02")}
		}},
		{"title", func(f string) string { return nameKey(stem(f)) }, func(it *gofeed.Item) []string {
			return []string{nameKey(it.Title)}
		}},
	}
	// Index each rule's item keys once: linear in files and items.
	index := make([]map[string][]int, len(rules))
	for r, ru := range rules {
		index[r] = map[string][]int{}
		for i, it := range items {
			seen := map[string]bool{}
			for _, k := range ru.item(it) {
				if k != "" && !seen[k] {
					seen[k] = true
					index[r][k] = append(index[r][k], i)
				}
			}
		}
	}
	byItem := map[int]string{}
	var report []Match
	for _, f := range files {
		matched := false
		for r, ru := range rules {
			k := ru.key(f)
			if k == "" {
				continue
			}
			cands := index[r][k]
			if len(cands) == 0 {
				continue
			}
			if len(cands) > 1 {
				var names []string
				for _, c := range cands {
					names = append(names, itemName(c))
				}
				return nil, nil, fmt.Errorf("%s matches %d items by its %s: %s", f, len(cands), ru.name, strings.Join(names, "; "))
			}
			i := cands[0]
			if other, ok := byItem[i]; ok {
				return nil, nil, fmt.Errorf("%s and %s both match %s", other, f, itemName(i))
			}
			byItem[i] = f
			report = append(report, Match{File: f, Item: itemName(i), Rule: ru.name, Used: true})
			matched = true
			break
		}
		if !matched {
			report = append(report, Match{File: f, Why: "no item has its guid, enclosure name, episode number, date or title"})
		}
	}
	return byItem, report, nil
}

// transcriptFiles lists the transcript files of a folder (no subfolders, no hidden files).
func transcriptFiles(dir fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		switch strings.ToLower(path.Ext(e.Name())) {
		case ".vtt", ".srt", ".json", ".txt", ".html", ".tsv", ".json3", ".srv3", ".md":
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}
