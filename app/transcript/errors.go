package transcript

import (
	"errors"
	"fmt"
)

// Sentinel errors; a *ParseError wraps one of them, so callers test with errors.Is.
var (
	ErrEmpty         = errors.New("empty input")
	ErrBinary        = errors.New("binary data, not a transcript")
	ErrUnknownFormat = errors.New("unknown transcript format")
	ErrEncoding      = errors.New("unknown or invalid text encoding")
	ErrSignature     = errors.New("missing WEBVTT signature")
	ErrTimestamp     = errors.New("invalid timestamp")
	ErrSyntax        = errors.New("syntax error")
	ErrTruncated     = errors.New("truncated input")
	ErrNoSegments    = errors.New("no timed segments")
	ErrUnknownWriter = errors.New("format cannot be written")
	ErrTooLarge      = errors.New("input too large")
)

// ParseError locates a fatal problem in the source. Line and Column are 1-based; 0 means unknown.
type ParseError struct {
	Format Format
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	where := ""
	switch {
	case e.Line > 0 && e.Column > 0:
		where = fmt.Sprintf("line %d, column %d: ", e.Line, e.Column)
	case e.Line > 0:
		where = fmt.Sprintf("line %d: ", e.Line)
	}
	if e.Format == FormatUnknown {
		return where + e.Err.Error()
	}
	return where + e.Format.String() + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

func perr(f Format, line int, err error) *ParseError {
	return &ParseError{Format: f, Line: line, Err: err}
}

func perrf(f Format, line int, sentinel error, format string, args ...any) *ParseError {
	return &ParseError{Format: f, Line: line, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}
