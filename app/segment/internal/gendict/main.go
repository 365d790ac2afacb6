// Command gendict writes the word list the browser cuts Chinese with (web/dict/zh.txt): gse's most frequent
// words, Simplified and Traditional, plus every word gse finds in the transcripts named, however rare
// (cutting by frequency alone loses 馬斯克 and 人工智慧). Run by `make dict`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"tingo/app/segment"
	"tingo/app/transcript"
)

func main() {
	out := flag.String("o", "web/dict/zh.txt", "output file")
	n := flag.Int("n", 60000, "how many of gse's most frequent words to keep")
	flag.Parse()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		log.Fatalf("locate gse: %v", err)
	}
	freq := map[string]float64{}
	for _, name := range []string{"s_1.txt", "t_1.txt"} {
		if err := readGse(filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", name), freq); err != nil {
			log.Fatal(err)
		}
	}
	type wf struct {
		w string
		f float64
	}
	var all []wf
	for w, f := range freq {
		all = append(all, wf{w, f})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].f > all[j].f || all[i].f == all[j].f && all[i].w < all[j].w })
	keep := map[string]float64{}
	for _, x := range all[:min(*n, len(all))] {
		keep[x.w] = x.f
	}
	seg, err := segment.New()
	if err != nil {
		log.Fatal(err)
	}
	added := 0
	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		t, _, err := transcript.Parse(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		for _, s := range t.Segments {
			for _, w := range seg.Cut(s.Text) {
				if _, ok := keep[w]; !ok && len([]rune(w)) > 1 {
					keep[w] = max(freq[w], 3)
					added++
				}
			}
		}
	}
	words := make([]string, 0, len(keep))
	for w := range keep {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	fmt.Fprintf(&b, "# tingo word list: gse's %d most frequent words and %d from known transcripts. Made by make dict.\n", *n, added)
	for _, w := range words {
		b.WriteString(w + " " + strconv.FormatFloat(keep[w], 'f', -1, 64) + "\n")
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d words, %d bytes\n", *out, len(words), b.Len())
}

// readGse reads gse's "word frequency part-of-speech" lines.
func readGse(path string, freq map[string]float64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		if v, err := strconv.ParseFloat(fields[1], 64); err == nil && v > 0 {
			freq[fields[0]] = max(freq[fields[0]], v)
		}
	}
	return sc.Err()
}
