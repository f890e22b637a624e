package facerec

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"vigie/city"
	"vigie/metrics"
	"vigie/sim/recognizer"
)

// synthetic is a fitted recognizer with known distributions in every
// cell: genuine N(0.3, 0.08), impostor N(0.55, 0.07), 90% detection.
func synthetic() *Fitted {
	f := NewFitted(recognizer.RecognizerConfig{Bins: recognizer.BinsConfig{FacePx: []float64{12, 40}, YawDeg: []float64{30}}}, []string{"a", "b"}, nil)
	gen := scoreFit{dist: distuv.Normal{Mu: 0.3, Sigma: 0.08}}
	imp := scoreFit{dist: distuv.Normal{Mu: 0.55, Sigma: 0.07}}
	f.cells = make([][]cell, 2)
	for g := range f.cells {
		f.cells[g] = make([]cell, f.bins.Count())
		for b := range f.cells[g] {
			f.cells[g][b] = cell{detected: metrics.Rate{Value: 0.9}, gen: gen, imp: imp, fitted: true}
		}
	}
	return f
}

var goodDay = city.Conditions{FacePx: 80, Light: city.Day, Lux: 10000}

// A drawn outcome follows the law it is drawn from: a brute-force search
// that draws every one of the N-1 impostor distances and the genuine one
// gives the same alert and correct-alert rates as the inverse-transform
// draw of the best impostor.
func TestFittedDrawsMatchBruteForce(t *testing.T) {
	f := synthetic()
	const n, trials = 200, 40000
	imp := distuv.Normal{Mu: 0.55, Sigma: 0.07, Src: rand.New(rand.NewPCG(1, 2))}
	gen := distuv.Normal{Mu: 0.3, Sigma: 0.08, Src: rand.New(rand.NewPCG(3, 4))}
	for _, mated := range []bool{false, true} {
		for _, th := range []float64{0.35, 0.4} {
			rng := rand.New(rand.NewPCG(5, 6))
			var drawn, brute [2]int // alerts, correct alerts
			for i := 0; i < trials; i++ {
				o := f.Search(recognizer.Probe{Conditions: goodDay, Mated: mated, Gallery: n, Threshold: th}, rng)
				if o.Alert {
					drawn[0]++
				}
				if o.Correct {
					drawn[1]++
				}
				if rng.Float64() >= 0.9 {
					continue
				}
				best := math.Inf(1)
				others := n
				if mated {
					others = n - 1
				}
				for k := 0; k < others; k++ {
					best = math.Min(best, imp.Rand())
				}
				g := math.Inf(1)
				if mated {
					g = gen.Rand()
				}
				if math.Min(g, best) < th {
					brute[0]++
					if g <= best {
						brute[1]++
					}
				}
			}
			for k, what := range []string{"alerts", "correct alerts"} {
				a, b := metrics.NewRate(drawn[k], trials), metrics.NewRate(brute[k], trials)
				if a.CI[0] > b.CI[1] || b.CI[0] > a.CI[1] {
					t.Errorf("mated=%v threshold %.2f %s: drawn %.4f [%.4f, %.4f], brute force %.4f [%.4f, %.4f]",
						mated, th, what, a.Value, a.CI[0], a.CI[1], b.Value, b.CI[0], b.CI[1])
				}
			}
		}
	}
}

func TestFittedDrawsAreDeterministic(t *testing.T) {
	f := synthetic()
	draw := func() []recognizer.Outcome {
		rng := rand.New(rand.NewPCG(9, 9))
		var out []recognizer.Outcome
		for i := 0; i < 1000; i++ {
			out = append(out, f.Search(recognizer.Probe{Conditions: goodDay, Mated: i%3 == 0, Gallery: 1000, Threshold: 0.4}, rng))
		}
		return out
	}
	a, b := draw(), draw()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("draw %d differs: %+v vs %+v", i, a[i], b[i])
		}
	}
}

// Faces under the smallest bin's edge are never found.
func TestFittedTooSmallIsNotDetected(t *testing.T) {
	f := synthetic()
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 100; i++ {
		if o := f.Search(recognizer.Probe{Conditions: city.Conditions{FacePx: 11, Light: city.Day}, Mated: true, Gallery: 10, Threshold: 2}, rng); o.Detected {
			t.Fatal("an 11 px face was detected")
		}
	}
}

// The threshold found for an operating point gives that rate back, and a
// larger watchlist needs a stricter (lower) distance for the same rate.
func TestFittedOperatingPoint(t *testing.T) {
	f := synthetic()
	probes := []recognizer.Probe{{Conditions: goodDay}, {Group: 1, Conditions: goodDay}}
	for _, target := range []float64{1.0 / 6000, 0.01} {
		t1 := f.ThresholdFor(target, 1000, probes)
		if got := f.FPIRAt(t1, 1000, probes); math.Abs(got-target) > 1e-6*target+1e-12 {
			t.Errorf("target %g: threshold %.5f gives %g", target, t1, got)
		}
		if t2 := f.ThresholdFor(target, 100000, probes); t2 >= t1 {
			t.Errorf("target %g: threshold %.5f for 100,000 names is not below %.5f for 1,000", target, t2, t1)
		}
	}
}

func generatedSource(c *city.City, seed uint64) (FaceSource, error) {
	return NewGenerated(c, seed), nil
}

// The sample kept for a calibrated recognizer holds, identity by identity,
// what the fit counted: a probe's genuine distance where it was found and
// its identity enrolled, its distances to every other enrolled identity.
func TestKeptShapeSampleMatchesTheFit(t *testing.T) {
	f := NewShapeMeasurer(recognizer.RecognizerConfig{Bins: recognizer.BinsConfig{FacePx: []float64{12, 40}, YawDeg: []float64{30}}}, []string{"a", "b"}, nil)
	nb := f.bins.Count()
	people := []sampled{{citizen: 0, group: 0}, {citizen: 1, group: 1}, {citizen: 2, group: 1}}
	desc := func(x float32) (d Descriptor) { d[0] = x; return d }
	enrol := []Descriptor{desc(0), desc(1), desc(3)}
	enrolled := []bool{true, true, false}
	probe := make([]Descriptor, len(people)*nb)
	found := make([]bool, len(people)*nb)
	for i := range people {
		for b := 0; b < nb; b++ {
			probe[i*nb+b] = desc(float32(i) + 0.25)
			found[i*nb+b] = b != 0 || i != 1 // person 1 is not found in bin 0
		}
	}
	f.measure(people, enrol, enrolled, probe, found)
	f.shape = f.keep(people, enrol, enrolled, probe, found)
	s, err := f.ShapeSample()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.People) != 3 || len(s.Bins) != nb || s.Reference != f.bins.Good() || s.BinOf(goodDay) != f.bins.Of(goodDay) {
		t.Fatalf("layout: %d people, %d bins, reference %d", len(s.People), len(s.Bins), s.Reference)
	}
	gen, imp := 0, 0
	for _, p := range s.People {
		for b := range s.Bins {
			if p.Found[b] && p.Enrolled {
				gen++
			}
			imp += len(p.Impostor[b])
		}
	}
	if gen != f.sample.GenuinePairs || imp != f.sample.ImpostorPairs {
		t.Errorf("kept %d genuine and %d impostor distances, the fit counted %d and %d", gen, imp, f.sample.GenuinePairs, f.sample.ImpostorPairs)
	}
	if p := s.People[1]; p.Found[0] || p.Impostor[0] != nil || math.Abs(p.Genuine[1]-0.25) > 1e-6 || len(p.Impostor[1]) != 1 || math.Abs(p.Impostor[1][0]-1.25) > 1e-6 {
		t.Errorf("person 1: %+v", p)
	}
	if _, err := NewFitted(f.cfg, f.groups, nil).ShapeSample(); err == nil {
		t.Error("a plain fitted recognizer handed over a sample it did not keep")
	}
}
