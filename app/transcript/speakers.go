package transcript

import (
	"regexp"
	"strings"
)

// Speakers in formats without a speaker field (timed lines, SRT, editors' text exports) are written as a
// prefix: "Name: text". A prefix is read as a speaker when it is
//
//   - a name: up to three capitalised words with no digits (so "10:30", "Note 2:" and "Say after me:"
//     stay text), or up to six Chinese characters before a full-width colon (主持人：);
//   - a diarization label: SPEAKER_02, Speaker 1, Guest 2, 說話人 1;
//   - anything in brackets before a colon: [SPEAKER_02]: (WhisperX), [lex fridman]:.
//
// Writers emit prefixes their own readers read back: a speaker no bare prefix can carry is bracketed, and
// a segment with no speaker whose text would read as a prefix (or that follows a turn in a format where
// speakers carry on) starts with U+2060 WORD JOINER, invisible in every player, which the readers take as
// "no speaker here" and drop.

const noSpeaker = "\u2060"

const (
	nameLabel    = `\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ ]\p{Lu}[\p{L}\p{M}'’.\-]*){0,2}`
	hanLabel     = `\p{Han}{1,6}`
	diarization  = `SPEAKER_\d{1,3}|(?i:speaker|spk|guest|host|interviewer|interviewee)[ _]?\d{1,3}|(?:說話人|说话人|發言人|发言人|講者|讲者)\s?\d{1,3}`
	bracketLabel = `\[[^\[\]\n]{1,60}\]`
)

var (
	speakerPrefix = regexp.MustCompile(`^(` + diarization + `|` + nameLabel + `|` + hanLabel + `|` + bracketLabel + `)(?:[:](?:\s+|$)|：\s*)`)
	// bracketPrefix is the one prefix a format with its own speaker field (WebVTT's <v>) also reads,
	// because WhisperX writes it there.
	bracketPrefix = regexp.MustCompile(`^(` + bracketLabel + `)[:：]\s*`)
	// bareSpeaker is a speaker a writer can put before a colon without brackets.
	bareSpeaker = regexp.MustCompile(`^(?:` + diarization + `|` + nameLabel + `|` + hanLabel + `)$`)
)

// notSpeakers are words that end in a colon at the start of a Chinese subtitle's credits (title,
// translator, timing…): they are text, and a title names the transcript.
var notSpeakers = map[string]bool{
	"片名": true, "標題": true, "标题": true, "名稱": true, "名称": true, "譯名": true, "译名": true,
	"翻譯": true, "翻译": true, "校對": true, "校对": true, "時間軸": true, "时间轴": true, "字幕": true,
	"製作": true, "制作": true, "來源": true, "来源": true, "監製": true, "监制": true, "後期": true, "后期": true,
	"Title": true, "Note": true, "Notes": true, "Warning": true, "Translator": true, "Subtitles": true,
}

var titleKeys = map[string]bool{"片名": true, "標題": true, "标题": true, "名稱": true, "名称": true, "譯名": true, "译名": true, "Title": true}

// cutSpeaker splits "Name: text" into its speaker and text. explicit reports a leading noSpeaker mark,
// which says there is no speaker (and, where speakers carry on, that the last one's turn is over).
func cutSpeaker(text string) (speaker, rest string) {
	speaker, rest, _ = cutSpeakerMark(text)
	return speaker, rest
}

func cutSpeakerMark(text string) (speaker, rest string, explicit bool) {
	if strings.HasPrefix(text, noSpeaker) {
		return "", strings.TrimSpace(text[len(noSpeaker):]), true
	}
	m := speakerPrefix.FindStringSubmatch(text)
	if m == nil || notSpeakers[m[1]] {
		return "", text, false
	}
	rest = strings.TrimSpace(text[len(m[0]):])
	if rest == "" {
		return "", text, false // "Name:" alone is text: a prefix with nothing to say
	}
	return unbracket(m[1]), rest, false
}

// cutBracketSpeaker reads only the bracketed prefix, for formats with a speaker field of their own.
func cutBracketSpeaker(text string) (speaker, rest string) {
	m := bracketPrefix.FindStringSubmatch(text)
	if m == nil {
		return "", text
	}
	rest = strings.TrimSpace(text[len(m[0]):])
	if rest == "" {
		return "", text
	}
	return unbracket(m[1]), rest
}

func unbracket(label string) string {
	if strings.HasPrefix(label, "[") {
		return strings.TrimSpace(label[1 : len(label)-1])
	}
	return label
}

// titleLine reads "片名：X" or "Title: X" as a title.
func titleLine(text string) (string, bool) {
	m := speakerPrefix.FindStringSubmatch(text)
	if m == nil || !titleKeys[m[1]] {
		return "", false
	}
	title := strings.TrimSpace(text[len(m[0]):])
	return title, title != ""
}

// looksLikeSpeaker says whether a reader would take text's start for a speaker prefix.
func looksLikeSpeaker(text string) bool {
	s, _, _ := cutSpeakerMark(text)
	return s != "" || strings.HasPrefix(text, noSpeaker)
}

// speakerLabel writes a speaker so that the prefix readers read it back whole.
func speakerLabel(speaker string) string {
	if bareSpeaker.MatchString(speaker) && !notSpeakers[speaker] {
		return speaker
	}
	return "[" + strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(speaker) + "]"
}

// withSpeaker writes a segment's text with its speaker's prefix, or marks it as having none when its text
// would read as one.
func withSpeaker(speaker, text string) string {
	switch {
	case speaker != "":
		return speakerLabel(speaker) + ": " + text
	case looksLikeSpeaker(text):
		return noSpeaker + text
	}
	return text
}
