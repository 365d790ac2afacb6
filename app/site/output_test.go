package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tingo/app/internal/sample"
)

func TestBuildRemovesWhatItNoLongerWritesAndNothingElse(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	buildTestSite(t, "Show", out, "")
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("show.example.com\n"), 0o644)
	os.MkdirAll(filepath.Join(out, ".git"), 0o755)
	os.WriteFile(filepath.Join(out, ".git", "config"), []byte("[core]\n"), 0o644)
	var dropped string
	buildTestSite(t, "Show", out, "", func(p *Podcast) {
		dropped = p.Episodes[0].Slug
		p.Episodes = p.Episodes[1:]
	})
	if _, err := os.Stat(filepath.Join(out, dropped)); err == nil {
		t.Errorf("the dropped episode's folder %s is still published", dropped)
	}
	for _, f := range []string{"CNAME", ".git/config", "index.html", RecordName} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s is gone after the rebuild", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, RecordName))
	if strings.Contains(string(b), "CNAME") || strings.Contains(string(b), ".git") || !strings.Contains(string(b), "index.html") {
		t.Errorf("the record lists %q", b)
	}
	left, _ := filepath.Glob(out + ".tingo-*")
	if len(left) > 0 {
		t.Errorf("the build left %v", left)
	}
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	dir := t.TempDir()
	show := filepath.Join(dir, "show")
	os.MkdirAll(show, 0o755)
	home, _ := os.UserHomeDir()
	for _, c := range []struct{ out, input, want string }{
		{show, show, "is the input folder"},
		{dir, show, "holds the input"},
		{dir, filepath.Join(show, "feed.xml"), "holds the input"},
		{"/", "", "root of the file system"},
		{home, "", "home folder"},
	} {
		_, err := Build(&Podcast{}, BuildOptions{Root: root, Out: c.out, Input: c.input})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Build(out %s, input %s) = %v, want %q", c.out, c.input, err, c.want)
		}
	}
	if err := checkOutput(filepath.Join(show, "site"), show); err != nil {
		t.Errorf("an output folder inside the input is fine: %v", err)
	}
}

func TestBuildRecoversFromAKilledSwap(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	// Killed between the two renames of a swap: the old site sits aside, the output is missing.
	os.MkdirAll(filepath.Join(dir, "site.tingo-old-abc"), 0o755)
	os.WriteFile(filepath.Join(dir, "site.tingo-old-abc", "index.html"), []byte("old"), 0o644)
	os.MkdirAll(filepath.Join(dir, "site.tingo-new-def"), 0o755)
	s, err := stage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.abort()
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "old" {
		t.Errorf("the old site was not put back: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.tingo-new-def")); err == nil {
		t.Error("a killed build's folder was left")
	}
}

// TestBuildKilledLeavesTheOldSite kills `tingo build` (kill -9) while it writes a large site: the
// site built before is there, byte for byte.
func TestBuildKilledLeavesTheOldSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		t.Skip("web/app.wasm is missing (make wasm)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tingo")
	build := exec.Command("go", "build", "-o", bin, "./cmd/tingo")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	show := filepath.Join(dir, "show")
	os.MkdirAll(show, 0o755)
	data, _ := os.ReadFile(sample.Path())
	var eps []string
	for i := range 60 {
		name := filepath.Join(show, "ep"+itoa(i)+".txt")
		os.WriteFile(name, data, 0o644)
		eps = append(eps, `{"transcript": "ep`+itoa(i)+`.txt", "title": "Episode `+itoa(i)+`", "slug": "ep`+itoa(i)+`"}`)
	}
	os.WriteFile(filepath.Join(show, ManifestName), []byte(`{"title": "Big", "episodes": [`+strings.Join(eps[:2], ",")+`]}`), 0o644)
	abs, _ := filepath.Abs(root)
	site := filepath.Join(dir, "site")
	if out, err := exec.Command(bin, "build", "--root", abs, "--no-terms", "-o", site, show).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	before := treeHashes(t, site)
	os.WriteFile(filepath.Join(show, ManifestName), []byte(`{"title": "Big", "episodes": [`+strings.Join(eps, ",")+`]}`), 0o644)
	cmd := exec.Command(bin, "build", "--root", abs, "-o", site, show)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has begun writing its new folder.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(site+".tingo-new-*", "ep*")); len(m) > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	after := treeHashes(t, site)
	if len(after) != len(before) {
		t.Fatalf("killed build: %d files in the site, want the old %d", len(after), len(before))
	}
	for _, f := range treeDiff(after, before) {
		t.Errorf("killed build changed %s", f)
	}
	// The next build finishes, and cleans up what the killed one left.
	if out, err := exec.Command(bin, "build", "--root", abs, "--no-terms", "-o", site, show).CombinedOutput(); err != nil {
		t.Fatalf("build after the kill: %v\n%s", err, out)
	}
	if left, _ := filepath.Glob(site + ".tingo-*"); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := os.Stat(filepath.Join(site, "ep59", "index.html")); err != nil {
		t.Error("the build after the kill did not write every episode")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestBuildLocksItsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	s, err := stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stage(out); err == nil || !strings.Contains(err.Error(), "another tingo build") {
		t.Errorf("a second build of the same output while one writes: %v", err)
	}
	s.abort()
	s2, err := stage(out)
	if err != nil {
		t.Errorf("after the first let go: %v", err)
	} else {
		s2.abort()
	}
}
