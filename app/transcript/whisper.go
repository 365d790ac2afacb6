package transcript

import (
	"encoding/json"
	"strconv"
	"strings"
)

// openai-whisper's JSON (`--output_format json`): {"text", "segments": [{"start", "end", "text",
// "words": [{"word", "start", "end"}]}], "language"}. Times are seconds. Word times, when present
// (--word_timestamps True), are kept.

type whisperSegment struct {
	Start   *flexSeconds `json:"start"`
	End     *flexSeconds `json:"end"`
	Text    string       `json:"text"`
	Speaker string       `json:"speaker"`
	Words   []struct {
		Word  string       `json:"word"`
		Start *flexSeconds `json:"start"`
		End   *flexSeconds `json:"end"`
	} `json:"words"`
}

func parseWhisperJSON(src string, t *Transcript) error {
	found, err := decodeArrayAt(FormatWhisperJSON, src, "segments", func(dec *json.Decoder, line int) error {
		var s whisperSegment
		if err := dec.Decode(&s); err != nil {
			return err
		}
		text := strings.Join(strings.Fields(s.Text), " ")
		if text == "" {
			return nil
		}
		if s.Start == nil || s.End == nil {
			t.warn(line, "segment has no start or end; taken from its neighbours")
		}
		seg := Segment{Text: text, Speaker: strings.TrimSpace(s.Speaker), Line: line}
		if s.Start != nil {
			seg.Start = t.seconds(line, float64(*s.Start), "start")
		} else if n := len(t.Segments); n > 0 {
			seg.Start = t.Segments[n-1].End
		}
		seg.End = seg.Start
		if s.End != nil {
			seg.End = t.seconds(line, float64(*s.End), "end")
		}
		for _, w := range s.Words {
			word := strings.TrimSpace(w.Word)
			if word == "" {
				continue
			}
			ww := Word{Text: word, Start: seg.Start, End: seg.End}
			if w.Start != nil {
				ww.Start = t.seconds(line, float64(*w.Start), "word start")
			}
			if w.End != nil {
				ww.End = t.seconds(line, float64(*w.End), "word end")
			}
			seg.Words = append(seg.Words, ww)
		}
		t.Segments = append(t.Segments, seg)
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return perrf(FormatWhisperJSON, 1, ErrSyntax, `no "segments" array`)
	}
	return nil
}

// whisper.cpp's JSON (`-oj`): {"transcription": [{"timestamps": {"from": "00:00:00,000", "to": …},
// "offsets": {"from": 0, "to": 3000}, "text": " …"}]}; offsets are milliseconds.
func parseWhisperCPP(src string, t *Transcript) error {
	type entry struct {
		Timestamps struct{ From, To string }   `json:"timestamps"`
		Offsets    *struct{ From, To float64 } `json:"offsets"`
		Text       string                      `json:"text"`
	}
	found, err := decodeArrayAt(FormatWhisperCPP, src, "transcription", func(dec *json.Decoder, line int) error {
		var e entry
		if err := dec.Decode(&e); err != nil {
			return err
		}
		text := strings.Join(strings.Fields(e.Text), " ")
		if text == "" {
			return nil
		}
		seg := Segment{Text: text, Line: line}
		if e.Offsets != nil {
			seg.Start, seg.End = t.seconds(line, e.Offsets.From/1000, "offset"), t.seconds(line, e.Offsets.To/1000, "offset")
		} else {
			a, ok1 := parseSRTStamp(e.Timestamps.From)
			b, ok2 := parseSRTStamp(e.Timestamps.To)
			if !ok1 || !ok2 {
				return perrf(FormatWhisperCPP, line, ErrTimestamp, "entry has neither offsets nor valid timestamps")
			}
			seg.Start, seg.End = a, b
		}
		t.Segments = append(t.Segments, seg)
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return perrf(FormatWhisperCPP, 1, ErrSyntax, `no "transcription" array`)
	}
	return nil
}

// openai-whisper's TSV: a "start\tend\ttext" header, then times in integer milliseconds.
func parseWhisperTSV(src string, t *Transcript) error {
	lineNo := 0
	var g grower
	defer g.flush()
	for line := range strings.Lines(src) {
		lineNo++
		line = strings.TrimRight(line, "\n")
		if strings.TrimSpace(line) == "" || lineNo == 1 && strings.HasPrefix(line, "start\t") {
			continue
		}
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) < 3 {
			if n := len(t.Segments); n > 0 {
				// Whisper does not escape tabs or newlines in text; a broken line belongs to the one before.
				g.add(&t.Segments[n-1].Text, strings.TrimSpace(line))
				t.warn(lineNo, "line has no start and end; joined to the segment before it")
				continue
			}
			return perrf(FormatWhisperTSV, lineNo, ErrSyntax, "want start<TAB>end<TAB>text")
		}
		a, err1 := strconv.ParseFloat(strings.TrimSpace(fields[0]), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(fields[1]), 64)
		if err1 != nil || err2 != nil {
			return perrf(FormatWhisperTSV, lineNo, ErrTimestamp, "start and end must be milliseconds, got %q and %q", clip(fields[0], 20), clip(fields[1], 20))
		}
		text := strings.Join(strings.Fields(fields[2]), " ")
		if text == "" {
			continue
		}
		g.flush()
		t.Segments = append(t.Segments, Segment{Start: t.seconds(lineNo, a/1000, "start"), End: t.seconds(lineNo, b/1000, "end"), Text: text, Line: lineNo})
	}
	return nil
}
