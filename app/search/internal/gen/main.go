// Command gen writes the search package's compact tables from well-kept libraries, so that app.wasm
// carries a few tens of kilobytes instead of the libraries: ts.bin (Traditional to Simplified, character by
// character, from OpenCC's TSCharacters.txt) and pinyin.bin (toneless readings of every character of the
// CJK Unified Ideographs block, from go-pinyin). Run by `go generate ./app/search`.
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	// opencc is read as data (its dictionary files); imported so go.mod keeps it.
	_ "github.com/longbridgeapp/opencc"
	"github.com/mozillazg/go-pinyin"
)

func main() {
	if err := writeTS("ts.bin"); err != nil {
		log.Fatal(err)
	}
	if err := writePinyin("pinyin.bin"); err != nil {
		log.Fatal(err)
	}
}

// writeTS writes, for every OpenCC character mapping whose two sides are single characters that differ,
// sorted by the Traditional one: the Traditional character as a uvarint difference from the one before,
// and the Simplified one as a varint difference from it (9 KB brotli, where plain uint32 pairs were 12).
func writeTS(out string) error {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/longbridgeapp/opencc").Output()
	if err != nil {
		return fmt.Errorf("locate opencc: %w", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(dir)), "dictionary", "TSCharacters.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	type pair struct{ t, s rune }
	var pairs []pair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || utf8.RuneCountInString(fields[0]) != 1 || utf8.RuneCountInString(fields[1]) != 1 {
			continue
		}
		t, _ := utf8.DecodeRuneInString(fields[0])
		s, _ := utf8.DecodeRuneInString(fields[1])
		if t != s {
			pairs = append(pairs, pair{t, s})
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].t < pairs[j].t })
	var buf []byte
	prev := rune(0)
	for _, p := range pairs {
		buf = binary.AppendUvarint(buf, uint64(p.t-prev))
		buf = binary.AppendVarint(buf, int64(p.s-p.t))
		prev = p.t
	}
	return os.WriteFile(out, buf, 0o644)
}

// writePinyin writes: a line of syllables separated by spaces, the most read first; then for each code
// point from 0x4E00 to 0x9FFF a byte, how many readings it has (up to four); then all the readings in
// that order, each a syllable's number as one byte, or 255 and the number less 255 for the rarer
// syllables (toneless, ü as v). Laid out for brotli: 33 KB (41 KB from U+3400), where a count and
// uint16s per character from U+3400 were 47. Extension A (U+3400-U+4DBF) is left out: see
// search.pinyinFirst.
func writePinyin(out string) error {
	args := pinyin.NewArgs()
	args.Style = pinyin.Normal
	args.Heteronym = true
	var all [][]string
	freq := map[string]int{}
	for r := rune(0x4E00); r <= 0x9FFF; r++ { // search.pinyinFirst, pinyinLast
		var readings []string
		if _, ok := pinyin.PinyinDict[int(r)]; ok {
			for _, p := range pinyin.SinglePinyin(r, args) {
				p = strings.ReplaceAll(p, "ü", "v")
				if p != "" && !contains(readings, p) {
					readings = append(readings, p)
				}
			}
		}
		if len(readings) > 4 {
			readings = readings[:4]
		}
		for _, p := range readings {
			freq[p]++
		}
		all = append(all, readings)
	}
	var syllables []string
	for p := range freq {
		syllables = append(syllables, p)
	}
	sort.Slice(syllables, func(i, j int) bool {
		if freq[syllables[i]] != freq[syllables[j]] {
			return freq[syllables[i]] > freq[syllables[j]]
		}
		return syllables[i] < syllables[j]
	})
	if len(syllables) > 255+256 {
		return fmt.Errorf("%d syllables: more than the format's 511", len(syllables))
	}
	ids := map[string]int{}
	for i, p := range syllables {
		ids[p] = i
	}
	counts := make([]byte, 0, len(all))
	var body []byte
	for _, readings := range all {
		counts = append(counts, byte(len(readings)))
		for _, p := range readings {
			if id := ids[p]; id < 255 {
				body = append(body, byte(id))
			} else {
				body = append(body, 255, byte(id-255))
			}
		}
	}
	data := append([]byte(strings.Join(syllables, " ")+"\n"), counts...)
	return os.WriteFile(out, append(data, body...), 0o644)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
