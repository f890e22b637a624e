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

// TestGates runs the audit with the real pipeline and checks every gate,
// on gatesN identities (VIGIE_FACES_AUDIT_N changes it: 500 for the
// gates' own size). A gate in knownGaps is out of reach for now and listed
// in the project's gaps: it logs its measured figure, and fails only when
// that is worse than the figure recorded for it, beyond the noise of an
// audit of that many identities.
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

// gatesN is the test's audit size. The gates are defined on 500
// identities, and the README's figures are measured there (`vigie faces
// audit --n 500`, about 7.5 minutes on two idle cores); the test
// re-measures them on the first 200 (the sweeps, on 30 identities, and the
// skin ramp are the same at both sizes; at 200 the package took 356 s of
// CPU and 204 s wall at load 1.4-2.3, 2.2 GB at most). Each identity
// is rendered and embedded as at 500 (same seed, same captures), so a
// threshold gate reads the same faces' figures with wider noise, and the
// known gaps' records allow for that noise at this size (gaps.go): at 200
// the identity figures were impostor mean 0.583, FMR 58.1%, genuine mean
// 0.297, participation ratio 9.8, within it.
const gatesN = 200

// gatesReport runs the audit on gatesN identities, two good captures each
// (or VIGIE_FACES_AUDIT_N identities), the first time a test asks.
func gatesReport(t *testing.T) *Report {
	t.Helper()
	n := gatesN
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
// only then: on 500 identities, where the record was measured, and on the
// test's gatesN, where the allowance is wider by sqrt(500/gatesN) (a fall
// of 0.013 in the impostor mean is noise at 200, not at 500; one of 0.02
// is beyond both).
func TestIdentityGapHoldsToRecord(t *testing.T) {
	rec := identityRecord
	cases := []struct {
		name                               string
		n                                  int
		impostor, fmr, genuine, directions float64
		worse                              bool
	}{
		{"as recorded", 500, rec.impostor, rec.fmr, rec.genuine, rec.directions, false},
		{"better everywhere", 500, rec.impostor + 0.05, rec.fmr - 0.1, 0.35, rec.directions + 2, false},
		{"within the noise", 500, rec.impostor - 0.005, rec.fmr + 0.01, rec.genuine, rec.directions - 0.3, false},
		{"impostor mean down", 500, rec.impostor - 0.03, rec.fmr, rec.genuine, rec.directions, true},
		{"FMR up", 500, rec.impostor, rec.fmr + 0.05, rec.genuine, rec.directions, true},
		{"genuine mean further from the band", 500, rec.impostor, rec.fmr, 0.05, rec.directions, true},
		{"fewer directions", 500, rec.impostor, rec.fmr, rec.genuine, rec.directions - 1.5, true},
		{"impostor mean down 0.013", 500, rec.impostor - 0.013, rec.fmr, rec.genuine, rec.directions, true},
		{"FMR up 3 points", 500, rec.impostor, rec.fmr + 0.03, rec.genuine, rec.directions, true},
		{"0.7 fewer directions", 500, rec.impostor, rec.fmr, rec.genuine, rec.directions - 0.7, true},
		{"as recorded", 200, rec.impostor, rec.fmr, rec.genuine, rec.directions, false},
		{"impostor mean down 0.013", 200, rec.impostor - 0.013, rec.fmr, rec.genuine, rec.directions, false},
		{"FMR up 3 points", 200, rec.impostor, rec.fmr + 0.03, rec.genuine, rec.directions, false},
		{"genuine mean 0.013 further", 200, rec.impostor, rec.fmr, rec.genuine - 0.013, rec.directions, false},
		{"0.7 fewer directions", 200, rec.impostor, rec.fmr, rec.genuine, rec.directions - 0.7, false},
		{"impostor mean down 0.02", 200, rec.impostor - 0.02, rec.fmr, rec.genuine, rec.directions, true},
		{"FMR up 4 points", 200, rec.impostor, rec.fmr + 0.04, rec.genuine, rec.directions, true},
		{"genuine mean 0.02 further", 200, rec.impostor, rec.fmr, rec.genuine - 0.02, rec.directions, true},
		{"1 fewer direction", 200, rec.impostor, rec.fmr, rec.genuine, rec.directions - 1, true},
	}
	for _, c := range cases {
		r := &Report{Config: Config{N: c.n}, Rows: []Row{{Group: "all", Impostor: c.impostor, FMR: c.fmr, Genuine: c.genuine}}, Directions: c.directions}
		if w := identityWorse(r); (w != "") != c.worse {
			t.Errorf("%s on %d identities: worse = %q, want worse %v", c.name, c.n, w, c.worse)
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
