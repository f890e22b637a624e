package faceaudit

import (
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"vigie/city/faces"
	"vigie/internal/testenv"
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
	const n = ProbePhotoFaces + 2
	r := &Report{Config: Config{N: n, Captures: 2}}
	for id := 0; id < n; id++ {
		for k := 0; k < 2; k++ {
			f := Face{Identity: id, Capture: k, Attrs: Attrs(id), Found: true, Gender: Attrs(id).Sex.String(), Age: float64(Attrs(id).Age)}
			f.Desc[id] = 0.5 // identities 0.71 apart, in as many directions
			if k == 1 {
				f.Desc[127] = 0.35 // the second capture 0.35 from the first
			}
			r.Faces = append(r.Faces, f)
		}
	}
	r.summarise()
	all := r.Rows[0]
	if all.GenuineN != n || all.ImpostN != n*(n-1)/2 || all.FNMR != 0 || all.FMR != 0 ||
		math.Abs(all.Impostor-math.Sqrt(0.5)) > 1e-6 || math.Abs(all.Genuine-0.35) > 1e-6 {
		t.Errorf("all row: %+v", all)
	}
	// ProbePhotoFaces orthogonal descriptors spread equally in ProbePhotoFaces-1
	// directions about their centroid
	if math.Abs(r.Directions-(ProbePhotoFaces-1)) > 1e-6 {
		t.Errorf("participation ratio %.4f, want %d", r.Directions, ProbePhotoFaces-1)
	}
	if g, _ := r.GateByName("identity"); !g.Pass {
		t.Errorf("identity gate: %+v", g)
	}
	// captures identical across days: too stable to pass
	for i := range r.Faces {
		r.Faces[i].Desc[127] = 0
	}
	r.summarise()
	if g, _ := r.GateByName("identity"); g.Pass {
		t.Errorf("identity gate passes with genuine mean %.3f: %+v", r.Rows[0].Genuine, g)
	}
}

// TestGates runs the audit with the real pipeline and checks every gate.
// The gates are defined on at least 500 identities, so that is the default
// (about 3 minutes on two cores); VIGIE_FACES_AUDIT_N changes it for quick
// looks, where small bands make the figures noisy. A gate in knownGaps is
// out of reach for now and listed in the project's gaps: it logs its
// measured figure, and fails only when that is worse than the figure
// recorded for it.
func TestGates(t *testing.T) {
	if testing.Short() {
		t.Skip("audit renders and recognises hundreds of faces")
	}
	r := gatesReport(t)
	var b strings.Builder
	r.Write(&b)
	t.Log("\n" + b.String())
	for _, g := range r.Gates {
		t.Run(g.Name, func(t *testing.T) {
			if g.Pass {
				return
			}
			if gap, ok := knownGaps[g.Name]; ok {
				if w := gap.worse(r); w != "" {
					t.Errorf("known gap got worse: %s (measured %s, target %s)", w, g.Value, g.Target)
				} else {
					t.Logf("known gap, no worse than recorded: measured %s, target %s", g.Value, g.Target)
				}
				return
			}
			t.Errorf("measured %s, target %s", g.Value, g.Target)
		})
	}
}

// gates is the audit at the gates' size, run once per test binary and
// shared by the tests that read it (TestGates, TestJudgesBaseline): the
// package's long statistical run happens once, not once per caller.
var gates struct {
	once sync.Once
	r    *Report
	err  error
}

// gatesReport runs the audit on 500 identities, two good captures each (or
// VIGIE_FACES_AUDIT_N identities), the first time a test asks.
func gatesReport(t *testing.T) *Report {
	t.Helper()
	n := 500
	if v := os.Getenv("VIGIE_FACES_AUDIT_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("VIGIE_FACES_AUDIT_N=%q: %v", v, err)
		}
	}
	p := openPipeline(t)
	defer p.Close()
	gates.once.Do(func() {
		gates.r, gates.err = Run(p, Config{N: n, Captures: 2, Seed: 1, SweepN: min(n, 30)})
	})
	if gates.err != nil {
		t.Fatal(gates.err)
	}
	return gates.r
}

// firstIdentities is r's faces of identities 0..n-1 alone, as Run on n
// identities with the same seed and captures would have found them
// (without the sweeps, the skin ramp and the judges, which the caller
// computes on them if it needs them).
func (r *Report) firstIdentities(n int) *Report {
	sub := &Report{Config: r.Config, PhotoFaces: r.PhotoFaces}
	sub.Config.N = min(n, r.Config.N)
	for _, f := range r.Faces {
		if f.Identity < sub.Config.N {
			sub.Faces = append(sub.Faces, f)
		}
	}
	sub.summarise() // the rows (landmarks, sex, age) of these identities alone
	return sub
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
		testenv.MissingModels(t, "no models (%v)", err)
	}
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		testenv.MissingModels(t, "pipeline unavailable: %v", err)
	}
	return p
}

// TestIdentityGapHoldsToRecord checks that the identity gap's test fails
// when a figure gets worse than recorded, beyond the audit's noise, and
// only then.
func TestIdentityGapHoldsToRecord(t *testing.T) {
	rec := identityRecord
	cases := []struct {
		name                               string
		impostor, fmr, genuine, directions float64
		worse                              bool
	}{
		{"as recorded", rec.impostor, rec.fmr, rec.genuine, rec.directions, false},
		{"better everywhere", rec.impostor + 0.05, rec.fmr - 0.1, 0.35, rec.directions + 2, false},
		{"within the noise", rec.impostor - 0.005, rec.fmr + 0.01, rec.genuine, rec.directions - 0.3, false},
		{"impostor mean down", rec.impostor - 0.03, rec.fmr, rec.genuine, rec.directions, true},
		{"FMR up", rec.impostor, rec.fmr + 0.05, rec.genuine, rec.directions, true},
		{"genuine mean further from the band", rec.impostor, rec.fmr, 0.05, rec.directions, true},
		{"fewer directions", rec.impostor, rec.fmr, rec.genuine, rec.directions - 1.5, true},
	}
	for _, c := range cases {
		r := &Report{Config: Config{N: 500}, Rows: []Row{{Group: "all", Impostor: c.impostor, FMR: c.fmr, Genuine: c.genuine}}, Directions: c.directions}
		if w := identityWorse(r); (w != "") != c.worse {
			t.Errorf("%s: worse = %q, want worse %v", c.name, w, c.worse)
		}
	}
}

// TestGoodCapturesDiffer checks that a person's two good captures come
// from two cameras under two lights, within the ranges lightOfTheDay
// documents, and that the sky and fill vary by about half.
func TestGoodCapturesDiffer(t *testing.T) {
	var sum, sum2 float64
	const n = 400
	for i := 0; i < n; i++ {
		a, b := GoodCapture(i, 0), GoodCapture(i, 1)
		for _, c := range []faces.Capture{a, b} {
			if err := c.Validate(); err != nil {
				t.Fatalf("identity %d: %v", i, err)
			}
			if c.Camera == 0 || c.LightAzDeg < -70 || c.LightAzDeg > 70 || c.LightElDeg < 0 || c.LightElDeg > 70 || c.SkyLevel <= 0 || c.FillLevel <= 0 {
				t.Fatalf("identity %d: %+v", i, c)
			}
		}
		// the azimuth is clamped to +-70 degrees, so two days may share it
		// at a clamp; the light differs unless its elevation is shared too
		sameLight := a.LightAzDeg == b.LightAzDeg && a.LightElDeg == b.LightElDeg
		if a.Camera == b.Camera || sameLight || a.SkyLevel == b.SkyLevel {
			t.Fatalf("identity %d: two captures share a camera or a light: %+v, %+v", i, a, b)
		}
		l := math.Log(a.SkyLevel)
		sum += l
		sum2 += l * l
	}
	mean := sum / n
	if sd := math.Sqrt(sum2/n - mean*mean); sd < 0.4 || sd > 0.6 {
		t.Errorf("sky level varies by %.2f (log sd), want about 0.5", sd)
	}
}
