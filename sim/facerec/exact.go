package facerec

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"vigie/city"
	"vigie/internal/seeds"
	"vigie/metrics"
	"vigie/sim/recognition"
	"vigie/sim/recognizer"
)

// calibrationPeople is how many citizens the exact and cached recognizers
// run through the pipeline to set thresholds by operating point.
const calibrationPeople = 200

// Exact runs sightings through the real pipeline: the citizen's face is
// rendered under the sighting's conditions, detected, aligned, described
// and searched against the regime's enrolled watchlist. Cached does the
// same once per citizen and condition bin and reuses the result.
type Exact struct {
	cfg       recognizer.RecognizerConfig
	groups    []string
	bins      Bins
	cached    bool
	newSource func(*city.City, uint64) (FaceSource, error)

	src   FaceSource
	seed  uint64
	city  *city.City
	pool  *pool
	pipes chan *recognition.Pipeline
	lists []*enrolledList

	cache sync.Map // cacheKey -> *cacheEntry

	calib      calibration
	calibrateN int // citizens in the calibration sample

	searches, noFace, cacheMisses atomic.Int64
}

// NewExact makes the exact recognizer (cached: the cached one).
func NewExact(cfg recognizer.RecognizerConfig, groups []string, cached bool, source func(*city.City, uint64) (FaceSource, error)) *Exact {
	return &Exact{cfg: cfg, groups: groups, bins: NewBins(cfg.Bins), cached: cached, newSource: source, calibrateN: calibrationPeople}
}

func (x *Exact) Name() string {
	if x.cached {
		return string(recognizer.Cached)
	}
	return string(recognizer.Exact)
}

func (x *Exact) Scale() recognizer.ScoreScale { return recognizer.Distance }

func (x *Exact) Source() string {
	how := "every sighting rendered and run through the pipeline"
	if x.cached {
		how = fmt.Sprintf("one embedding per citizen and condition bin (%d bins), reused", x.bins.Count())
	}
	name := "generated"
	if x.src != nil {
		name = x.src.Name()
	}
	return fmt.Sprintf("dlib ResNet descriptor (face-api.js 1.7.15 via ONNX Runtime) on %s faces; %s; exact 1:N search of enrolled watchlists", name, how)
}

// Prepare opens the pipelines, enrols the watchlists and measures the
// calibration sample.
func (x *Exact) Prepare(c *city.City, seed uint64, lists []recognizer.Watchlist) error {
	src, err := x.newSource(c, seed)
	if err != nil {
		return err
	}
	x.src, x.seed, x.city = src, seed, c
	if x.pool, err = openPool(runtime.GOMAXPROCS(0)); err != nil {
		return err
	}
	x.pipes = make(chan *recognition.Pipeline, len(x.pool.pipes))
	for _, p := range x.pool.pipes {
		x.pipes <- p
	}
	if x.lists, err = enrolLists(x.pool, src, lists, x.cfg.MaxGallery); err != nil {
		return err
	}
	return x.calib.measure(x, c)
}

// ModelChecksums are the sha256 of the model files the pipelines run.
func (x *Exact) ModelChecksums() map[string]string {
	if x.pool == nil {
		return nil
	}
	return x.pool.sums
}

// Close releases the pipelines.
func (x *Exact) Close() error {
	if x.pool != nil {
		return x.pool.Close()
	}
	return nil
}

// Search runs one sighting: one draw from the world's stream picks the
// capture's small variations.
func (x *Exact) Search(p recognizer.Probe, rng *rand.Rand) recognizer.Outcome {
	variant := rng.Uint64()
	x.searches.Add(1)
	if x.bins.Of(p.Conditions) < 0 {
		x.noFace.Add(1)
		return recognizer.Outcome{}
	}
	var desc *Descriptor
	if x.cached {
		desc = x.cachedDescriptor(p.Citizen, x.bins.Of(p.Conditions))
	} else {
		desc = x.describe(func() (image.Image, error) { return x.src.Probe(p.Citizen, p.Conditions, variant) })
	}
	if desc == nil {
		x.noFace.Add(1)
		return recognizer.Outcome{}
	}
	l := x.lists[p.List]
	o := recognizer.Outcome{Detected: true}
	if l.gallery.Len() == 0 {
		return o
	}
	best := l.gallery.Search(desc[:], 1)[0]
	o.Alert = float64(best.Distance) < p.Threshold
	o.Correct = o.Alert && best.ID == citizenID(p.Citizen)
	return o
}

// describe runs an image through a free pipeline; nil when no face is found.
func (x *Exact) describe(load func() (image.Image, error)) *Descriptor {
	img, err := load()
	if err != nil {
		panic(fmt.Sprintf("facerec: loading a face: %v", err)) // sources are checked in Prepare
	}
	p := <-x.pipes
	d, ok, err := describe(p, img)
	x.pipes <- p
	if err != nil {
		panic(fmt.Sprintf("facerec: running the pipeline: %v", err))
	}
	if !ok {
		return nil
	}
	return &d
}

type cacheKey struct{ citizen, bin int }

type cacheEntry struct {
	once sync.Once
	desc *Descriptor
}

// cachedDescriptor is the citizen's descriptor in a bin: the bin's
// representative conditions, with a variant fixed by citizen and bin, so
// it does not depend on which world asks first.
func (x *Exact) cachedDescriptor(citizen, bin int) *Descriptor {
	v, _ := x.cache.LoadOrStore(cacheKey{citizen, bin}, &cacheEntry{})
	e := v.(*cacheEntry)
	e.once.Do(func() {
		x.cacheMisses.Add(1)
		e.desc = x.describe(func() (image.Image, error) {
			return x.src.Probe(citizen, x.bins.Centre(bin), seeds.Derive(x.seed, "probe", uint64(citizen), uint64(bin)))
		})
	})
	return e.desc
}

// calibration holds, for a sample of citizens seen frontally at 100 px by
// day, their distances to every template of every list and to their own
// custody photo: the false match rate at any threshold, measured.
type calibration struct {
	group    []int
	genuine  []float64     // per sampled citizen found in both photos; NaN otherwise
	impostor [][][]float64 // [list][sampled citizen] sorted distances to others' templates
	found    int
}

func (cal *calibration) measure(x *Exact, c *city.City) error {
	n := min(x.calibrateN, len(c.Citizens))
	people := make([]int, n)
	for k := range people {
		people[k] = k * len(c.Citizens) / n
	}
	front := city.Conditions{FacePx: 100, Light: city.Day, Lux: 10000}
	desc, found, err := x.pool.describeAll(2*n, func(k int) (image.Image, error) {
		if k%2 == 0 {
			return x.src.Probe(people[k/2], front, seeds.Derive(x.seed, "calibration probe", uint64(people[k/2])))
		}
		return x.src.Enrolment(people[k/2])
	})
	if err != nil {
		return err
	}
	cal.group = make([]int, n)
	cal.genuine = make([]float64, n)
	cal.impostor = make([][][]float64, len(x.lists))
	for k, i := range people {
		cal.group[k] = int(c.Citizens[i].Group)
		cal.genuine[k] = math.NaN()
		if found[2*k] {
			cal.found++
			if found[2*k+1] {
				cal.genuine[k] = float64(recognition.Distance(desc[2*k], desc[2*k+1]))
			}
		}
	}
	for li, l := range x.lists {
		cal.impostor[li] = make([][]float64, n)
		for k, i := range people {
			if !found[2*k] || l.gallery.Len() == 0 {
				continue
			}
			own := citizenID(i)
			for _, m := range l.gallery.Search(desc[2*k][:], l.gallery.Len()) {
				if m.ID != own {
					cal.impostor[li][k] = append(cal.impostor[li][k], float64(m.Distance))
				}
			}
			sort.Float64s(cal.impostor[li][k])
		}
	}
	return nil
}

// pairRate is the share of impostor pairs of the given groups closer than
// t, against list li's templates.
func (cal *calibration) pairRate(li int, t float64, groups map[int]bool) (below, pairs int) {
	for k, d := range cal.impostor[li] {
		if groups[cal.group[k]] {
			below += sort.SearchFloat64s(d, t)
			pairs += len(d)
		}
	}
	return below, pairs
}

func probeGroups(probes []recognizer.Probe) (map[int]bool, int) {
	g := map[int]bool{}
	list := 0
	for _, p := range probes {
		g[p.Group] = true
		list = p.List
	}
	return g, list
}

// FPIRAt is 1 - (1 - p(t))^N with p(t) the measured per-pair false match
// rate of the probes' groups against the list they search.
func (x *Exact) FPIRAt(t float64, gallery int, probes []recognizer.Probe) float64 {
	groups, list := probeGroups(probes)
	below, pairs := x.calib.pairRate(list, t, groups)
	if pairs == 0 {
		return 0
	}
	return -math.Expm1(float64(gallery) * math.Log1p(-math.Min(float64(below)/float64(pairs), 1-1e-16)))
}

// ThresholdFor finds by bisection the loosest distance whose measured
// rate stays below the target: measured rates rise in steps, one impostor
// pair at a time.
func (x *Exact) ThresholdFor(target float64, gallery int, probes []recognizer.Probe) float64 {
	return recognizer.Bisect(0, 2, func(t float64) bool { return x.FPIRAt(t, gallery, probes) < target })
}

// Report gives the calibration sample's rates per regime and group.
func (x *Exact) Report(regimes []recognizer.RegimeThresholds) *metrics.RecognizerReport {
	r := &metrics.RecognizerReport{Mode: x.Name(), Source: x.Source(), Scale: recognizer.Distance.String(), FaceSource: x.src.Name()}
	r.Sample = metrics.SampleInfo{Identities: len(x.calib.group), Captures: 2 * len(x.calib.group), Detected: x.calib.found}
	for _, d := range x.calib.genuine {
		if !math.IsNaN(d) {
			r.Sample.GenuinePairs++
		}
	}
	for _, l := range x.lists {
		r.Sample.Enrolled = max(r.Sample.Enrolled, l.gallery.Len())
	}
	for _, rt := range regimes {
		if rt.Gallery == 0 {
			continue
		}
		for g, name := range x.groups {
			t := rt.Thresholds[g]
			below, pairs := x.calib.pairRate(rt.List, t, map[int]bool{g: true})
			miss, mated := 0, 0
			for k, d := range x.calib.genuine {
				if x.calib.group[k] == g && !math.IsNaN(d) {
					mated++
					if d >= t {
						miss++
					}
				}
			}
			gr := metrics.GroupRates{Regime: rt.Regime, Group: name, Threshold: t, FMR: metrics.NewRate(below, pairs)}
			if pairs > 0 {
				gr.FPIR = -math.Expm1(float64(rt.Gallery) * math.Log1p(-math.Min(gr.FMR.Value, 1-1e-16)))
			}
			if mated > 0 {
				gr.FNIR = float64(miss) / float64(mated)
			}
			r.Sample.ImpostorPairs += pairs
			r.Groups = append(r.Groups, gr)
		}
	}
	r.Notes = append(r.Notes, fmt.Sprintf("%d searches; %d found no face.", x.searches.Load(), x.noFace.Load()))
	if x.cached {
		r.Notes = append(r.Notes, fmt.Sprintf("%d embeddings computed for %d searches.", x.cacheMisses.Load(), x.searches.Load()))
	}
	r.Notes = append(r.Notes, "Rates per group are measured on "+fmt.Sprint(len(x.calib.group))+" citizens seen frontally at 100 px by day against each list's templates, with the dlib ResNet descriptor, not the systems used in the deployments quoted.")
	return r
}
