package recognizer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"vigie/internal/detmath"

	"vigie/city"
	"vigie/internal/seeds"
	"vigie/metrics"
)

// ShapeMeasurer is a pipeline recognizer that, once prepared, hands over
// what it measured on its sample identity by identity (package sim/facerec's
// fitted recognizer).
type ShapeMeasurer interface {
	Recognizer
	Preparer
	ShapeSample() (ShapeSample, error)
}

// CalibratedProfile draws outcomes from a deployed system's profile whose shape
// the open pipeline measured: the profile's operating point sets the level
// (the population's average false positive identification rate and the
// hit rate at its reference threshold and watchlist, and how both move
// with the threshold); the pipeline's ratios say how false matches and
// misses change between groups and with face size, yaw, light and cover,
// relative to the whole population and to the reference bin. A ratio whose
// bootstrap interval is too wide (MaxSpread) gives way to the profile's own
// figure, and the results say which was used.
type CalibratedProfile struct {
	profile  Profile
	groups   []string
	measurer ShapeMeasurer
	rates    *Rates
	binOf    func(city.Conditions) int
	// The factors used, whichever side they came from.
	fmrGroup, fnirGroup, fmrBin, fnirBin []float64
	// p1 is the per-comparison false match rate of a factor-1 probe at the
	// reference threshold, set so that the city's average FPIR at the
	// reference point is the profile's.
	p1 float64
	// fnir is the miss rate of a factor-1 probe at the reference threshold,
	// set so that the city's average at the reference point is 1 - TPIR.
	fnir   float64
	report metrics.Calibration
	source string
}

// NewCalibrated makes a calibrated recognizer from a profile and the
// pipeline that measures its shape; the measuring happens in Prepare.
func NewCalibrated(p Profile, groups []string, m ShapeMeasurer) *CalibratedProfile {
	return &CalibratedProfile{profile: p, groups: groups, measurer: m}
}

func (k *CalibratedProfile) Name() string      { return string(Calibrated) }
func (k *CalibratedProfile) Scale() ScoreScale { return Similarity }

func (k *CalibratedProfile) Source() string {
	return fmt.Sprintf("%s (operating point); shape between groups and capture conditions measured by %s", k.profile.Source, k.source)
}

// ModelChecksums are the measuring pipeline's model files.
func (k *CalibratedProfile) ModelChecksums() map[string]string {
	if mu, ok := k.measurer.(ModelUser); ok {
		return mu.ModelChecksums()
	}
	return nil
}

// Prepare runs the pipeline's sample, measures the ratios with their
// intervals, chooses between pipeline and profile for each, and sets the
// level on the city's population.
func (k *CalibratedProfile) Prepare(c *city.City, seed uint64, lists []Watchlist) error {
	if err := k.measurer.Prepare(c, seed, lists); err != nil {
		return err
	}
	s, err := k.measurer.ShapeSample()
	if err != nil {
		return err
	}
	k.source, k.binOf = s.Source, s.BinOf
	k.rates = NewRates(k.profile)
	k.rates.Normalise(c.Citizens)
	measured, err := measureShape(s, k.rates.fnir, seeds.Stream(seed, "calibration-bootstrap"))
	if err != nil {
		return err
	}
	k.report = metrics.Calibration{Profile: k.profile.Name, Threshold: measured.threshold, ReferenceFMR: ShapeFMR,
		MissThreshold: measured.missThreshold, ReferenceMiss: k.rates.fnir,
		ReferenceBin: s.Bins[s.Reference], Resamples: ShapeResamples, MaxSpread: MaxSpread}
	profileGroup := k.profileGroupFMR(c.Citizens)
	k.fmrGroup = k.choose(measured.fmrGroup, profileGroup, metrics.RateFalseMatch, s.Groups, nil)
	k.fnirGroup = k.choose(measured.fnirGroup, ones(len(s.Groups)), metrics.RateMiss, s.Groups, nil)
	k.fmrBin = k.choose(measured.fmrBin, ones(len(s.Bins)), metrics.RateFalseMatch, nil, s.Bins)
	k.fnirBin = k.choose(measured.fnirBin, k.profileBinFNIR(s), metrics.RateMiss, nil, s.Bins)
	k.normalise(c.Citizens)
	return nil
}

// choose keeps each usable pipeline ratio and otherwise the profile's, and
// records both.
func (k *CalibratedProfile) choose(pipeline []ratio, profile []float64, rate string, groups, bins []string) []float64 {
	used := make([]float64, len(pipeline))
	for i, r := range pipeline {
		f := metrics.CalibrationFactor{Rate: rate, Profile: profile[i], From: metrics.FromProfile}
		if groups != nil {
			f.Group = groups[i]
		} else {
			f.Bin = bins[i]
		}
		if r.value > 0 && !math.IsNaN(r.value) && !math.IsInf(r.value, 0) {
			f.Measured, f.Pipeline = true, r.value
			if !math.IsInf(r.hi, 0) {
				f.Bounded, f.PipelineCI = true, [2]float64{r.lo, r.hi}
			}
		}
		used[i] = profile[i]
		if r.usable() {
			used[i], f.From = r.value, metrics.FromPipeline
		}
		k.report.Factors = append(k.report.Factors, f)
	}
	return used
}

func ones(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

// profileGroupFMR is, per group, the profile's demographic multiplier
// averaged over the group's citizens, relative to the whole population's.
func (k *CalibratedProfile) profileGroupFMR(citizens []city.Citizen) []float64 {
	sum := make([]float64, len(k.groups))
	n := make([]int, len(k.groups))
	all, count := 0.0, 0
	for _, cz := range citizens {
		m := k.rates.multiplier(Probe{Sex: cz.Sex, MonkTone: int(cz.MonkTone), Threshold: k.profile.ReferenceThreshold})
		all += m
		count++
		if g := int(cz.Group); g < len(sum) {
			sum[g] += m
			n[g]++
		}
	}
	out := ones(len(k.groups))
	for g := range out {
		if n[g] > 0 && all > 0 {
			out[g] = (sum[g] / float64(n[g])) / (all / float64(count))
		}
	}
	return out
}

// profileBinFNIR is, per bin, the profile's miss rate at the bin's typical
// conditions over its miss rate at the reference bin's.
func (k *CalibratedProfile) profileBinFNIR(s ShapeSample) []float64 {
	at := func(c city.Conditions) float64 {
		return k.rates.FNIR(Probe{Threshold: k.profile.ReferenceThreshold, Conditions: c})
	}
	ref := at(s.Centres[s.Reference])
	out := ones(len(s.Bins))
	for b, c := range s.Centres {
		if ref > 0 {
			out[b] = at(c) / ref
		}
	}
	return out
}

// normalise sets p1 so that the citizens' average false positive
// identification rate at the reference threshold and watchlist, in the
// reference bin, is the profile's FPIR, and fnir so that their average miss
// rate there is the profile's 1 - TPIR: both published figures are crowd
// averages, and the group factors only say how they split.
func (k *CalibratedProfile) normalise(citizens []city.Citizen) {
	k.p1, k.fnir = k.rates.p1Ref, k.rates.fnir
	if len(citizens) == 0 {
		return
	}
	weight := make([]float64, len(k.groups))
	for _, cz := range citizens {
		if g := int(cz.Group); g < len(weight) {
			weight[g] += 1 / float64(len(citizens))
		}
	}
	n := float64(k.profile.ReferenceWatchlist)
	mean := func(p1 float64) float64 {
		s := 0.0
		for g, w := range weight {
			s += w * -math.Expm1(n*math.Log1p(-math.Min(1, p1*k.fmrGroup[g])))
		}
		return s
	}
	meanFNIR := 0.0
	for g, w := range weight {
		meanFNIR += w * k.fnirGroup[g]
	}
	if meanFNIR > 0 {
		k.fnir = k.rates.fnir / meanFNIR
	}
	k.p1 = detmath.Exp(Bisect(math.Log(k.p1/1e4), math.Log(math.Min(1, k.p1*1e4)), func(x float64) bool {
		return mean(detmath.Exp(x)) < k.profile.FPIR
	}))
}

// factors are the group's and bin's multipliers of a probe (1 where the
// probe is outside every bin or group).
func (k *CalibratedProfile) factors(p Probe) (fmr, fnir float64) {
	fmr, fnir = 1, 1
	if p.Group >= 0 && p.Group < len(k.fmrGroup) {
		fmr, fnir = k.fmrGroup[p.Group], k.fnirGroup[p.Group]
	}
	if b := k.binOf(p.Conditions); b >= 0 {
		fmr *= k.fmrBin[b]
		fnir *= k.fnirBin[b]
	}
	return fmr, fnir
}

// FMR is the per-comparison false match rate of a probe.
func (k *CalibratedProfile) FMR(p Probe) float64 {
	f, _ := k.factors(p)
	return math.Min(1, k.p1*f*detmath.Pow(10, -(p.Threshold-k.profile.ReferenceThreshold)/k.profile.FMRDecade))
}

// FPIR is the chance that a non-mated probe draws an alert.
func (k *CalibratedProfile) FPIR(p Probe) float64 {
	return -math.Expm1(float64(p.Gallery) * math.Log1p(-k.FMR(p)))
}

// FNIR is the chance that a mated, detected probe is missed.
func (k *CalibratedProfile) FNIR(p Probe) float64 {
	_, f := k.factors(p)
	return math.Min(1, k.fnir*f*detmath.Pow(10, (p.Threshold-k.profile.ReferenceThreshold)/k.profile.FNIRDecade))
}

// detected says whether the face is found: the profile's detector limit.
func (k *CalibratedProfile) detected(p Probe) bool {
	return p.Conditions.FacePx >= k.profile.MinFacePx && k.binOf(p.Conditions) >= 0
}

func (k *CalibratedProfile) Search(p Probe, rng *rand.Rand) Outcome {
	if !k.detected(p) {
		return Outcome{}
	}
	o := Outcome{Detected: true}
	if p.Mated && rng.Float64() >= k.FNIR(p) {
		o.Alert, o.Correct = true, true
		return o
	}
	if rng.Float64() < k.FPIR(p) {
		o.Alert = true
	}
	return o
}

// FPIRAt averages the false positive identification rate over the probes.
func (k *CalibratedProfile) FPIRAt(threshold float64, gallery int, probes []Probe) float64 {
	s := 0.0
	for _, p := range probes {
		p.Threshold, p.Gallery = threshold, gallery
		s += k.FPIR(p)
	}
	return s / float64(max(1, len(probes)))
}

// ThresholdFor finds the similarity threshold giving a mean FPIR.
func (k *CalibratedProfile) ThresholdFor(fpir float64, gallery int, probes []Probe) float64 {
	return Bisect(0, 1, func(t float64) bool { return k.FPIRAt(t, gallery, probes) > fpir })
}

// FoundAt averages over mated probes the chance of being found.
func (k *CalibratedProfile) FoundAt(threshold float64, gallery int, probes []Probe) float64 {
	s := 0.0
	for _, p := range probes {
		if !k.detected(p) {
			continue
		}
		p.Threshold, p.Gallery = threshold, gallery
		s += 1 - k.FNIR(p)
	}
	return s / float64(max(1, len(probes)))
}

// Report says where every factor came from; the pipeline's own sample
// counts come from the measuring recognizer's report.
func (k *CalibratedProfile) Report(_ []RegimeThresholds) *metrics.RecognizerReport {
	cal := k.report
	out := &metrics.RecognizerReport{Mode: k.Name(), Source: k.Source(), Scale: Similarity.String(), Calibration: &cal,
		Profile: k.profile.Name, System: k.profile.System}
	if rep, ok := k.measurer.(Reporter); ok {
		if m := rep.Report(nil); m != nil {
			out.FaceSource, out.Sample = m.FaceSource, m.Sample
		}
	}
	return out
}
