package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Podcasting 2.0 JSON (https://github.com/Podcastindex-org/podcast-namespace, transcripts.md):
//
//	{"version": "1.0.0", "segments": [{"speaker": "…", "startTime": 0.5, "endTime": 0.75, "body": "I"}]}
//
// Files with one word a segment are regrouped into sentences and turns, keeping each word's time.

type podcastSegment struct {
	Speaker   string       `json:"speaker"`
	StartTime *flexSeconds `json:"startTime"`
	EndTime   *flexSeconds `json:"endTime"`
	Body      string       `json:"body"`
}

// flexSeconds accepts seconds as a number, or as a string holding a number or a clock stamp.
type flexSeconds float64

func (f *flexSeconds) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			*f = flexSeconds(v)
			return nil
		}
		if d, ok := parseClock(s, true); ok {
			*f = flexSeconds(d.Seconds())
			return nil
		}
		return fmt.Errorf("%w: %q is not a time", ErrTimestamp, s)
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("%w: %s is not a time", ErrTimestamp, b)
	}
	*f = flexSeconds(v)
	return nil
}

// jsonError turns encoding/json's errors into a ParseError at the right line.
func jsonError(f Format, src string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line, _ := position(src, int64(len(src)))
		return perrf(f, line, ErrTruncated, "the JSON ends early")
	case errors.As(err, &se):
		line, col := position(src, se.Offset)
		return &ParseError{Format: f, Line: line, Column: col, Err: fmt.Errorf("%w: %v", ErrSyntax, se)}
	case errors.As(err, &te):
		line, col := position(src, te.Offset)
		return &ParseError{Format: f, Line: line, Column: col, Err: fmt.Errorf("%w: %s should be %s, not %s", ErrSyntax, te.Field, te.Type, te.Value)}
	case errors.Is(err, ErrTimestamp):
		line, _ := position(src, dec.InputOffset())
		return perr(f, line, err)
	}
	line, _ := position(src, dec.InputOffset())
	return perr(f, line, fmt.Errorf("%w: %v", ErrSyntax, err))
}

// decodeArrayAt streams the array under key in the top-level object, calling each for every element with
// the element's line. It returns whether the key was found.
func decodeArrayAt(f Format, src, key string, each func(dec *json.Decoder, line int) error) (bool, error) {
	return decodeArrayAndKeys(f, src, key, each, nil)
}

// decodeArrayAndKeys is decodeArrayAt that also hands every other top-level value to other.
func decodeArrayAndKeys(f Format, src, key string, each func(dec *json.Decoder, line int) error, other func(key string, v json.RawMessage)) (bool, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	lc := newLineCounter(src)
	tok, err := dec.Token()
	if err != nil {
		return false, jsonError(f, src, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return false, perrf(f, 1, ErrSyntax, "expected a JSON object")
	}
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return found, jsonError(f, src, dec, err)
		}
		name, _ := tok.(string)
		if name != key {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return found, jsonError(f, src, dec, err)
			}
			if other != nil {
				other(name, skip)
			}
			continue
		}
		found = true
		tok, err = dec.Token()
		if err != nil {
			return found, jsonError(f, src, dec, err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			line, _ := position(src, dec.InputOffset())
			return found, perrf(f, line, ErrSyntax, "%q should be an array", key)
		}
		for dec.More() {
			line := lc.at(dec.InputOffset())
			// The offset is just after the previous element or the '['; the element may start later.
			if rest := src[min(int(dec.InputOffset()), len(src)):]; len(rest) > 0 {
				skipped := len(rest) - len(strings.TrimLeft(rest, " \t\n,"))
				line += strings.Count(rest[:skipped], "\n")
			}
			if err := each(dec, line); err != nil {
				return found, jsonError(f, src, dec, err)
			}
		}
		if _, err := dec.Token(); err != nil {
			return found, jsonError(f, src, dec, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return found, jsonError(f, src, dec, err)
	}
	return found, nil
}

// regroupKey, set to false, says a file's one-word segments are segments as written, not words to group.
const regroupKey = "regroup"

func parsePodcastJSON(src string, t *Transcript) error {
	var segs []podcastSegment
	var lines []int
	regroup := true
	found, err := decodeArrayAndKeys(FormatJSON, src, "segments", func(dec *json.Decoder, line int) error {
		var s podcastSegment
		if err := dec.Decode(&s); err != nil {
			return err
		}
		segs = append(segs, s)
		lines = append(lines, line)
		return nil
	}, func(key string, v json.RawMessage) {
		if key == regroupKey && string(v) == "false" {
			regroup = false
		}
	})
	if err != nil {
		return err
	}
	if !found {
		return perrf(FormatJSON, 1, ErrSyntax, `no "segments" array`)
	}
	texts := make([]string, len(segs))
	for i, s := range segs {
		texts[i] = s.Body
	}
	if regroup && wordLevel(texts) {
		tokens := make([]token, 0, len(segs))
		g := grower{words: true}
		for i, s := range segs {
			if s.StartTime == nil {
				t.warn(lines[i], "segment has no startTime; its word %q is joined to the one before", clip(s.Body, 40))
				if n := len(tokens); n > 0 {
					g.add(&tokens[n-1].text, strings.TrimSpace(s.Body))
					continue
				}
			}
			g.flush()
			tk := token{speaker: strings.TrimSpace(s.Speaker), text: s.Body, line: lines[i]}
			if s.StartTime != nil {
				tk.start = t.seconds(lines[i], float64(*s.StartTime), "startTime")
			}
			tk.end = tk.start
			if s.EndTime != nil {
				tk.end = t.seconds(lines[i], float64(*s.EndTime), "endTime")
			}
			tokens = append(tokens, tk)
		}
		g.flush()
		t.Segments = groupTokens(tokens)
		return nil
	}
	var missing []bool
	var g grower
	for i, s := range segs {
		text := flatten(strings.TrimSpace(s.Body))
		if text == "" {
			continue
		}
		if s.StartTime == nil {
			if n := len(t.Segments); n > 0 {
				g.add(&t.Segments[n-1].Text, text)
				t.warn(lines[i], "segment has no startTime; joined to the one before")
				continue
			}
			t.warn(lines[i], "segment has no startTime; taken as 0")
			s.StartTime = new(flexSeconds)
		}
		g.flush()
		seg := Segment{Start: t.seconds(lines[i], float64(*s.StartTime), "startTime"), Speaker: strings.TrimSpace(s.Speaker), Text: text, Line: lines[i]}
		if s.EndTime != nil {
			seg.End = t.seconds(lines[i], float64(*s.EndTime), "endTime")
		}
		t.Segments = append(t.Segments, seg)
		missing = append(missing, s.EndTime == nil)
	}
	g.flush()
	fillEnds(t.Segments, missing)
	return nil
}

func writePodcastJSON(w io.Writer, t *Transcript) error {
	type seg struct {
		Speaker   string  `json:"speaker,omitempty"`
		StartTime float64 `json:"startTime"`
		EndTime   float64 `json:"endTime"`
		Body      string  `json:"body"`
	}
	out := struct {
		Version  string `json:"version"`
		Regroup  *bool  `json:"regroup,omitempty"`
		Segments []seg  `json:"segments"`
	}{Version: "1.0.0", Segments: make([]seg, 0, len(t.Segments))}
	texts := make([]string, len(t.Segments))
	for i, s := range t.Segments {
		out.Segments = append(out.Segments, seg{s.Speaker, roundMillis(s.Start), roundMillis(s.End), s.Text})
		texts[i] = s.Text
	}
	if wordLevel(texts) {
		// Segments of one word each that are segments, not words: said, so that a reader (this one)
		// does not regroup them. Other readers ignore the key.
		out.Regroup = new(bool)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
