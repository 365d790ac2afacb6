package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold is one character's folded form: width, case, accents and script folded. Spaces fold to ' '.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	case r == 0x3000 || r == 0 || unicode.IsSpace(r):
		return ' '
	}
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + 32
		}
		return r
	}
	if r < 0x250 {
		if b, ok := latinBase[r]; ok {
			return b
		}
		return unicode.ToLower(r)
	}
	if r >= 0x3400 {
		return toSimplified(r)
	}
	return unicode.ToLower(r)
}

// latinBase folds the accented Latin letters people type without accents (Oléan, Zoë, Gödel).
var latinBase = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", 'c': "çćĉċčÇĆĈĊČ", 'd': "ďđĎĐ", 'e': "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		'g': "ĝğġģĜĞĠĢ", 'h': "ĥħĤĦ", 'i': "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", 'j': "ĵĴ", 'k': "ķĶ", 'l': "ĺļľŀłĹĻĽĿŁ",
		'n': "ñńņňÑŃŅŇ", 'o': "òóôõöøōŏőÒÓÔÕÖØŌŎŐ", 'r': "ŕŗřŔŖŘ", 's': "śŝşšŚŜŞŠß", 't': "ţťŧŢŤŦ",
		'u': "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", 'w': "ŵŴ", 'y': "ýÿŷÝŸŶ", 'z': "źżžŹŻŽ",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FFFF
}

// cjkish is a character around which spaces carry no meaning: Han, kana, CJK punctuation.
func cjkish(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x30FF || r >= 0xFF00 && r <= 0xFFEF
}

// folded is text in folded form with, for each byte of it, the byte offset in the source it came from.
type folded struct {
	text string
	src  []int32 // len(text)+1 entries; src[len(text)] is the source's length
}

// foldText folds s: every character folded, runs of space collapsed to one, and spaces next to a CJK
// character dropped ("Saint-Oléan 的" and "Saint-Oléan的" fold alike).
func foldText(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	src := make([]int32, 0, len(s)+1)
	prev := rune(-1) // the last character written
	pendingSpace := -1
	for i, r := range s {
		f := fold(r)
		if f == ' ' {
			if pendingSpace < 0 {
				pendingSpace = i
			}
			continue
		}
		if pendingSpace >= 0 && prev >= 0 && !cjkish(prev) && !cjkish(f) {
			b.WriteByte(' ')
			src = append(src, int32(pendingSpace))
		}
		pendingSpace = -1
		n := utf8.RuneLen(f)
		b.WriteRune(f)
		for range n {
			src = append(src, int32(i))
		}
		prev = f
	}
	src = append(src, int32(len(s)))
	return folded{text: b.String(), src: src}
}

// sourceSpan maps a span of the folded text back to the source: from the start of its first character
// to the end of its last.
func (f folded) sourceSpan(from, to int, source string) (int, int) {
	start := int(f.src[from])
	last := int(f.src[to-1])
	_, n := utf8.DecodeRuneInString(source[last:])
	return start, last + n
}

// FoldString folds text as search does (script, width, case, accents; spaces next to Chinese dropped).
func FoldString(s string) string { return foldText(s).text }

// FoldMap folds s as search does and gives, for each byte of the folded text, the byte of s it came
// from (one entry more than the folded text's length: the end of s).
func FoldMap(s string) (string, []int32) {
	f := foldText(s)
	return f.text, f.src
}
