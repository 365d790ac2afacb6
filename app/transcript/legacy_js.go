//go:build js

package transcript

import (
	"fmt"
	"syscall/js"
)

// decodeLegacy decodes Big5, GBK and GB18030 with the browser's TextDecoder (WHATWG Encoding), which
// every current browser ships: app.wasm need not carry the tables.
func decodeLegacy(raw []byte, name string) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser cannot decode %s: %v", name, r)
		}
	}()
	buf := js.Global().Get("Uint8Array").New(len(raw))
	js.CopyBytesToJS(buf, raw)
	dec := js.Global().Get("TextDecoder").New(name)
	return dec.Call("decode", buf).String(), nil
}
