package site

import (
	"bytes"
	"html"
	"io"
	"sort"

	nethtml "golang.org/x/net/html"
)

// canonicalTags writes every start tag of a page with its attributes sorted by name. go-app writes them
// in map order, which differs from run to run; a build must give the same bytes for the same input. All
// else (text, comments, the raw transcript markup's content) is copied byte for byte.
func canonicalTags(page []byte) ([]byte, error) {
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	var out bytes.Buffer
	out.Grow(len(page))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			raw := z.Raw()
			tok := z.Token()
			if len(tok.Attr) < 2 {
				out.Write(raw)
				continue
			}
			sort.SliceStable(tok.Attr, func(i, j int) bool { return tok.Attr[i].Key < tok.Attr[j].Key })
			out.WriteByte('<')
			out.WriteString(tok.Data)
			for _, a := range tok.Attr {
				out.WriteByte(' ')
				out.WriteString(a.Key)
				if a.Val != "" || !emptyAttr(raw, a.Key) {
					out.WriteString(`="`)
					out.WriteString(html.EscapeString(a.Val))
					out.WriteByte('"')
				}
			}
			if tt == nethtml.SelfClosingTagToken {
				out.WriteString("/")
			}
			out.WriteByte('>')
		default:
			out.Write(z.Raw())
		}
	}
}

// emptyAttr says whether an attribute was written bare (<meta content name="author">).
func emptyAttr(raw []byte, key string) bool {
	i := bytes.Index(raw, []byte(" "+key))
	if i < 0 {
		return false
	}
	rest := raw[i+1+len(key):]
	return len(rest) == 0 || rest[0] != '='
}
