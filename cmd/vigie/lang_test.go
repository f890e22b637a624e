package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vigie run speaks the language asked: --lang, else the scenario's
// language:, else English; an unknown one is bad input (exit 2, nothing
// written).
func TestRunInFrench(t *testing.T) {
	scen := writeFile(t, "petit.yaml", small+"language: fr\n")
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := vigie(t, nil, "run", scen, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"2\u202f000 habitants", "régime", "visages scannés", "- Avec le régime «\u202f"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("the French summary lacks %q:\n%s", w, stdout)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="fr" dir="ltr">`) || !strings.Contains(string(page), "Synthèse") {
		t.Error("report.html is not in French")
	}
	stdout, _, code = vigie(t, nil, "run", scen, "--out", filepath.Join(t.TempDir(), "en"), "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "2,000 citizens") {
		t.Errorf("--lang en over language: fr: exit %d\n%s", code, stdout)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	_, stderr, code = vigie(t, nil, "run", writeFile(t, "s.yaml", small), "--out", bad, "--lang", "xx")
	if code != 2 || !strings.Contains(stderr, "available: en, fr") {
		t.Errorf("--lang xx: exit %d, %q; want 2 naming the languages", code, stderr)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Error("an unknown language still wrote outputs")
	}
}
