package site

import (
	"bufio"
	"io"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tingo/app/internal/sample"
)

// TestReleaseBinary builds tingo as `make install` does (the app embedded), copies the binary alone into
// an empty folder, builds a podcast there and serves it, and reads along in Chromium: nothing of the
// repository is needed beside the binary.
func TestReleaseBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a release binary")
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		browser(t) // skips, or fails under TINGO_BROWSER=required, saying why
	}
	empty := t.TempDir()
	bin := filepath.Join(empty, "tingo")
	build := exec.Command("go", "build", "-trimpath", "-tags", "release", "-ldflags=-s -w", "-o", bin, "./cmd/tingo")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags release: %v\n%s", err, out)
	}
	st, _ := os.Stat(bin)
	t.Logf("release binary: %.1f MB", float64(st.Size())/1e6)

	// The podcaster's own folder: the sample as one episode, a short local audio file.
	show := filepath.Join(empty, "show")
	os.MkdirAll(show, 0o755)
	data, err := os.ReadFile(sample.Path())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(show, "ep1.txt"), data, 0o644)
	wav, _ := os.ReadFile(wavFile(t, 30))
	os.WriteFile(filepath.Join(show, "ep1.wav"), wav, 0o644)
	os.WriteFile(filepath.Join(show, ManifestName), []byte(`{"title": "My Show", "language": "zh-Hant",
  "episodes": [{"transcript": "ep1.txt", "title": "First", "slug": "first", "audio": "ep1.wav"}]}`), 0o644)
	run := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Dir = empty
		c.Env = []string{"HOME=" + empty, "PATH=/usr/bin:/bin"} // no Go toolchain, no repository
		return c
	}
	if out, err := run("build", "--no-terms", "-o", "site", "show").CombinedOutput(); err != nil {
		t.Fatalf("tingo build: %v\n%s", err, out)
	}
	for _, f := range []string{"site/index.html", "site/first/index.html", "site/web/early.js", "site/wasm_exec.js", "site/media/first.wav"} {
		if _, err := os.Stat(filepath.Join(empty, f)); err != nil {
			t.Errorf("the build wrote no %s", f)
		}
	}

	serve := run("serve", "--addr", "127.0.0.1:0", "show")
	stdout, _ := serve.StdoutPipe()
	serve.Stderr = io.Discard
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serve.Process.Kill(); serve.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if i := strings.Index(sc.Text(), "http://"); i >= 0 {
				lines <- strings.TrimSuffix(sc.Text()[i:], "/")
				return
			}
		}
		close(lines)
	}()
	var addr string
	select {
	case addr = <-lines:
	case <-time.After(2 * time.Minute):
		t.Fatal("tingo serve did not say where it serves")
	}
	if addr == "" {
		t.Fatal("tingo serve stopped before serving")
	}
	u, _ := url.Parse(addr)
	p := openPage(t, httputil.NewSingleHostReverseProxy(u), "/first/")
	n := eval[int](p, `document.querySelectorAll('.seg')[0].querySelector('.tx').textContent.length`)
	x, y := p.charPoint(0, n/2)
	p.clickAt(x, y)
	got := eval[float64](p, `document.getElementById('audio').currentTime`)
	if got < 15 || got > 45 {
		t.Errorf("a click halfway into 0:00-1:02 seeks to %.1f s, want about 31 s", got)
	}
	if s := p.currentStart(); s != 0 {
		t.Errorf("current segment starts at %v, want 0", s)
	}
}
