package transcript

import (
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A top-level JSON array of segments, as several tools write it (AssemblyAI- and Deepgram-style
// exports, Hugging Face's Whisper pipeline "chunks", hand-made tools):
//
//	[{"start": 0.5, "end": 2.1, "text": "…", "speaker": "A"}, …]
//
// Times are seconds (numbers or clock strings); keys ending in Ms or _ms are milliseconds; "timestamp":
// [start, end] is read too.

var (
	listStart   = []string{"start", "startTime", "start_time", "begin", "from"}
	listEnd     = []string{"end", "endTime", "end_time", "stop", "to"}
	listStartMs = []string{"startMs", "start_ms", "startMS"}
	listEndMs   = []string{"endMs", "end_ms", "endMS"}
	listText    = []string{"text", "body", "content", "transcript", "sentence"}
	listSpeaker = []string{"speaker", "speaker_label", "speakerLabel", "speaker_name", "speakerName"}
)

func firstKey(el map[string]json.RawMessage, keys []string) (json.RawMessage, bool) {
	for _, k := range keys {
		if v, ok := el[k]; ok && string(v) != "null" {
			return v, true
		}
	}
	return nil, false
}

// listKeys says whether an element looks like a segment of such a list.
func listKeys(el map[string]json.RawMessage) bool {
	_, text := firstKey(el, listText)
	_, start := firstKey(el, listStart)
	_, startMs := firstKey(el, listStartMs)
	_, ts := el["timestamp"]
	return text && (start || startMs || ts)
}

func parseJSONList(src string, t *Transcript) error {
	dec := json.NewDecoder(strings.NewReader(src))
	lc := newLineCounter(src)
	tok, err := dec.Token()
	if err != nil {
		return jsonError(FormatJSONList, src, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return perrf(FormatJSONList, 1, ErrSyntax, "expected a JSON array")
	}
	var missing []bool
	for dec.More() {
		line := lc.at(dec.InputOffset())
		if rest := src[min(int(dec.InputOffset()), len(src)):]; len(rest) > 0 {
			skipped := len(rest) - len(strings.TrimLeft(rest, " \t\n,"))
			line += strings.Count(rest[:skipped], "\n")
		}
		var el map[string]json.RawMessage
		if err := dec.Decode(&el); err != nil {
			return jsonError(FormatJSONList, src, dec, err)
		}
		var text, speaker string
		if v, ok := firstKey(el, listText); ok {
			if err := json.Unmarshal(v, &text); err != nil {
				return perrf(FormatJSONList, line, ErrSyntax, "text should be a string, not %s", clip(string(v), 20))
			}
		}
		if v, ok := firstKey(el, listSpeaker); ok {
			var sp any
			json.Unmarshal(v, &sp)
			switch sp := sp.(type) {
			case string:
				speaker = strings.TrimSpace(sp)
			case float64:
				speaker = "Speaker " + strconv.FormatFloat(sp, 'f', -1, 64)
			}
		}
		text = strings.Join(strings.Fields(cleanSRTText(text)), " ") // subtitle tools keep <i> and {\an8} in text
		if text == "" {
			continue
		}
		start, end, hasStart, hasEnd, err := listTimes(el)
		if err != nil {
			return perr(FormatJSONList, line, err)
		}
		if !hasStart {
			if n := len(t.Segments); n > 0 {
				start = t.Segments[n-1].End.Seconds()
			}
			t.warn(line, "segment has no start; taken as the end of the one before")
		}
		seg := Segment{Start: t.seconds(line, start, "start"), Speaker: speaker, Text: text, Line: line}
		if hasEnd {
			seg.End = t.seconds(line, end, "end")
		}
		t.Segments = append(t.Segments, seg)
		missing = append(missing, !hasEnd)
	}
	if _, err := dec.Token(); err != nil {
		return jsonError(FormatJSONList, src, dec, err)
	}
	fillEnds(t.Segments, missing)
	return nil
}

// listTimes reads an element's start and end in seconds.
func listTimes(el map[string]json.RawMessage) (start, end float64, hasStart, hasEnd bool, err error) {
	read := func(v json.RawMessage, scale float64) (float64, error) {
		var f flexSeconds
		if err := f.UnmarshalJSON(v); err != nil {
			return 0, err
		}
		return float64(f) * scale, nil
	}
	if v, ok := el["timestamp"]; ok {
		var pair []json.RawMessage
		if json.Unmarshal(v, &pair) == nil && len(pair) == 2 {
			if start, err = read(pair[0], 1); err != nil {
				return
			}
			hasStart = true
			if string(pair[1]) != "null" {
				end, err = read(pair[1], 1)
				hasEnd = err == nil
			}
			return
		}
	}
	for _, p := range []struct {
		keys  []string
		scale float64
		to    *float64
		has   *bool
	}{{listStart, 1, &start, &hasStart}, {listStartMs, 0.001, &start, &hasStart}, {listEnd, 1, &end, &hasEnd}, {listEndMs, 0.001, &end, &hasEnd}} {
		if *p.has {
			continue
		}
		if v, ok := firstKey(el, p.keys); ok {
			if *p.to, err = read(v, p.scale); err != nil {
				return
			}
			*p.has = true
		}
	}
	return
}

// YouTube's json3 captions: {"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8", "tOffsetMs"}]}]}.
// Events without segs define windows; a seg of "\n" breaks a line. Segs with offsets are timed words.
func parseJSON3(src string, t *Transcript) error {
	type event struct {
		Start    *float64 `json:"tStartMs"`
		Duration float64  `json:"dDurationMs"`
		Segs     []struct {
			UTF8   string   `json:"utf8"`
			Offset *float64 `json:"tOffsetMs"`
		} `json:"segs"`
	}
	found, err := decodeArrayAt(FormatJSON3, src, "events", func(dec *json.Decoder, line int) error {
		var e event
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if e.Start == nil || len(e.Segs) == 0 {
			return nil
		}
		start := t.seconds(line, *e.Start/1000, "tStartMs")
		seg := Segment{Start: start, End: start + t.seconds(line, e.Duration/1000, "dDurationMs"), Line: line}
		var text strings.Builder
		for _, s := range e.Segs {
			piece := strings.ReplaceAll(s.UTF8, "\n", " ")
			if strings.TrimSpace(piece) == "" {
				text.WriteString(piece)
				continue
			}
			if s.Offset != nil || len(e.Segs) > 1 {
				at := seg.Start
				if s.Offset != nil {
					at += t.seconds(line, *s.Offset/1000, "tOffsetMs")
				}
				seg.Words = append(seg.Words, Word{Start: at, End: at, Text: strings.TrimSpace(piece)})
			}
			text.WriteString(piece)
		}
		seg.Text = strings.Join(strings.Fields(text.String()), " ")
		if seg.Text == "" {
			return nil
		}
		endWordsAtNext(&seg)
		t.Segments = append(t.Segments, seg)
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return perrf(FormatJSON3, 1, ErrSyntax, `no "events" array`)
	}
	return nil
}

// YouTube's srv3 captions: <timedtext format="3"><body><p t="ms" d="ms">text, or <s t="offset">word</s>
// pieces</p></body></timedtext>.
var (
	srv3Para = regexp.MustCompile(`(?s)<p\b([^>]*)>(.*?)</p\s*>`)
	srv3Word = regexp.MustCompile(`(?s)<s\b([^>]*)>(.*?)</s\s*>`)
	srv3Attr = regexp.MustCompile(`\b([td])="(\d+)"`)
)

func parseSRV3(src string, t *Transcript) error {
	lc := newLineCounter(src)
	attrs := func(s string) (at, dur time.Duration, hasT bool) {
		for _, m := range srv3Attr.FindAllStringSubmatch(s, -1) {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			d := t.seconds(0, float64(n)/1000, m[1])
			if m[1] == "t" {
				at, hasT = d, true
			} else {
				dur = d
			}
		}
		return at, dur, hasT
	}
	for _, m := range srv3Para.FindAllStringSubmatchIndex(src, -1) {
		line := lc.at(int64(m[0]))
		start, dur, ok := attrs(src[m[2]:m[3]])
		if !ok {
			continue
		}
		inner := src[m[4]:m[5]]
		seg := Segment{Start: start, End: start + dur, Line: line}
		if words := srv3Word.FindAllStringSubmatch(inner, -1); len(words) > 0 {
			for _, w := range words {
				off, _, _ := attrs(w[1])
				text := strings.TrimSpace(html.UnescapeString(anyTag.ReplaceAllString(w[2], "")))
				if text != "" {
					seg.Words = append(seg.Words, Word{Start: start + off, Text: text})
				}
			}
			endWordsAtNext(&seg)
		}
		// Word pieces carry their own spaces (none between two Chinese words); a <br> breaks a line.
		seg.Text = strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(strings.ReplaceAll(inner, "<br", " <br"), ""))), " ")
		if seg.Text == "" {
			continue
		}
		t.Segments = append(t.Segments, seg)
	}
	if len(t.Segments) == 0 {
		return perrf(FormatSRV3, firstLine(src), ErrNoSegments, "no <p t=… d=…> captions")
	}
	return nil
}

// endWordsAtNext ends each word where the next starts, the last where its segment ends: captions that
// time only the start of each word.
func endWordsAtNext(seg *Segment) {
	for i := range seg.Words {
		if i+1 < len(seg.Words) {
			seg.Words[i].End = seg.Words[i+1].Start
		} else {
			seg.Words[i].End = seg.End
		}
	}
}
