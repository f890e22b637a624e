package dpia

import (
	"regexp"
	"strings"
	"testing"

	"vigie/metrics"
)

func sample() metrics.Results {
	m := metrics.RegimeMetrics{FacesScanned: 47502, Alerts: 2, FalseAlerts: 2, FalseStops: 2, WantedTotal: 197,
		RecordsRetained: 99520, RecordDays: 1234567.4, RetentionDays: 365, InnocentStoppedPer100k: 14.9,
		FalseAlertShare: metrics.NewRate(2, 2), SensitiveVisitChange: -0.045,
		ByGroup: []metrics.GroupMetrics{{Group: "a", FPIR: 2.4e-5, FPIRCI: [2]float64{1e-6, 1e-4}, FalseStops: 1}}}
	return metrics.Results{
		Manifest: metrics.Manifest{VigieVersion: "test", ScenarioName: "s", Seed: 20260611, Recognizer: "fitted"},
		Scenario: metrics.ScenarioInfo{Name: "s", Population: 20000, Cameras: 82, Hours: 24},
		Regimes:  []metrics.RegimeResult{{Name: "none", Threshold: 0.6}, {Name: "mass", Live: true, Watchlist: 100000, Threshold: 0.62, Metrics: m}},
	}
}

// The draft's numbers follow the language, its legal frame the
// jurisdiction, and no key is missing in either language.
func TestMarkdownInEachLanguage(t *testing.T) {
	missing := regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]`)
	tests := []struct {
		lang, jurisdiction string
		want, not          []string
	}{
		{"en", "", []string{"| mass | 47,502 |", "| mass | yes | 100,000 | 0.62 |", "2.40e-05", "maximum", "GDPR"}, []string{"CNDP", "09-08"}},
		{"fr", "ma", []string{"| mass | 47\u202f502 |", "| mass | oui | 100\u202f000 | 0,62 |", "2,40e-05", "maximale", "RGPD", "CNDP", "n° 09-08",
			"Graine\u00a0: 20260611"}, []string{"GDPR", "yes |", "47,502"}},
		{"fr", "eu", []string{"RGPD"}, []string{"CNDP"}},
	}
	for _, tt := range tests {
		md, err := Markdown(sample(), Options{Lang: tt.lang, Jurisdiction: tt.jurisdiction})
		if err != nil {
			t.Fatal(err)
		}
		text := string(md)
		if m := missing.FindString(text); m != "" {
			t.Errorf("%s: a key is missing: %s", tt.lang, m)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s/%s: the draft lacks %q", tt.lang, tt.jurisdiction, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(text, w) {
				t.Errorf("%s/%s: the draft holds %q", tt.lang, tt.jurisdiction, w)
			}
		}
	}
	if _, err := Markdown(sample(), Options{Jurisdiction: "xx"}); err == nil || !strings.Contains(err.Error(), "eu, ma") {
		t.Errorf("an unknown jurisdiction: %v", err)
	}
	if _, err := Markdown(sample(), Options{Lang: "xx"}); err == nil {
		t.Error("an unknown language drafted without error")
	}
}
