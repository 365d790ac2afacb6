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

const pinyinFirst, pinyinLast = 0x3400, 0x9FFF

var tables struct {
	once      sync.Once
	ts        []uint32 // pairs (traditional, simplified), sorted by the first
	syllables []string
	offsets   []uint32 // offsets[r-pinyinFirst] into readings
	readings  []byte
}

func loadTables() {
	tables.once.Do(func() {
		n := len(tsBin) / 4
		tables.ts = make([]uint32, n)
		for i := range n {
			tables.ts[i] = binary.LittleEndian.Uint32(tsBin[4*i:])
		}
		nl := strings.IndexByte(string(pinyinBin), '\n')
		tables.syllables = strings.Split(string(pinyinBin[:nl]), " ")
		tables.readings = pinyinBin[nl+1:]
		tables.offsets = make([]uint32, pinyinLast-pinyinFirst+1)
		off := uint32(0)
		for i := range tables.offsets {
			tables.offsets[i] = off
			off += 1 + 2*uint32(tables.readings[off])
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
	n := int(tables.readings[off])
	out := make([]uint16, n)
	for i := range n {
		out[i] = binary.LittleEndian.Uint16(tables.readings[int(off)+1+2*i:])
	}
	return out
}

// Pinyin gives a character's first toneless reading ("" when it has none).
func Pinyin(r rune) string {
	if rs := readings(r); len(rs) > 0 {
		return tables.syllables[rs[0]]
	}
	return ""
}
