package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Fetcher gets a file of the archive's search folder by its path relative to that folder. The browser
// fetches over HTTP; tests and the command read a folder.
type Fetcher func(path string) ([]byte, error)

// Archive reads a built archive index, fetching only what each query needs and keeping what it fetched.
type Archive struct {
	m     ArchiveManifest
	fetch Fetcher

	mu     sync.Mutex
	shards map[int]map[string][]uint32
	vocab  map[int][]string
	chunks map[int]*ArchiveChunk
}

// ErrQueryTooShort says no part of the query can narrow the archive (a single Latin letter, say).
var ErrQueryTooShort = errors.New("query too short to search the archive")

// OpenArchive reads the archive's manifest (index.json).
func OpenArchive(fetch Fetcher) (*Archive, error) {
	b, err := fetch("index.json")
	if err != nil {
		return nil, fmt.Errorf("reading the archive manifest: %w", err)
	}
	a := &Archive{fetch: fetch, shards: map[int]map[string][]uint32{}, vocab: map[int][]string{},
		chunks: map[int]*ArchiveChunk{}}
	if err := json.Unmarshal(b, &a.m); err != nil {
		return nil, fmt.Errorf("reading the archive manifest: %w", err)
	}
	if a.m.Format != ArchiveFormat || a.m.Shards <= 0 || a.m.Chunks < 0 {
		return nil, fmt.Errorf("archive manifest: format %d with %d shards is not one this reader knows",
			a.m.Format, a.m.Shards)
	}
	return a, nil
}

// Manifest gives the archive's manifest.
func (a *Archive) Manifest() ArchiveManifest { return a.m }

// ArchiveHit is a segment of an episode that holds the query.
type ArchiveHit struct {
	Chunk   int
	Episode string // the episode page, relative to the site's root
	Title   string
	Date    string
	Start   float64 // seconds
	Text    string  // the segment's text
	Spans   []Span  // where the query matched in Text
	Tier    Tier
}

// ArchiveQuery is one query over the archive: the chunks that may hold it, searched a few at a time.
type ArchiveQuery struct {
	a       *Archive
	query   string
	opts    Options
	cands   []uint32 // chunk ids, most promising first
	next    int
	pending func() ([]uint32, error) // the chunks only similar words point to, fetched when reached
}

// termFilter is what narrows one term: chunks holding every token of one of the alternatives. An
// alternative with no tokens cannot narrow anything, and makes the term unfiltered.
type termFilter struct {
	exact      []string   // folded tokens: exact and folded hits need all of them
	sounds     [][]string // one list per way of reading the term
	similarLen [2]int     // word lengths to look up for the similar tier (0,0: none)
	similarOf  string
	limit      int
	open       bool // the term cannot be narrowed
}

func filterFor(t term, opts Options) termFilter {
	f := foldText(t.text).text
	var tf termFilter
	collect := func(s string, fn func(string, func(string))) []string {
		var out []string
		fn(s, func(tok string) {
			if !slices.Contains(out, tok) {
				out = append(out, tok)
			}
		})
		return out
	}
	tf.exact = collect(f, func(s string, add func(string)) {
		if utf8.RuneCountInString(s) == 1 {
			foldedTokens(s, add) // a lone Han character: its unigram
			return
		}
		for _, p := range coveringPairs(s) {
			add("f" + p)
		}
	})
	if len(tf.exact) == 0 {
		tf.open = true
	}
	if t.quoted {
		return tf
	}
	if !opts.NoSoundsLike && hanCount(f) >= 2 {
		for _, key := range soundKeys(f, 16) {
			var toks []string
			for _, p := range coveringPairs(key) {
				if r, _ := utf8.DecodeRuneInString(p); r >= syllableRune(0) {
					if r2, _ := utf8.DecodeLastRuneInString(p); r2 >= syllableRune(0) {
						toks = append(toks, "s"+p)
					}
				}
			}
			if len(toks) == 0 {
				tf.open = true
			}
			tf.sounds = append(tf.sounds, toks)
		}
	}
	if !opts.NoSimilar {
		q := []rune(f)
		ok := len(q) >= 5 && len(q) <= 40
		for _, r := range q {
			if r >= 0x3000 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				ok = false
			}
		}
		if ok {
			tf.limit = 1
			if len(q) >= 7 {
				tf.limit = 2
			}
			tf.similarLen = [2]int{len(q) - tf.limit, len(q) + tf.limit}
			tf.similarOf = f
		}
	}
	return tf
}

// coveringPairs gives pairs of adjacent characters (neither a space) that together cover every character
// of s that has a neighbour: every other pair, and the last. Any pair of the term is in a chunk that holds
// the term, so a few of them narrow as well as all of them, for fewer shards fetched.
func coveringPairs(s string) []string {
	var pairs []string
	runes := []rune(s)
	covered := -1 // the last rune index a chosen pair covers
	for i := 0; i+1 < len(runes); i++ {
		if runes[i] == ' ' || runes[i+1] == ' ' {
			continue
		}
		if i+1 > covered && (i > covered || i+1 == len(runes)-1 || runes[i+2] == ' ' || i+2 >= len(runes)) {
			pairs = append(pairs, string(runes[i:i+2]))
			covered = i + 1
		}
	}
	return pairs
}

// Query finds the chunks that may hold the query, fetching the shards its tokens fall in, and orders
// them: chunks where the query may be found as written or folded first, then those only sounds-like or
// similar spellings may match; newest episodes first within each.
func (a *Archive) Query(query string, opts Options) (*ArchiveQuery, error) {
	terms := parseQuery(strings.ReplaceAll(strings.ToValidUTF8(query, "\uFFFD"), "\x00", ""))
	filters := make([]termFilter, 0, len(terms))
	var tokens []string
	lengths := map[int]bool{}
	for _, t := range terms {
		tf := filterFor(t, opts)
		filters = append(filters, tf)
		tokens = append(tokens, tf.exact...)
		for _, s := range tf.sounds {
			tokens = append(tokens, s...)
		}
		if tf.similarOf != "" {
			for n := tf.similarLen[0]; n <= tf.similarLen[1]; n++ {
				lengths[n] = true
			}
		}
	}
	// The word lists (for similar spellings) and the shards of the tokens known so far come at once;
	// only the similar words' own shards wait for the lists.
	var shardErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		shardErr = a.loadShards(tokens)
	}()
	err := a.loadVocab(lengths)
	wg.Wait()
	if err = errors.Join(err, shardErr); err != nil {
		return nil, err
	}
	similar := make([][]string, len(filters)) // per term, the words within reach
	var similarTokens []string
	for i, tf := range filters {
		if tf.similarOf == "" {
			continue
		}
		q := []rune(tf.similarOf)
		for n := tf.similarLen[0]; n <= tf.similarLen[1]; n++ {
			for _, w := range a.vocabOf(n) {
				if w != tf.similarOf && editDistance(q, []rune(w), tf.limit) <= tf.limit {
					similar[i] = append(similar[i], "w"+w)
				}
			}
		}
		similarTokens = append(similarTokens, similar[i]...)
	}
	// The chunks the shards in hand name come first; the similar words' own shards are a round trip more,
	// fetched only when those chunks are searched (a first page rarely needs them).
	strong, all, ok := a.candidates(filters, nil)
	if !ok {
		return nil, ErrQueryTooShort
	}
	q := &ArchiveQuery{a: a, query: query, opts: opts}
	q.cands = appendNewestFirst(appendNewestFirst(nil, strong), difference(all, strong))
	if len(similarTokens) > 0 {
		q.pending = func() ([]uint32, error) {
			if err := a.loadShards(similarTokens); err != nil {
				return nil, err
			}
			_, withSimilar, _ := a.candidates(filters, similar)
			return appendNewestFirst(nil, difference(withSimilar, all)), nil
		}
	}
	return q, nil
}

// candidates gives the chunks where every term may match exactly or folded (strong), and where any tier
// may (all), from the shards loaded; similar, when given, are each term's similar words. ok is false
// when no term narrows anything.
func (a *Archive) candidates(filters []termFilter, similar [][]string) (strong, all []uint32, ok bool) {
	for i, tf := range filters {
		if tf.open {
			continue
		}
		ex := a.allOf(tf.exact)
		any := ex
		for _, s := range tf.sounds {
			any = union(any, a.allOf(s))
		}
		if similar != nil {
			for _, w := range similar[i] {
				any = union(any, a.posting(w))
			}
		}
		if !ok {
			strong, all, ok = ex, any, true
			continue
		}
		strong, all = intersect(strong, ex), intersect(all, any)
	}
	return strong, all, ok
}

// appendNewestFirst appends ids in reverse: chunk ids grow with the episode's date.
func appendNewestFirst(out, ids []uint32) []uint32 {
	for i := len(ids) - 1; i >= 0; i-- {
		out = append(out, ids[i])
	}
	return out
}

// Candidates is how many chunks may hold the query, of those known (the similar words' chunks are known
// once the others are searched).
func (q *ArchiveQuery) Candidates() int { return len(q.cands) }

// Done says every candidate chunk has been searched.
func (q *ArchiveQuery) Done() bool { return q.next >= len(q.cands) && q.pending == nil }

// Scanned is how many candidate chunks have been searched.
func (q *ArchiveQuery) Scanned() int { return q.next }

// More searches candidate chunks, a few at once, until it has found at least want hits or searched
// maxChunks more chunks (0: no bound). Hits come in chunk order, each chunk's in the order said.
func (q *ArchiveQuery) More(want, maxChunks int) ([]ArchiveHit, error) {
	const batch = 6 // one round of fetches finds a first page of hits, mostly
	var hits []ArchiveHit
	scanned := 0
	for !q.Done() && len(hits) < want && (maxChunks <= 0 || scanned < maxChunks) {
		if q.next >= len(q.cands) { // the chunks only similar words point to
			more, err := q.pending()
			if err != nil {
				return hits, err
			}
			q.cands, q.pending = append(q.cands, more...), nil
			continue
		}
		ids := q.cands[q.next:min(q.next+batch, len(q.cands))]
		if maxChunks > 0 {
			ids = ids[:min(len(ids), maxChunks-scanned)]
		}
		if err := q.a.loadChunks(ids); err != nil {
			return hits, err
		}
		for _, id := range ids {
			c := q.a.chunk(id)
			ix := NewIndex(c.Texts)
			ix.SetAlts(c.IndexAlts())
			for _, h := range ix.Search(q.query, q.opts) {
				hits = append(hits, ArchiveHit{Chunk: int(id), Episode: c.Episode, Title: c.Title, Date: c.Date,
					Start: c.Starts[h.Segment], Text: c.Texts[h.Segment], Spans: h.Spans, Tier: h.Tier})
			}
		}
		q.next += len(ids)
		scanned += len(ids)
	}
	return hits, nil
}

func (a *Archive) posting(tok string) []uint32 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.shards[ShardOf(tok, a.m.Shards)][tok]
}

// allOf is the chunks holding every token.
func (a *Archive) allOf(tokens []string) []uint32 {
	var out []uint32
	for i, t := range tokens {
		p := a.posting(t)
		if i == 0 {
			out = p
		} else {
			out = intersect(out, p)
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func (a *Archive) vocabOf(n int) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.vocab[n]
}

func (a *Archive) chunk(id uint32) *ArchiveChunk {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.chunks[int(id)]
}

// parallel runs fetches at once and returns the first error.
func parallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = do(i)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (a *Archive) loadShards(tokens []string) error {
	need := map[int]bool{}
	a.mu.Lock()
	for _, t := range tokens {
		if s := ShardOf(t, a.m.Shards); a.shards[s] == nil {
			need[s] = true
		}
	}
	a.mu.Unlock()
	list := sortedKeys(need)
	return parallel(len(list), func(i int) error {
		p := a.m.ShardPath(list[i])
		b, err := a.fetch(p)
		if err != nil {
			return fmt.Errorf("reading archive shard %s: %w", p, err)
		}
		m, err := DecodeShard(b)
		if err != nil {
			return fmt.Errorf("archive shard %s: %w", p, err)
		}
		a.mu.Lock()
		a.shards[list[i]] = m
		a.mu.Unlock()
		return nil
	})
}

func (a *Archive) loadVocab(lengths map[int]bool) error {
	var list []int
	a.mu.Lock()
	for _, n := range sortedKeys(lengths) {
		if _, ok := a.vocab[n]; !ok {
			if a.m.Vocab[n] == "" {
				a.vocab[n] = nil
				continue
			}
			list = append(list, n)
		}
	}
	a.mu.Unlock()
	return parallel(len(list), func(i int) error {
		p := "v/" + a.m.Vocab[list[i]] + ".txt"
		b, err := a.fetch(p)
		if err != nil {
			return fmt.Errorf("reading archive word list %s: %w", p, err)
		}
		a.mu.Lock()
		a.vocab[list[i]] = strings.Fields(string(b))
		a.mu.Unlock()
		return nil
	})
}

func (a *Archive) loadChunks(ids []uint32) error {
	return parallel(len(ids), func(i int) error {
		if a.chunk(ids[i]) != nil {
			return nil
		}
		p := a.m.ChunkPath(int(ids[i]))
		b, err := a.fetch(p)
		if err != nil {
			return fmt.Errorf("reading archive chunk %s: %w", p, err)
		}
		var c ArchiveChunk
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("archive chunk %s: %w", p, err)
		}
		if len(c.Starts) != len(c.Texts) {
			return fmt.Errorf("archive chunk %s: %d starts for %d texts", p, len(c.Starts), len(c.Texts))
		}
		a.mu.Lock()
		a.chunks[int(ids[i])] = &c
		a.mu.Unlock()
		return nil
	})
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

func intersect(a, b []uint32) []uint32 {
	var out []uint32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func union(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func difference(a, b []uint32) []uint32 {
	var out []uint32
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}
