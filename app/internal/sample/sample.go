// Package sample loads the project's sample episode (testdata/kejilang-episode.txt) for tests and
// benchmarks, wherever the package that asks for it sits.
package sample

import (
	"os"
	"path/filepath"
	"runtime"

	"tingo/app/transcript"
)

// Path is the sample transcript's file.
func Path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "kejilang-episode.txt")
}

// Transcript parses the sample.
func Transcript() (*transcript.Transcript, error) {
	f, err := os.Open(Path())
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, _, err := transcript.Parse(f)
	return t, err
}

// Texts gives the sample's segment texts.
func Texts() ([]string, error) {
	t, err := Transcript()
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(t.Segments))
	for i, s := range t.Segments {
		texts[i] = s.Text
	}
	return texts, nil
}
