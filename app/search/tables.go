// Package search finds what a listener means in a transcript: exact, folded (Traditional/Simplified,
// width, case, accents), sounds-like (same toneless pinyin) and similar (English words within a small edit
// distance), with the spans to mark. It runs natively (`tingo search`, the site's index) and in the
// browser; its tables are generated from OpenCC and go-pinyin (go generate), not linked.
package search

//go:generate go run ./internal/gen

import (
	_ "embed"
	"encoding/binary"
	"sort"
	"strings"
	"sync"
)

//go:embed ts.bin
var tsBin []byte

//go:embed pinyin.bin
var pinyinBin []byte

// The readings cover the CJK Unified Ideographs block: Extension A (U+3400-U+4DBF) is archaic, never in
// speech recognition's output, and its 6,592 characters would weigh 8 KB of app.wasm; they are matched exactly
// and folded, not by sound.
const pinyinFirst, pinyinLast = 0x4E00, 0x9FFF

var tables struct {
	once      sync.Once
	ts        []uint32 // pairs (traditional, simplified), sorted by the first
	syllables []string
	counts    []byte   // counts[r-pinyinFirst]: how many readings r has
	offsets   []uint32 // offsets[r-pinyinFirst]: where its readings start in readings
	readings  []uint16
}

// loadTables decodes the tables (see internal/gen for their formats: laid out for brotli, which is how
// app.wasm travels).
func loadTables() {
	tables.once.Do(func() {
		t := uint32(0)
		for b := tsBin; len(b) > 0; {
			d, n := binary.Uvarint(b)
			s, m := binary.Varint(b[n:])
			if n <= 0 || m <= 0 {
				break
			}
			t += uint32(d)
			tables.ts = append(tables.ts, t, uint32(int64(t)+s))
			b = b[n+m:]
		}
		nl := strings.IndexByte(string(pinyinBin), '\n')
		tables.syllables = strings.Split(string(pinyinBin[:nl]), " ")
		n := pinyinLast - pinyinFirst + 1
		tables.counts = pinyinBin[nl+1 : nl+1+n]
		ids := pinyinBin[nl+1+n:]
		tables.offsets = make([]uint32, n)
		for i, c := range tables.counts {
			tables.offsets[i] = uint32(len(tables.readings))
			for range c {
				id := uint16(ids[0])
				ids = ids[1:]
				if id == 255 {
					id += uint16(ids[0])
					ids = ids[1:]
				}
				tables.readings = append(tables.readings, id)
			}
		}
	})
}

// toSimplified folds a Traditional character to its Simplified form; other characters are returned as
// they are.
func toSimplified(r rune) rune {
	if r < 0x3400 {
		return r
	}
	loadTables()
	n := len(tables.ts) / 2
	i := sort.Search(n, func(i int) bool { return tables.ts[2*i] >= uint32(r) })
	if i < n && tables.ts[2*i] == uint32(r) {
		return rune(tables.ts[2*i+1])
	}
	return r
}

// readings gives the toneless pinyin syllable numbers of a CJK character (nil for others).
func readings(r rune) []uint16 {
	if r < pinyinFirst || r > pinyinLast {
		return nil
	}
	loadTables()
	off := tables.offsets[r-pinyinFirst]
	return tables.readings[off : off+uint32(tables.counts[r-pinyinFirst]) : off+uint32(tables.counts[r-pinyinFirst])]
}

// Pinyin gives a character's first toneless reading ("" when it has none).
func Pinyin(r rune) string {
	if rs := readings(r); len(rs) > 0 {
		return tables.syllables[rs[0]]
	}
	return ""
}
