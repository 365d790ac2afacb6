package chapters

import (
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tingo/app/search"
	"tingo/app/transcript"
)

// Lexicon is what Suggest needs of a language: words, and how telling each is. Natively it is gse's
// (app/segment); tests may pass a simpler one.
type Lexicon struct {
	Cut     func(text string) []string
	IDF     func(folded string) (float64, bool)
	Unknown float64 // the idf of a word IDF does not know
	Generic float64 // the idf under which a word is too common to title a chapter (search.Lexicon)
}

// SuggestOptions tunes Suggest; the zero value is the documented method.
type SuggestOptions struct {
	Window  time.Duration // each side of a candidate boundary (default 120 s)
	Step    time.Duration // between candidates (default 5 s)
	MinGap  time.Duration // between two boundaries (default 120 s)
	Average time.Duration // the chapter length aimed at: the count is duration / Average (default 330 s)
}

func (o *SuggestOptions) defaults() {
	if o.Window <= 0 {
		o.Window = 120 * time.Second
	}
	if o.Step <= 0 {
		o.Step = 5 * time.Second
	}
	if o.MinGap <= 0 {
		o.MinGap = 120 * time.Second
	}
	if o.Average <= 0 {
		o.Average = 330 * time.Second
	}
}

// unit is a phrase of a segment: the text between spaces (ASR output puts one between phrases) or
// sentence ends, with its start estimated from its share of the segment (or its first word's time).
type unit struct {
	start time.Duration
	text  string
	terms []string // folded content words
}

// cues open a new subject in talk: a boundary near a phrase that starts with one scores higher. They are
// the turns hosts use (接下來 "next", 我們回到 "back to", 好那我們 "OK, so we…", 最後一個 "the last…", and the
// English ones), not words of any one show.
var cues = []string{
	"接下來", "接下来", "那接下來", "那接下来", "我們回到", "我们回到", "我們再回到", "我们再回到", "再回到", "好那我們", "好那我们", "好的那我們", "好的那我们",
	"那我們今天", "那我们今天", "最後一個", "最后一个", "講到這邊", "讲到这边", "另外一個話題", "另外一个话题", "下一個話題", "下一个话题",
	"那有一些", "首先第一點", "首先第一点", "我們先來", "我们先来", "好那", "好的那",
	"moving on", "next up", "let's talk about", "back to", "now let's", "our next", "turning to",
}

// closers end a subject: a boundary just after a phrase that holds one scores higher.
var closers = []string{
	"就講到這邊", "就讲到这边", "就到這邊結束", "就到这边结束", "就到這邊", "就到这边", "的部分我們就講到這邊", "講完了", "讲完了",
	"that's it for", "wrap up",
}

// Sponsor words: strong ones say a read is paid for; weak ones are its call to action.
var (
	sponsorStrong = []string{"贊助", "赞助", "業配", "业配", "優惠碼", "优惠码", "折扣碼", "折扣码", "sponsored by", "promo code", "brought to you by", "our sponsor", "this episode is sponsored"}
	sponsorWeak   = []string{"折扣", "點擊連結", "点击链接", "連結", "链接", "資訊欄", "资讯栏", "說明欄", "说明栏", "贈品", "赠品", "優惠", "优惠", "合作", "link in the", "show notes", "discount", "coupon", "offer code"}
)

// Suggest proposes chapters for a transcript without any. The method (TextTiling, Hearst 1997, with cue
// phrases and sponsor reads):
//
//  1. The text is cut into phrases, each timed by its share of its segment; each phrase's content words
//     (lex.Cut, two characters or more, weighted by idf: a word said everywhere weighs little).
//  2. Every Step, the words of the Window before are compared with those of the Window after (cosine of
//     idf-weighted counts). Where the talk changes subject the two sides share few words: the depth of
//     each dip below the highest similarity on either side is its score, raised where a phrase just
//     after opens with a cue (接下來, 我們回到, 好那我們, "moving on"; also behind fillers such as 那,
//     好, OK, "so": 那我們回到) or one just before closes one (就講到這邊).
//  3. The deepest dips are kept, at least MinGap apart, duration/Average of them (at least one), and each
//     moves to the start of the phrase nearest it (a cue phrase when one is within 30 s).
//  4. Sponsor reads are found apart: phrases with a sponsor word (贊助, 業配, 優惠碼, "sponsored by", "promo
//     code"…) close together make a read from the first to the end of the last; a later phrase naming
//     the read's own product words with a call to action (連結, 資訊欄, "link in the…") is another. Each read
//     is a chapter marked Sponsor; topic boundaries inside one are dropped.
//  5. Each chapter is titled with its two or three key terms (search.KeyTerms over its text).
func Suggest(t *transcript.Transcript, lex Lexicon, o SuggestOptions) []Chapter {
	o.defaults()
	if t == nil || len(t.Segments) == 0 {
		return nil
	}
	units := phrases(t, lex)
	if len(units) == 0 {
		return nil
	}
	total := t.Duration()
	reads := sponsorReads(units, total)
	bounds := topicBounds(units, total, lex, o)
	// Merge: the reads' edges are boundaries; topic boundaries inside a read, or within MinGap/3 of its
	// edges, are dropped.
	var marks []mark
	for _, r := range reads {
		marks = append(marks, mark{at: r[0], sponsor: true}, mark{at: r[1]})
	}
	for _, b := range bounds {
		keep := true
		for _, r := range reads {
			if b > r[0]-o.MinGap/3 && b < r[1]+o.MinGap/3 {
				keep = false
			}
		}
		if keep {
			marks = append(marks, mark{at: b})
		}
	}
	marks = append(marks, mark{at: 0})
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	// One mark per time; a read's start wins over a plain boundary there; nothing at the very end.
	var out []Chapter
	for _, m := range marks {
		if m.at >= total-5*time.Second {
			continue
		}
		if len(out) > 0 && m.at-out[len(out)-1].Start < 5*time.Second {
			out[len(out)-1].Sponsor = out[len(out)-1].Sponsor || m.sponsor
			continue
		}
		out = append(out, Chapter{Start: m.at.Round(time.Second), Sponsor: m.sponsor})
	}
	ends := Ends(out, total)
	var sponsorTitle string // every sponsor read is named after the first: a short reminder says too little
	for i := range out {
		out[i].Title = title(units, out[i].Start, ends[i], lex, out[i].Sponsor)
		if out[i].Sponsor {
			if sponsorTitle == "" {
				sponsorTitle = out[i].Title
			}
			out[i].Title = sponsorTitle
		}
	}
	return out
}

type mark struct {
	at      time.Duration
	sponsor bool
}

// phrases cuts the transcript into timed phrases with their content words.
func phrases(t *transcript.Transcript, lex Lexicon) []unit {
	var out []unit
	for _, s := range t.Segments {
		text := s.Text
		n := utf8.RuneCountInString(text)
		if n == 0 {
			continue
		}
		var offs []int
		if len(s.Words) > 0 {
			offs = transcript.WordOffsets(text, s.Words)
		}
		start, startRune := 0, 0
		flush := func(end int) {
			p := strings.TrimSpace(text[start:end])
			if p == "" {
				return
			}
			at := s.Start + time.Duration(float64(s.End-s.Start)*float64(startRune)/float64(n))
			for j, off := range offs {
				if off >= start {
					at = s.Words[j].Start
					break
				}
			}
			out = append(out, unit{start: at, text: p, terms: contentWords(p, lex)})
		}
		i := 0
		for off, r := range text {
			i++
			if unicode.IsSpace(r) || strings.ContainsRune("。！？!?；;", r) {
				flush(off)
				start, startRune = off+utf8.RuneLen(r), i
			}
		}
		flush(len(text))
	}
	// phrase starts were estimated per segment: keep them in order
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func contentWords(text string, lex Lexicon) []string {
	if lex.Cut == nil {
		return nil
	}
	var out []string
	for _, w := range lex.Cut(text) {
		if search.KeepTerm(w) {
			out = append(out, search.FoldString(w))
		}
	}
	return out
}

func (lex Lexicon) idf(w string) float64 {
	if lex.IDF != nil {
		if v, ok := lex.IDF(w); ok {
			return v
		}
	}
	if lex.Unknown > 0 {
		return lex.Unknown * 0.8
	}
	return 1
}

// topicBounds is steps 2 and 3 of Suggest.
func topicBounds(units []unit, total time.Duration, lex Lexicon, o SuggestOptions) []time.Duration {
	if total < 2*o.Window {
		return nil
	}
	// Document frequency inside the episode: a word in most phrase windows is the episode's subject, not
	// a topic's.
	idf := map[string]float64{}
	for _, u := range units {
		for _, w := range u.terms {
			if _, ok := idf[w]; !ok {
				idf[w] = lex.idf(w)
			}
		}
	}
	var gaps []time.Duration
	for g := o.Window; g <= total-o.Window; g += o.Step {
		gaps = append(gaps, g)
	}
	sims := make([]float64, len(gaps))
	// Two sliding windows over the sorted phrases: each phrase enters and leaves each once.
	left, right := map[string]float64{}, map[string]float64{}
	lo, mid, hi := 0, 0, 0 // left = units[lo:mid], right = units[mid:hi]
	add := func(m map[string]float64, u unit, sign float64) {
		for _, w := range u.terms {
			m[w] += sign * idf[w]
			if m[w] < 1e-9 {
				delete(m, w)
			}
		}
	}
	for i, g := range gaps {
		for hi < len(units) && units[hi].start < g+o.Window {
			add(right, units[hi], 1)
			hi++
		}
		for mid < hi && units[mid].start < g {
			add(right, units[mid], -1)
			add(left, units[mid], 1)
			mid++
		}
		for lo < mid && units[lo].start < g-o.Window {
			add(left, units[lo], -1)
			lo++
		}
		sims[i] = cosine(left, right)
	}
	sims = smooth(sims, 2)
	// Depth of every dip, plus the cue bonus.
	type cand struct {
		at    time.Duration
		score float64
	}
	var cands []cand
	for i := range sims {
		if i > 0 && sims[i] > sims[i-1] || i+1 < len(sims) && sims[i] > sims[i+1] {
			continue // not a local minimum
		}
		lp, rp := sims[i], sims[i]
		for j := i - 1; j >= 0 && sims[j] >= sims[j+1]; j-- {
			lp = sims[j]
		}
		for j := i + 1; j < len(sims) && sims[j] >= sims[j-1]; j++ {
			rp = sims[j]
		}
		d := (lp - sims[i]) + (rp - sims[i])
		at, cue := snap(units, gaps[i])
		if cue {
			d += cueBonus
		}
		cands = append(cands, cand{at, d})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	want := max(1, int(math.Round(float64(total)/float64(o.Average)))-1)
	var out []time.Duration
	for _, c := range cands {
		if len(out) == want {
			break
		}
		ok := c.at >= o.MinGap/2 && c.at <= total-o.MinGap/2
		for _, b := range out {
			if absDur(c.at-b) < o.MinGap {
				ok = false
			}
		}
		if ok {
			out = append(out, c.at)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// cueBonus is what a cue phrase adds to a dip's depth (depths run 0 to about 0.7).
const cueBonus = 0.3

// snap moves a boundary to the start of a phrase: the nearest that opens with a cue (or follows one that
// closes a subject) within 30 s, else the nearest phrase start.
func snap(units []unit, g time.Duration) (time.Duration, bool) {
	i := sort.Search(len(units), func(i int) bool { return units[i].start >= g })
	best, bestD := g, time.Duration(math.MaxInt64)
	for j := max(0, i-1); j <= i && j < len(units); j++ {
		if d := absDur(units[j].start - g); d < bestD {
			best, bestD = units[j].start, d
		}
	}
	cue, cueD := time.Duration(0), time.Duration(math.MaxInt64)
	from := sort.Search(len(units), func(j int) bool { return units[j].start >= g-30*time.Second })
	for j := from; j < len(units) && units[j].start <= g+30*time.Second; j++ {
		// the nearest cue; of two as near, the one after g
		if d := absDur(units[j].start - g); isCue(units, j) && (d < cueD || d == cueD && cue < g) {
			cue, cueD = units[j].start, d
		}
	}
	if cueD <= 30*time.Second {
		return cue, true
	}
	return best, false
}

func isCue(units []unit, j int) bool {
	if hasPrefixAny(trimFillers(units[j].text), cues) {
		return true
	}
	return j > 0 && countAny(units[j-1].text, closers) > 0
}

// fillers are what a speaker says before a turn (那, 好, OK, 所以): a cue counts behind them too.
var fillers = []string{"那", "好的", "好", "ok", "okay", "嗯", "所以", "然後", "然后", "so", "and", "well", "all right", "alright"}

// trimFillers drops up to three fillers (and the spaces and commas after them) from the start of s.
func trimFillers(s string) string {
	for range 3 {
		if hasPrefixAny(s, cues) {
			return s // 好那 is a cue itself
		}
		f := fillerAt(s)
		if f == 0 {
			return s
		}
		s = strings.TrimLeft(s[f:], " ,，、")
	}
	return s
}

// fillerAt is the length of the filler s starts with, or 0.
func fillerAt(s string) int {
	low := strings.ToLower(s)
	for _, f := range fillers {
		if !strings.HasPrefix(low, f) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[len(f):]); f[0] < utf8.RuneSelf && unicode.IsLetter(r) {
			continue // "so" in "someone" is no filler
		}
		return len(f)
	}
	return 0
}

func hasPrefixAny(s string, list []string) bool {
	low := strings.ToLower(s)
	for _, c := range list {
		if strings.HasPrefix(low, c) {
			return true
		}
	}
	return false
}

func countAny(s string, list []string) int {
	low := strings.ToLower(s)
	n := 0
	for _, c := range list {
		n += strings.Count(low, c)
	}
	return n
}

func cosine(a, b map[string]float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var dot, na, nb float64
	for w, x := range a {
		na += x * x
		dot += x * b[w]
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func smooth(v []float64, r int) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		sum, n := 0.0, 0
		for j := max(0, i-r); j <= min(len(v)-1, i+r); j++ {
			sum += v[j]
			n++
		}
		out[i] = sum / float64(n)
	}
	return out
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// sponsorReads is step 4 of Suggest: [start, end) of each sponsor read.
func sponsorReads(units []unit, total time.Duration) [][2]time.Duration {
	const gap = 150 * time.Second
	var reads [][2]time.Duration
	var product map[string]int // the content words of the reads found so far
	for i := 0; i < len(units); {
		if countAny(units[i].text, sponsorStrong) == 0 {
			i++
			continue
		}
		// A read: strong or weak sponsor words at most gap apart, with two strong ones or a strong and a
		// weak one in all.
		first, last, strong, weak := i, i, 0, 0
		for j := i; j < len(units) && units[j].start-units[last].start <= gap; j++ {
			s, w := countAny(units[j].text, sponsorStrong), countAny(units[j].text, sponsorWeak)
			if s+w > 0 {
				last = j
				strong += s
				weak += w
			}
		}
		if strong >= 2 || strong >= 1 && weak >= 1 {
			reads = append(reads, [2]time.Duration{units[first].start, unitEnd(units, last, total)})
			if product == nil {
				product = map[string]int{}
			}
			for _, u := range units[first : last+1] {
				for _, w := range u.terms {
					product[w]++
				}
			}
		}
		i = last + 1
	}
	if product == nil {
		return reads
	}
	// The read's own words: those said at least three times in it and rarely elsewhere.
	elsewhere := map[string]int{}
	for _, u := range units {
		if inReads(u.start, reads) {
			continue
		}
		for _, w := range u.terms {
			elsewhere[w]++
		}
	}
	own := map[string]bool{}
	for w, n := range product {
		if n >= 3 && elsewhere[w]*4 < n {
			own[w] = true
		}
	}
	// A later mention: a call to action with two of the read's own words within the phrases around it.
	for i := 0; i < len(units); i++ {
		if inReads(units[i].start, reads) || countAny(units[i].text, sponsorWeak)+countAny(units[i].text, sponsorStrong) == 0 {
			continue
		}
		first, last := -1, i
		hits := 0
		for j := i; j >= 0 && units[i].start-units[j].start <= 45*time.Second && !inReads(units[j].start, reads); j-- {
			n := 0
			for _, w := range units[j].terms {
				if own[w] {
					n++
				}
			}
			if n > 0 {
				first = j
				hits += n
			}
		}
		if first >= 0 && hits >= 2 {
			reads = append(reads, [2]time.Duration{units[first].start, unitEnd(units, last, total)})
			i = last
		}
	}
	sort.Slice(reads, func(i, j int) bool { return reads[i][0] < reads[j][0] })
	return reads
}

func inReads(at time.Duration, reads [][2]time.Duration) bool {
	for _, r := range reads {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// unitEnd is where phrase i ends: the next phrase's start, or the end.
func unitEnd(units []unit, i int, total time.Duration) time.Duration {
	if i+1 < len(units) {
		return units[i+1].start
	}
	return total
}

// title names a chapter by the key terms of its text.
func title(units []unit, from, to time.Duration, lex Lexicon, sponsor bool) string {
	var texts []string
	for _, u := range units {
		if u.start >= from && u.start < to {
			texts = append(texts, u.text)
		}
	}
	var words []string
	if lex.Cut != nil {
		idf := lex.IDF
		if idf == nil {
			idf = func(string) (float64, bool) { return 0, false }
		}
		unknown := lex.Unknown
		if unknown == 0 {
			unknown = 1
		}
		for _, t := range search.KeyTerms(search.NewIndex(texts), search.Lexicon{Cut: lex.Cut, IDF: idf, Unknown: unknown, Generic: lex.Generic}, 3) {
			words = append(words, t.Text)
		}
	}
	name := strings.Join(words, "、")
	if name == "" && len(texts) > 0 {
		name = clip(texts[0], 20)
	}
	if sponsor {
		label := "Sponsor: "
		if han(texts) {
			label = "贊助："
		}
		return label + name
	}
	return name
}

// han says whether most letters of texts are Chinese characters (a sponsor read is labelled 贊助 then).
func han(texts []string) bool {
	h, other := 0, 0
	for _, t := range texts {
		for _, r := range t {
			switch {
			case unicode.Is(unicode.Han, r):
				h++
			case unicode.IsLetter(r):
				other++
			}
		}
	}
	return h > other
}
