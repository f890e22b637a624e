package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"vigie/city"
)

func testRates() PublishedRates {
	return PublishedRates{ReferenceThreshold: 0.6, ReferenceWatchlist: 10000, FPIR: 1.0 / 6000, TPIR: 0.89,
		FMRDecade: 0.03, FNIRDecade: 0.15, FemaleFMR: 2, ToneFMR: [3]float64{1, 1.5, 3}, MinFacePx: 20, GoodFacePx: 60, NightFNIR: 2}
}

func refProbe(gallery int) Probe {
	return Probe{Sex: city.Male, MonkTone: 2, Gallery: gallery, Threshold: 0.6,
		Conditions: city.Conditions{FacePx: 100, Light: city.Day}}
}

// At the reference point the recognizer reproduces NPL 2023's figures, and
// false positives scale with watchlist size as 1 - (1 - p)^N.
func TestPublishedRatesReferencePointAndScaling(t *testing.T) {
	r := newPublishedRates(testRates())
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
	r := newPublishedRates(testRates())
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
	r := newPublishedRates(testRates())
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
	r := newPublishedRates(testRates())
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
