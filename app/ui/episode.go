package ui

import (
	"sync"

	"tingo/app/search"
	"tingo/app/transcript"
)

// Episode is what a viewer page shows.
type Episode struct {
	Title       string
	Description string
	Audio       string // URL of the audio; empty when there is none
	Lang        string // language of the transcript, such as zh-Hant
	Transcript  *transcript.Transcript
	Terms       []search.Term // the episode's key terms, found natively (app/segment) before the page is served
	Home        string        // the podcast's library page, relative to the episode ("../"); empty when alone
	Chapters    *Chapters     // nil when the episode has none; Transcript is then the placed one (chapters.Place)
}

// GuessLang names the language of a transcript's text for the lang attribute: zh-Hant or zh-Hans for
// Chinese (by which script's characters it has more of), en otherwise.
func GuessLang(t *transcript.Transcript) string {
	han, trad, simp, latin := 0, 0, 0, 0
	for i, s := range t.Segments {
		if i > 200 {
			break
		}
		for _, r := range s.Text {
			switch {
			case r >= 0x4E00 && r <= 0x9FFF:
				han++
				switch scriptOf()[r] {
				case 't':
					trad++
				case 's':
					simp++
				}
			case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
				latin++
			}
		}
	}
	switch {
	case han == 0 || latin > han*3:
		return "en"
	case simp > trad:
		return "zh-Hans"
	default:
		return "zh-Hant"
	}
}

// A few of the most frequent characters that differ between the scripts: enough to tell them apart.
const (
	tradOnly = "們這個會來說時為對學國麼後過還關點樣經開問應現種話體與從動給長東業進實們嗎讓機電聽還"
	simpOnly = "们这个会来说时为对学国么后过还关点样经开问应现种话体与从动给长东业进实吗让机电听还"
)

var (
	scriptsOnce sync.Once
	scripts     map[rune]byte
)

// scriptOf maps the characters of tradOnly to 't' and those of simpOnly to 's'.
func scriptOf() map[rune]byte {
	scriptsOnce.Do(func() {
		scripts = map[rune]byte{}
		for _, r := range simpOnly {
			scripts[r] = 's'
		}
		for _, r := range tradOnly { // 還 is in both lists; Traditional, as ContainsRune on tradOnly first said
			scripts[r] = 't'
		}
	})
	return scripts
}
