package site

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// files serves the regular files of one folder and nothing else: the URL path (decoded) is cleaned and
// must stay inside the folder (no ".." segment, no backslash, no NUL), every open goes through an
// os.Root's FS or an embedded one (so a link inside the folder cannot lead out of it), folders are never
// listed (with index set, a folder's index.html is served instead), and only GET and HEAD are answered.
type files struct {
	fsys   fs.FS
	prefix string // the URL prefix taken off before the path is looked up ("/web/")
	index  bool
}

// newFiles opens dir for serving under prefix.
func newFiles(dir, prefix string, index bool) (*files, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &files{fsys: root.FS(), prefix: prefix, index: index}, nil
}

// localPath turns a decoded URL path into a path inside the folder, or reports that there is none.
func localPath(urlPath, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(urlPath, prefix)
	if !ok || strings.ContainsAny(rest, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	rel := strings.TrimPrefix(path.Clean("/"+rest), "/")
	if rel == "" {
		rel = "."
	}
	return rel, fs.ValidPath(rel)
}

func (f *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, ok := localPath(r.URL.Path, f.prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	st, err := fs.Stat(f.fsys, rel)
	if err == nil && st.IsDir() {
		if !f.index {
			http.NotFound(w, r)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, path.Base(r.URL.Path)+"/", http.StatusMovedPermanently)
			return
		}
		rel = path.Join(rel, "index.html")
		st, err = fs.Stat(f.fsys, rel)
	}
	if err != nil || !st.Mode().IsRegular() {
		// Missing, a link that leads out of the folder, or not a plain file: not the site's.
		http.NotFound(w, r)
		return
	}
	// A built site's precompressed forms (FILE.br, FILE.gz), for a browser that takes them.
	ct := contentType(rel)
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(rel))
	}
	if r.Header.Get("Range") == "" && compressible(rel, int(st.Size())) {
		w.Header().Add("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ ext, name string }{{".br", "br"}, {".gz", "gzip"}} {
			if !strings.Contains(accept, enc.name) {
				continue
			}
			if cst, err := fs.Stat(f.fsys, rel+enc.ext); err == nil && cst.Mode().IsRegular() {
				rel, st = rel+enc.ext, cst
				w.Header().Set("Content-Encoding", enc.name)
				break
			}
		}
	}
	fh, err := f.fsys.Open(rel)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer fh.Close()
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	rs, ok := fh.(io.ReadSeeker)
	if !ok {
		http.Error(w, "not seekable", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, rel, st.ModTime(), rs)
}

// contentType names the types static hosts get wrong or browsers insist on.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".vtt":
		return "text/vtt; charset=utf-8"
	case ".bin":
		return "application/octet-stream"
	}
	return ""
}
