package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vigie/scenarios"
	"vigie/viz/i18n"
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

// grouped writes a count as the English draft does: 47,502.
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// vigie dpia --lang fr follows the CNIL's AIPD structure in French, and a
// scenario set in Morocco cites law 09-08 and the CNDP beside the GDPR.
func TestDPIAInFrenchForMorocco(t *testing.T) {
	out := filepath.Join(t.TempDir(), "aipd")
	scen := writeFile(t, "maroc.yaml", small+"jurisdiction: ma\n")
	if _, stderr, code := vigie(t, nil, "dpia", scen, "--out", out, "--lang", "fr"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	md, err := os.ReadFile(filepath.Join(out, "dpia.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	for _, w := range []string{"# Projet d'analyse d'impact relative à la protection des données (AIPD)",
		"## 1. Description du traitement", "## 2. Principes fondamentaux\u00a0: nécessité et proportionnalité",
		"## 3. Risques pour les droits et libertés des personnes", "### 3.1 Accès illégitime à des données",
		"### 3.2 Modification non désirée de données", "### 3.3 Disparition de données", "### 3.4 Identification erronée",
		"### 3.5 Effet dissuasif", "## 4. Mesures envisagées", "## Manifeste",
		"RGPD", "loi marocaine n° 09-08", "CNDP", "gravité", "vraisemblance"} {
		if !strings.Contains(text, w) {
			t.Errorf("the French draft lacks %q", w)
		}
	}
	for _, w := range []string{"## 1. The processing", "Legal basis", "to be completed", "negligible", "significant", "["} {
		if strings.Contains(text, w) {
			t.Errorf("the French draft still holds %q", w)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "dpia.html"))
	if !strings.Contains(string(html), `<html lang="fr" dir="ltr">`) {
		t.Error("dpia.html does not say it is French")
	}
	eu := filepath.Join(t.TempDir(), "eu")
	if _, stderr, code := vigie(t, nil, "dpia", writeFile(t, "eu.yaml", small), "--out", eu); code != 0 {
		t.Fatal(stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(eu, "dpia.md")); strings.Contains(string(b), "CNDP") || !strings.Contains(string(b), "GDPR") {
		t.Error("a scenario without jurisdiction: ma cites the CNDP, or the GDPR is missing")
	}
}

// The catalogues translate built-in regimes' and bundled scenarios'
// descriptions only where the English text is the YAML's, word for word;
// this keeps the two from drifting apart.
func TestCatalogueDescriptionsMatchTheBuiltIns(t *testing.T) {
	en, err := i18n.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for key, m := range en.Messages {
		kind, rest, ok := strings.Cut(key, ".")
		name, field, _ := strings.Cut(rest, ".")
		if !ok || field != "description" || (kind != "regime" && kind != "scenario") {
			continue
		}
		n++
		var want string
		if kind == "regime" {
			r, err := scenarios.Builtin(name)
			if err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			want = r.Description
		} else {
			sc, err := scenarios.Load(name)
			if err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			want = sc.File.Description
		}
		if m.Text != want {
			t.Errorf("%s: the catalogue says %q, the YAML %q", key, m.Text, want)
		}
	}
	if n < len(scenarios.BuiltinNames()) {
		t.Errorf("only %d descriptions in the catalogue; every built-in regime should have one", n)
	}
}
