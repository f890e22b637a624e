package recognizer

import (
	"math"
	"math/rand/v2"

	"vigie/city"
	"vigie/internal/detmath"
	"vigie/metrics"
)

// Probe is one face to search: who it is (the simulation knows; the
// recognizer may only use it to decide whether a correct match is possible),
// how it was captured, and what it is searched against.
type Probe struct {
	Citizen    int
	Group      int
	Sex        city.Sex
	MonkTone   int
	Age        int
	Conditions city.Conditions
	// Mated says whether the person is on the watchlist searched.
	Mated bool
	// List is the searched watchlist's index among those handed to
	// Prepare (one per regime); Gallery is its size; Threshold the decision
	// threshold on the recognizer's scale.
	List      int
	Gallery   int
	Threshold float64
}

// Outcome is what a search returned.
type Outcome struct {
	// Detected is false when no face was found, so no search was made.
	Detected bool
	// Alert is true when the best candidate passed the threshold;
	// Correct when that candidate is the probe's own identity.
	Alert   bool
	Correct bool
}

// ScoreScale says how a recognizer's threshold reads.
type ScoreScale int

const (
	// Similarity runs from 0 to 1; a candidate matches at or above the
	// threshold, so a higher threshold is stricter (published-rates).
	Similarity ScoreScale = iota
	// Distance is a descriptor distance; a candidate matches below the
	// threshold, so a lower threshold is stricter (dlib: 0-2, face-api's
	// usual threshold is 0.6).
	Distance
)

func (s ScoreScale) String() string {
	if s == Distance {
		return "distance"
	}
	return "similarity"
}

// Recognizer turns a probe into a search outcome. Implementations must be
// deterministic given the random stream they are handed, and safe for use
// by several worlds at once.
type Recognizer interface {
	// Name is the mode recorded in every output (published-rates, exact...).
	Name() string
	// Source says where the recognizer's behaviour comes from.
	Source() string
	// Scale says how its thresholds read.
	Scale() ScoreScale
	// Search searches the probe against its watchlist.
	Search(p Probe, rng *rand.Rand) Outcome
}

// Watchlist is what one regime searches: the residents on it (citizen
// indexes, ascending) and the list's total size; non-resident filler
// identities make up the difference.
type Watchlist struct {
	Regime  string
	Members []int
	Size    int
}

// Preparer is a recognizer that needs the built city before the day starts
// (faces, enrolment, fits). The engine calls Prepare once, after the city
// is built and the regimes compiled, before thresholds are calibrated; the
// lists are in regime order and Probe.List indexes them.
type Preparer interface {
	Prepare(c *city.City, seed uint64, lists []Watchlist) error
}

// Rates draws outcomes from a deployed system's profile. The false
// match rate of one comparison is derived from the reference FPIR and
// watchlist (1:N scaling, Daugman: FPIR = 1 - (1 - p)^N), scaled by
// threshold, sex and skin tone; misses grow with threshold, small faces
// and low light. Prepare scales the per-comparison rate so that the
// population's average FPIR at the reference point is the published one.
type Rates struct {
	c     Profile
	p1Ref float64 // per-comparison false match rate at the reference point, multiplier 1
	fnir  float64
}

func NewRates(c Profile) *Rates {
	return &Rates{
		c:     c,
		p1Ref: -math.Expm1(math.Log1p(-c.FPIR) / float64(c.ReferenceWatchlist)),
		fnir:  1 - c.TPIR,
	}
}

func (r *Rates) Name() string   { return string(PublishedRates) }
func (r *Rates) Source() string { return r.c.Source }

func (r *Rates) Scale() ScoreScale { return Similarity }

// Prepare normalises the rates on the city's population.
func (r *Rates) Prepare(c *city.City, _ uint64, _ []Watchlist) error {
	r.Normalise(c.Citizens)
	return nil
}

// Normalise sets the per-comparison rate so that the average false
// positive identification rate of the citizens at the reference threshold
// and watchlist equals the profile's FPIR: the published figure is a crowd
// average, and the multipliers only say how it splits between groups.
func (r *Rates) Normalise(citizens []city.Citizen) {
	if len(citizens) == 0 {
		return
	}
	// The multiplier depends only on sex and tone: count each pair once.
	var counts [2][11]int
	for _, cz := range citizens {
		s := 0
		if cz.Sex == city.Female {
			s = 1
		}
		counts[s][min(10, max(0, int(cz.MonkTone)))]++
	}
	var probes []Probe
	var weights []float64
	for s := range counts {
		for tone, n := range counts[s] {
			if n > 0 {
				sex := city.Male
				if s == 1 {
					sex = city.Female
				}
				probes = append(probes, Probe{Sex: sex, MonkTone: tone, Threshold: r.c.ReferenceThreshold, Gallery: r.c.ReferenceWatchlist})
				weights = append(weights, float64(n)/float64(len(citizens)))
			}
		}
	}
	mean := func(p1 float64) float64 {
		s := 0.0
		for i, p := range probes {
			s += weights[i] * -math.Expm1(float64(p.Gallery)*math.Log1p(-math.Min(1, p1*r.multiplier(p))))
		}
		return s
	}
	// The mean rises with p1; search on a log scale between rates that
	// bracket any multiplier up to 1,000.
	r.p1Ref = detmath.Exp(Bisect(math.Log(r.p1Ref/1e4), math.Log(math.Min(1, r.p1Ref*1e4)), func(x float64) bool {
		return mean(detmath.Exp(x)) < r.c.FPIR
	}))
}

// multiplier is the demographic and threshold factor of a probe's rate.
func (r *Rates) multiplier(p Probe) float64 {
	m := detmath.Pow(10, -(p.Threshold-r.c.ReferenceThreshold)/r.c.FMRDecade)
	if p.Sex == city.Female {
		m *= r.c.FemaleFMR.Value
	}
	return m * r.c.ToneFMR[toneBand(p.MonkTone)].Value
}

// FMR returns the per-comparison false match rate for a probe.
func (r *Rates) FMR(p Probe) float64 {
	return math.Min(1, r.p1Ref*r.multiplier(p))
}

// FPIR returns the chance that a non-mated probe draws an alert.
func (r *Rates) FPIR(p Probe) float64 {
	return -math.Expm1(float64(p.Gallery) * math.Log1p(-r.FMR(p)))
}

// FNIR returns the chance that a mated, detected probe is missed.
func (r *Rates) FNIR(p Probe) float64 {
	f := r.fnir * detmath.Pow(10, (p.Threshold-r.c.ReferenceThreshold)/r.c.FNIRDecade)
	if p.Conditions.Light != city.Day {
		f *= r.c.NightFNIR
	}
	if p.Conditions.Covered {
		f += (1 - f) * r.c.CoveredFNIR
	}
	if px := p.Conditions.FacePx; px < r.c.GoodFacePx {
		// Recognition degrades linearly from its best to chance as the
		// face shrinks towards the detector's limit.
		f += (1 - f) * (r.c.GoodFacePx - px) / (r.c.GoodFacePx - r.c.MinFacePx)
	}
	return math.Min(1, f)
}

func (r *Rates) Search(p Probe, rng *rand.Rand) Outcome {
	if p.Conditions.FacePx < r.c.MinFacePx {
		return Outcome{}
	}
	o := Outcome{Detected: true}
	if p.Mated && rng.Float64() >= r.FNIR(p) {
		o.Alert, o.Correct = true, true
		return o
	}
	// A missed mated probe may still hit someone else on the list.
	if rng.Float64() < r.FPIR(p) {
		o.Alert = true
	}
	return o
}

func toneBand(monk int) int {
	switch {
	case monk <= 3:
		return 0
	case monk <= 7:
		return 1
	}
	return 2
}

// Calibrator is a recognizer that can find the threshold giving a target
// false positive identification rate, for regimes set by operating point.
type Calibrator interface {
	// ThresholdFor returns the threshold at which non-mated probes searched
	// against a gallery of the given size draw a false alert with
	// probability fpir on average.
	ThresholdFor(fpir float64, gallery int, probes []Probe) float64
	// FPIRAt returns the mean false positive identification rate of the
	// probes at a threshold against a gallery of the given size.
	FPIRAt(threshold float64, gallery int, probes []Probe) float64
}

// ThresholdFor finds the threshold by bisection: the mean false positive
// identification rate over the probes falls as the threshold rises.
func (r *Rates) ThresholdFor(fpir float64, gallery int, probes []Probe) float64 {
	return Bisect(0, 1, func(t float64) bool { return r.FPIRAt(t, gallery, probes) > fpir })
}

// Bisect returns the point in [lo, hi] where below(x) turns from true to
// false, for a below that is true up to some point and false after it: the
// last point found where below holds (or lo), so a rate that rises in
// steps stays under its target. Sixty halvings reach float64's resolution
// on any interval used here. Every threshold search uses it.
func Bisect(lo, hi float64, below func(x float64) bool) float64 {
	for i := 0; i < 60; i++ {
		mid := (lo + hi) / 2
		if below(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// FoundAt averages over the probes the chance that a wanted person's face
// is detected and found at a threshold.
func (r *Rates) FoundAt(threshold float64, gallery int, probes []Probe) float64 {
	s := 0.0
	for _, p := range probes {
		if p.Conditions.FacePx < r.c.MinFacePx {
			continue
		}
		p.Threshold, p.Gallery = threshold, gallery
		s += 1 - r.FNIR(p)
	}
	return s / float64(max(1, len(probes)))
}

// FPIRAt averages the false positive identification rate over the probes.
func (r *Rates) FPIRAt(threshold float64, gallery int, probes []Probe) float64 {
	s := 0.0
	for _, p := range probes {
		p.Threshold, p.Gallery = threshold, gallery
		s += r.FPIR(p)
	}
	return s / float64(len(probes))
}

// DefaultDistanceThreshold is the descriptor distance face-api.js uses to
// call two dlib descriptors the same person.
const DefaultDistanceThreshold = 0.6

// Reporter is a recognizer that says how it behaved and where its
// behaviour came from; the engine puts the report into the results, with
// the published rates beside the pipeline's for each group.
type Reporter interface {
	Report(regimes []RegimeThresholds) *metrics.RecognizerReport
}

// RegimeThresholds are one regime's calibrated thresholds, per group, on
// the recognizer's scale, with the watchlist it searches.
type RegimeThresholds struct {
	Regime     string
	List       int
	Gallery    int
	Thresholds []float64
}

// ModelUser is a recognizer that runs model files; their checksums go into
// every output's manifest.
type ModelUser interface {
	ModelChecksums() map[string]string
}
