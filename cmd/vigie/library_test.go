package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vigie/scenarios"
)

// maxTestedPopulation is the largest bundled city the tests run whole.
const maxTestedPopulation = 200000

// Every bundled scenario runs to the end through the command people use
// (but the million-citizen city, which a benchmark runs).
func TestEveryBundledScenarioRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every bundled scenario, sweeps included (about two minutes)")
	}
	stdout, _, code := vigie(t, nil, "scenarios")
	if code != 0 {
		t.Fatalf("vigie scenarios exited %d", code)
	}
	for _, b := range scenarios.Library() {
		if !strings.Contains(stdout, b.Name) || !strings.Contains(stdout, b.Question) {
			t.Errorf("vigie scenarios does not list %s with its question", b.Name)
		}
		t.Run(b.Name, func(t *testing.T) {
			if sc, err := scenarios.Load(b.Name); err == nil && sc.File.Population.Size > maxTestedPopulation {
				t.Skipf("a city of %d runs for about a minute on two cores: BenchmarkMillionCity runs it (go test ./sim -bench MillionCity), TestMillionScenarioRunsSmall a small copy",
					sc.File.Population.Size)
			}
			out := filepath.Join(t.TempDir(), "out")
			if _, stderr, code := vigie(t, nil, "run", b.Name, "--out", out, "-q"); code != 0 {
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
