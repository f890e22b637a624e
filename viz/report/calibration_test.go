package report

import (
	"strings"
	"testing"

	"vigie/metrics"
)

// The calibrated section says which factors came from the pipeline and
// which from the profile, with intervals where measured, in both
// languages, and reads right when every factor or none came from the
// pipeline; other runs have no such section.
func TestCalibrationSectionSaysWhereFiguresCameFrom(t *testing.T) {
	cal := func(factors ...metrics.CalibrationFactor) metrics.Results {
		return metrics.Results{Recognizer: &metrics.RecognizerReport{Mode: "calibrated", FaceSource: metrics.FacesGenerated,
			Calibration: &metrics.Calibration{Profile: "neoface-v4-npl2023", Threshold: 0.412, ReferenceFMR: 0.05, MissThreshold: 0.55, ReferenceMiss: 0.11,
				ReferenceBin: "px60+/yaw0-30/day", Resamples: 200, MaxSpread: 4, Factors: factors}}}
	}
	used := metrics.CalibrationFactor{Rate: metrics.RateFalseMatch, Group: "monk-8-10", Measured: true, Pipeline: 1.8, Bounded: true,
		PipelineCI: [2]float64{1.2, 2.6}, Profile: 1.9, From: metrics.FromPipeline}
	wide := metrics.CalibrationFactor{Rate: metrics.RateMiss, Bin: "covered", Measured: true, Pipeline: 3, Bounded: true,
		PipelineCI: [2]float64{0.5, 9}, Profile: 2.5, From: metrics.FromProfile}
	unmeasured := metrics.CalibrationFactor{Rate: metrics.RateMiss, Group: "monk-1-3", Profile: 1, From: metrics.FromProfile}
	for _, tc := range []struct {
		name string
		res  metrics.Results
		want []string
	}{
		{"mixed", cal(used, wide, unmeasured), []string{"from the pipeline: 1 of 3; from the profile: 2 of 3", "1.80 [1.20, 2.60]", "3.00 [0.50, 9.00]", "not measured", "“neoface-v4-npl2023”", "0.412", "200 bootstrap"}},
		{"all from the pipeline", cal(used), []string{"from the pipeline: 1 of 1; from the profile: 0 of 1"}},
		{"none from the pipeline", cal(unmeasured), []string{"from the pipeline: 0 of 1; from the profile: 1 of 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"", "fr"} {
				in, err := speak(lang)
				if err != nil {
					t.Fatal(err)
				}
				s := in.calibrationSectionText(tc.res)
				text := s.Intro + " " + s.Count
				for _, r := range s.Rows {
					text += " | " + strings.Join([]string{r.Rate, r.For, r.Pipeline, r.Profile, r.Used}, " ")
				}
				if strings.Contains(text, "%!") {
					t.Errorf("%s: broken placeholder in %q", lang, text)
				}
				if lang == "" {
					for _, w := range tc.want {
						if !strings.Contains(text, w) {
							t.Errorf("%q lacks %q", text, w)
						}
					}
				} else if !strings.Contains(text, "chaîne") || !strings.Contains(s.Count, "\u00a0:") {
					t.Errorf("French section %q is not in French with its spacing", text)
				}
			}
		})
	}
	in, _ := speak("")
	if s := in.calibrationSectionText(metrics.Results{Recognizer: &metrics.RecognizerReport{Mode: "fitted"}}); s != nil {
		t.Errorf("a fitted run has a calibration section: %+v", s)
	}
}
