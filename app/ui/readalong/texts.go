package readalong

import "tingo/app/transcript"

// Texts are the segments' words in one place: as written (read from the page the first time they are
// needed), their corrected spellings, their word timelines, and as shown in the reader's script. A
// script switch or a correction changes them here once; everything that shows or searches a segment's
// text asks here.
type Texts struct {
	segs    []Segment
	read    func(i int) (string, []transcript.Fix)
	words   func(i int) []Word
	text    []string
	fixes   [][]transcript.Fix
	got     []bool
	lines   []*Timeline
	convert func(string) string // the reader's script; nil: as written
}

// NewTexts reads segment i's text and fixes with read, and its word times (nil for none) with words,
// each once.
func NewTexts(segs []Segment, read func(i int) (string, []transcript.Fix), words func(i int) []Word) *Texts {
	return &Texts{segs: segs, read: read, words: words, text: make([]string, len(segs)),
		fixes: make([][]transcript.Fix, len(segs)), got: make([]bool, len(segs)), lines: make([]*Timeline, len(segs))}
}

func (x *Texts) load(i int) {
	if !x.got[i] {
		x.text[i], x.fixes[i] = x.read(i)
		x.got[i] = true
	}
}

// Written is segment i's text as the transcript has it.
func (x *Texts) Written(i int) string {
	x.load(i)
	return x.text[i]
}

// Fixes are segment i's corrected spellings, at byte offsets of its text.
func (x *Texts) Fixes(i int) []transcript.Fix {
	x.load(i)
	return x.fixes[i]
}

// Shown is segment i's text as the page shows it: in the reader's script.
func (x *Texts) Shown(i int) string { return x.Show(x.Written(i)) }

// Show is any of the show's text (a title, a chip) in the reader's script.
func (x *Texts) Show(s string) string {
	if x == nil || x.convert == nil {
		return s
	}
	return x.convert(s)
}

// SetScript shows the text through convert (nil: as written). A conversion keeps every offset, so the
// timelines, marks and fixes hold.
func (x *Texts) SetScript(convert func(string) string) { x.convert = convert }

// Converted says whether the text is shown in another script than its own.
func (x *Texts) Converted() bool { return x != nil && x.convert != nil }

// Timeline is segment i's word timeline.
func (x *Texts) Timeline(i int) *Timeline {
	if x.lines[i] == nil {
		var w []Word
		if x.words != nil {
			w = x.words(i)
		}
		x.lines[i] = NewTimeline(x.Written(i), x.segs[i].Start, x.segs[i].End, w)
	}
	return x.lines[i]
}
