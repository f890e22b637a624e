package main

import (
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

func TestValidateBundledCasesPass(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the bundled validation cases (about 30 s, and a minute more for the calibrated case on the real pipeline)")
	}
	t.Parallel() // beside the Slurm test's waits
	stdout, stderr, code := vigie(t, nil, "validate")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := []string{"NPL 2023", "South Wales Police 2017", "share of alerts that were false", "95% interval",
		"Metropolitan Police, Oxford Circus 2022", "false alerts, pooled", "exact 95% Poisson interval"}
	if _, err := recognition.ModelDir(""); err == nil {
		want = append(want, "NPL 2023, calibrated")
	}
	for _, want := range want {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "FAIL") {
		t.Errorf("a figure failed:\n%s", stdout)
	}
}

// A case whose published figure the simulation cannot reach fails, with
// exit status 1, and says which figure.
func TestValidateFailsOnAMissedFigure(t *testing.T) {
	scen := writeFile(t, "case.yaml", `name: impossible
population: {size: 1500}
regimes:
  - name: mass-ish
    live: {enabled: true, all_cameras: true}
    watchlist: {size: 1000, categories: [serious]}
validation:
  case: impossible
  source: none
  seeds: [1]
  figures:
    - {name: alerts, regime: mass-ish, metric: alerts, published: 1000000, relative_tolerance: 0.1}
`)
	stdout, _, code := vigie(t, nil, "validate", scen)
	if code != 1 || !strings.Contains(stdout, "FAIL") {
		t.Errorf("exit %d, output:\n%s", code, stdout)
	}
	bad := writeFile(t, "bad.yaml", "name: x\nregimes: [none]\nvalidation:\n  case: c\n  source: s\n  seeds: [1]\n  figures:\n    - {name: f, regime: nope, metric: alerts, published: 1}\n")
	if _, stderr, code := vigie(t, nil, "validate", bad); code != 2 || !strings.Contains(stderr, "validation.figures[0].regime") {
		t.Errorf("bad case: exit %d, %q", code, stderr)
	}
}

// A validation case runs in any mode: here the fitted recognizer, on the
// real pipeline, held to the profile's false-alert budget.
func TestValidateRunsAPipelineMode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real pipeline on 12 generated faces")
	}
	if _, err := recognition.ModelDir(""); err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	scen := writeFile(t, "fitted-case.yaml", `name: fitted-case
population: {size: 600}
recognizer:
  mode: fitted
  bins: {face_px: [12], yaw_deg: []}
  fit: {identities_per_group: 4}
regimes:
  - none
  - name: live
    live: {enabled: true, all_cameras: true}
    watchlist: {size: 1000, categories: [serious]}
validation:
  case: fitted
  source: none
  seeds: [1]
  figures:
    - {name: no recognition without a regime, regime: none, metric: alerts, published: 0, tolerance: 0.5}
`)
	stdout, stderr, code := vigie(t, nil, "validate", scen)
	if code != 0 || !strings.Contains(stdout, "no recognition without a regime") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}
