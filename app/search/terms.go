package search

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is a key term of an episode with how many times search finds it.
type Term struct {
	Text  string
	Count int
	Page  string   `json:",omitempty"` // the term's name page, when the site has one (relative to the episode's page)
	Also  []string `json:",omitempty"` // other spellings counted with it (they sound alike)
}

// KeyTerms picks an episode's k key terms: the names and terms a listener would list, each whole.
// cut gives the words of Chinese text, idf their rarity in general by folded form (unknown words, which
// are mostly names, count as unknownIDF); Natively they come from gse, in the browser from a Dict.
//
//   - English names are runs of capitalised words ("Lex Fridman", "Raptor Engine") when the run comes
//     back, else their words; a hyphen keeps a word whole (Saint-Oléan). A word the transcript also
//     writes in lower case a quarter of the time or more is a common noun (podcast, founder), not a name.
//   - Chinese terms are gse's words joined where the transcript keeps them together: two neighbours
//     that come together at least three times, in most of the places the rarer of them is, become one
//     term (人形 + 機器人, 資料 + 中心, 黃 + 仁勳), three rounds; a word mostly said inside such a
//     term is not a term of its own.
//   - Generic words are out: a dictionary word more common in general than the GenericIDF line, which
//     is read off the idf table itself (see Generic), is no key term however often it is said.
//   - Spellings that sound alike (three Chinese characters or more, same readings) are one term, shown
//     in the spelling said most.
//
// Terms are weighed by how often they are said times how rare they are (TF-IDF), names a little more.
// Count is what a search for the term (and its alike spellings) finds, exact or folded, so a chip's
// number matches its results.
func KeyTerms(ix *Index, lx Lexicon, k int) []Term {
	cut, idf, unknownIDF := lx.Cut, lx.IDF, lx.Unknown
	generic := lx.Generic
	if generic == 0 {
		generic = unknownIDF * 0.67
	}
	rarity := func(f string) (float64, bool) {
		v, ok := idf(f)
		if !ok {
			return unknownIDF * 0.8, false
		}
		return v, true
	}
	var runs [][]string // the Han words of each run of Chinese text
	latin := map[string]*latinCount{}
	seqs := map[string]int{}
	for _, text := range ix.texts {
		scanTerms(text, func(han string) {
			runs = append(runs, cut(han))
		}, func(words []string) {
			for _, w := range words {
				lc := latin[strings.ToLower(w)]
				if lc == nil {
					lc = &latinCount{forms: map[string]int{}}
					latin[strings.ToLower(w)] = lc
				}
				lc.n++
				lc.forms[w]++
			}
			for _, seq := range capitalRuns(words) {
				seqs[strings.Join(seq, " ")]++
			}
		})
	}
	// English: runs said twice or more are terms, and take their words' places.
	type cand struct {
		text  string
		n     int
		idf   float64
		name  bool
		forms map[string]int
	}
	var cands []*cand
	inRun := map[string]int{}
	for seq, n := range seqs {
		if n < 2 {
			continue
		}
		cands = append(cands, &cand{text: seq, n: n, idf: unknownIDF * 0.8, name: true, forms: map[string]int{seq: n}})
		for _, w := range strings.Fields(seq) {
			inRun[strings.ToLower(w)] += n
		}
	}
	for lw, lc := range latin {
		lower := lc.forms[lw]
		if lower*4 >= lc.n && !strings.ContainsAny(lw, "0123456789") || !keepLatin(lw) || inRun[lw]*2 >= lc.n {
			continue // a common word, too short, or mostly said inside a name
		}
		v, _ := rarity(FoldString(lw))
		cands = append(cands, &cand{text: mostSaid(lc.forms), n: lc.n, idf: v, name: true, forms: lc.forms})
	}
	// Chinese: words joined where they keep together.
	said := map[string]int{}
	for _, r := range runs {
		for _, w := range r {
			said[w]++
		}
	}
	content := func(w string) bool {
		if utf8.RuneCountInString(w) >= 2 {
			return keep(w)
		}
		v, ok := idf(FoldString(w))
		return !ok || v >= generic*0.75
	}
	for range 3 {
		uni, bi := map[string]int{}, map[string]int{} // bi: "a\x00b"
		for _, r := range runs {
			for i, w := range r {
				uni[w]++
				if i > 0 {
					bi[r[i-1]+"\x00"+w]++
				}
			}
		}
		join := map[string]int{}
		for pair, n := range bi {
			a, b, _ := strings.Cut(pair, "\x00")
			if n >= 3 && float64(n) >= 0.6*float64(min(uni[a], uni[b])) && content(a) && content(b) && utf8.RuneCountInString(a+b) <= 8 {
				join[pair] = n
			}
		}
		if len(join) == 0 {
			break
		}
		for k, r := range runs {
			var out []string
			for _, w := range r {
				if n := len(out); n > 0 && join[out[n-1]+"\x00"+w] > 0 {
					out[n-1] += w
					continue
				}
				out = append(out, w)
			}
			runs[k] = out
		}
	}
	han := map[string]int{}
	for _, r := range runs {
		for _, w := range r {
			han[trimFunction(w, idf, generic, said)]++
		}
	}
	bySound := map[string]*cand{}
	for w, n := range han {
		if !keep(w) || said[w] > 0 && n*2 < said[w] || strings.ContainsRune(numerals, []rune(w)[0]) {
			continue // a piece, or a word mostly said inside a longer term
		}
		v, known := rarity(FoldString(w))
		if known && v < generic || !known && artefact(w, idf, generic) {
			continue
		}
		key := FoldString(w)
		if utf8.RuneCountInString(w) >= 3 {
			key = soundOf(foldText(w)).text
		}
		if c := bySound[key]; c != nil {
			c.n += n
			c.forms[w] += n
			c.idf = max(c.idf, v)
			continue
		}
		c := &cand{text: w, n: n, idf: v, forms: map[string]int{w: n}}
		bySound[key] = c
		cands = append(cands, c)
	}
	type scored struct {
		c     *cand
		score float64
	}
	all := make([]scored, 0, len(cands))
	for _, c := range cands {
		if c.n < 2 {
			continue
		}
		c.text = mostSaid(c.forms)
		w := c.idf
		if c.name {
			w *= 1.2
		}
		all = append(all, scored{c, float64(c.n) * w})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].c.text < all[j].c.text
	})
	var out []Term
	shown := map[string]bool{}
	for _, sc := range all {
		if len(out) == k {
			break
		}
		f := FoldString(sc.c.text)
		if shown[f] {
			continue
		}
		shown[f] = true
		t := Term{Text: sc.c.text, Count: termCount(ix, sc.c.forms)}
		for form := range sc.c.forms {
			if FoldString(form) != f {
				t.Also = append(t.Also, form)
			}
		}
		sort.Strings(t.Also)
		out = append(out, t)
	}
	return out
}

// numerals start what is a quantity, not a term (十萬個, 一大堆, 兩個人).
const numerals = "一二三四五六七八九十百千萬万億亿兩两幾几"

// artefact says whether an unknown two-character word is a function word stuck to a character by the
// cut (在講, 他講), not a term.
func artefact(w string, idf func(string) (float64, bool), generic float64) bool {
	rs := []rune(w)
	if len(rs) != 2 {
		return false
	}
	for _, r := range rs {
		if v, ok := idf(FoldString(string(r))); ok && v < generic/2 {
			return true
		}
	}
	return false
}

// trimFunction takes a function word (idf under half the generic line: 那, 在, 的) off either end of
// a word when what remains is a word said on its own elsewhere: the cut sometimes sticks one to a name
// (那馬斯克).
func trimFunction(w string, idf func(string) (float64, bool), generic float64, said map[string]int) string {
	rs := []rune(w)
	weak := func(r rune) bool {
		v, ok := idf(FoldString(string(r)))
		return ok && v < generic/2
	}
	if len(rs) > 2 && weak(rs[0]) && said[string(rs[1:])] > 0 {
		return string(rs[1:])
	}
	if len(rs) > 2 && weak(rs[len(rs)-1]) && said[string(rs[:len(rs)-1])] > 0 {
		return string(rs[:len(rs)-1])
	}
	return w
}

type latinCount struct {
	n     int
	forms map[string]int
}

// termCount is what searching a term's spellings finds, each place once.
func termCount(ix *Index, forms map[string]int) int {
	seen := map[[3]int]bool{}
	for form := range forms {
		for _, h := range ix.Search(`"`+form+`"`, Options{NoSoundsLike: true, NoSimilar: true}) {
			for _, s := range h.Spans {
				seen[[3]int{h.Segment, s.Start, s.End}] = true
			}
		}
	}
	return len(seen)
}

// mostSaid is the spelling said most (the first in order among equals).
func mostSaid(forms map[string]int) string {
	best, n := "", -1
	for w, c := range forms {
		if c > n || c == n && w < best {
			best, n = w, c
		}
	}
	return best
}

// Lexicon is what KeyTerms knows of the language: Cut gives the words of Chinese text, IDF a folded
// word's rarity in general, Unknown the rarity given a word IDF does not know, and Generic the line
// under which a dictionary word is too common to be a key term (GenericIDF; 0: two thirds of Unknown).
type Lexicon struct {
	Cut     func(string) []string
	IDF     func(string) (float64, bool)
	Unknown float64
	Generic float64
}

// GenericIDF reads the generic line off an idf table: the idf under which its commonest tenth of
// words lie. With gse's table that is 9.3: 資料 5.9, 科技 5.8, 人類 5.6, 訓練 6.6, 模型 6.8, 電腦 7.4,
// 步驟 8.1, 禮拜 8.5 and 訪談 9.2 are generic; 洗髮精 11.5, 特斯拉 11.0 and 麥肯錫 12.0 are not.
func GenericIDF(idfs []float64) float64 {
	if len(idfs) == 0 {
		return 0
	}
	s := slices.Clone(idfs)
	sort.Float64s(s)
	return s[len(s)/10]
}

// scanTerms splits text into runs of Han characters and runs of Latin words (letters and digits, with
// inner hyphens, apostrophes and dots), calling han and words for each.
func scanTerms(text string, han func(string), words func([]string)) {
	var ws []string
	flush := func() {
		if len(ws) > 0 {
			words(ws)
			ws = nil
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isHan(r):
			flush()
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !isHan(r2) {
					break
				}
				j += n2
			}
			han(text[i:j])
			i = j
		case latinLetter(r):
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if latinLetter(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '.' {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); latinLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			ws = append(ws, text[i:j])
			i = j
			// A run of words goes on over one space only.
			if i < len(text) && text[i] == ' ' {
				if r2, _ := utf8.DecodeRuneInString(text[i+1:]); latinLetter(r2) {
					i++
					continue
				}
			}
			flush()
		default:
			flush()
			i += n
		}
	}
	flush()
}

func latinLetter(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// capitalised says whether a word reads as part of a name: it starts with a capital letter, or is
// a model number (H100, B200).
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// capitalRuns gives the runs of two or more capitalised words in words.
func capitalRuns(words []string) [][]string {
	var out [][]string
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && capitalised(words[j]) {
			j++
		}
		if j-i >= 2 {
			out = append(out, words[i:j])
		}
		i = max(j, i+1)
	}
	return out
}

// keepLatin says whether an English word could be a key term: three letters or more (or a letter and
// digits: H100), not a function word, not a number.
func keepLatin(lw string) bool {
	letters, digits := 0, 0
	for _, r := range lw {
		if unicode.IsDigit(r) {
			digits++
		} else if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && (letters >= 3 || digits > 0 && letters+digits >= 3) && !stopEn[lw]
}

// keep drops what no listener looks for: single characters, numbers, fillers and English function words.
func keep(w string) bool {
	n := utf8.RuneCountInString(w)
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case n < 2:
		return false
	case unicode.Is(unicode.Han, r):
		return !stopZh[FoldString(w)]
	case unicode.IsLetter(r):
		return n >= 3 && !stopEn[strings.ToLower(w)]
	}
	return false
}

var stopZh = setOf(`这个 那个 我们 你们 他们 她们 它们 就是 然后 因为 所以 一个 觉得 什么 这样 这样子 可以 没有 大家 真的 非常
	知道 其实 现在 如果 的话 这边 那边 东西 时候 一些 这些 那些 还是 但是 而且 或者 或是 已经 应该 可能 比较 一直 所有 自己
	不是 还有 一样 怎么 那么 这么 之后 之前 以后 以前 今天 这次 开始 里面 出来 起来 一下 需要 基本上 事情 部分 感觉 一点
	我觉得 然后呢 那我 他们的 我们的 这种 那种 很多 一定 有点 只是 就算 不会 不要 虽然 甚至 只要 为什么 包括 特别 同时
	这里 那里 地方 问题 方式 意思 讲到 来说 看到 听到 说的 讲的 一次 两个 几个 主要 确实 其他 大概 不过 一起 真是 东西`)

var stopEn = setOf(`the and for that this with you are was but not have has had from they them his her its our your all any can
	will just like what when who how why there here than then been were into out about more most very also some such only`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// KeepTerm says whether a word is one a listener could look for (what KeyTerms weighs): two characters
// or more, not a number, a filler or an English function word.
func KeepTerm(w string) bool { return keep(w) }
