package main

import (
	"fmt"
	"io"
)

// runServe is filled in by the viewer.
func runServe(args []string, _ io.Reader, _, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tingo serve: not built yet")
	return 1
}
