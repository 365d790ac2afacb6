package spell

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"tingo/app/search"
)

// Lexicon is what Suggest knows of the language.
type Lexicon struct {
	// Known says whether a spelling, as written, is a dictionary word (gse's natively).
	Known func(word string) bool
	// Homophones gives dictionary words that sound like a search.SoundKey, commonest first, in
	// Traditional characters when trad.
	Homophones func(key string, trad bool) []string
	// Words are names the podcaster knows the right spelling of (a word list, the feed's people).
	Words []string
	// Rank gives a folded term's place in the term index (1 the first), 0 when it is not there.
	Rank func(folded string) int
	// Common says whether a word is a function word (是, 的, 這個, 他們: gse's idf under half the
	// generic line): recognisers trading 是 and 時 is grammar, and a stretch that starts or ends with
	// one is a phrase, not a name.
	Common func(word string) bool
	// Cut gives the words of Chinese text (gse's natively).
	Cut func(text string) []string
}

// Group is a suggestion: spellings that probably name the same thing, and the one proposed as right.
type Group struct {
	Right  string
	Wrong  []string       // most said first
	Counts map[string]int // how often each spelling is said (the right one too; 0 when never)
	Why    string         // how the spellings were found alike, and where the right one comes from
	Score  float64
}

// Suggest finds groups of spellings in texts that probably name the same thing, most likely first:
//
//   - Chinese: stretches of three to six characters said with the same readings, loosely (search.SoundKey),
//     in two or more spellings. A stretch is taken whole: one that is always part of a longer alike
//     stretch is left for it (甘菊 for 洋甘菊), and one whose spellings differ only inside a shorter
//     group is left to that group (平衡陽肝菊 for 陽肝菊). Spellings that are two or more dictionary
//     words are different words that sound alike (他們, 她們), never a group.
//   - English: words (and runs of words) within the similar tier's distance, both said, that begin with
//     the same letter and differ elsewhere than in their last two letters (Harry and Larry are two
//     names, Attention and Attentions one word's forms); and any run within that distance of a name of
//     lx.Words.
//
// The right spelling is the group's one dictionary word; else a dictionary word that reads the same
// when none of the spellings is one (洋甘菊 for 陽肝菊, 陽竿菊, 羊肝菊); else a name of lx.Words; else the
// spelling said most. Groups are weighed by how often their wrong spellings are said, how long they are
// and how high the term index ranks them.
func Suggest(texts []string, lx Lexicon) []Group {
	known := lx.Known
	if known == nil {
		known = func(string) bool { return false }
	}
	rank := lx.Rank
	if rank == nil {
		rank = func(string) int { return 0 }
	}
	var out []Group
	out = append(out, hanGroups(texts, lx, known)...)
	out = append(out, latinGroups(texts, lx)...)
	for i := range out {
		g := &out[i]
		wrong := 0
		for _, w := range g.Wrong {
			wrong += g.Counts[w]
		}
		total := wrong + g.Counts[g.Right]
		best := 0
		for s := range g.Counts {
			if r := rank(search.FoldString(s)); r > 0 && (best == 0 || r < best) {
				best = r
			}
		}
		boost := 1.0
		if best > 0 {
			boost += float64(max(0, 50-best)) / 25 // 3x for the first term, 1x past the 50th
		}
		n := utf8.RuneCountInString(g.Right)
		g.Score = float64(wrong) * math.Sqrt(float64(total)) * math.Log2(float64(n)+1) * boost
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Right < out[j].Right
	})
	// Each spelling in one group only, the likelier's, so the list reads back as a spellings file.
	used := map[string]bool{}
	kept := out[:0]
	for _, g := range out {
		if used[search.FoldString(g.Right)] {
			continue
		}
		var wrong []string
		for _, w := range g.Wrong {
			if f := search.FoldString(w); !used[f] && f != search.FoldString(g.Right) && utf8.RuneCountInString(f) >= 2 {
				wrong = append(wrong, w)
			}
		}
		if len(wrong) == 0 {
			continue
		}
		g.Wrong = wrong
		used[search.FoldString(g.Right)] = true
		for _, w := range wrong {
			used[search.FoldString(w)] = true
		}
		kept = append(kept, g)
	}
	return kept
}

// hanGroups is Suggest's Chinese half.
func hanGroups(texts []string, lx Lexicon, known func(string) bool) []Group {
	const shortest, longest = 3, 6
	said := map[string]int{} // each stretch of 3 to 7 characters, as written
	for _, t := range texts {
		rs := []rune(t)
		for i := 0; i < len(rs); {
			if !isHan(rs[i]) {
				i++
				continue
			}
			j := i
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			for a := i; a < j; a++ {
				for n := shortest; n <= longest+1 && a+n <= j; n++ {
					said[string(rs[a:a+n])]++
				}
			}
			i = j
		}
	}
	groups := map[string]*hanGroup{}
	totals := map[string]int{}
	for s, c := range said {
		k := search.SoundKey(s)
		totals[k] += c
		if utf8.RuneCountInString(s) > longest {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &hanGroup{key: k, n: utf8.RuneCountInString(s), forms: map[string]int{}, shown: map[string]string{}}
			groups[k] = g
		}
		f := search.FoldString(s)
		g.forms[f] += c
		if old, ok := g.shown[f]; !ok || said[s] > said[old] || said[s] == said[old] && s < old {
			g.shown[f] = s
		}
		g.total += c
	}
	// Always part of a longer stretch: left for it.
	ext := map[string]int{}
	for k, c := range totals {
		syl := strings.Split(k, " ")
		if len(syl) <= shortest {
			continue
		}
		for _, sub := range []string{strings.Join(syl[1:], " "), strings.Join(syl[:len(syl)-1], " ")} {
			ext[sub] = max(ext[sub], c)
		}
	}
	common := lx.Common
	if common == nil {
		common = func(string) bool { return false }
	}
	var kept []*hanGroup
	for k, g := range groups {
		if len(g.forms) < 2 || float64(ext[k]) >= 0.95*float64(g.total) {
			continue // one spelling, or always part of a longer stretch
		}
		knownForms := 0
		for _, f := range g.shown {
			if known(f) {
				knownForms++
			}
		}
		if knownForms >= 2 || differAt(g.shown, common) || phrase(g, lx.Cut, common) {
			continue // different words that sound alike, grammar, or a phrase
		}
		kept = append(kept, g)
	}
	// Shorter first: a longer group whose spellings differ inside a kept shorter one said as often is
	// that one with its neighbours.
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].n != kept[j].n {
			return kept[i].n < kept[j].n
		}
		return kept[i].key < kept[j].key
	})
	survivors := map[string]*hanGroup{}
	var out []Group
	for _, g := range kept {
		if coveredBy(g, survivors) {
			continue
		}
		survivors[g.key] = g
		var forms []string
		knownForms := 0
		for _, f := range g.shown {
			forms = append(forms, f)
			if known(f) {
				knownForms++
			}
		}
		sort.Slice(forms, func(i, j int) bool {
			a, b := g.forms[search.FoldString(forms[i])], g.forms[search.FoldString(forms[j])]
			if a != b {
				return a > b
			}
			return forms[i] < forms[j]
		})
		counts := map[string]int{}
		for _, f := range forms {
			counts[f] = g.forms[search.FoldString(f)]
		}
		right, why := forms[0], "the spelling said most"
		for _, f := range forms {
			if known(f) {
				right, why = f, "the dictionary's word"
			}
		}
		if knownForms == 0 && lx.Homophones != nil {
			trad := false
			for _, f := range forms {
				trad = trad || traditional(f)
			}
			if hs := lx.Homophones(g.key, trad); len(hs) > 0 {
				right, why = hs[0], "a dictionary word that reads the same"
				counts[right] += 0
			}
		}
		var wrong []string
		for _, f := range forms {
			if f != right {
				wrong = append(wrong, f)
			}
		}
		out = append(out, Group{Right: right, Wrong: wrong, Counts: counts, Why: "same readings (" + g.key + "); " + why})
	}
	return out
}

// differAt says whether the spellings differ at a function word.
func differAt(shown map[string]string, common func(string) bool) bool {
	var forms [][]rune
	for _, s := range shown {
		forms = append(forms, []rune(s))
	}
	for _, pos := range differing(forms) {
		for _, f := range forms {
			if common(string(f[pos])) {
				return true
			}
		}
	}
	return false
}

// phrase says whether the group's most said spelling starts or ends with a function word, as cut.
func phrase(g *hanGroup, cut func(string) []string, common func(string) bool) bool {
	if cut == nil {
		return false
	}
	best, n := "", -1
	for f, c := range g.forms {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	ws := cut(g.shown[best])
	return len(ws) > 1 && (common(ws[0]) || common(ws[len(ws)-1]))
}

// differing gives the positions at which spellings of one length differ.
func differing(forms [][]rune) []int {
	var out []int
	if len(forms) == 0 {
		return nil
	}
	for i := range forms[0] {
		for _, f := range forms[1:] {
			if i < len(f) && f[i] != forms[0][i] {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// coveredBy says whether a group is a shorter kept group with its neighbours: a group said at least as
// often whose stretch lies inside this one's and holds a place where this one's spellings differ.
func coveredBy(g *hanGroup, kept map[string]*hanGroup) bool {
	syl := strings.Split(g.key, " ")
	var forms [][]rune
	for _, s := range g.shown {
		forms = append(forms, []rune(s))
	}
	diff := differing(forms)
	n := len(syl)
	for from := 0; from < n; from++ {
		for to := from + 3; to <= n; to++ {
			if to-from == n {
				continue
			}
			sub := kept[strings.Join(syl[from:to], " ")]
			if sub == nil || sub.total < g.total {
				continue
			}
			for _, d := range diff {
				if d >= from && d < to {
					return true
				}
			}
		}
	}
	return false
}

// hanGroup is a sound key and the spellings said with it.
type hanGroup struct {
	key   string
	n     int
	total int
	forms map[string]int    // folded spelling -> count
	shown map[string]string // folded spelling -> as written most
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// traditional says whether a spelling has a character Simplified writes otherwise.
func traditional(s string) bool {
	for _, r := range s {
		if f := []rune(search.FoldString(string(r))); len(f) == 1 && f[0] != r && isHan(r) {
			return true
		}
	}
	return false
}

// latinGroups is Suggest's English half.
func latinGroups(texts []string, lx Lexicon) []Group {
	said := map[string]int{} // folded word or run -> count
	shown := map[string]string{}
	for _, t := range texts {
		for _, run := range latinRuns(t) {
			for i, w := range run {
				addSaid(said, shown, w)
				for n := 2; n <= 3 && i+n <= len(run) && capital(run[i+n-1]) && capital(run[i]); n++ { // names: two or three capitalised words
					addSaid(said, shown, strings.Join(run[i:i+n], " "))
				}
			}
		}
	}
	keys := make([]string, 0, len(said))
	for k := range said {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Group
	used := map[string]bool{}
	// A name the podcaster knows, and what the transcripts say within its distance.
	for _, name := range lx.Words {
		nf := search.FoldString(name)
		counts := map[string]int{name: said[nf]}
		var wrong []string
		for _, k := range keys {
			if k != nf && alike(nf, k) {
				wrong = append(wrong, shown[k])
				counts[shown[k]] = said[k]
				used[k] = true
			}
		}
		if len(wrong) > 0 {
			sortBySaid(wrong, counts)
			out = append(out, Group{Right: name, Wrong: wrong, Counts: counts, Why: "within the similar tier's distance of a name of the word list"})
		}
	}
	// Two spellings both said. Candidates share a spelling with one or two letters deleted (each run's
	// words, each word at most two deletions): no pair of words is compared unless they could be alike.
	byDel := map[string][]string{}
	dels := make([][]string, len(keys))
	for i, k := range keys {
		dels[i] = deletions(k)
		for _, d := range dels[i] {
			byDel[d] = append(byDel[d], k)
		}
	}
	for i, a := range keys {
		if used[a] {
			continue
		}
		var best string
		for _, d := range dels[i] {
			if len(byDel[d]) > maxShared {
				continue // a shape too many words have to tell anything: no evidence, and no quadratic path
			}
			for _, b := range byDel[d] {
				if b > a && !used[b] && (best == "" || b < best) && alike(a, b) {
					best = b
				}
			}
		}
		if best == "" {
			continue
		}
		b := best
		right, wrong := shown[a], shown[b]
		if said[b] > said[a] {
			right, wrong = wrong, right
		}
		used[a], used[b] = true, true
		out = append(out, Group{Right: right, Wrong: []string{wrong}, Counts: map[string]int{shown[a]: said[a], shown[b]: said[b]},
			Why: "within the similar tier's distance; the spelling said most"})
	}
	return out
}

// maxShared is how many spellings may share a deletion for it to pair them.
const maxShared = 32

// deletions gives a folded word or run with up to two of its letters deleted (one for words under seven
// letters), itself included: two spellings within the similar tier's distance share one. A run's
// deletions are in one word at a time; words under five letters are kept whole.
func deletions(s string) []string {
	words := strings.Fields(s)
	out := []string{s}
	for i, w := range words {
		rs := []rune(w)
		if len(rs) < 5 || len(rs) > 40 {
			continue
		}
		var one []string
		for k := range rs {
			one = append(one, string(rs[:k])+string(rs[k+1:]))
		}
		vs := one
		if len(rs) >= 7 {
			for _, o := range one {
				ro := []rune(o)
				for k := range ro {
					vs = append(vs, string(ro[:k])+string(ro[k+1:]))
				}
			}
		}
		for _, v := range vs {
			ws := append(append(append([]string{}, words[:i]...), v), words[i+1:]...)
			out = append(out, strings.Join(ws, " "))
		}
	}
	return out
}

func capital(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func addSaid(said map[string]int, shown map[string]string, w string) {
	f := search.FoldString(w)
	said[f]++
	if _, ok := shown[f]; !ok {
		shown[f] = w
	}
}

func sortBySaid(ws []string, counts map[string]int) {
	sort.SliceStable(ws, func(i, j int) bool { return counts[ws[i]] > counts[ws[j]] })
}

// alike says whether two folded English words or runs are within the similar tier's distance (1 from
// five letters, 2 from seven, per word, the same number of words), begin alike and differ elsewhere
// than in their last two letters: Harry and Larry are two names, attention and attentions one word.
func alike(a, b string) bool {
	aw, bw := strings.Fields(a), strings.Fields(b)
	if len(aw) != len(bw) || a == b {
		return false
	}
	for i := range aw {
		x, y := []rune(aw[i]), []rune(bw[i])
		if string(x) == string(y) {
			continue
		}
		n := min(len(x), len(y))
		if n < 5 || !allLetters(x) || !allLetters(y) {
			return false
		}
		limit := 1
		if n >= 7 {
			limit = 2
		}
		if search.EditDistance(x, y, limit) > limit {
			return false
		}
		if string(x[:n-2]) == string(y[:n-2]) || x[0] != y[0] { // word forms (attention, attentions); rhymes (Harry, Larry)
			return false
		}
	}
	return true
}

func allLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) || r >= 0x2E80 {
			return false
		}
	}
	return true
}

// latinRuns gives the runs of Latin words of a text (words joined by single spaces or hyphens count as
// one run; a hyphen keeps a word whole).
func latinRuns(t string) [][]string {
	var out [][]string
	var run []string
	rs := []rune(t)
	letter := func(r rune) bool { return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	for i := 0; i < len(rs); {
		if !letter(rs[i]) {
			if !(rs[i] == ' ' && len(run) > 0 && i+1 < len(rs) && letter(rs[i+1])) {
				if len(run) > 0 {
					out = append(out, run)
				}
				run = nil
			}
			i++
			continue
		}
		j := i
		for j < len(rs) && (letter(rs[j]) || (rs[j] == '-' || rs[j] == '\'') && j+1 < len(rs) && letter(rs[j+1])) {
			j++
		}
		run = append(run, string(rs[i:j]))
		i = j
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

// Write writes groups in the spellings file's format, each after a comment with its counts, so the
// podcaster can edit the list and keep it.
func Write(w io.Writer, groups []Group) error {
	for i, g := range groups {
		var counts []string
		for _, s := range append([]string{g.Right}, g.Wrong...) {
			counts = append(counts, fmt.Sprintf("%s %d", s, g.Counts[s]))
		}
		if _, err := fmt.Fprintf(w, "# %d. %s; %s\n%s\t%s\n", i+1, strings.Join(counts, ", "), g.Why, g.Right, strings.Join(g.Wrong, "\t")); err != nil {
			return err
		}
	}
	return nil
}
