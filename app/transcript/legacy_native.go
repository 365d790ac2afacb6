//go:build !js

package transcript

import (
	"fmt"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// decodeLegacy decodes Big5, GBK and GB18030 with golang.org/x/text's tables.
func decodeLegacy(raw []byte, name string) (string, error) {
	var enc encoding.Encoding
	switch name {
	case "big5":
		enc = traditionalchinese.Big5
	case "gbk":
		enc = simplifiedchinese.GBK
	case "gb18030":
		enc = simplifiedchinese.GB18030
	default:
		return "", fmt.Errorf("no decoder for %s", name)
	}
	out, err := enc.NewDecoder().Bytes(raw)
	return string(out), err
}
