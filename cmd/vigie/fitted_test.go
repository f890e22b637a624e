package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// A tiny fitted scenario: 4 citizens per group (the fewest a fit takes)
// through the real pipeline, in four condition bins.
const fitted = `name: fitted-tiny
seed: 5
population: {size: 600}
recognizer:
  mode: fitted
  bins: {face_px: [12], yaw_deg: []}
  fit: {identities_per_group: 4}
regimes: [none, targeted-live, mass]
`

// The fitted recognizer runs the real pipeline on generated faces, writes
// what it fitted into the results, the tidy tables and the report, and
// gives the same bytes whatever the core count.
func TestFittedRunIsByteIdenticalAndReportsItsFits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real pipeline on 60 generated faces, twice")
	}
	if _, err := recognition.ModelDir(""); err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	scen := writeFile(t, "fitted.yaml", fitted)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, e, code := vigie(t, []string{"GOMAXPROCS=1"}, "run", scen, "--out", a, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if _, e, code := vigie(t, []string{"GOMAXPROCS=2"}, "run", scen, "--out", b, "-q", "--workers", "3"); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	for _, f := range []string{"results.json", "events.csv", "fits.csv", "group_rates.csv"} {
		x, errx := os.ReadFile(filepath.Join(a, f))
		y, erry := os.ReadFile(filepath.Join(b, f))
		if errx != nil || erry != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 2 (or is missing: %v %v)", f, errx, erry)
		}
	}
	data, _ := os.ReadFile(filepath.Join(a, "results.json"))
	var res struct {
		Recognizer struct {
			Mode, Scale string
			FaceSource  string `json:"face_source"`
			Sample      struct{ Identities, Enrolled int }
			Fits        []struct{ Group, Bin string }
			Groups      []struct {
				Regime        string
				Threshold     float64
				PublishedFPIR float64 `json:"published_fpir"`
			}
		}
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	r := res.Recognizer
	if r.Mode != "fitted" || r.Scale != "distance" || r.FaceSource != "generated" {
		t.Errorf("recognizer %q on scale %q, faces %q", r.Mode, r.Scale, r.FaceSource)
	}
	if r.Sample.Identities != 12 || r.Sample.Enrolled < 10 || len(r.Fits) != 3*4 {
		t.Errorf("sample %+v, %d fits (want 12 identities, 12 fits)", r.Sample, len(r.Fits))
	}
	// Two regimes search a watchlist, three groups each; the published
	// rates stand beside the pipeline's.
	if len(r.Groups) != 6 || r.Groups[0].PublishedFPIR <= 0 || r.Groups[0].Threshold <= 0 || r.Groups[0].Threshold >= 2 {
		t.Errorf("group rates %+v", r.Groups)
	}
	man, _ := os.ReadFile(filepath.Join(a, "manifest.json"))
	var m struct {
		Models map[string]string `json:"model_sha256"`
	}
	if err := json.Unmarshal(man, &m); err != nil || len(m.Models["face_recognition.onnx"]) != 64 {
		t.Errorf("manifest's model checksums: %v (%v)", m.Models, err)
	}
	html, _ := os.ReadFile(filepath.Join(a, "report.html"))
	if !strings.Contains(string(html), "real pipeline measured") {
		t.Error("the report has no section on what the pipeline measured")
	}
}
