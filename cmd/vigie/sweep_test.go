package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"vigie/sim/batch"
)

// sweep8 is a small published-rates sweep: 4 thresholds x 2 seeds.
const sweep8 = `name: sw8
population: {size: 300}
regimes: [none, mass]
sweep:
  parameters:
    - {path: regimes.mass.threshold, values: [0.56, 0.6, 0.64, 0.68]}
  seeds: [1, 2]
`

func sameFiles(t *testing.T, a, b string, names ...string) {
	t.Helper()
	for _, n := range names {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
}

// A sweep planned, run in two shards by two processes and gathered gives
// the same tables, byte for byte, as `vigie run` of the same scenario; a
// gather while points are missing lists them and exits 1 writing nothing.
func TestSweepPlanShardsGatherMatchesRun(t *testing.T) {
	scen := writeFile(t, "sw8.yaml", sweep8)
	tmp := t.TempDir()
	local, dir := filepath.Join(tmp, "local"), filepath.Join(tmp, "sweep")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", local, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	if out, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", dir); code != 0 || !strings.Contains(out, "Planned 9 points") {
		t.Fatalf("plan: %d %s %s", code, out, stderr)
	}
	if _, stderr, code := vigie(t, nil, "sweep", "run", dir, "--shard", "1/2", "--workers", "1"); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ := vigie(t, nil, "sweep", "status", dir)
	if !strings.Contains(out, "9 points: 5 done, 0 running, 0 failed, 4 missing") || !strings.Contains(out, "missing 1,3,5,7") {
		t.Errorf("status after shard 1/2: %s", out)
	}
	out, _, code := vigie(t, nil, "sweep", "gather", dir)
	if code != 1 || !strings.Contains(out, "4 missing: 1,3,5,7") {
		t.Errorf("gather with points missing: exit %d, %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "sweep.csv")); err == nil {
		t.Error("gather wrote sweep.csv while points were missing")
	}
	if _, stderr, code := vigie(t, nil, "sweep", "gather", dir, "--partial", "--out", filepath.Join(tmp, "partial")); code != 0 {
		t.Errorf("gather --partial: %s", stderr)
	}
	if _, stderr, code := vigie(t, nil, "sweep", "run", dir, "--shard", "2/2"); code != 0 {
		t.Fatal(stderr)
	}
	if out, stderr, code := vigie(t, nil, "sweep", "run", dir); code != 0 || !strings.Contains(out, "Ran 0 points (0 failed), skipped 9") {
		t.Errorf("a third run should find everything done: %s %s", out, stderr)
	}
	if out, stderr, code := vigie(t, nil, "sweep", "gather", dir); code != 0 {
		t.Fatalf("gather: %s %s", out, stderr)
	}
	sameFiles(t, local, dir, "sweep.csv", "chilling.csv", "sweep.parquet", "results.json", "events.csv")
	checkParquetRows(t, dir)
}

// checkParquetRows: sweep.parquet has one row per point, regime and group.
func checkParquetRows(t *testing.T, dir string) {
	t.Helper()
	plan, _, err := batch.ReadPlan(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := batch.Rows(dir, plan)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range rows {
		for _, reg := range r.Results.Regimes {
			want += max(1, len(reg.Metrics.ByGroup))
		}
	}
	f, err := os.Open(filepath.Join(dir, "sweep.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if got := pf.NumRows(); got != int64(want) || want <= 2*len(rows) {
		t.Errorf("sweep.parquet has %d rows, want %d (points x regimes x groups, more than points x regimes)", got, want)
	}
}

// A point that fails leaves its error and the others finish; the failure
// shows in status and blocks gather.
func TestSweepFailedPointKeepsItsError(t *testing.T) {
	scen := writeFile(t, "sw8.yaml", sweep8)
	dir := filepath.Join(t.TempDir(), "sweep")
	if _, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", dir); code != 0 {
		t.Fatal(stderr)
	}
	// A file where point 4's folder belongs makes that point fail.
	if err := os.WriteFile(filepath.Join(dir, "points", "000004"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := vigie(t, nil, "sweep", "run", dir)
	if code != 1 || !strings.Contains(stderr, "points 4 failed") {
		t.Errorf("run with a failing point: exit %d, %s", code, stderr)
	}
	out, _, _ := vigie(t, nil, "sweep", "status", dir)
	if !strings.Contains(out, "8 done, 0 running, 0 failed, 1 missing") {
		// the folder could not even be made, so no error.txt: missing
		t.Errorf("status: %s", out)
	}
	os.Remove(filepath.Join(dir, "points", "000004"))
	if _, stderr, code := vigie(t, nil, "sweep", "run", dir, "--index", "4"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := vigie(t, nil, "sweep", "gather", dir); code != 0 {
		t.Fatal(stderr)
	}
}

func TestSweepBadInputExits2(t *testing.T) {
	plain := writeFile(t, "plain.yaml", "name: p\npopulation: {size: 300}\nregimes: [none]\n")
	scen := writeFile(t, "sw8.yaml", sweep8)
	dir := filepath.Join(t.TempDir(), "sweep")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "plan", plain, "--out", dir}, "no sweep section"},
		{[]string{"sweep", "plan", writeFile(t, "mid.yaml", strings.Replace(sweep8, "0.6, 0.64", "7, 0.64", 1)), "--out", dir}, "sweep point 2 (regimes.mass.threshold = 7)"},
		{[]string{"sweep", "run", filepath.Join(dir, "nowhere")}, "has no plan.json"},
		{[]string{"sweep", "status", filepath.Join(dir, "nowhere")}, "has no plan.json"},
	} {
		_, stderr, code := vigie(t, nil, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if _, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", dir); code != 0 {
		t.Fatal(stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "plan", scen, "--out", dir, "--seed", "9"}, "holds a plan for another"},
		{[]string{"sweep", "run", dir, "--index", "9"}, "points 0 to 8"},
		{[]string{"sweep", "run", dir, "--shard", "3/2"}, "K/N"},
	} {
		_, stderr, code := vigie(t, nil, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 points", 1: "1 point", 2: "2 points", 1000: "1000 points"} {
		if got := plural(n, "point"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// A `vigie run` of a sweep interrupted half-way keeps its finished points;
// `vigie sweep run` finishes only the rest, and the gathered tables are
// those of an uninterrupted run.
func TestInterruptedRunResumes(t *testing.T) {
	// 41 points, run twice (whole, then cut and resumed); -short runs 17,
	// still several past the 3 done when the interrupt is sent.
	seeds, points := "seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", 41
	if testing.Short() {
		seeds, points = "seeds: [1, 2, 3, 4]", 17
	}
	scen := writeFile(t, "sw40.yaml", strings.Replace(sweep8, "seeds: [1, 2]", seeds, 1))
	tmp := t.TempDir()
	whole, cut := filepath.Join(tmp, "whole"), filepath.Join(tmp, "cut")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", whole, "-q"); code != 0 {
		t.Fatal(stderr)
	}
	run := exec.Command(vigieBin, "run", scen, "--out", cut, "-q", "--workers", "1")
	var stderr bytes.Buffer
	run.Stderr = &stderr
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	doneCount := func() int {
		m, _ := filepath.Glob(filepath.Join(cut, "points", "*", "done.json"))
		return len(m)
	}
	for deadline := time.Now().Add(60 * time.Second); doneCount() < 3 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	run.Process.Signal(os.Interrupt)
	err := run.Wait()
	kept := doneCount()
	if err == nil || kept >= points {
		t.Fatalf("the run finished before the interrupt (%d points done); nothing to resume", kept)
	}
	if !strings.Contains(stderr.String(), "vigie sweep run "+cut) {
		t.Errorf("the interrupted run does not say how to resume: %s", stderr.String())
	}
	out, errs, code := vigie(t, nil, "sweep", "run", cut)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("skipped %d already done", kept)) {
		t.Fatalf("resume: exit %d, %s %s; want %d skipped", code, out, errs, kept)
	}
	if _, errs, code := vigie(t, nil, "sweep", "gather", cut); code != 0 {
		t.Fatal(errs)
	}
	sameFiles(t, whole, cut, "sweep.csv", "chilling.csv", "sweep.parquet")
}
