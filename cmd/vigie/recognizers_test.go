package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// vigie recognizers lists every bundled profile with its source, points,
// multipliers and what the published counts say about the slope; --show
// prints one profile's YAML, and an unknown name is bad input.
func TestRecognizersListsProfiles(t *testing.T) {
	out, e, code := vigie(t, nil, "recognizers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	for _, want := range []string{"neoface-v4-npl2023 (the default)", "older-algorithm-nistir8280", "1 in 6,000", "TPIR 89%",
		"women 1 (1-2)", "8-10 10 (10-100)", "the counts do not constrain it", "no published counts to fit it to", "at 0.58:"} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks %q:\n%s", want, out)
		}
	}
	if out, _, code := vigie(t, nil, "recognizers", "--show", "older-algorithm-nistir8280"); code != 0 || !strings.HasPrefix(strings.TrimLeft(out, "# "), "What if") {
		t.Errorf("--show: exit %d, %.80q", code, out)
	}
	if _, e, code := vigie(t, nil, "recognizers", "--show", "nope"); code != 2 || !strings.Contains(e, "neoface-v4-npl2023") {
		t.Errorf("unknown profile: exit %d, %s", code, e)
	}
}

// A published-rates run measures the real pipeline beside its profile:
// results.json gains a pipeline section (per regime the budget, thresholds
// and share found; per regime, group and condition the measured 1:1
// rates), and the summary and report say how the two compare.
func TestPipelineBesideTheProfileOnRealFaces(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real pipeline on 60 generated faces")
	}
	if _, err := recognition.ModelDir(""); err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	scen := writeFile(t, "beside.yaml", `name: beside-tiny
seed: 5
population: {size: 600}
recognizer:
  mode: published-rates
  pipeline: {measure: true}
  bins: {face_px: [12], yaw_deg: []}
  fit: {identities_per_group: 4}
regimes: [none, targeted-live, mass]
`)
	dir := filepath.Join(t.TempDir(), "out")
	out, e, code := vigie(t, nil, "run", scen, "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if !strings.Contains(out, "Beside the profile, the open pipeline: Held to the “mass” regime's false-alert budget") {
		t.Errorf("summary lacks the comparison:\n%s", out)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "results.json"))
	var res struct {
		Manifest   struct{ Recognizer string }
		Recognizer *json.RawMessage
		Pipeline   struct {
			Mode, Profile string
			Regimes       []struct {
				Regime           string
				Threshold, Found float64
				ProfileFound     float64 `json:"profile_found"`
				FPIRBudget       float64 `json:"fpir_budget"`
			}
			Cells []struct {
				Regime, Group, Bin string
				FMR, FNMR          struct{ Trials int }
			}
		}
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	p := res.Pipeline
	if res.Manifest.Recognizer != "published-rates" || res.Recognizer != nil || p.Mode != "fitted" || p.Profile != "neoface-v4-npl2023" {
		t.Fatalf("recognizer %q, recognizer section %v, pipeline %q beside %q", res.Manifest.Recognizer, res.Recognizer, p.Mode, p.Profile)
	}
	if len(p.Regimes) != 2 || len(p.Cells) != 2*3*4 {
		t.Fatalf("%d regimes, %d cells (want 2 and 24)", len(p.Regimes), len(p.Cells))
	}
	for _, r := range p.Regimes {
		if r.Threshold <= 0 || r.Threshold >= 2 || r.Found < 0 || r.Found > 1 || r.ProfileFound < 0.8 || r.ProfileFound > 0.9 || r.FPIRBudget <= 0 {
			t.Errorf("regime %+v", r)
		}
	}
	for _, c := range p.Cells {
		if c.FMR.Trials == 0 && c.FNMR.Trials == 0 {
			t.Errorf("cell %s/%s/%s measured no pair", c.Regime, c.Group, c.Bin)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, want := range []string{"real pipeline measured", "Held to the", "Wanted found, pipeline", "deployed-system profile"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, f := range []string{"fits.csv", "group_rates.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
