package recognizer

import (
	"math"
	"math/rand/v2"
	"testing"

	"vigie/city"
	"vigie/metrics"
)

// stubMeasurer hands over a sample made up in the test: two groups, two
// bins (0: small faces, 1: the reference, large faces).
type stubMeasurer struct {
	sample ShapeSample
}

func (s *stubMeasurer) Name() string                                  { return "stub" }
func (s *stubMeasurer) Source() string                                { return "a stub sample" }
func (s *stubMeasurer) Scale() ScoreScale                             { return Distance }
func (s *stubMeasurer) Search(Probe, *rand.Rand) Outcome              { return Outcome{} }
func (s *stubMeasurer) Prepare(*city.City, uint64, []Watchlist) error { return nil }
func (s *stubMeasurer) ShapeSample() (ShapeSample, error)             { return s.sample, nil }

// stubSample draws n identities per group: impostor distances uniform on
// [0, 1) scaled by impScale[group] (a smaller scale matches more often), and
// genuine distances that exceed any threshold in the small bin with
// probability smallMiss.
func stubSample(n int, impScale [2]float64, smallMiss float64) ShapeSample {
	rng := rand.New(rand.NewPCG(1, 2))
	s := ShapeSample{Groups: []string{"a", "b"}, Bins: []string{"small", "large"}, Reference: 1,
		Centres: []city.Conditions{{FacePx: 25, Light: city.Day}, {FacePx: 100, Light: city.Day}},
		BinOf: func(c city.Conditions) int {
			switch {
			case c.FacePx < 12:
				return -1
			case c.FacePx < 60:
				return 0
			}
			return 1
		}}
	for g := range 2 {
		for range n {
			id := SampledIdentity{Group: g, Enrolled: true, Found: []bool{true, true}, Genuine: make([]float64, 2), Impostor: make([][]float64, 2)}
			for b := range 2 {
				id.Genuine[b] = 0.001 * rng.Float64()
				if b == 0 && rng.Float64() < smallMiss || b == 1 && rng.Float64() < 0.1 {
					id.Genuine[b] = 2
				}
				for range 2 * n {
					id.Impostor[b] = append(id.Impostor[b], impScale[g]*rng.Float64())
				}
			}
			s.People = append(s.People, id)
		}
	}
	return s
}

func testCity(n int) *city.City {
	c := &city.City{}
	for i := range n {
		c.Citizens = append(c.Citizens, city.Citizen{Group: uint8(i % 2), Sex: city.Male, MonkTone: 2})
	}
	return c
}

func factor(cal *metrics.Calibration, rate, group, bin string) metrics.CalibrationFactor {
	for _, f := range cal.Factors {
		if f.Rate == rate && f.Group == group && f.Bin == bin {
			return f
		}
	}
	return metrics.CalibrationFactor{}
}

// With a large sample the pipeline's ratios are used: group b, whose
// impostors sit twice as close, matches about twice as often as the whole
// sample's average (4/3 of it); small faces miss about five times as often.
// The city's average FPIR at the reference point stays the profile's.
func TestCalibratedUsesTightPipelineRatios(t *testing.T) {
	k := NewCalibrated(testRates(), []string{"a", "b"}, &stubMeasurer{stubSample(400, [2]float64{1, 0.5}, 0.5)})
	c := testCity(1000)
	if err := k.Prepare(c, 7, nil); err != nil {
		t.Fatal(err)
	}
	cal := k.Report(nil).Calibration
	b := factor(cal, metrics.RateFalseMatch, "b", "")
	if b.From != metrics.FromPipeline || math.Abs(b.Pipeline-4.0/3) > 0.25 {
		t.Errorf("group b false match factor %+v, want about 1.33 from the pipeline", b)
	}
	small := factor(cal, metrics.RateMiss, "", "small")
	if small.From != metrics.FromPipeline || small.Pipeline < 3 || small.Pipeline > 7 {
		t.Errorf("small faces' miss factor %+v, want about 5 from the pipeline", small)
	}
	if !(small.PipelineCI[0] < small.Pipeline && small.Pipeline < small.PipelineCI[1]) {
		t.Errorf("small faces' interval %v does not hold the estimate %g", small.PipelineCI, small.Pipeline)
	}
	mean := 0.0
	for _, cz := range c.Citizens {
		mean += k.FPIR(Probe{Group: int(cz.Group), Threshold: 0.6, Gallery: 10000, Conditions: city.Conditions{FacePx: 100, Light: city.Day}})
	}
	if got := mean / float64(len(c.Citizens)); math.Abs(got-1.0/6000)/(1.0/6000) > 1e-6 {
		t.Errorf("average FPIR at the reference point %g, want the profile's %g", got, 1.0/6000)
	}
	miss := 0.0
	for _, cz := range c.Citizens {
		miss += k.FNIR(Probe{Group: int(cz.Group), Mated: true, Threshold: 0.6, Conditions: city.Conditions{FacePx: 100, Light: city.Day}})
	}
	if got := miss / float64(len(c.Citizens)); math.Abs(got-0.11) > 1e-9 {
		t.Errorf("average miss rate at the reference point %g, want the profile's 1 - 0.89", got)
	}
}

// A sample too small to pin a ratio down falls back to the profile's
// figure, and says so; the choice is the same for the same seed.
func TestCalibratedFallsBackWhenTooUncertain(t *testing.T) {
	run := func() *metrics.Calibration {
		k := NewCalibrated(testRates(), []string{"a", "b"}, &stubMeasurer{stubSample(4, [2]float64{1, 0.5}, 0.5)})
		if err := k.Prepare(testCity(100), 7, nil); err != nil {
			t.Fatal(err)
		}
		return k.Report(nil).Calibration
	}
	cal := run()
	fallbacks := 0
	for _, f := range cal.Factors {
		if f.From == metrics.FromProfile {
			fallbacks++
			if f.Bounded && f.PipelineCI[1]/f.PipelineCI[0] <= MaxSpread {
				t.Errorf("%+v fell back with an interval within the criterion", f)
			}
		}
	}
	if fallbacks == 0 {
		t.Errorf("four identities per group: no factor fell back to the profile (%+v)", cal.Factors)
	}
	again := run()
	for i := range cal.Factors {
		if cal.Factors[i] != again.Factors[i] {
			t.Fatalf("same seed, different factor: %+v and %+v", cal.Factors[i], again.Factors[i])
		}
	}
}
