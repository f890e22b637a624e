package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/facerec"
	"vigie/sim/recognition"
)

// A researcher's folder of faces drives the fitted recognizer, and no file
// name or identity label from it reaches any output: only aggregates.
func TestRunOnAFacesFolderWritesOnlyAggregates(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real pipeline on a folder of 36 generated faces")
	}
	if _, err := recognition.ModelDir(""); err != nil {
		testenv.MissingModels(t, "no models: %v", err)
	}
	// The folder's own name may say whose faces they are.
	dir := filepath.Join(t.TempDir(), "jane-doe-family-photos")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	labels, err := facerec.WriteFolder(dir, []string{"monk-1-3", "monk-4-7", "monk-8-10"}, 4)
	if err != nil {
		t.Fatal(err)
	}
	scen := writeFile(t, "folder.yaml", fmt.Sprintf(`name: folder
seed: 2
population: {size: 300}
recognizer:
  mode: fitted
  faces: {source: folder, dir: %q, labels: %q}
  bins: {face_px: [12], yaw_deg: []}
  fit: {identities_per_group: 4}
regimes: [none, targeted-live]
`, dir, labels))
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files, _ := os.ReadDir(out)
	if len(files) < 7 {
		t.Errorf("only %d outputs", len(files))
	}
	for _, f := range files {
		data, _ := os.ReadFile(filepath.Join(out, f.Name()))
		for _, secret := range []string{"person-0-", "person-2-3", "_shot1.png", "labels.csv", "jane-doe"} {
			if strings.Contains(string(data), secret) && f.Name() != "scenario.resolved.yaml" {
				t.Errorf("%s contains %q from the faces folder", f.Name(), secret)
			}
		}
	}
	res, _ := os.ReadFile(filepath.Join(out, "results.json"))
	if !strings.Contains(string(res), `"face_source": "folder"`) {
		t.Error("results do not name the folder as the face source")
	}
	// A bad labels file is bad input: exit 2, naming the file and line.
	os.WriteFile(labels, []byte("file,identity,group\nmissing.png,p,monk-1-3\n"), 0o644)
	_, stderr, code := vigie(t, nil, "run", scen, "--out", filepath.Join(t.TempDir(), "bad"), "-q")
	if code != 2 || !strings.Contains(stderr, "labels.csv:2:1") {
		t.Errorf("bad labels: exit %d, %s", code, stderr)
	}
}
