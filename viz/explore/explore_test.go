package explore

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func samplePage(lang string) Page {
	return Page{Lang: lang, Version: "test", Scenario: "name: x\n# </script><script>alert(1)</script>\n",
		Name: `<img src=x onerror="alert(1)">`, Description: "a & b", Profile: "neoface-v4-npl2023", Citizens: 5000,
		Cameras: []Cameras{{Index: 0, Strategy: "transit_hubs", Count: 3}, {Index: 2, Strategy: "places", Kinds: []string{"square", "market"}, Count: 2}},
		Regimes: []Regime{{Name: "mass", Threshold: 0.6, Watchlist: 100000, Live: true, Review: true, Publicity: 0.8}}}
}

func render(t *testing.T, p Page) string {
	t.Helper()
	if err := HasEngine(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// User text is escaped wherever it lands, and the page asks for nothing
// outside itself.
func TestPageEscapesAndStaysOffline(t *testing.T) {
	page := render(t, samplePage("en"))
	if strings.Contains(page, `<img src=x`) || strings.Contains(page, "</script><script>alert") {
		t.Error("user text reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;img src=x") || !strings.Contains(page, "a &amp; b") {
		t.Error("the scenario's name or description is missing")
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(page); m != "" {
		t.Errorf("the page loads something from outside: %s", m)
	}
	if !strings.Contains(page, `data-placement="2"`) {
		t.Error("a camera control does not carry its index in cameras.placement")
	}
}

// The controls speak the page's language.
func TestPageInFrench(t *testing.T) {
	page := render(t, samplePage("fr"))
	for _, want := range []string{`<html lang="fr"`, "Caméras à chaque place et marché", "seuil 0,6, liste de surveillance 100\u202f000", "Relancer", "profil neoface-v4-npl2023"} {
		if !strings.Contains(page, want) {
			t.Errorf("the French page lacks %q", want)
		}
	}
	if err := Render(&bytes.Buffer{}, samplePage("xx")); err == nil {
		t.Error("an unknown language was accepted")
	}
}
