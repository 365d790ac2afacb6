package page

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// declared reads page.go's constants: the element ids (the first block) and every other name.
func declared(t *testing.T) (ids, all map[string]bool) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "page.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids, all = map[string]bool{}, map[string]bool{}
	block := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		block++
		for _, s := range g.Specs {
			for _, v := range s.(*ast.ValueSpec).Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(lit.Value)
					all[s] = true
					if block == 1 {
						ids[s] = true
					}
				}
			}
		}
	}
	return ids, all
}

// byID finds the ids scripts and tests ask the page for: getElementById('x') and #x in a selector.
var byID = regexp.MustCompile(`getElementById\(\s*['"` + "`" + `]([a-z][a-z0-9-]*)['"` + "`" + `]\s*\)|querySelector(?:All)?\(\s*['"` + "`" + `]#([a-z][a-z0-9-]*)`)

// TestContract: every id that web/'s scripts and the browser tests look up is one the contract
// declares (a renamed element fails here, not in a browser far away), and the ids are unique.
func TestContract(t *testing.T) {
	t.Parallel()
	ids, _ := declared(t)
	if len(ids) < 40 {
		t.Fatalf("only %d ids declared: is the first const block of page.go still the ids?", len(ids))
	}
	// Pages the tests make themselves (an embedding host, a plain floor page) have their own ids.
	theirs := map[string]bool{"f": true}
	var files []string
	for _, glob := range []string{"../../../web/*.js", "../../site/*_test.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d files to check", len(files))
	}
	unknown := map[string][]string{}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "wasm_exec.js") || strings.HasSuffix(f, "app.js") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range byID.FindAllStringSubmatch(string(b), -1) {
			id := m[1] + m[2]
			seen++
			if !ids[id] && !theirs[id] && !strings.HasPrefix(id, "chapter-") && !strings.HasPrefix(id, "t=") {
				unknown[id] = append(unknown[id], filepath.Base(f))
			}
		}
	}
	if seen < 100 {
		t.Errorf("only %d lookups found: is the pattern still right?", seen)
	}
	names := make([]string, 0, len(unknown))
	for id := range unknown {
		names = append(names, id)
	}
	sort.Strings(names)
	for _, id := range names {
		t.Errorf("#%s is looked up (%s) but not declared in page.go", id, strings.Join(dedupe(unknown[id]), ", "))
	}
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
