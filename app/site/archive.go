package site

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tingo/app/search"
	"tingo/app/transcript"
)

// The archive index writer: the build side of search's archive format (see app/search/archive.go).

// ChunkBytes is about how much transcript text one chunk holds: small enough that confirming a hit
// fetches little, large enough that the index stays small (a token is listed once per chunk).
const ChunkBytes = 3 << 10

// ShardBytes is about how large a shard is: a query fetches one per token it has, at most.
const ShardBytes = 3 << 10

// archiveEpisode is one episode as the index sees it.
type archiveEpisode struct {
	Href, Title, Date string
	T                 *transcript.Transcript
	digest            string // of T, for the build cache
}

// ArchiveStats describes a written archive index.
type ArchiveStats struct {
	Chunks, Shards, Tokens int
	IndexBytes             int64 // manifest, shards and word lists: what queries fetch from
	ChunkBytes             int64 // the chunk files: the text hits are confirmed in
	TextGzip               int64 // each episode's text gzipped, added up: what the index is measured against
}

// writeArchive writes the index of eps (oldest first, so chunk ids grow with the date) into dir.
func writeArchive(w *writer, dir string, eps []archiveEpisode, cache *buildCache) (ArchiveStats, error) {
	var st ArchiveStats
	type chunk struct {
		ep            int
		starts        []float64
		texts         []string
		alts          []search.ArchiveAlt
		tokens, words []string
	}
	var chunks []*chunk
	first := make([]int, len(eps)+1) // first[e]: the id of episode e's first chunk; first[e+1] ends them
	for i, e := range eps {
		first[i] = len(chunks)
		var c *chunk
		size := 0
		for _, s := range e.T.Segments {
			if c == nil || size >= ChunkBytes {
				c = &chunk{ep: i}
				chunks = append(chunks, c)
				size = 0
			}
			for _, f := range s.Fixes {
				c.alts = append(c.alts, search.ArchiveAlt{At: [3]int{len(c.texts), f.Start, f.End}, Text: f.Was})
			}
			c.starts = append(c.starts, s.Start.Seconds())
			c.texts = append(c.texts, s.Text)
			size += len(s.Text)
		}
	}
	first[len(eps)] = len(chunks)
	// The previous build's postings, when its episodes are this one's oldest, unchanged: then only the
	// chunks after them need tokens.
	postings, vocab, reuse := w.previousIndex(dir, eps, first, cache)
	// Tokens, episodes a batch at a time on every core (an episode's from the cache when its text is
	// unchanged), added to the postings in chunk order and then let go: a chunk's tokens are some 3,000
	// strings, and holding every chunk's at once does not fit 10,000 episodes in memory.
	gz := make([]int64, len(eps))
	prevGz := w.prevGzip // the gzipped sizes of the episodes whose postings are the previous build's
	const batch = 64
	for from := 0; from < len(eps); from += batch {
		to := min(from+batch, len(eps))
		parallelEach(to-from, func(k int) {
			e := from + k
			key := ""
			if cache != nil {
				key = cache.key("tokens", fmt.Sprint(ChunkBytes), eps[e].digest)
			}
			if first[e+1] <= reuse && e < len(prevGz) {
				gz[e] = prevGz[e]
				cache.keep(key) // not needed now; a build whose older episodes changed will need it
				return
			}
			if cache != nil {
				if b, ok := cache.get(key); ok {
					if n, tokens, words, ok := decodeTokens(string(b)); ok && len(tokens) == first[e+1]-first[e] {
						for k := range tokens {
							chunks[first[e]+k].tokens, chunks[first[e]+k].words = tokens[k], words[k]
						}
						gz[e] = n
						return
					}
				}
			}
			var tokens, words [][]string
			for id := first[e]; id < first[e+1]; id++ {
				texts := chunks[id].texts
				if a := chunks[id].alts; len(a) > 0 { // the originals are found too
					texts = slices.Clone(texts)
					for _, x := range a {
						texts = append(texts, x.Text)
					}
				}
				chunks[id].tokens, chunks[id].words = search.ChunkTokens(texts)
				tokens, words = append(tokens, chunks[id].tokens), append(words, chunks[id].words)
			}
			gz[e] = gzipSize(eps[e].T)
			cache.put(key, []byte(encodeTokens(gz[e], tokens, words)))
		})
		for id := max(first[from], reuse); id < first[to]; id++ {
			c := chunks[id]
			for _, t := range c.tokens {
				postings[t] = append(postings[t], uint32(id))
			}
			for _, w := range c.words {
				n := len([]rune(w))
				if vocab[n] == nil {
					vocab[n] = map[string]bool{}
				}
				vocab[n][w] = true
			}
			c.tokens, c.words = nil, nil
		}
	}
	for _, n := range gz {
		st.TextGzip += n
	}
	st.Chunks, st.Tokens = len(chunks), len(postings)

	// Chunk files live in a folder named by the build's content, so a new build never mixes with
	// chunks a browser cached from an older one.
	chunkData := make([][]byte, len(chunks))
	h := sha256.New()
	for id, c := range chunks {
		e := eps[c.ep]
		b, err := json.Marshal(search.ArchiveChunk{Episode: e.Href, Title: e.Title, Date: e.Date, Starts: c.starts, Texts: c.texts, Alts: c.alts})
		if err != nil {
			return st, err
		}
		chunkData[id] = b
		h.Write(b)
	}
	chunkDir := "c-" + hex.EncodeToString(h.Sum(nil))[:search.HashLen]
	if err := w.putAll(len(chunkData), func(id int) string { return path.Join(dir, chunkDir, fmt.Sprintf("%d.json", id)) },
		func(id int) []byte { return chunkData[id] }); err != nil {
		return st, err
	}
	for _, b := range chunkData {
		st.ChunkBytes += int64(len(b))
	}

	// Shards: as many as keep each near ShardBytes.
	tokens := make([]string, 0, len(postings))
	estimate := 0
	for t, ids := range postings {
		tokens = append(tokens, t)
		estimate += len(t) + 2 + min(len(ids)*2, int(ids[len(ids)-1]-ids[0])/8+4)
	}
	sort.Strings(tokens)
	n := shardCount(estimate)
	byShard := make([][]string, n)
	for _, t := range tokens {
		s := search.ShardOf(t, n)
		byShard[s] = append(byShard[s], t)
	}
	shards := make([][]byte, n)
	h = sha256.New()
	for i, toks := range byShard {
		shards[i] = search.EncodeShard(toks, postings)
		h.Write(shards[i])
	}
	shardDir := "s-" + hex.EncodeToString(h.Sum(nil))[:search.HashLen]
	if err := w.putAll(len(shards), func(i int) string { return path.Join(dir, shardDir, fmt.Sprintf("%d.bin", i)) },
		func(i int) []byte { return shards[i] }); err != nil {
		return st, err
	}
	for _, b := range shards {
		st.IndexBytes += int64(len(b))
	}
	st.Shards = n

	m := search.ArchiveManifest{Format: search.ArchiveFormat, Shards: n, ShardDir: shardDir, Chunks: len(chunks),
		ChunkDir: chunkDir, Vocab: map[int]string{}}
	for length, words := range vocab {
		list := make([]string, 0, len(words))
		for w := range words {
			list = append(list, w)
		}
		sort.Strings(list)
		b := []byte(strings.Join(list, "\n") + "\n")
		sum := sha256.Sum256(b)
		name := hex.EncodeToString(sum[:])[:search.HashLen]
		m.Vocab[length] = name
		if err := w.put(path.Join(dir, "v", name+".txt"), b); err != nil {
			return st, err
		}
		st.IndexBytes += int64(len(b))
	}
	b, err := json.Marshal(m)
	if err != nil {
		return st, err
	}
	st.IndexBytes += int64(len(b))
	if cache != nil {
		state := archiveState{Chunks: len(chunks), ShardDir: shardDir, Shards: n, Vocab: m.Vocab}
		for e, ep := range eps {
			state.Episodes = append(state.Episodes, stateEpisode{ep.digest, ep.Href, ep.Title, ep.Date, first[e+1] - first[e], gz[e]})
		}
		sb, _ := json.Marshal(state)
		cache.put(cache.key("archive-state", dir), sb)
	}
	return st, w.put(path.Join(dir, "index.json"), b)
}

// archiveState is what the next build needs to take this one's postings as they are: its episodes,
// oldest first, with their chunk counts, and where its shards and word lists are.
type archiveState struct {
	Episodes []stateEpisode `json:"episodes"`
	Chunks   int            `json:"chunks"`
	ShardDir string         `json:"shardDir"`
	Shards   int            `json:"shards"`
	Vocab    map[int]string `json:"vocab"`
}

type stateEpisode struct {
	Digest, Href, Title, Date string
	Chunks                    int
	Gzip                      int64 `json:"gz"`
}

// previousIndex reads the postings and word lists of the output being replaced when the episodes it
// indexed are eps' oldest, unchanged (same text, page, title, date and chunks), and every shard and list
// it reads has the bytes its record names. It returns them with how many chunks they cover; empty maps
// and 0 otherwise.
func (w *writer) previousIndex(dir string, eps []archiveEpisode, first []int, cache *buildCache) (map[string][]uint32, map[int]map[string]bool, int) {
	postings, vocab := map[string][]uint32{}, map[int]map[string]bool{}
	if cache == nil || w.prev == "" {
		return postings, vocab, 0
	}
	b, ok := cache.get(cache.key("archive-state", dir))
	var state archiveState
	if !ok || json.Unmarshal(b, &state) != nil || len(state.Episodes) > len(eps) || len(state.Episodes) == 0 {
		return postings, vocab, 0
	}
	for e, se := range state.Episodes {
		ep := eps[e]
		if se != (stateEpisode{ep.digest, ep.Href, ep.Title, ep.Date, first[e+1] - first[e], se.Gzip}) {
			return postings, vocab, 0
		}
	}
	if first[len(state.Episodes)] != state.Chunks {
		return postings, vocab, 0
	}
	read := func(rel string) ([]byte, bool) {
		want, ok := w.prevRecord[rel]
		if !ok {
			return nil, false
		}
		b, err := os.ReadFile(filepath.Join(w.prev, filepath.FromSlash(rel)))
		if err != nil {
			return nil, false
		}
		sum := sha256.Sum256(b)
		return b, hex.EncodeToString(sum[:16]) == want
	}
	shards := make([]map[string][]uint32, state.Shards)
	bad := make([]bool, state.Shards)
	parallelEach(state.Shards, func(i int) {
		b, ok := read(path.Join(dir, state.ShardDir, fmt.Sprintf("%d.bin", i)))
		if !ok {
			bad[i] = true
			return
		}
		m, err := search.DecodeShard(b)
		shards[i], bad[i] = m, err != nil
	})
	for i, m := range shards {
		if bad[i] {
			return map[string][]uint32{}, map[int]map[string]bool{}, 0
		}
		for t, ids := range m {
			postings[t] = ids
		}
	}
	for n, name := range state.Vocab {
		b, ok := read(path.Join(dir, "v", name+".txt"))
		if !ok {
			return map[string][]uint32{}, map[int]map[string]bool{}, 0
		}
		vocab[n] = map[string]bool{}
		for _, word := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if word != "" {
				vocab[n][word] = true
			}
		}
	}
	w.prevGzip = make([]int64, len(state.Episodes))
	for e, se := range state.Episodes {
		w.prevGzip[e] = se.Gzip
	}
	return postings, vocab, state.Chunks
}

// shardCount is how many shards an index of about estimate bytes is cut into: near estimate/ShardBytes,
// on a ladder of steps of 1.25×, so that a growing archive keeps its count between steps and a new
// episode leaves the shards that hold none of its tokens as they were (a rebuild links them).
func shardCount(estimate int) int {
	want := float64(estimate) / ShardBytes
	n := 1.0
	for n*1.25 <= want {
		n *= 1.25
	}
	return max(1, int(n))
}

// The cached tokens of an episode: its gzipped size, then per chunk its tokens and its words, with
// separators no token holds (tokens are folded text, with no control characters).
const (
	sepToken = "\x1f"
	sepList  = "\x1e"
	sepChunk = "\x1d"
)

func encodeTokens(gz int64, tokens, words [][]string) string {
	var b strings.Builder
	b.WriteString(strconv.FormatInt(gz, 10))
	for k := range tokens {
		b.WriteString(sepChunk)
		b.WriteString(strings.Join(tokens[k], sepToken))
		b.WriteString(sepList)
		b.WriteString(strings.Join(words[k], sepToken))
	}
	return b.String()
}

func decodeTokens(s string) (gz int64, tokens, words [][]string, ok bool) {
	parts := strings.Split(s, sepChunk)
	gz, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return 0, nil, nil, false
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, sepToken)
	}
	for _, c := range parts[1:] {
		t, w, found := strings.Cut(c, sepList)
		if !found {
			return 0, nil, nil, false
		}
		tokens, words = append(tokens, split(t)), append(words, split(w))
	}
	return gz, tokens, words, true
}

// gzipSize is the size of an episode's text, a segment a line, gzipped.
func gzipSize(t *transcript.Transcript) int64 {
	var c countingWriter
	zw := gzip.NewWriter(&c)
	for _, s := range t.Segments {
		io.WriteString(zw, s.Text)
		io.WriteString(zw, "\n")
	}
	zw.Close()
	return c.n
}
