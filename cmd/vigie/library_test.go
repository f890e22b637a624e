package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"vigie/scenarios"
)

// testedPopulation is the most citizens a bundled scenario's copy has in
// the end-to-end test: its regimes, recognizer and sweep run through the
// command as written, on a city small enough to take seconds (the
// full-size default run is timed in the README, the million-citizen city by
// BenchmarkMillionCity).
const testedPopulation = 1500

// pipelinePopulation is the most citizens of a copy whose every sighting
// goes through the real pipeline (exact and cached modes): pipeline-street's
// copy, the package's longest run, took 82 s at load 8-9 with 100 citizens
// and 20 names.
const pipelinePopulation = 50

// pipelineWatchlist is the longest watchlist of such a copy: each name is
// a face rendered and enrolled through the pipeline.
const pipelineWatchlist = 10

// Every bundled scenario runs to the end through the command people use,
// on a small copy of its city (smallCopy).
func TestEveryBundledScenarioRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every bundled scenario, sweeps included")
	}
	t.Parallel() // beside the Slurm test's waits
	stdout, _, code := vigie(t, nil, "scenarios")
	if code != 0 {
		t.Fatalf("vigie scenarios exited %d", code)
	}
	for _, b := range scenarios.Library() {
		if !strings.Contains(stdout, b.Name) || !strings.Contains(stdout, b.Question) {
			t.Errorf("vigie scenarios does not list %s with its question", b.Name)
		}
		t.Run(b.Name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if _, stderr, code := vigie(t, nil, "run", smallCopy(t, b.Name), "--out", out, "-q"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, err := os.ReadFile(filepath.Join(out, "results.json"))
			if err != nil {
				t.Fatal(err)
			}
			var res struct {
				Regimes []struct{ Name string } `json:"regimes"`
			}
			if err := json.Unmarshal(data, &res); err != nil || len(res.Regimes) < 2 {
				t.Fatalf("results: %v, %d regimes", err, len(res.Regimes))
			}
		})
	}
}

// smallCopy writes bundled scenario name, resolved, with at most
// testedPopulation citizens (pipelinePopulation and watchlists of
// pipelineWatchlist names where every sighting runs the pipeline), the fewest identities per group a pipeline
// sample may have in the fewest condition bins (the pipeline's faces are
// most of a small run's time), and one seed per sweep point; everything
// else (regimes, recognizer mode, cameras, sweep parameters) is the
// scenario's own.
func smallCopy(t *testing.T, name string) string {
	t.Helper()
	sc, err := scenarios.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := sc.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(resolved, &doc); err != nil {
		t.Fatal(err)
	}
	section := func(key string) map[string]any {
		m, _ := doc[key].(map[string]any)
		if m == nil {
			t.Fatalf("%s: resolved scenario has no %s section", name, key)
		}
		return m
	}
	rec := section("recognizer")
	size := min(sc.File.Population.Size, testedPopulation)
	if mode := rec["mode"]; mode == "exact" || mode == "cached" {
		// every sighting and every enrolled face runs the pipeline
		size = min(size, pipelinePopulation)
		regimes, _ := doc["regimes"].([]any)
		for _, r := range regimes {
			if wl, ok := r.(map[string]any)["watchlist"].(map[string]any); ok {
				if n, err := strconv.Atoi(fmt.Sprint(wl["size"])); err == nil && n > pipelineWatchlist {
					wl["size"] = pipelineWatchlist
				}
			}
		}
	}
	section("population")["size"] = size
	if fit, ok := rec["fit"].(map[string]any); ok {
		fit["identities_per_group"] = 4
	}
	if _, ok := rec["bins"]; ok {
		rec["bins"] = map[string]any{"face_px": []any{12}, "yaw_deg": []any{}}
	}
	if sw, ok := doc["sweep"].(map[string]any); ok {
		if seeds, ok := sw["seeds"].([]any); ok && len(seeds) > 1 {
			sw["seeds"] = seeds[:1]
		}
	}
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, name+".yaml", string(data))
}

// The draft impact assessment has each section of the PIA method, filled
// with the run's own numbers.
func TestDPIAHasEverySectionWithNumbers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dpia")
	scen := writeFile(t, "d.yaml", strings.Replace(small, "name: small", "name: \"<script>alert(1)</script>\"", 1))
	if _, stderr, code := vigie(t, nil, "dpia", scen, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	md, err := os.ReadFile(filepath.Join(out, "dpia.md"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "dpia.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The figures to find, from a run of the same scenario.
	runOut := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", runOut, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	var res struct {
		Regimes []struct {
			Name    string
			Metrics struct {
				FacesScanned    int `json:"faces_scanned"`
				FalseStops      int `json:"false_stops"`
				RecordsRetained int `json:"records_retained"`
			}
		}
	}
	data, _ := os.ReadFile(filepath.Join(runOut, "results.json"))
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	text := string(md)
	for _, section := range []string{"Draft produced by a simulation", "## 1. The processing and its purposes",
		"## 2. Necessity and proportionality", "## 3. Risks to people", "### 3.1 Illegitimate access",
		"### 3.2 Unwanted modification", "### 3.3 Disappearance", "### 3.4 Wrongful identification",
		"### 3.5 Chilling", "## 4. Measures", "## Manifest"} {
		if !strings.Contains(text, section) {
			t.Errorf("the draft has no %q", section)
		}
	}
	for _, rg := range res.Regimes {
		m := rg.Metrics
		// The regime's row in the wrongful identification table carries its wrongful stops.
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(rg.Name) + ` \| ([\d,]+) \| ([\d,]+) \| [^|]+ \| ([\d,]+) \|`).FindStringSubmatch(text)
		if row == nil || row[3] != grouped(m.FalseStops) {
			t.Errorf("%s: wrongful stops %d not in the draft (row %v)", rg.Name, m.FalseStops, row)
		}
		if !strings.Contains(text, "| "+rg.Name+" | "+grouped(m.FacesScanned)+" |") {
			t.Errorf("%s: faces scanned %d not in the draft", rg.Name, m.FacesScanned)
		}
		if !strings.Contains(text, "| "+rg.Name+" | "+grouped(m.RecordsRetained)+" |") {
			t.Errorf("%s: records kept %d not in the draft", rg.Name, m.RecordsRetained)
		}
	}
	if strings.Contains(string(html), "<script>alert(1)</script>") || !strings.Contains(string(html), "&lt;script&gt;") {
		t.Error("the scenario's name is not escaped in dpia.html")
	}
}
