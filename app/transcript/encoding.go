package transcript

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// encodings are the ones Decode knows by name, with the names --encoding accepts.
var encodings = []struct {
	names []string
	enc   encoding.Encoding
}{
	{[]string{"utf-8", "utf8"}, unicode.UTF8},
	{[]string{"utf-16le", "utf16le"}, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	{[]string{"utf-16be", "utf16be"}, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	// The legacy Chinese encodings have no encoding here: decodeLegacy decodes them, natively with
	// golang.org/x/text and in the browser with its own TextDecoder (their tables would add 145 KB of
	// brotli to app.wasm).
	{[]string{"big5", "big-5", "cp950"}, nil},
	{[]string{"gbk", "cp936"}, nil},
	{[]string{"gb18030", "gb2312", "gb-2312", "euc-cn"}, nil},
}

// EncodingNames lists the canonical names Decode accepts.
func EncodingNames() []string {
	var out []string
	for _, e := range encodings {
		out = append(out, e.names[0])
	}
	return out
}

// Decode turns raw bytes into text. With name empty it detects: a byte-order mark, UTF-16 by its zero
// bytes, valid UTF-8, and otherwise Big5 or GB18030 (a superset of GBK and GB2312), whichever the bytes
// fit. It returns the text without a BOM and the name of the encoding it used.
func Decode(raw []byte, name string) (string, string, error) {
	if name != "" {
		name = strings.ToLower(strings.TrimSpace(name))
		for _, e := range encodings {
			for _, n := range e.names {
				if n == name {
					return decodeWith(raw, e.enc, e.names[0])
				}
			}
		}
		return "", "", fmt.Errorf("%w: %q (known: %s)", ErrEncoding, name, strings.Join(EncodingNames(), ", "))
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return decodeWith(raw[3:], unicode.UTF8, "utf-8")
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(raw[2:], encodings[1].enc, "utf-16le")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(raw[2:], encodings[2].enc, "utf-16be")
	}
	if le, be := utf16Zeros(raw); le || be {
		if le {
			return decodeWith(raw, encodings[1].enc, "utf-16le")
		}
		return decodeWith(raw, encodings[2].enc, "utf-16be")
	}
	if utf8.Valid(raw) {
		return string(raw), "utf-8", nil
	}
	if le, be := utf16Han(raw); le || be {
		if le {
			return decodeWith(raw, encodings[1].enc, "utf-16le")
		}
		return decodeWith(raw, encodings[2].enc, "utf-16be")
	}
	big5, gb := chineseScores(raw)
	switch {
	case big5 == 0 && gb == 0:
		// Mostly UTF-8 with a few broken bytes: keep it, with U+FFFD where the bytes were bad.
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8", nil
	case big5 >= gb:
		return decodeWith(raw, nil, "big5")
	default:
		return decodeWith(raw, nil, "gb18030")
	}
}

func decodeWith(raw []byte, enc encoding.Encoding, name string) (string, string, error) {
	var s string
	if enc == nil {
		var err error
		if s, err = decodeLegacy(raw, name); err != nil {
			return "", "", fmt.Errorf("%w: decode as %s: %v", ErrEncoding, name, err)
		}
	} else {
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return "", "", fmt.Errorf("%w: decode as %s: %v", ErrEncoding, name, err)
		}
		s = string(out)
	}
	s = strings.TrimPrefix(s, "\ufeff")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s, name, nil
}

// utf16Zeros spots UTF-16 without a BOM: ASCII text in it has a zero in every other byte.
func utf16Zeros(raw []byte) (le, be bool) {
	n := min(len(raw)&^1, 4096)
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	return odd*3 > pairs && even*20 < pairs, even*3 > pairs && odd*20 < pairs
}

// utf16Han spots Chinese UTF-16 without a BOM: nearly every high byte is 0x00 (ASCII), 0x20 (punctuation),
// 0x30 (CJK punctuation), 0x4E-0x9F (CJK ideographs) or 0xFF (full-width forms).
func utf16Han(raw []byte) (le, be bool) {
	n := min(len(raw)&^1, 8192)
	if n < 8 {
		return false, false
	}
	high := func(b byte) bool { return b == 0 || b == 0x20 || b == 0x30 || b >= 0x4E && b <= 0x9F || b == 0xFF }
	var even, odd int
	for i := 0; i < n; i += 2 {
		if high(raw[i]) {
			even++
		}
		if high(raw[i+1]) {
			odd++
		}
	}
	pairs := n / 2
	return odd*100 >= pairs*97 && even*100 < pairs*80, even*100 >= pairs*97 && odd*100 < pairs*80
}

// chineseScores counts, of the double-byte characters in raw, how many fall where a Big5 text's common
// characters sit (lead 0xA4-0xC6, the level-1 block) and where a GB2312 text's do (lead 0xB0-0xD7 with a
// trail of 0xA1-0xFE). Each encoding's text scores high on its own test and low on the other's: about
// 40% of Big5 characters have a trail byte below 0x7F, which GB2312 never uses.
func chineseScores(raw []byte) (big5, gb int) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c < 0x81 {
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		t := raw[i+1]
		if c >= 0xA4 && c <= 0xC6 && (t >= 0x40 && t <= 0x7E || t >= 0xA1 && t <= 0xFE) {
			big5++
		}
		if c >= 0xB0 && c <= 0xD7 && t >= 0xA1 && t <= 0xFE {
			gb++
		}
		i++
	}
	return big5, gb
}
