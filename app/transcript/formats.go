package transcript

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Format is a transcript file format.
type Format int

// The formats tingo reads; Write supports those whose table entry has a writer.
const (
	FormatUnknown     Format = iota
	FormatLines              // (mm:ss~mm:ss) text, or start-only stamps
	FormatVTT                // WebVTT
	FormatSRT                // SubRip
	FormatJSON               // Podcasting 2.0 JSON
	FormatHTML               // Podcasting 2.0 HTML
	FormatWhisperJSON        // openai-whisper JSON
	FormatWhisperTSV         // openai-whisper TSV
	FormatWhisperCPP         // whisper.cpp -oj JSON
	FormatText               // plain text (write only)
)

type formatInfo struct {
	name    string
	aliases []string
	parse   func(src string, t *Transcript) error
	write   func(w io.Writer, t *Transcript) error
}

// formats is the fixed table of every format: its name, the names --from/--to accept, parser and writer.
var formats = [...]formatInfo{
	FormatUnknown:     {name: "unknown"},
	FormatLines:       {name: "lines", aliases: []string{"txt-timed", "timed"}, parse: parseLines, write: writeLines},
	FormatVTT:         {name: "vtt", aliases: []string{"webvtt"}, parse: parseVTT, write: writeVTT},
	FormatSRT:         {name: "srt", aliases: []string{"subrip"}, parse: parseSRT, write: writeSRT},
	FormatJSON:        {name: "json", aliases: []string{"podcast-json", "podcasting2"}, parse: parsePodcastJSON, write: writePodcastJSON},
	FormatHTML:        {name: "html", aliases: []string{"podcast-html"}, parse: parsePodcastHTML},
	FormatWhisperJSON: {name: "whisper-json", aliases: []string{"whisper"}, parse: parseWhisperJSON},
	FormatWhisperTSV:  {name: "whisper-tsv", aliases: []string{"tsv"}, parse: parseWhisperTSV},
	FormatWhisperCPP:  {name: "whisper-cpp", aliases: []string{"whispercpp"}, parse: parseWhisperCPP},
	FormatText:        {name: "text", aliases: []string{"txt", "plain"}, write: writeText},
}

func (f Format) String() string {
	if f < 0 || int(f) >= len(formats) {
		return fmt.Sprintf("format(%d)", int(f))
	}
	return formats[f].name
}

// FormatNames lists the names ParseFormat accepts for reading (read) or writing (!read).
func FormatNames(read bool) []string {
	var names []string
	for _, fi := range formats[1:] {
		if (read && fi.parse != nil) || (!read && fi.write != nil) {
			names = append(names, fi.name)
		}
	}
	return names
}

// ParseFormat looks a format up by its name or an alias, case-insensitively.
func ParseFormat(name string) (Format, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	for i, fi := range formats[1:] {
		if fi.name == name {
			return Format(i + 1), nil
		}
		for _, a := range fi.aliases {
			if a == name {
				return Format(i + 1), nil
			}
		}
	}
	return FormatUnknown, fmt.Errorf("%w: %q", ErrUnknownFormat, name)
}

// Parse reads a transcript in any known format and encoding, detecting both.
func Parse(r io.Reader) (*Transcript, Format, error) {
	return parse(r, FormatUnknown, "")
}

// ParseAs reads a transcript in the named format, detecting the encoding.
func ParseAs(r io.Reader, f Format) (*Transcript, error) {
	t, _, err := parse(r, f, "")
	return t, err
}

// Options name what Parse would otherwise detect; empty fields are detected.
type Options struct {
	Format   Format
	Encoding string
}

// ParseWith reads a transcript, detecting what opts leaves empty.
func ParseWith(r io.Reader, opts Options) (*Transcript, Format, error) {
	return parse(r, opts.Format, opts.Encoding)
}

func parse(r io.Reader, f Format, enc string) (*Transcript, Format, error) {
	if f < 0 || int(f) >= len(formats) || (f != FormatUnknown && formats[f].parse == nil) {
		return nil, f, fmt.Errorf("%w: %s cannot be read", ErrUnknownFormat, f)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, f, fmt.Errorf("read transcript: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, f, perr(f, 0, ErrEmpty)
	}
	src, usedEnc, err := Decode(raw, enc)
	if err != nil {
		return nil, f, perr(f, 0, err)
	}
	src = normalizeNewlines(src)
	if f == FormatUnknown {
		if f = Detect(src); f == FormatUnknown {
			if looksBinary(src) {
				return nil, f, perr(f, 0, ErrBinary)
			}
			return nil, f, perrf(f, firstLine(src), ErrUnknownFormat, "no timestamps found (formats: %s)", strings.Join(FormatNames(true), ", "))
		}
	}
	if looksBinary(src) {
		return nil, f, perr(f, 0, ErrBinary)
	}
	t := &Transcript{Encoding: usedEnc}
	if err := formats[f].parse(src, t); err != nil {
		return nil, f, err
	}
	t.cleanText()
	if len(t.Segments) == 0 {
		return nil, f, perr(f, 0, ErrNoSegments)
	}
	t.checkTimes()
	return t, f, nil
}

// Write writes t in format f.
func Write(w io.Writer, t *Transcript, f Format) error {
	if f < 0 || int(f) >= len(formats) || formats[f].write == nil {
		return fmt.Errorf("%w: %s", ErrUnknownWriter, f)
	}
	return formats[f].write(w, t)
}

// Detect names the format of decoded text by its first meaningful lines; FormatUnknown when none fits.
func Detect(src string) Format {
	s := strings.TrimLeft(src, "\ufeff \t\n")
	switch {
	case strings.HasPrefix(s, "WEBVTT"):
		return FormatVTT
	case strings.HasPrefix(s, "{"):
		return detectJSON(s)
	case strings.HasPrefix(s, "<"):
		return FormatHTML
	case strings.HasPrefix(s, "start\tend\ttext"):
		return FormatWhisperTSV
	}
	// Look at the first few non-blank lines.
	n := 0
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if srtTimingLine(line) {
			return FormatSRT
		}
		if _, ok := matchStampLine(line); ok {
			return FormatLines
		}
		if n++; n >= 3 {
			break
		}
	}
	if strings.Contains(s, "<cite>") || strings.Contains(s, "<time>") {
		return FormatHTML
	}
	return FormatUnknown
}

func detectJSON(s string) Format {
	head := s[:min(len(s), 4096)]
	switch {
	case strings.Contains(head, `"transcription"`):
		return FormatWhisperCPP
	case strings.Contains(head, `"startTime"`) || strings.Contains(head, `"body"`) || strings.Contains(head, `"version"`):
		return FormatJSON
	case strings.Contains(head, `"segments"`) || strings.Contains(head, `"start"`):
		return FormatWhisperJSON
	}
	return FormatJSON
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// looksBinary reports control characters that no text transcript has.
func looksBinary(s string) bool {
	bad := 0
	n := 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\n' && r != '\t' && r != '\f' {
			bad++
		}
		if n >= 8192 {
			break
		}
	}
	return bad >= 4 && bad*20 > n || strings.Contains(s[:min(len(s), 8192)], "\x00\x00")
}

func firstLine(s string) int {
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			return i + 1
		}
	}
	return 1
}
