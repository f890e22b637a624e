package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `vigie dpia clearview-search` flags the scraped gallery's missing legal
// basis and its transfer abroad, in English and French, with the residents
// held that `vigie run clearview-search` counted.
func TestDPIAFlagsClearviewSearch(t *testing.T) {
	run := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := vigie(t, nil, "run", "clearview-search", "--out", run, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(run, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Regimes []struct {
			Name    string
			Gallery *struct {
				Held int `json:"residents_held_without_legal_basis"`
			} `json:"scraped_gallery"`
		}
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	held := -1
	for _, r := range res.Regimes {
		if r.Name == "clearview-search" && r.Gallery != nil {
			held = r.Gallery.Held
		}
	}
	if held <= 0 {
		t.Fatalf("clearview-search holds %d residents without a basis", held)
	}
	for lang, want := range map[string][]string{
		"en": {"**Flag: no legal basis is given for the processing under “clearview-search”.**", "a transfer abroad",
			"the faces of " + grouped(held) + " residents", "chapter V of the GDPR"},
		"fr": {"**Alerte\u00a0: aucune base légale n'est indiquée pour le traitement du régime «\u00a0clearview-search\u00a0».**", "un transfert à l'étranger"},
	} {
		out := filepath.Join(t.TempDir(), "dpia-"+lang)
		if _, stderr, code := vigie(t, nil, "dpia", "clearview-search", "--lang", lang, "--out", out); code != 0 {
			t.Fatalf("dpia %s: exit %d: %s", lang, code, stderr)
		}
		md, err := os.ReadFile(filepath.Join(out, "dpia.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(md), w) {
				t.Errorf("%s: the draft lacks %q", lang, w)
			}
		}
	}
}
