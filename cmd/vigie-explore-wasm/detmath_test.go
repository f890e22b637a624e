package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// platformMath finds the math functions whose amd64 assembly gives other
// last bits than the portable Go that runs in the browser.
var platformMath = regexp.MustCompile(`\bmath\.(Exp|Pow)\(`)

// TestEngineUsesPortableMath: every package that computes results and is
// linked into the page's engine calls internal/detmath for e^x and x^y, so
// that the page and vigie run give the same bytes (the words in viz/ do
// not reach results.json).
func TestEngineUsesPortableMath(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}} {{.Dir}}{{end}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(path, "vigie/") || strings.HasPrefix(path, "vigie/viz/") || path == "vigie/internal/detmath" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range platformMath.FindAllString(string(b), -1) {
				t.Errorf("%s calls %s: use vigie/internal/detmath, whose bits are the same on every platform", f, m)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("checked only %d files; is go list finding the engine's packages?", checked)
	}
}
