package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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
}

// writeArchive writes the index of eps (oldest first, so chunk ids grow with the date) into dir.
func writeArchive(dir string, eps []archiveEpisode, cache *buildCache) (ArchiveStats, error) {
	var st ArchiveStats
	type chunk struct {
		ep            int
		starts        []float64
		texts         []string
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
			c.starts = append(c.starts, s.Start.Seconds())
			c.texts = append(c.texts, s.Text)
			size += len(s.Text)
		}
	}
	first[len(eps)] = len(chunks)
	// Tokens, on every core; an episode's come from the cache when its text is unchanged.
	type epTokens struct{ Tokens, Words [][]string }
	keys := make([]string, len(eps))
	hit := make([]bool, len(eps))
	if cache != nil {
		parallelEach(len(eps), func(e int) {
			keys[e] = cache.key("tokens", fmt.Sprint(ChunkBytes), eps[e].digest)
			b, ok := cache.get(keys[e])
			var et epTokens
			if !ok || json.Unmarshal(b, &et) != nil || len(et.Tokens) != first[e+1]-first[e] || len(et.Words) != len(et.Tokens) {
				return
			}
			for k := range et.Tokens {
				chunks[first[e]+k].tokens, chunks[first[e]+k].words = et.Tokens[k], et.Words[k]
			}
			hit[e] = true
		})
	}
	parallelEach(len(chunks), func(i int) {
		if !hit[chunks[i].ep] {
			chunks[i].tokens, chunks[i].words = search.ChunkTokens(chunks[i].texts)
		}
	})
	if cache != nil {
		parallelEach(len(eps), func(e int) {
			if hit[e] {
				return
			}
			var et epTokens
			for id := first[e]; id < first[e+1]; id++ {
				et.Tokens, et.Words = append(et.Tokens, chunks[id].tokens), append(et.Words, chunks[id].words)
			}
			b, _ := json.Marshal(et)
			cache.put(keys[e], b)
		})
	}

	postings := map[string][]uint32{}
	vocab := map[int]map[string]bool{}
	for id, c := range chunks {
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
	}
	st.Chunks, st.Tokens = len(chunks), len(postings)

	// Chunk files live in a folder named by the build's content, so a new build never mixes with
	// chunks a browser cached from an older one.
	chunkData := make([][]byte, len(chunks))
	h := sha256.New()
	for id, c := range chunks {
		e := eps[c.ep]
		b, err := json.Marshal(search.ArchiveChunk{Episode: e.Href, Title: e.Title, Date: e.Date, Starts: c.starts, Texts: c.texts})
		if err != nil {
			return st, err
		}
		chunkData[id] = b
		h.Write(b)
	}
	chunkDir := "c-" + hex.EncodeToString(h.Sum(nil))[:search.HashLen]
	for id, b := range chunkData {
		if err := putFile(filepath.Join(dir, chunkDir, fmt.Sprintf("%d.json", id)), b); err != nil {
			return st, err
		}
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
	n := max(1, estimate/ShardBytes)
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
	for i, b := range shards {
		if err := putFile(filepath.Join(dir, shardDir, fmt.Sprintf("%d.bin", i)), b); err != nil {
			return st, err
		}
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
		if err := putFile(filepath.Join(dir, "v", name+".txt"), b); err != nil {
			return st, err
		}
		st.IndexBytes += int64(len(b))
	}
	b, err := json.Marshal(m)
	if err != nil {
		return st, err
	}
	st.IndexBytes += int64(len(b))
	return st, putFile(filepath.Join(dir, "index.json"), b)
}

func putFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}
