// Command gen writes the search package's compact tables from well-kept libraries, so that app.wasm
// carries a few tens of kilobytes instead of the libraries: ts.bin (Traditional to Simplified, character by
// character, from OpenCC's TSCharacters.txt) and pinyin.bin (toneless readings of every CJK character,
// from go-pinyin). Run by `go generate ./app/search`.
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

// writeTS writes pairs of little-endian uint32 (traditional, simplified), sorted, for every OpenCC
// character mapping whose two sides are single characters that differ.
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
	buf := make([]byte, 0, len(pairs)*8)
	for _, p := range pairs {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(p.t))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(p.s))
	}
	return os.WriteFile(out, buf, 0o644)
}

// writePinyin writes: a line of syllables separated by spaces, then for each code point from 0x3400 to
// 0x9FFF a count byte and that many little-endian uint16 syllable numbers (toneless, ü as v).
func writePinyin(out string) error {
	args := pinyin.NewArgs()
	args.Style = pinyin.Normal
	args.Heteronym = true
	ids := map[string]uint16{}
	var syllables []string
	var body []byte
	for r := rune(0x3400); r <= 0x9FFF; r++ {
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
		body = append(body, byte(len(readings)))
		for _, p := range readings {
			id, ok := ids[p]
			if !ok {
				id = uint16(len(syllables))
				ids[p] = id
				syllables = append(syllables, p)
			}
			body = binary.LittleEndian.AppendUint16(body, id)
		}
	}
	data := append([]byte(strings.Join(syllables, " ")+"\n"), body...)
	return os.WriteFile(out, data, 0o644)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
