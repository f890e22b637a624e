package metrics

import (
	"encoding/json"
	"strings"
	"testing"
)

// The report's JSON keys are part of results.json's layout: snake_case,
// and the lists drop out when empty (published-rates has none).
func TestRecognizerReportJSON(t *testing.T) {
	full := Results{Recognizer: &RecognizerReport{Mode: "fitted", Source: "s", Scale: ScaleDistance, FaceSource: FacesGenerated,
		Sample: SampleInfo{Identities: 1, Captures: 2, Detected: 3, Enrolled: 4, GenuinePairs: 5, ImpostorPairs: 6},
		Fits: []ScoreFit{{Group: "g", Bin: "b", Detected: NewRate(1, 2),
			Genuine: DistFit{Family: "normal", Params: map[string]float64{"mu": 0.2}, N: 3, Mean: 0.2, SD: 0.1, KS: 0.05, KSP: 0.5}}},
		Groups: []GroupRates{{Regime: "r", Group: "g", Threshold: 0.4, FMR: NewRate(1, 10), FPIR: 0.1, FNIR: 0.2,
			PublishedFMR: 0.01, PublishedFPIR: 0.02}},
		Notes: []string{"n"}}}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"recognizer":{`, `"mode":"fitted"`, `"scale":"distance"`, `"face_source":"generated"`,
		`"genuine_pairs":5`, `"impostor_pairs":6`, `"fits":[`, `"ks_p":0.5`, `"params":{"mu":0.2}`, `"groups":[`,
		`"published_fmr":0.01`, `"published_fpir":0.02`, `"fnir":0.2`, `"notes":["n"]`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("results.json lacks %s: %s", key, b)
		}
	}
	var back Results
	if err := json.Unmarshal(b, &back); err != nil || back.Recognizer.Groups[0].FMR.Events != 1 || back.Recognizer.Fits[0].Genuine.Params["mu"] != 0.2 {
		t.Errorf("the report does not read back: %v %+v", err, back.Recognizer)
	}

	b, err = json.Marshal(Results{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "recognizer\":{") || strings.Contains(string(b), `"recognizer":null`) {
		t.Errorf("a run without a recognizer report writes one: %s", b)
	}
	b, _ = json.Marshal(RecognizerReport{Mode: "published-rates"})
	for _, key := range []string{`"fits"`, `"groups"`, `"notes"`} {
		if strings.Contains(string(b), key) {
			t.Errorf("an empty list is written: %s", b)
		}
	}
}
