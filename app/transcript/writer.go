package transcript

import (
	"bufio"
	"io"
)

// errWriter buffers output and keeps the first write error, so writers need not check every call.
type errWriter struct {
	*bufio.Writer
}

func newErrWriter(w io.Writer) *errWriter { return &errWriter{bufio.NewWriter(w)} }

func (e *errWriter) flush() error { return e.Flush() }
