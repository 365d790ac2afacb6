package transcript

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Detect names the format of decoded text; FormatUnknown when none fits.
func Detect(src string) Format {
	f, _ := detect(src)
	return f
}

// detect names the format from the whole of the text, not its first lines: a signature (WEBVTT, a TSV
// header, XML), the keys of JSON read as a stream, or, for line formats, the first timing line however
// long the preamble before it. When nothing fits it says what it saw, for the error message.
func detect(src string) (Format, string) {
	s := strings.TrimLeft(src, "\ufeff \t\n")
	switch {
	case strings.HasPrefix(s, "WEBVTT"):
		return FormatVTT, ""
	case strings.HasPrefix(s, "{"):
		return detectJSON(s)
	case strings.HasPrefix(s, "[") && strings.HasPrefix(strings.TrimLeft(s[1:], " \t\n"), "{"):
		return detectJSON(s)
	case strings.HasPrefix(s, "<"):
		head := s[:min(len(s), 1024)]
		if strings.Contains(head, "<timedtext") {
			return FormatSRV3, ""
		}
		return FormatHTML, ""
	case strings.HasPrefix(s, "start\tend\ttext"):
		return FormatWhisperTSV, ""
	}
	lines, stamps, firstStamp, headers := 0, 0, 0, 0
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		if srtTimingLine(line) {
			return FormatSRT, ""
		}
		if _, ok := editorHeader(line); ok {
			headers++
			continue
		}
		if _, ok := matchStampLine(line); ok {
			stamps++
			if firstStamp == 0 {
				firstStamp = lines
			}
		}
	}
	switch {
	case headers > 0 && headers*2 >= stamps:
		return FormatEditor, ""
	case stamps > 0 && (firstStamp <= 3 || stamps >= 2):
		return FormatLines, ""
	}
	if strings.Contains(s, "<cite>") || strings.Contains(s, "<time>") {
		return FormatHTML, ""
	}
	return FormatUnknown, fmt.Sprintf("no timing line (SRT, WebVTT or a timed line) in %d lines", lines)
}

// detectJSON reads the top-level keys (or, for an array, its first element's keys) and the keys of the
// first element of the array that holds the segments.
func detectJSON(s string) (Format, string) {
	if strings.HasPrefix(s, "[") {
		var first []map[string]json.RawMessage
		dec := json.NewDecoder(strings.NewReader(s))
		if _, err := dec.Token(); err == nil && dec.More() {
			var el map[string]json.RawMessage
			if dec.Decode(&el) == nil {
				first = append(first, el)
			}
		}
		if len(first) == 1 && listKeys(first[0]) {
			return FormatJSONList, ""
		}
		if len(first) == 1 {
			return FormatUnknown, "a JSON array of objects with keys " + keyList(first[0])
		}
		return FormatJSONList, "" // not valid JSON: its reader says where
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &top); err != nil {
		// Not valid JSON: the reader that fits best says where it breaks.
		switch {
		case strings.Contains(s, `"transcription"`):
			return FormatWhisperCPP, ""
		case strings.Contains(s, `"startTime"`) || strings.Contains(s, `"body"`):
			return FormatJSON, ""
		case strings.Contains(s, `"tStartMs"`):
			return FormatJSON3, ""
		case strings.Contains(s, `"segments"`):
			return FormatWhisperJSON, ""
		}
		return FormatJSON, ""
	}
	first := func(key string) map[string]json.RawMessage {
		var el map[string]json.RawMessage
		dec := json.NewDecoder(strings.NewReader(string(top[key])))
		if _, err := dec.Token(); err != nil || !dec.More() {
			return nil
		}
		if dec.Decode(&el) != nil {
			return nil
		}
		return el
	}
	switch {
	case top["transcription"] != nil:
		return FormatWhisperCPP, ""
	case top["events"] != nil:
		return FormatJSON3, ""
	case top["segments"] != nil:
		el := first("segments")
		switch {
		case el == nil && top["version"] != nil, el["startTime"] != nil, el["body"] != nil:
			return FormatJSON, ""
		case el["start"] != nil, el["text"] != nil, el == nil:
			return FormatWhisperJSON, ""
		}
		return FormatUnknown, "JSON segments with keys " + keyList(el)
	case top["version"] != nil:
		return FormatJSON, ""
	}
	return FormatUnknown, "JSON with keys " + keyList(top)
}

func keyList(m map[string]json.RawMessage) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	if len(keys) == 0 {
		return "(none)"
	}
	return strings.Join(keys, ", ")
}
