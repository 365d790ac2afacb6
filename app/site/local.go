package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Reading the files of a podcast's folder: every path stays inside it.

// ErrLeavesFolder is the error for a local path that is not inside the podcast's folder.
var ErrLeavesFolder = errors.New("path leaves the podcast folder")

// readLocal reads a file of a podcast's folder: a relative path inside it (no "..", not absolute, not
// through a link that leads out, which fsys from os.Root refuses), at most limit bytes.
func readLocal(fsys fs.FS, name string, limit int64, what string) ([]byte, error) {
	clean, err := localName(name)
	if err != nil {
		return nil, err
	}
	f, err := fsys.Open(clean)
	if err != nil {
		return nil, localErr(name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a %s", name, what)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: over the %d MiB a %s may have", name, limit>>20, what)
	}
	return b, nil
}

// localName checks that name is a relative path inside the folder and gives it cleaned.
func localName(name string) (string, error) {
	clean := path.Clean(strings.ReplaceAll(name, "\\", "/"))
	if name == "" || path.IsAbs(clean) || !fs.ValidPath(clean) || strings.Contains(name, "\x00") {
		return "", fmt.Errorf("%s: %w", name, ErrLeavesFolder)
	}
	return clean, nil
}

// localErr names a failed open; os.Root's refusal of a link out of the folder says so.
func localErr(name string, err error) error {
	if strings.Contains(err.Error(), "escapes from parent") {
		return fmt.Errorf("%s: %w (through a link)", name, ErrLeavesFolder)
	}
	return err
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
