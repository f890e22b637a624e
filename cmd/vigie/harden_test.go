package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
	"vigie/sim/recognition/convert"
)

// vigieIn runs a vigie binary in dir with env added to the environment and
// returns stdout, stderr and the exit status.
func vigieIn(t *testing.T, bin, dir string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), 0
}

// copyBinary puts a copy of the test's vigie at dir/bin/vigie.
func copyBinary(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(vigieBin)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin", "vigie")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// noInstall is an environment in which vigie finds nothing but what it
// carries: no models or ECharts named, an empty data directory.
func noInstall(t *testing.T) []string {
	home := t.TempDir()
	return []string{"VIGIE_MODELS=", "VIGIE_ECHARTS=", "HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data")}
}

// TestBuiltBinaryWorksFromAnyFolder copies vigie out of the checkout and
// runs it from an unrelated folder: it must write a full report (ECharts is
// built in), into out/<scenario name>.
func TestBuiltBinaryWorksFromAnyFolder(t *testing.T) {
	bin := copyBinary(t, t.TempDir())
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "small.yaml"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := vigieIn(t, bin, work, noInstall(t), "run", "small.yaml", "-q")
	if code != 0 {
		if strings.Contains(stderr, "without the ECharts library") {
			t.Skip("this test binary was built without ECharts: run make assets first")
		}
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(work, "out", "small", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("echarts")) || len(page) < 1_000_000 {
		t.Errorf("report.html (%d bytes) does not carry the ECharts library", len(page))
	}
}

// plantModels makes root/models the way an attacker would: a library whose
// constructor leaves a file behind when it is loaded (when gcc can build
// it; else a file of junk), the real models beside it, and a manifest.json
// that vouches for all of them. It returns the file the constructor makes.
func plantModels(t *testing.T, root string) string {
	t.Helper()
	real, err := recognition.ModelDir("")
	if err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	dir := filepath.Join(root, "models")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ran := filepath.Join(root, "planted-code-ran")
	lib := filepath.Join(dir, convert.LibraryFile())
	src := filepath.Join(root, "planted.c")
	code := fmt.Sprintf(`#include <stdio.h>
__attribute__((constructor)) static void planted(void) { FILE *f = fopen(%q, "w"); if (f) fclose(f); }
`, ran)
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("gcc", "-shared", "-fPIC", "-o", lib, src).CombinedOutput(); err != nil {
		t.Logf("gcc could not build the planted library (%v: %s); planting junk", err, out)
		os.WriteFile(lib, []byte("junk"), 0o644)
	}
	files := []string{convert.LibraryFile()}
	for _, n := range convert.Networks() {
		name := n.Name + ".onnx"
		if err := os.Symlink(filepath.Join(real, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	if _, err := convert.WriteManifest(dir, files); err != nil {
		t.Fatal(err)
	}
	return ran
}

// TestPlantedModelsAboveTheWorkingDirectoryAreNeverUsed plants a models
// folder, with a self-consistent manifest and a library whose constructor
// leaves a mark, above the working directory: neither faces embed nor a
// pipeline run may load it, and both say the same thing with status 2.
func TestPlantedModelsAboveTheWorkingDirectoryAreNeverUsed(t *testing.T) {
	photo := demoPhoto(t, "sample1.jpg")
	root := t.TempDir()
	ran := plantModels(t, root)
	work := filepath.Join(root, "work", "here")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	scen := filepath.Join(work, "fitted.yaml")
	if err := os.WriteFile(scen, []byte("name: fitted\npopulation: {size: 300}\nrecognizer: {mode: fitted}\nregimes: [none, mass]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := copyBinary(t, t.TempDir())
	for _, args := range [][]string{{"faces", "embed", photo}, {"run", scen, "-q"}} {
		_, stderr, code := vigieIn(t, bin, work, noInstall(t), args...)
		if _, err := os.Stat(ran); err == nil {
			t.Fatalf("vigie %s ran the planted library's code", args[0])
		}
		if code != 2 || !strings.Contains(stderr, "no models folder found") {
			t.Errorf("vigie %s: exit %d, %q; want 2 and no models folder found", args[0], code, stderr)
		}
	}
	// Named on purpose, the planted folder is still refused: its library is
	// not the pinned one.
	_, stderr, code := vigieIn(t, bin, work, noInstall(t), "faces", "embed", "--models", filepath.Join(root, "models"), photo)
	if _, err := os.Stat(ran); err == nil {
		t.Fatal("the planted library's code ran when named with --models")
	}
	if code != 2 || !strings.Contains(stderr, "pins") {
		t.Errorf("--models planted: exit %d, %q; want 2 and the pinned sum", code, stderr)
	}
}

// TestModelsBesideTheBinary: an install with models/ next to bin/ needs no
// environment variable.
func TestModelsBesideTheBinary(t *testing.T) {
	photo := demoPhoto(t, "sample1.jpg")
	real, _ := recognition.ModelDir("")
	install := t.TempDir()
	bin := copyBinary(t, install)
	if err := os.Symlink(real, filepath.Join(install, "models")); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := vigieIn(t, bin, t.TempDir(), noInstall(t), "faces", "embed", photo)
	if code != 0 || !strings.Contains(out, "face") {
		t.Fatalf("exit %d, %q, %q", code, out, stderr)
	}
}

// slowDay runs its day for tens of seconds, in loops that watch the context.
const slowDay = `name: slow
seed: 1
population: {size: 400000}
regimes: [none, mass]
`

// bigCity takes more than a second to build its city, a phase that does not
// watch the context (vigie abandons it after interruptGrace).
const bigCity = `name: big
seed: 1
population: {size: 1000000}
regimes: [none, mass]
`

// listTree returns every path under dir with its content's size and a
// digest of its bytes, to compare a folder before and after.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		b, _ := os.ReadFile(p)
		out = append(out, fmt.Sprintf("%s %d %x", rel, len(b), b[:min(len(b), 64)]))
		return nil
	})
	sort.Strings(out)
	return out
}

// TestInterruptStopsWithinASecond starts runs into a folder holding an
// earlier run's outputs and sends SIGINT or SIGTERM while the city is built
// and during the day: each must exit 130 within about a second, leave the
// earlier outputs exactly as they were and no staging folder behind. Two
// SIGINTs in a row end it at once, even in a phase that does not watch the
// context.
func TestInterruptStopsWithinASecond(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cities of 400,000 and 1,000,000 several times")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if _, stderr, code := vigie(t, nil, "run", writeFile(t, "small.yaml", small), "--out", out, "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := listTree(t, parent)
	big, slow := writeFile(t, "big.yaml", bigCity), writeFile(t, "slow.yaml", slowDay)
	int1, term, int2 := []syscall.Signal{syscall.SIGINT}, []syscall.Signal{syscall.SIGTERM}, []syscall.Signal{syscall.SIGINT, syscall.SIGINT}
	for _, c := range []struct {
		name  string
		scen  string
		after time.Duration
		sigs  []syscall.Signal
		limit time.Duration
	}{
		{"SIGINT early", big, 200 * time.Millisecond, int1, 1500 * time.Millisecond},
		{"SIGINT while building the city", big, 500 * time.Millisecond, int1, 1500 * time.Millisecond},
		{"SIGTERM while building the city", big, 500 * time.Millisecond, term, 1500 * time.Millisecond},
		{"two SIGINTs while building the city", big, 500 * time.Millisecond, int2, 500 * time.Millisecond},
		{"SIGINT during the day", slow, 3 * time.Second, int1, 1500 * time.Millisecond},
		{"SIGTERM during the day", slow, 3 * time.Second, term, 1500 * time.Millisecond},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(vigieBin, "run", c.scen, "--out", out, "-q")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(c.after)
			start := time.Now()
			for _, s := range c.sigs {
				cmd.Process.Signal(s)
				time.Sleep(20 * time.Millisecond)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 30 s after %v", c.sigs)
			}
			took := time.Since(start)
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			t.Logf("exit %d after %v", code, took.Round(time.Millisecond))
			if code != 130 {
				t.Errorf("exit %d, want 130; stderr %q", code, stderr.String())
			}
			if took > c.limit {
				t.Errorf("took %v to stop, want at most %v", took, c.limit)
			}
			if after := listTree(t, parent); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("the earlier outputs changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestOutputsAreOneSet: a run replaces an earlier run's whole set (a sweep's
// sweep.csv does not survive a plain run); a staging folder left by a killed
// run is removed; an --out that cannot be used is refused with status 2
// before anything is simulated, and a folder of the user's other files is
// never replaced.
func TestOutputsAreOneSet(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	sweep := writeFile(t, "sweep.yaml", "name: sw\npopulation: {size: 600}\nregimes: [none, mass]\nsweep:\n  parameters:\n    - {path: regimes.mass.threshold, values: [0.56, 0.64]}\n  seeds: [1]\n")
	if _, stderr, code := vigie(t, nil, "run", sweep, "--out", out, "-q"); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "sweep.csv")); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(parent, ".out.tmp-999999999-1")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := vigie(t, nil, "run", writeFile(t, "small.yaml", small), "--out", out, "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"sweep.csv", "chilling.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s from the earlier sweep sits beside the new results", f)
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside out: %v, want out alone (no staging folders)", names)
	}

	file := filepath.Join(parent, "a-file")
	os.WriteFile(file, []byte("mine"), 0o644)
	mine := filepath.Join(parent, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "thesis.tex"), []byte("mine"), 0o644)
	for _, bad := range []string{file, filepath.Join(file, "sub"), mine} {
		start := time.Now()
		_, stderr, code := vigie(t, nil, "run", writeFile(t, "slow.yaml", slowDay), "--out", bad, "-q")
		if code != 2 || !strings.Contains(stderr, "--out") {
			t.Errorf("--out %s: exit %d, %q; want 2 naming --out", bad, code, stderr)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("--out %s refused after %v: the simulation ran first", bad, took)
		}
	}
	if b, err := os.ReadFile(filepath.Join(mine, "thesis.tex")); err != nil || string(b) != "mine" {
		t.Error("a folder of the user's own files was touched")
	}
	// dpia adds to its folder rather than replacing it, but checks it first too.
	start := time.Now()
	_, stderr, code := vigie(t, nil, "dpia", writeFile(t, "slow.yaml", slowDay), "--out", filepath.Join(file, "sub"))
	if code != 2 || !strings.Contains(stderr, "--out") || time.Since(start) > 2*time.Second {
		t.Errorf("dpia --out under a file: exit %d after %v, %q", code, time.Since(start), stderr)
	}
}

// TestEachScenarioHasItsOwnFolder: without --out, outputs go to
// out/<scenario name>, and vigie export reads out/default by default.
func TestEachScenarioHasItsOwnFolder(t *testing.T) {
	work := t.TempDir()
	for _, name := range []string{"default", "protest-day"} {
		scen := filepath.Join(work, name+".yaml")
		os.WriteFile(scen, []byte(strings.Replace(small, "name: small", "name: "+name, 1)), 0o644)
		if _, stderr, code := vigieIn(t, vigieBin, work, nil, "run", scen, "-q"); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
	}
	for _, name := range []string{"default", "protest-day"} {
		if _, err := os.Stat(filepath.Join(work, "out", name, "results.json")); err != nil {
			t.Errorf("out/%s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "out", "results.json")); err == nil {
		t.Error("results.json written straight into out/")
	}
	os.Remove(filepath.Join(work, "out", "default", "report.html"))
	if _, stderr, code := vigieIn(t, vigieBin, work, nil, "export", "--no-png"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "out", "default", "report.html")); err != nil {
		t.Error("vigie export did not write out/default/report.html")
	}
	if got := outFolderName("../../etc/passwd"); strings.Contains(got, "/") || strings.HasPrefix(got, ".") {
		t.Errorf("outFolderName(../../etc/passwd) = %q", got)
	}
}

// TestExitStatuses: every command follows the documented statuses, and help
// always works.
func TestExitStatuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		env  []string
		code int
		says string
	}{
		{[]string{"run", "a", "b"}, nil, 2, "usage: vigie run"},
		{[]string{"nosuch"}, nil, 2, "unknown command"},
		{[]string{"check"}, nil, 2, "usage: vigie check"},
		{[]string{"watch", "--help"}, []string{"DISPLAY=", "WAYLAND_DISPLAY="}, 0, ""},
		{[]string{"--help"}, nil, 0, ""},
	} {
		stdout, stderr, code := vigie(t, c.env, c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) {
			t.Errorf("vigie %v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.says)
		}
		if c.args[len(c.args)-1] == "--help" && (!strings.Contains(stdout, "Usage") || code != 0) {
			t.Errorf("vigie %v printed no help: %q", c.args, stdout)
		}
	}
	_, stderr, _ := vigie(t, nil, "--help")
	if out, _, _ := vigie(t, nil, "--help"); !strings.Contains(out, "130 interrupted") {
		t.Errorf("--help does not document the exit statuses: %q %q", out, stderr)
	}
}
