package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// The archive index lets a static site search every episode without a server and without downloading
// every transcript. At build time each episode's text is cut into chunks of a few minutes; every chunk
// is described by tokens (folded character pairs, pinyin syllable pairs, English words), and each token
// points at the chunks that hold it. The token lists are cut into shards by a hash of the token, so a
// query fetches only the shards its own tokens fall in. Tokens only narrow the search: the chunks they
// point at are then searched with Index.Search, the same code a single episode uses, so the archive
// finds exactly what single-episode search finds in those chunks.
//
// A token's text starts with its kind: 'f' folded characters (one Han character, or two adjacent
// characters of any kind but space), 's' two adjacent pinyin syllables, 'w' an English word of three
// letters or more.

// ArchiveFormat is the version of the archive index's files.
const ArchiveFormat = 1

// ArchiveManifest is search/index.json: how to find shards, chunks and the word lists.
//
// Shards and chunks live in folders named by a hash of their content, so a browser never mixes files of
// two builds and every file can be cached for good. One hash per folder rather than per file: a new
// episode adds tokens to nearly every shard, so per-file names would save no downloads, and would make
// the manifest grow with the archive.
type ArchiveManifest struct {
	Format int `json:"format"`
	// Shards is how many shards there are; shard i is ShardDir + "/" + i + ".bin".
	Shards   int    `json:"shards"`
	ShardDir string `json:"shardDir"`
	// Chunks is how many chunks there are; chunk i is ChunkDir + "/" + i + ".json".
	Chunks   int    `json:"chunks"`
	ChunkDir string `json:"chunkDir"`
	// Vocab maps a word length to the list of English words of that length ("v/" + hash + ".txt"), for
	// the similar-spelling tier.
	Vocab map[int]string `json:"vocab,omitempty"`
}

// ShardPath is the path of shard i, relative to the search folder.
func (m *ArchiveManifest) ShardPath(i int) string { return fmt.Sprintf("%s/%d.bin", m.ShardDir, i) }

// ChunkPath is the path of chunk id, relative to the search folder.
func (m *ArchiveManifest) ChunkPath(id int) string { return fmt.Sprintf("%s/%d.json", m.ChunkDir, id) }

// HashLen is how many hex digits of a content hash name a folder or a word list.
const HashLen = 12

// ArchiveChunk is one chunk file: a few minutes of one episode, and where that episode lives.
type ArchiveChunk struct {
	Episode string    `json:"ep"`    // the episode page, relative to the site's root ("slug/")
	Title   string    `json:"title"` // the episode's title
	Date    string    `json:"date,omitempty"`
	Starts  []float64 `json:"starts"` // each segment's start, in seconds
	Texts   []string  `json:"texts"`  // each segment's text
	// Alts are the originals of corrected spellings: [segment, start, end] of the fix, and what the
	// transcript said (Index.SetAlts).
	Alts []ArchiveAlt `json:"alts,omitempty"`
}

// ArchiveAlt is one corrected spelling of a chunk.
type ArchiveAlt struct {
	At   [3]int `json:"at"` // the segment in the chunk, and the byte span of the fix in its text
	Text string `json:"was"`
}

// IndexAlts gives the chunk's alternates as Index.SetAlts takes them.
func (c *ArchiveChunk) IndexAlts() []Alt {
	out := make([]Alt, 0, len(c.Alts))
	for _, a := range c.Alts {
		out = append(out, Alt{Segment: a.At[0], At: Span{a.At[1], a.At[2]}, Text: a.Text})
	}
	return out
}

// ShardOf says which of n shards holds a token.
func ShardOf(token string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(token))
	return int(h.Sum32() % uint32(n))
}

// ChunkTokens gives the tokens that describe a chunk's texts, each once, and its English words (for the
// vocabulary lists).
func ChunkTokens(texts []string) (tokens []string, words []string) {
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			tokens = append(tokens, t)
		}
	}
	wordSeen := map[string]bool{}
	for _, text := range texts {
		f := foldText(strings.ReplaceAll(text, "\x00", " "))
		foldedTokens(f.text, add)
		soundTokens(soundOf(f).text, add)
		for _, w := range latinWords(f, text) {
			if utf8.RuneCountInString(w.text) >= 3 {
				add("w" + w.text)
				if !wordSeen[w.text] {
					wordSeen[w.text] = true
					words = append(words, w.text)
				}
			}
		}
	}
	return tokens, words
}

// foldedTokens gives each Han character and each pair of adjacent characters (neither a space) of
// folded text.
func foldedTokens(f string, add func(string)) {
	prev, prevAt := rune(-1), 0
	for i, r := range f {
		if isHan(r) {
			add("f" + string(r))
		}
		if r == ' ' || r == 0 {
			prev = -1
			continue
		}
		if prev >= 0 {
			add("f" + f[prevAt:i+utf8.RuneLen(r)])
		}
		prev, prevAt = r, i
	}
}

// soundTokens gives each pair of adjacent syllables of sound text (folded text with Han characters
// replaced by their readings).
func soundTokens(s string, add func(string)) {
	prevAt := -1
	for i, r := range s {
		if r < syllableRune(0) || r > syllableRune(0xFFFF) {
			prevAt = -1
			continue
		}
		if prevAt >= 0 {
			add("s" + s[prevAt:i+utf8.RuneLen(r)])
		}
		prevAt = i
	}
}

// EncodeShard writes a shard: for each token (in the order given), its text and its sorted chunk ids,
// as deltas or as a bitmap, whichever is smaller.
func EncodeShard(tokens []string, postings map[string][]uint32) []byte {
	b := []byte("TGS1")
	for _, t := range tokens {
		ids := postings[t]
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		var deltas []byte
		last := uint32(0)
		for i, id := range ids {
			d := id - last
			if i == 0 {
				d = id
			}
			deltas = binary.AppendUvarint(deltas, uint64(d))
			last = id
		}
		first, end := ids[0], ids[len(ids)-1]+1
		bitmapLen := int(end-first+7) / 8
		if bitmapLen+binary.MaxVarintLen32 < len(deltas) {
			bits := make([]byte, bitmapLen)
			for _, id := range ids {
				bits[(id-first)/8] |= 1 << ((id - first) % 8)
			}
			b = binary.AppendUvarint(b, uint64(bitmapLen)<<1|1)
			b = binary.AppendUvarint(b, uint64(first))
			b = append(b, bits...)
			continue
		}
		b = binary.AppendUvarint(b, uint64(len(ids))<<1)
		b = append(b, deltas...)
	}
	return b
}

// ErrBadShard says a shard file is not one this reader understands.
var ErrBadShard = errors.New("not an archive shard")

// DecodeShard reads a shard written by EncodeShard.
func DecodeShard(b []byte) (map[string][]uint32, error) {
	if len(b) < 4 || string(b[:4]) != "TGS1" {
		return nil, ErrBadShard
	}
	out := map[string][]uint32{}
	b = b[4:]
	next := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, fmt.Errorf("%w: truncated number", ErrBadShard)
		}
		b = b[n:]
		return v, nil
	}
	for len(b) > 0 {
		n, err := next()
		if err != nil {
			return nil, err
		}
		if n > uint64(len(b)) {
			return nil, fmt.Errorf("%w: token runs past the end", ErrBadShard)
		}
		tok := string(b[:n])
		b = b[n:]
		head, err := next()
		if err != nil {
			return nil, err
		}
		count := head >> 1
		var ids []uint32
		if head&1 == 1 {
			first, err := next()
			if err != nil {
				return nil, err
			}
			if count > uint64(len(b)) {
				return nil, fmt.Errorf("%w: bitmap runs past the end", ErrBadShard)
			}
			for i, by := range b[:count] {
				for bit := range 8 {
					if by&(1<<bit) != 0 {
						ids = append(ids, uint32(first)+uint32(i*8+bit))
					}
				}
			}
			b = b[count:]
		} else {
			if count > uint64(len(b)) {
				return nil, fmt.Errorf("%w: list runs past the end", ErrBadShard)
			}
			id := uint32(0)
			for range count {
				d, err := next()
				if err != nil {
					return nil, err
				}
				id += uint32(d)
				ids = append(ids, id)
			}
		}
		out[tok] = ids
	}
	return out, nil
}
