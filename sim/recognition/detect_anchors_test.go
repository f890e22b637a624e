package recognition

import (
	"math"
	"path/filepath"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition/convert"
)

func TestSSDAnchorsByHand(t *testing.T) {
	a := ssdAnchors()
	if len(a) != 4*convert.SSDNumAnchors {
		t.Fatalf("%d anchors, want %d", len(a)/4, convert.SSDNumAnchors)
	}
	tests := []struct {
		name string
		i    int
		want [4]float64
	}{
		// First cell of the 32x32 grid, centre 0.5/32: the 0.1 square.
		{"lowest square", 0, [4]float64{0.015625 - 0.05, 0.015625 - 0.05, 0.015625 + 0.05, 0.015625 + 0.05}},
		// Same cell, scale 0.2 at 2:1 (wide).
		{"lowest wide", 1, [4]float64{0.015625 - 0.1/math.Sqrt2, 0.015625 - 0.1*math.Sqrt2, 0.015625 + 0.1/math.Sqrt2, 0.015625 + 0.1*math.Sqrt2}},
		// Second column of the first row.
		{"next column", 3, [4]float64{0.015625 - 0.05, 0.046875 - 0.05, 0.015625 + 0.05, 0.046875 + 0.05}},
		// First cell of the 16x16 grid: scale 0.35 square.
		{"second layer", 3072, [4]float64{0.03125 - 0.175, 0.03125 - 0.175, 0.03125 + 0.175, 0.03125 + 0.175}},
		// The single 1x1 cell: 0.95 square, then sqrt(0.95) square.
		{"top square", 5112, [4]float64{0.025, 0.025, 0.975, 0.975}},
		{"top interpolated", 5113, [4]float64{0.5 - math.Sqrt(0.95)/2, 0.5 - math.Sqrt(0.95)/2, 0.5 + math.Sqrt(0.95)/2, 0.5 + math.Sqrt(0.95)/2}},
	}
	for _, tc := range tests {
		for k := range 4 {
			if math.Abs(float64(a[4*tc.i+k])-tc.want[k]) > 1e-6 {
				t.Errorf("%s: anchor %d = %v, want %v", tc.name, tc.i, a[4*tc.i:4*tc.i+4], tc.want)
				break
			}
		}
	}
}

// TestSSDAnchorsMatchModel checks the generator against the anchors stored
// in face-api's SSD weights (Output/extra_dim), which the detector uses.
func TestSSDAnchorsMatchModel(t *testing.T) {
	dir := modelDirForTest(t)
	w, err := convert.LoadWeights(filepath.Join(dir, "face-api", "ssd_mobilenetv1_model-weights_manifest.json"))
	if err != nil {
		testenv.MissingModels(t, "face-api weights: %v", err)
	}
	stored := w["Output/extra_dim"].Data
	gen := ssdAnchors()
	if len(stored) != len(gen) {
		t.Fatalf("model has %d anchor values, generator %d", len(stored), len(gen))
	}
	worst := 0.0
	for i := range gen {
		worst = math.Max(worst, math.Abs(float64(gen[i]-stored[i])))
	}
	if worst > 1e-5 {
		t.Fatalf("generated anchors differ from the model's by up to %g", worst)
	}
	t.Logf("generated anchors match the model's to %.1e", worst)
}
