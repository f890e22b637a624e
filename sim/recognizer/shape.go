package recognizer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"vigie/city"
)

// ShapeSample is what the pipeline measured on its sample, identity by
// identity, for a calibrated recognizer to take the shape of its errors
// from: every sampled identity was enrolled once and probed once in every
// condition bin.
type ShapeSample struct {
	Groups []string
	// Bins names the condition bins; Centres are their typical conditions
	// and Reference the bin every condition factor is relative to (the
	// largest frontal faces by day). BinOf places a sighting in a bin, or
	// returns -1 for a face too small to find.
	Bins      []string
	Centres   []city.Conditions
	Reference int
	BinOf     func(city.Conditions) int
	People    []SampledIdentity
	// Source says what was run (network and faces), for the outputs.
	Source string
}

// SampledIdentity is one identity of the sample.
type SampledIdentity struct {
	Group    int
	Enrolled bool
	// Found[b] says whether the probe in bin b was detected; Genuine[b] is
	// its distance to the identity's own enrolment (when found and
	// enrolled) and Impostor[b] its distances to the other enrolled
	// identities (when found).
	Found    []bool
	Genuine  []float64
	Impostor [][]float64
}

// The calibration's constants, recorded in every calibrated run's results.
const (
	// ShapeFMR is the share of the reference bin's impostor pairs that
	// match at the pipeline threshold the false match ratios are measured
	// at: a tail a sample of tens of identities can count (a few matches
	// per identity), far above the deployed system's rates; the shape is
	// assumed to carry over. The miss ratios are measured where the
	// pipeline misses, in the reference bin, as often as the profile does
	// at its reference point, so that a ratio cannot be squeezed by a miss
	// rate already near 1.
	ShapeFMR = 0.05
	// ShapeResamples is the number of bootstrap resamples of identities.
	ShapeResamples = 200
	// MaxSpread is the widest 95% interval, upper over lower bound, a
	// pipeline ratio may have to be used: wider, the ratio is not known to
	// within a factor of two either way, and the profile's figure is used.
	MaxSpread = 4.0
)

// ratio is one measured factor with its 95% bootstrap interval.
type ratio struct {
	value, lo, hi float64
}

// usable says whether the pipeline measured the ratio well enough: a
// finite, positive value whose interval spans at most MaxSpread.
func (r ratio) usable() bool {
	return r.value > 0 && !math.IsInf(r.value, 0) && !math.IsNaN(r.value) &&
		r.lo > 0 && !math.IsInf(r.hi, 0) && r.hi/r.lo <= MaxSpread
}

// shapeRatios are the measured factors: false match and miss ratios per
// group (relative to the whole sample, in the reference bin) and per bin
// (relative to the reference bin, every group together).
type shapeRatios struct {
	threshold, missThreshold             float64
	fmrGroup, fnirGroup, fmrBin, fnirBin []ratio
}

// tally is what one identity contributes in one bin at the threshold.
type tally struct {
	pairs, matches, tried, missed int
}

// measureShape finds the pipeline thresholds where ShapeFMR of the
// reference bin's impostor pairs match and where its probes are missed at
// the rate refMiss, the ratios there, and their intervals over
// ShapeResamples resamples of the identities within each group.
func measureShape(s ShapeSample, refMiss float64, rng *rand.Rand) (shapeRatios, error) {
	var ref []float64
	for _, p := range s.People {
		ref = append(ref, p.Impostor[s.Reference]...)
	}
	if len(ref) == 0 {
		return shapeRatios{}, fmt.Errorf("the pipeline's sample has no impostor pair in the reference bin %s; raise recognizer.fit.identities_per_group", s.Bins[s.Reference])
	}
	sort.Float64s(ref)
	out := shapeRatios{threshold: ref[int(ShapeFMR*float64(len(ref)-1))], missThreshold: missThreshold(s, refMiss)}
	tallies := make([][]tally, len(s.People))
	for i, p := range s.People {
		tallies[i] = make([]tally, len(s.Bins))
		for b := range s.Bins {
			t := &tallies[i][b]
			if p.Found[b] {
				t.pairs = len(p.Impostor[b])
				for _, d := range p.Impostor[b] {
					if d < out.threshold {
						t.matches++
					}
				}
			}
			if p.Enrolled {
				t.tried = 1
				if !p.Found[b] || p.Genuine[b] >= out.missThreshold {
					t.missed = 1
				}
			}
		}
	}
	members := make([][]int, len(s.Groups))
	all := make([]int, len(s.People))
	for i, p := range s.People {
		members[p.Group] = append(members[p.Group], i)
		all[i] = i
	}
	point := shapeStats(s, tallies, all)
	boots := make([][]float64, ShapeResamples)
	for r := range boots {
		var idx []int
		for _, m := range members {
			for range m {
				idx = append(idx, m[rng.IntN(len(m))])
			}
		}
		boots[r] = shapeStats(s, tallies, idx)
	}
	rs := make([]ratio, len(point))
	for k := range point {
		rs[k] = ratio{value: point[k]}
		rs[k].lo, rs[k].hi = percentileInterval(boots, k)
	}
	g, nb := len(s.Groups), len(s.Bins)
	out.fmrGroup, out.fnirGroup = rs[:g], rs[g:2*g]
	out.fmrBin, out.fnirBin = rs[2*g:2*g+nb], rs[2*g+nb:]
	return out, nil
}

// missThreshold is the distance under which the share 1 - refMiss of the
// reference bin's enrolled identities are found (a probe not detected is
// missed at any threshold): 0 when even that many are not found, and just
// past the largest genuine distance when all found must count.
func missThreshold(s ShapeSample, refMiss float64) float64 {
	var gen []float64
	tried := 0
	for _, p := range s.People {
		if !p.Enrolled {
			continue
		}
		tried++
		if p.Found[s.Reference] {
			gen = append(gen, p.Genuine[s.Reference])
		}
	}
	sort.Float64s(gen)
	m := int(math.Round((1 - refMiss) * float64(tried)))
	switch {
	case m <= 0:
		return 0
	case m >= len(gen):
		return math.Nextafter(gen[len(gen)-1], math.Inf(1))
	}
	return gen[m-1] + (gen[m]-gen[m-1])/2
}

// shapeStats are the ratios of the identities idx (with repeats), laid out
// as false match per group, miss per group, false match per bin, miss per
// bin; NaN where a rate's denominator is empty or the reference rate is 0.
func shapeStats(s ShapeSample, tallies [][]tally, idx []int) []float64 {
	g, nb := len(s.Groups), len(s.Bins)
	group := make([]tally, g)
	bin := make([]tally, nb)
	for _, i := range idx {
		pg := s.People[i].Group
		for b := range bin {
			t := tallies[i][b]
			bin[b].add(t)
			if b == s.Reference {
				group[pg].add(t)
			}
		}
	}
	refBin := bin[s.Reference]
	out := make([]float64, 0, 2*g+2*nb)
	for k := range group {
		out = append(out, rateRatio(group[k].matches, group[k].pairs, refBin.matches, refBin.pairs))
	}
	for k := range group {
		out = append(out, rateRatio(group[k].missed, group[k].tried, refBin.missed, refBin.tried))
	}
	for b := range bin {
		out = append(out, rateRatio(bin[b].matches, bin[b].pairs, refBin.matches, refBin.pairs))
	}
	for b := range bin {
		out = append(out, rateRatio(bin[b].missed, bin[b].tried, refBin.missed, refBin.tried))
	}
	return out
}

func (t *tally) add(o tally) {
	t.pairs += o.pairs
	t.matches += o.matches
	t.tried += o.tried
	t.missed += o.missed
}

// rateRatio is (a/n) / (ra/rn), NaN when either rate is undefined or the
// reference rate is 0.
func rateRatio(a, n, ra, rn int) float64 {
	if n == 0 || rn == 0 || ra == 0 {
		return math.NaN()
	}
	return (float64(a) / float64(n)) / (float64(ra) / float64(rn))
}

// percentileInterval is the 2.5% and 97.5% percentiles of the k-th ratio
// over the resamples; a resample where it was undefined makes the interval
// unbounded (0, +Inf): the sample cannot measure it.
func percentileInterval(boots [][]float64, k int) (lo, hi float64) {
	vals := make([]float64, 0, len(boots))
	for _, b := range boots {
		if math.IsNaN(b[k]) {
			return 0, math.Inf(1)
		}
		vals = append(vals, b[k])
	}
	sort.Float64s(vals)
	n := len(vals) - 1
	return vals[int(math.Floor(0.025*float64(n)))], vals[int(math.Ceil(0.975*float64(n)))]
}
