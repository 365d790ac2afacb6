// Command gen writes the script tables web/script/t2s.txt and web/script/s2t.txt from OpenCC's
// dictionaries (github.com/longbridgeapp/opencc's copy, Apache-2.0), in package script's format.
//
//   - t2s: TSPhrases, then TSCharacters.
//   - s2t: STPhrases, then STCharacters, each result in Taiwan's variant characters (TWVariants), as
//     OpenCC's s2tw does.
//
// Where OpenCC gives several candidates the first is taken, as OpenCC does. Entries are kept only when
// they keep the text's length (see package script); a phrase is kept only when it converts otherwise
// than its characters would one by one, so the table holds what the characters cannot say.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

func main() {
	out := flag.String("o", "web/script", "folder to write t2s.txt and s2t.txt into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	b, err := exec.Command("go", "mod", "download", "-json", "github.com/longbridgeapp/opencc").Output()
	if err != nil {
		return fmt.Errorf("find opencc: %w", err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(b, &m); err != nil || m.Dir == "" {
		return fmt.Errorf("find opencc: %v", err)
	}
	dict := func(name string) (map[string]string, error) { return read(filepath.Join(m.Dir, "dictionary", name)) }
	tsc, err := dict("TSCharacters.txt")
	if err != nil {
		return err
	}
	tsp, err := dict("TSPhrases.txt")
	if err != nil {
		return err
	}
	stc, err := dict("STCharacters.txt")
	if err != nil {
		return err
	}
	stp, err := dict("STPhrases.txt")
	if err != nil {
		return err
	}
	tw, err := dict("TWVariants.txt")
	if err != nil {
		return err
	}
	variant := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if v, ok := tw[string(r)]; ok {
				b.WriteString(v)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for k, v := range stc {
		stc[k] = variant(v)
	}
	for k, v := range stp {
		stp[k] = variant(v)
	}
	for k, v := range tw { // a Simplified character OpenCC leaves, in Taiwan's form
		if _, ok := stc[k]; !ok {
			stc[k] = v
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := write(filepath.Join(out, "t2s.txt"), "Traditional → Simplified", tsc, tsp); err != nil {
		return err
	}
	return write(filepath.Join(out, "s2t.txt"), "Simplified → Traditional (Taiwan's variants)", stc, stp)
}

// read reads an OpenCC dictionary: "FROM\tTO [TO...]" lines; the first candidate is kept.
func read(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		from, to, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		if to = strings.Fields(to)[0]; from != "" && to != "" {
			m[from] = to
		}
	}
	return m, sc.Err()
}

// same says a and b have the same length in runes and in bytes.
func same(a, b string) bool {
	return len(a) == len(b) && utf8.RuneCountInString(a) == utf8.RuneCountInString(b)
}

func write(path, what string, chars, phrases map[string]string) error {
	keep := map[string]string{}
	dropped := 0
	for k, v := range chars {
		if utf8.RuneCountInString(k) != 1 || k == v {
			continue
		}
		if !same(k, v) {
			dropped++
			continue
		}
		keep[k] = v
	}
	byChars := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if v, ok := keep[string(r)]; ok {
				b.WriteString(v)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	np := 0
	for k, v := range phrases {
		if utf8.RuneCountInString(k) < 2 {
			continue
		}
		if !same(k, v) {
			dropped++
			continue
		}
		if byChars(k) != v {
			keep[k] = v
			np++
		}
	}
	keys := make([]string, 0, len(keep))
	for k := range keep {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %d characters, %d phrases, from OpenCC (Apache-2.0) by app/script/internal/gen; %d entries that change a text's length left out\n", what, len(keep)-np, np, dropped)
	for _, k := range keys {
		b.WriteString(k + " " + keep[k] + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
