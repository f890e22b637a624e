package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vigieBin is the vigie binary built once for the end-to-end tests.
var vigieBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vigie-e2e-")
	if err != nil {
		panic(err)
	}
	vigieBin = filepath.Join(dir, "vigie")
	build := exec.Command("go", "build", "-o", vigieBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building vigie:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// vigie runs the binary and returns stdout, stderr and the exit status.
func vigie(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(vigieBin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const small = `name: small
seed: 3
population: {size: 2000}
regimes: [none, targeted-live, eu-ai-act, retrospective, mass]
`

func TestRunWritesEveryOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := vigie(t, nil, "run", writeFile(t, "small.yaml", small), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"results.json", "events.csv", "scenario.resolved.yaml", "manifest.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty", f)
		}
	}
	var res struct {
		SchemaVersion int `json:"schema_version"`
		Manifest      struct {
			Recognizer     string `json:"recognizer"`
			ScenarioSHA256 string `json:"scenario_sha256"`
			Seed           uint64 `json:"seed"`
		} `json:"manifest"`
		Regimes []struct {
			Name    string `json:"name"`
			Metrics struct {
				FacesScanned int `json:"faces_scanned"`
				ByGroup      []struct {
					Group string     `json:"group"`
					FPIR  float64    `json:"fpir"`
					CI    [2]float64 `json:"fpir_ci"`
				} `json:"by_group"`
			} `json:"metrics"`
		} `json:"regimes"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "results.json"))
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	if res.SchemaVersion != 1 || res.Manifest.Recognizer != "published-rates" || len(res.Manifest.ScenarioSHA256) != 64 || res.Manifest.Seed != 3 {
		t.Errorf("manifest: %+v", res.Manifest)
	}
	if len(res.Regimes) != 5 || res.Regimes[4].Name != "mass" || len(res.Regimes[4].Metrics.ByGroup) != 3 {
		t.Fatalf("regimes: %+v", res.Regimes)
	}
	for _, g := range res.Regimes[4].Metrics.ByGroup {
		if g.CI[0] > g.FPIR || g.CI[1] < g.FPIR {
			t.Errorf("group %s: FPIR %g outside its interval %v", g.Group, g.FPIR, g.CI)
		}
	}
	if !strings.Contains(stdout, "mass") || !strings.Contains(stdout, "faces scanned") {
		t.Errorf("no summary table:\n%s", stdout)
	}
	ev, _ := os.ReadFile(filepath.Join(out, "events.csv"))
	rows, err := csv.NewReader(bytes.NewReader(ev)).ReadAll()
	if err != nil || len(rows) < 100 || rows[0][0] != "regime" {
		t.Errorf("events.csv: %d rows, err %v", len(rows), err)
	}
}

func TestRunIsByteIdenticalAcrossCoreCounts(t *testing.T) {
	scen := writeFile(t, "small.yaml", small)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, e, code := vigie(t, []string{"GOMAXPROCS=1"}, "run", scen, "--out", a, "-q"); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := vigie(t, []string{"GOMAXPROCS=2"}, "run", scen, "--out", b, "-q", "--workers", "5"); code != 0 {
		t.Fatal(e)
	}
	for _, f := range []string{"results.json", "events.csv", "scenario.resolved.yaml", "manifest.json"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between GOMAXPROCS=1 and GOMAXPROCS=2", f)
		}
	}
}

func TestBadScenarioExits2AndWritesNothing(t *testing.T) {
	bad := writeFile(t, "bad.yaml", "name: bad\npopulation:\n  size: -3\nregimes: [none]\n")
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, code := vigie(t, nil, "run", bad, "--out", out)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, "bad.yaml:3:9: population.size") {
		t.Errorf("error does not name file:line:column and field: %q", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was created for a bad scenario")
	}
	if _, stderr, code := vigie(t, nil, "check", bad); code != 2 || !strings.Contains(stderr, "population.size") {
		t.Errorf("check: exit %d, %q", code, stderr)
	}
	if _, _, code := vigie(t, nil, "run", "no-such-scenario"); code != 2 {
		t.Errorf("a missing scenario exits %d, want 2", code)
	}
	if _, _, code := vigie(t, nil, "run", "--seed", "nope"); code != 2 {
		t.Errorf("a bad flag exits %d, want 2", code)
	}
}

func TestCheckAndRegimes(t *testing.T) {
	stdout, _, code := vigie(t, nil, "check", writeFile(t, "ok.yaml", small))
	if code != 0 || !strings.Contains(stdout, "ok (5 regimes)") {
		t.Errorf("check: exit %d, %q", code, stdout)
	}
	stdout, _, code = vigie(t, nil, "regimes")
	if code != 0 {
		t.Fatal(code)
	}
	for _, n := range []string{"none", "targeted-live", "eu-ai-act", "retrospective", "mass"} {
		if !strings.Contains(stdout, n) {
			t.Errorf("vigie regimes does not list %s", n)
		}
	}
	stdout, _, _ = vigie(t, nil, "regimes", "--show", "mass")
	if !strings.Contains(stdout, "all_cameras: true") {
		t.Errorf("--show mass: %q", stdout)
	}
}

func TestSweepWritesTidyCSV(t *testing.T) {
	scen := writeFile(t, "sweep.yaml", `name: sw
population: {size: 800}
regimes: [none, mass]
sweep:
  parameters:
    - {path: regimes.mass.threshold, values: [0.56, 0.64]}
  seeds: [1, 2, 3]
`)
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	f, err := os.Open(filepath.Join(out, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+2*3*2 {
		t.Fatalf("%d rows, want header + 2 thresholds x 3 seeds x 2 regimes", len(rows))
	}
	if rows[0][2] != "regimes.mass.threshold" || rows[0][3] != "regime" {
		t.Errorf("header %v", rows[0])
	}
	// A stricter threshold gives fewer false alerts under mass, summed over seeds.
	col := indexOf(rows[0], "false_alerts")
	var loose, strict int
	for _, r := range rows[1:] {
		if r[3] != "mass" {
			continue
		}
		var n int
		fmt.Sscan(r[col], &n)
		if r[2] == "0.56" {
			loose += n
		} else {
			strict += n
		}
	}
	if strict >= loose {
		t.Errorf("false alerts at 0.64 (%d) not below those at 0.56 (%d)", strict, loose)
	}
	checkChillingCSV(t, filepath.Join(out, "chilling.csv"))
}

// checkChillingCSV: one row per threshold, regime, group and activity, each
// averaged over the 3 seeds with its interval around it.
func checkChillingCSV(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+2*2*3*4 {
		t.Fatalf("chilling.csv has %d rows, want header + 2 thresholds x 2 regimes x 3 groups x 4 activities", len(rows))
	}
	h := rows[0]
	seeds, idx, lo, hi := indexOf(h, "seeds"), indexOf(h, "chilling_index"), indexOf(h, "ci_low"), indexOf(h, "ci_high")
	for _, r := range rows[1:] {
		var x, l, u float64
		fmt.Sscan(r[idx], &x)
		fmt.Sscan(r[lo], &l)
		fmt.Sscan(r[hi], &u)
		if r[seeds] != "3" || l > x || x > u {
			t.Fatalf("row %v: seeds %s, index %g outside [%g, %g]", r, r[seeds], x, l, u)
		}
		if r[indexOf(h, "regime")] == "none" && x != 0 {
			t.Fatalf("none has a chilling index of %g", x)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}
