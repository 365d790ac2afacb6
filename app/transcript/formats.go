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
	FormatEditor             // editors' text exports: Descript, Sonix, Otter (speaker lines with times)
	FormatJSONList           // a top-level JSON array of {start, end, text, speaker}
	FormatJSON3              // YouTube's json3 captions
	FormatSRV3               // YouTube's srv3 (timedtext XML) captions
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
	FormatEditor:      {name: "editor", aliases: []string{"descript", "sonix", "otter", "speakers"}, parse: parseEditor},
	FormatJSONList:    {name: "json-list", aliases: []string{"json-array"}, parse: parseJSONList},
	FormatJSON3:       {name: "youtube-json3", aliases: []string{"json3"}, parse: parseJSON3},
	FormatSRV3:        {name: "youtube-srv3", aliases: []string{"srv3", "timedtext"}, parse: parseSRV3},
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
	return parse(r, Options{})
}

// ParseAs reads a transcript in the named format, detecting the encoding.
func ParseAs(r io.Reader, f Format) (*Transcript, error) {
	t, _, err := parse(r, Options{Format: f})
	return t, err
}

// Options name what Parse would otherwise detect; empty fields are detected.
type Options struct {
	Format   Format
	Encoding string
	MaxSize  int64 // the most bytes read; MaxSize when 0
}

// MaxSize is the largest transcript read (32 MiB, some 300 hours of speech): a larger input is an error,
// never read in part.
const MaxSize = 32 << 20

// ParseWith reads a transcript, detecting what opts leaves empty.
func ParseWith(r io.Reader, opts Options) (*Transcript, Format, error) {
	return parse(r, opts)
}

func parse(r io.Reader, opts Options) (*Transcript, Format, error) {
	f, enc := opts.Format, opts.Encoding
	if f < 0 || int(f) >= len(formats) || (f != FormatUnknown && formats[f].parse == nil) {
		return nil, f, fmt.Errorf("%w: %s cannot be read", ErrUnknownFormat, f)
	}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, f, fmt.Errorf("read transcript: %w", err)
	}
	if int64(len(raw)) > limit {
		return nil, f, perrf(f, 0, ErrTooLarge, "over %d MiB", limit>>20)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, f, perr(f, 0, ErrEmpty)
	}
	src, usedEnc, err := Decode(raw, enc)
	if err != nil {
		return nil, f, perr(f, 0, err)
	}
	src = normalizeNewlines(src)
	if looksBinary(src) {
		return nil, f, perr(f, 0, ErrBinary)
	}
	if f == FormatUnknown {
		var seen string
		if f, seen = detect(src); f == FormatUnknown {
			return nil, f, perrf(f, firstLine(src), ErrUnknownFormat, "%s (formats: %s)", seen, strings.Join(FormatNames(true), ", "))
		}
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

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// looksBinary reports text of which more than one character in twenty is a control character that no
// text file holds. It reads the whole text, so the verdict does not hang on the file's length; stray
// control characters in a text are turned into spaces (cleanText), with a warning.
func looksBinary(s string) bool {
	bad, n := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0xC0 != 0x80 {
			n++ // a character starts here
		}
		if c < 0x20 && c != '\n' && c != '\t' && c != '\f' {
			bad++
		}
	}
	return bad >= 4 && bad*20 > n
}

func firstLine(s string) int {
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			return i + 1
		}
	}
	return 1
}
