package recognizer

import (
	"math"
	"math/rand/v2"
	"testing"

	"vigie/city"
)

func testRates() Profile {
	return Profile{ReferenceThreshold: 0.6, ReferenceWatchlist: 10000, FPIR: 1.0 / 6000, TPIR: 0.89,
		FMRDecade: 0.03, FNIRDecade: 0.15, FemaleFMR: Multiplier{Value: 2}, ToneFMR: [3]Multiplier{{Value: 1}, {Value: 1.5}, {Value: 3}},
		MinFacePx: 20, GoodFacePx: 60, NightFNIR: 2}
}

func refProbe(gallery int) Probe {
	return Probe{Sex: city.Male, MonkTone: 2, Gallery: gallery, Threshold: 0.6,
		Conditions: city.Conditions{FacePx: 100, Light: city.Day}}
}

// At the reference point the recognizer reproduces NPL 2023's figures, and
// false positives scale with watchlist size as 1 - (1 - p)^N.
func TestPublishedRatesReferencePointAndScaling(t *testing.T) {
	r := NewRates(testRates())
	if got := r.FPIR(refProbe(10000)); math.Abs(got-1.0/6000) > 1e-12 {
		t.Errorf("FPIR at 10,000 = %g, want 1/6000", got)
	}
	ratio := r.FPIR(refProbe(10000)) / r.FPIR(refProbe(1000))
	if math.Abs(ratio-10) > 0.01 {
		t.Errorf("FPIR grows %.3fx from 1,000 to 10,000, want about 10x (NPL 2023)", ratio)
	}
	p := r.FMR(refProbe(1))
	n := 500000
	if got, want := r.FPIR(refProbe(n)), 1-math.Pow(1-p, float64(n)); math.Abs(got-want) > 1e-9 {
		t.Errorf("FPIR at %d = %g, want 1-(1-p)^N = %g", n, got, want)
	}
	if got := 1 - r.FNIR(refProbe(10000)); math.Abs(got-0.89) > 1e-12 {
		t.Errorf("TPIR at reference = %g, want 0.89", got)
	}
}

func TestPublishedRatesDirections(t *testing.T) {
	r := NewRates(testRates())
	base := refProbe(10000)
	woman, dark, strict, night, small := base, base, base, base, base
	woman.Sex = city.Female
	dark.MonkTone = 9
	strict.Threshold = 0.64
	night.Conditions.Light = city.Night
	small.Conditions.FacePx = 30
	if r.FPIR(woman) <= r.FPIR(base) || r.FPIR(dark) <= r.FPIR(base) {
		t.Error("demographic multipliers do not raise false positives")
	}
	if r.FPIR(strict) >= r.FPIR(base)/10 {
		t.Error("a threshold 0.04 higher should cut false positives more than ten-fold (fmr_decade 0.03)")
	}
	if r.FNIR(night) <= r.FNIR(base) || r.FNIR(small) <= r.FNIR(base) || r.FNIR(strict) <= r.FNIR(base) {
		t.Error("night, small faces and a stricter threshold should all raise misses")
	}
	tiny := base
	tiny.Conditions.FacePx = 10
	if o := r.Search(tiny, rand.New(rand.NewPCG(1, 2))); o.Detected {
		t.Error("a 10 px face was detected")
	}
}

// Monte Carlo: drawn outcomes match the rates within their interval.
func TestPublishedRatesDraws(t *testing.T) {
	r := NewRates(testRates())
	rng := rand.New(rand.NewPCG(3, 4))
	p := refProbe(1000000) // large list: FPIR about 1.65%
	want := r.FPIR(p)
	n, k := 200000, 0
	for i := 0; i < n; i++ {
		if r.Search(p, rng).Alert {
			k++
		}
	}
	got := float64(k) / float64(n)
	se := math.Sqrt(want * (1 - want) / float64(n))
	if math.Abs(got-want) > 4*se {
		t.Errorf("drawn FPIR %g, want %g +- %g", got, want, 4*se)
	}
}

// An operating point of 1 in 6,000 with a 10,000-image list, for the
// reference demographic, is NPL's threshold of 0.6; for a mixed sample the
// threshold gives the target on average.
func TestThresholdForOperatingPoint(t *testing.T) {
	r := NewRates(testRates())
	if got := r.ThresholdFor(1.0/6000, 10000, []Probe{refProbe(0)}); math.Abs(got-0.6) > 1e-9 {
		t.Errorf("threshold for 1 in 6,000 = %.6f, want 0.6", got)
	}
	mixed := []Probe{refProbe(0), refProbe(0), refProbe(0)}
	mixed[1].Sex = city.Female
	mixed[2].MonkTone = 9
	th := r.ThresholdFor(1e-3, 100000, mixed)
	mean := 0.0
	for _, p := range mixed {
		p.Threshold, p.Gallery = th, 100000
		mean += r.FPIR(p) / 3
	}
	if math.Abs(mean-1e-3) > 1e-9 {
		t.Errorf("mean FPIR at the calibrated threshold %.4f is %g, want 1e-3", th, mean)
	}
}

// The published FPIR is a crowd average: once normalised on a population,
// the population's mean false positive identification rate at the
// reference point equals it, whatever the multipliers, and the multipliers
// still order the groups. Before normalisation the reference group alone
// sat at the published figure and the population ran about twice as high.
func TestPopulationAverageEqualsPublishedFPIR(t *testing.T) {
	var people []city.Citizen
	for i := 0; i < 1000; i++ {
		sex := city.Male
		if i%2 == 1 {
			sex = city.Female
		}
		people = append(people, city.Citizen{Sex: sex, MonkTone: uint8(1 + i%10)})
	}
	for _, tc := range []struct {
		name  string
		woman float64
		tones [3]float64
	}{{"flat", 1, [3]float64{1, 1, 1}}, {"nistir-like", 2, [3]float64{1, 1.5, 3}}, {"strong", 5, [3]float64{1, 10, 100}}} {
		t.Run(tc.name, func(t *testing.T) {
			c := testRates()
			c.FemaleFMR.Value = tc.woman
			for k := range c.ToneFMR {
				c.ToneFMR[k].Value = tc.tones[k]
			}
			r := NewRates(c)
			r.Normalise(people)
			mean := 0.0
			for _, cz := range people {
				p := refProbe(10000)
				p.Sex, p.MonkTone = cz.Sex, int(cz.MonkTone)
				mean += r.FPIR(p) / float64(len(people))
			}
			if math.Abs(mean-c.FPIR)/c.FPIR > 1e-9 {
				t.Errorf("population-average FPIR at the reference point %.6g, want the published %.6g (%.2fx)", mean, c.FPIR, mean/c.FPIR)
			}
			dark, light := refProbe(10000), refProbe(10000)
			dark.MonkTone, light.MonkTone = 9, 2
			if tc.tones[2] > 1 && r.FPIR(dark) <= r.FPIR(light) {
				t.Error("normalising erased the tone multiplier's ordering")
			}
		})
	}
}

// The engine normalises the profile on the built city: a run's mean FPIR
// at the reference point is the published figure.
func TestEngineNormalisesOnTheCity(t *testing.T) {
	r := NewRates(testRates())
	if err := r.Prepare(&city.City{Citizens: []city.Citizen{{Sex: city.Female, MonkTone: 9}}}, 1, nil); err != nil {
		t.Fatal(err)
	}
	p := refProbe(10000)
	p.Sex, p.MonkTone = city.Female, 9
	if got := r.FPIR(p); math.Abs(got-1.0/6000) > 1e-12 {
		t.Errorf("a city of one woman of Monk 9: FPIR %g, want the published 1/6000", got)
	}
}

// The slope fit recovers a known slope from counts drawn at it, with an
// interval that holds it, and says when counts cannot constrain the slope.
func TestFitFMRDecade(t *testing.T) {
	c := testRates()
	rng := rand.New(rand.NewPCG(5, 6))
	truth := 0.025
	p1 := -math.Expm1(math.Log1p(-c.FPIR) / float64(c.ReferenceWatchlist))
	for _, th := range []float64{0.56, 0.58, 0.6, 0.62} {
		rate := -math.Expm1(10000 * math.Log1p(-p1*math.Pow(10, -(th-0.6)/truth)))
		searches := 2000000
		k := poissonDraw(rng, rate*float64(searches))
		c.Points = append(c.Points, PublishedPoint{Threshold: th, Watchlist: 10000, FalsePositives: &k, Searches: searches, Source: "drawn"})
	}
	fit, err := FitFMRDecade(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fit %.4f (%.4f-%.4f), deviance at 0.03 %.1f", fit.Decade, fit.Lo, fit.Hi, fit.Deviance)
	if truth < fit.Lo || truth > fit.Hi || !fit.Bounded[0] || !fit.Bounded[1] || fit.Hi-fit.Lo > 0.01 {
		t.Errorf("fit %.4f (%.4f-%.4f, bounded %v) should hold the true %.3f in a narrow interval", fit.Decade, fit.Lo, fit.Hi, fit.Bounded, truth)
	}
	// Counts without their number of searches only say how the counts fall
	// with the threshold: one at 0.62 and none at 0.64 leave the slope free.
	one, zero := 1, 0
	c.Points = []PublishedPoint{{Threshold: 0.62, Watchlist: 10000, FalsePositives: &one, Study: "s", Source: "x"},
		{Threshold: 0.64, Watchlist: 10000, FalsePositives: &zero, Study: "s", Source: "x"}}
	fit, err = FitFMRDecade(c)
	if err != nil {
		t.Fatal(err)
	}
	if fit.Bounded[1] || fit.Studies != 1 || fit.Counts != 2 {
		t.Errorf("one count and a zero with unknown searches bounded the slope: %+v", fit)
	}
	c.Points = nil
	if _, err := FitFMRDecade(c); err == nil {
		t.Error("a profile without counts was fitted")
	}
}

func poissonDraw(rng *rand.Rand, lambda float64) int {
	// Normal approximation with continuity: the test's counts are large.
	return max(0, int(math.Round(lambda+math.Sqrt(lambda)*rng.NormFloat64())))
}
