package audit

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"vigie/city/faces"
	"vigie/sim/recognition"
)

func TestConfigValidate(t *testing.T) {
	cases := []struct {
		c  Config
		ok bool
	}{
		{Config{N: 500, Captures: 2}, true},
		{Config{N: 5, Captures: 2}, false},
		{Config{N: 50, Captures: 1}, false},
		{Config{N: 50, Captures: 2, SweepN: 60}, false},
	}
	for _, c := range cases {
		if err := c.c.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v: err %v, want ok=%v", c.c, err, c.ok)
		}
	}
}

func TestAttrsSpread(t *testing.T) {
	tones := map[int]bool{}
	sexes := map[faces.Sex]int{}
	for i := 0; i < 100; i++ {
		a := Attrs(i)
		if err := a.Validate(); err != nil || a.Age < 18 || a.Age > 80 {
			t.Fatalf("identity %d: %+v (%v)", i, a, err)
		}
		tones[a.MonkTone] = true
		sexes[a.Sex]++
	}
	if len(tones) != 10 || sexes[faces.Female] != 50 {
		t.Errorf("tones %d, women %d of 100", len(tones), sexes[faces.Female])
	}
}

func TestSummariseCountsPairs(t *testing.T) {
	r := &Report{Config: Config{N: 3, Captures: 2}}
	for id := 0; id < 3; id++ {
		for k := 0; k < 2; k++ {
			f := Face{Identity: id, Capture: k, Attrs: Attrs(id), Found: true, Gender: Attrs(id).Sex.String(), Age: float64(Attrs(id).Age)}
			f.Desc[id] = 1 // identities 1.41 apart; captures identical
			r.Faces = append(r.Faces, f)
		}
	}
	r.summarise()
	all := r.Rows[0]
	if all.GenuineN != 3 || all.ImpostN != 3 || all.FNMR != 0 || all.FMR != 0 || all.Impostor < 1.4 {
		t.Errorf("all row: %+v", all)
	}
	if g, _ := r.GateByName("identity"); !g.Pass {
		t.Errorf("identity gate: %+v", g)
	}
}

// TestGates runs the audit with the real pipeline and checks every gate.
// The gates are defined on at least 500 identities, so that is the default
// (about 3 minutes on two cores); VIGIE_FACES_AUDIT_N changes it for quick
// looks, where small bands make the figures noisy. A gate in knownGaps skips with its measured figure instead of
// failing: it is out of reach for now and listed in the project's gaps.
func TestGates(t *testing.T) {
	if testing.Short() {
		t.Skip("audit renders and recognises hundreds of faces")
	}
	p := openPipeline(t)
	defer p.Close()
	n := 500
	if v := os.Getenv("VIGIE_FACES_AUDIT_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("VIGIE_FACES_AUDIT_N=%q: %v", v, err)
		}
	}
	r, err := Run(p, Config{N: n, Captures: 2, Seed: 1, SweepN: min(n, 30)})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Write(&b)
	t.Log("\n" + b.String())
	for _, g := range r.Gates {
		t.Run(g.Name, func(t *testing.T) {
			if g.Pass {
				return
			}
			if knownGaps[g.Name] {
				t.Skipf("known gap: measured %s, target %s", g.Value, g.Target)
			}
			t.Errorf("measured %s, target %s", g.Value, g.Target)
		})
	}
}

// TestLandmarkBreakdown moves only the jaw points and checks that the error
// lands in the jaw and is divided by the right distances.
func TestLandmarkBreakdown(t *testing.T) {
	f := Face{Found: true, IOD: 50}
	for i := range f.Truth {
		f.Truth[i] = recognition.Point{X: float64(i), Y: 100}
		f.Landmarks[i] = f.Truth[i]
	}
	f.Truth[36].X, f.Truth[45].X = 0, 80 // outer corners 80 px apart
	f.Landmarks[36], f.Landmarks[45] = f.Truth[36], f.Truth[45]
	for i := 0; i <= 16; i++ {
		f.Landmarks[i].Y += 5 // 0.1 eye-centre distances
	}
	r := &Report{Faces: []Face{f, {Found: false}}}
	lb := r.LandmarkBreakdown()
	for _, reg := range lb.Regions {
		want := 0.0
		if reg.Name == "jaw" {
			want = 0.1
		}
		if math.Abs(reg.Err-want) > 1e-12 {
			t.Errorf("%s: %.4f, want %.4f", reg.Name, reg.Err, want)
		}
	}
	if want := 17 * 5.0 / 68 / 80; math.Abs(lb.OuterCorner-want) > 1e-12 {
		t.Errorf("outer-corner error %.5f, want %.5f", lb.OuterCorner, want)
	}
}

// openPipeline opens the real pipeline, or skips when set-up has not
// fetched the models.
func openPipeline(t *testing.T) *recognition.Pipeline {
	t.Helper()
	dir, err := recognition.ModelDir("")
	if err == nil {
		_, err = os.Stat(dir)
	}
	if err != nil {
		t.Skipf("no models (%v): run `make models`", err)
	}
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		t.Skipf("pipeline unavailable: %v", err)
	}
	return p
}
