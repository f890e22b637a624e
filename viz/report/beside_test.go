package report

import (
	"strings"
	"testing"

	"vigie/metrics"
)

// The comparison sentence reads right whatever the numbers: no pipeline,
// no regime with a watchlist, both finding none, a tie, the pipeline worse
// or better, generated faces or a researcher's folder.
func TestPipelineComparisonWording(t *testing.T) {
	regimes := []metrics.RegimeResult{{Name: "mass", Live: true, Watchlist: 100000, Metrics: metrics.RegimeMetrics{FacesScanned: 5}},
		{Name: "retro", Watchlist: 1000000}}
	with := func(faces string, found, profile float64) metrics.Results {
		return metrics.Results{Regimes: regimes, Pipeline: &metrics.RecognizerReport{FaceSource: faces, Profile: "p", System: "NEC NeoFace V4",
			Regimes: []metrics.PipelineRegime{
				{Regime: "retro", Gallery: 1000000, FPIRBudget: 0.01, ProfileThreshold: 0.6, Threshold: 0.2, Found: 0.5, ProfileFound: 0.5},
				{Regime: "mass", Gallery: 100000, FPIRBudget: 1.0 / 600, ProfileThreshold: 0.6, Threshold: 0.151, Found: found, ProfileFound: profile}}}}
	}
	for _, tc := range []struct {
		name string
		res  metrics.Results
		want []string
		not  []string
	}{
		{"no pipeline", metrics.Results{Regimes: regimes}, nil, nil},
		{"no watchlist", metrics.Results{Pipeline: &metrics.RecognizerReport{FaceSource: metrics.FacesGenerated, System: "S"}},
			[]string{"no regime searched a watchlist", "The open dlib network"}, []string{"Held"}},
		{"worse on generated faces", with(metrics.FacesGenerated, 0.0014, 0.89),
			[]string{"“mass”", "0.17% of faces scanned", "100,000 names", "0.151", "finds 0.14%", "against 89% for the profile", "too alike"}, []string{"retro"}},
		{"none found", with(metrics.FacesGenerated, 0, 0.89), []string{"finds none of the wanted", "against 89%", "too alike"}, nil},
		{"almost none", with(metrics.FacesGenerated, 1.4e-6, 0.89), []string{"finds 1 in 710,000 of the wanted", "against 89%"}, []string{"0.000%"}},
		{"neither finds", with(metrics.FacesGenerated, 0, 0), []string{"like the profile, finds none"}, []string{"too alike", "for the profile"}},
		{"tie", with(metrics.FacesGenerated, 0.88, 0.89), []string{"about as many", "88% against 89%", "not the system the profile describes"}, []string{"too alike"}},
		{"better", with(metrics.FacesGenerated, 0.95, 0.5), []string{"finds more", "95% against 50%"}, []string{"too alike"}},
		{"folder", with(metrics.FacesFolder, 0.1, 0.89), []string{"researcher's folder", "not the system the profile describes"}, []string{"too alike"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PipelineComparison(tc.res, "")
			if err != nil {
				t.Fatal(err)
			}
			fr, err := PipelineComparison(tc.res, "fr")
			if err != nil {
				t.Fatal(err)
			}
			if (fr == "") != (got == "") || strings.Contains(fr, "%!") || strings.Contains(got, "%!") {
				t.Errorf("English %q and French %q disagree on whether there is a sentence, or a placeholder is broken", got, fr)
			}
			if tc.want == nil && got != "" {
				t.Fatalf("want no sentence, got %q", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q says %q", got, n)
				}
			}
		})
	}
}
