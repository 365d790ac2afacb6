package search

import (
	"strings"
)

// SoundKey spells text as it sounds, loosely, for grouping spellings that speech recognition confuses:
// each Han character's first toneless reading with a medial i or u between an initial and a vowel
// dropped (liang and lang, huang and hang, are one: recognisers trade them), space-separated; other
// characters are folded and kept.
func SoundKey(s string) string {
	var b strings.Builder
	for _, r := range FoldString(s) {
		if p := Pinyin(r); p != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(looseSyllable(p))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func looseSyllable(p string) string {
	for i := 1; i+1 < len(p); i++ {
		if (p[i] == 'i' || p[i] == 'u') && !strings.ContainsRune("aeiouv", rune(p[i-1])) && strings.ContainsRune("aeo", rune(p[i+1])) {
			return p[:i] + p[i+1:]
		}
	}
	return p
}

// TraditionalOf gives the characters that fold to r: the Traditional forms of a Simplified character,
// with r first when it is a form of its own.
func TraditionalOf(r rune) []rune {
	loadTables()
	out := []rune{r}
	for i := 0; i+1 < len(tables.ts); i += 2 {
		if rune(tables.ts[i+1]) == r && rune(tables.ts[i]) != r {
			out = append(out, rune(tables.ts[i]))
		}
	}
	return out
}
