package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is a key term of an episode with how many times search finds it.
type Term struct {
	Text  string
	Count int
}

// KeyTerms picks an episode's k key terms: names and words that are frequent here and rare in general
// (TF-IDF: cut gives the words, idf their rarity by folded form, unknown words count as unknownIDF),
// English names included. Count is what a search for the term finds, exact or folded, so a chip's number
// matches its results. Natively cut and idf come from gse; in the browser from a Dict.
func KeyTerms(ix *Index, cut func(string) []string, idf func(string) (float64, bool), unknownIDF float64, k int) []Term {
	texts := ix.texts
	tf := map[string]int{}
	form := map[string]string{} // folded word -> the spelling seen most
	seen := map[string]map[string]int{}
	for _, text := range texts {
		for _, w := range cut(text) {
			if !keep(w) {
				continue
			}
			f := FoldString(w)
			tf[f]++
			if seen[f] == nil {
				seen[f] = map[string]int{}
			}
			seen[f][w]++
		}
	}
	for f, spellings := range seen {
		best, n := "", -1
		for w, c := range spellings {
			if c > n || c == n && w < best {
				best, n = w, c
			}
		}
		form[f] = best
	}
	type scored struct {
		f     string
		score float64
	}
	var all []scored
	for f, n := range tf {
		if n < 2 {
			continue
		}
		idf, ok := idf(f)
		if !ok {
			idf = unknownIDF * 0.8
		}
		w := form[f]
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			idf *= 1.2 // a name
		}
		all = append(all, scored{f, float64(n) * idf})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].f < all[j].f
	})
	var out []Term
	for _, sc := range all {
		if len(out) == k {
			break
		}
		count := 0
		for _, h := range ix.Search(`"`+form[sc.f]+`"`, Options{NoSoundsLike: true, NoSimilar: true}) {
			count += len(h.Spans)
		}
		out = append(out, Term{Text: form[sc.f], Count: count})
	}
	return out
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
