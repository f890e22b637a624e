package facerec

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"

	"vigie/city"
	"vigie/internal/seeds"
	"vigie/metrics"
	"vigie/sim/recognition"
	"vigie/sim/recognizer"
)

// minFit is the fewest distances a cell's fit is made from; a cell with
// fewer borrows the fits of the bin with the next larger faces.
const minFit = 8

// Fitted draws search outcomes from distance distributions measured on the
// real pipeline: Prepare runs a sample of each group through it, enrolled
// from a custody photograph and probed once in every condition bin, and
// fits the genuine and impostor distances of every group and bin.
type Fitted struct {
	cfg       recognizer.RecognizerConfig
	groups    []string
	bins      Bins
	newSource func(c *city.City, seed uint64) (FaceSource, error)

	source string
	cells  [][]cell // [group][bin]
	pooled []cell   // [bin], every group together
	sample metrics.SampleInfo
	// goodImpostors[g] are group g's impostor distances in the good bin,
	// sorted: the 1:1 false match rate at any threshold, measured.
	goodImpostors [][]float64
	notes         []string
	models        map[string]string
	// keepShape asks Prepare to keep the sample identity by identity, for
	// a calibrated recognizer (ShapeSample); shape is what it kept.
	keepShape bool
	shape     *recognizer.ShapeSample
}

// ModelChecksums are the sha256 of the model files the fit ran.
func (f *Fitted) ModelChecksums() map[string]string { return f.models }

// cell is what one group looks like to the pipeline in one bin.
type cell struct {
	detected metrics.Rate
	gen, imp scoreFit
	genN     int
	impN     int
	fitted   bool
	// genD and impD are the measured distances, sorted: the 1:1 rates at
	// any threshold, counted.
	genD, impD []float64
}

// NewFitted makes the fitted recognizer for a scenario's recognizer
// configuration and population groups.
func NewFitted(cfg recognizer.RecognizerConfig, groups []string, source func(*city.City, uint64) (FaceSource, error)) *Fitted {
	return &Fitted{cfg: cfg, groups: groups, bins: NewBins(cfg.Bins), newSource: source}
}

func (f *Fitted) Name() string                 { return string(recognizer.Fitted) }
func (f *Fitted) Scale() recognizer.ScoreScale { return recognizer.Distance }

func (f *Fitted) Source() string {
	return fmt.Sprintf("dlib ResNet descriptor (face-api.js 1.7.15 via ONNX Runtime) on %s faces; distance distributions fitted on %d citizens per group in %d condition bins",
		f.source, f.cfg.Fit.IdentitiesPerGroup, f.bins.Count())
}

// sampled is one citizen of the sample.
type sampled struct {
	citizen, group int
}

// Prepare runs the sample through the pipeline and fits every cell.
func (f *Fitted) Prepare(c *city.City, seed uint64, _ []recognizer.Watchlist) error {
	src, err := f.newSource(c, seed)
	if err != nil {
		return err
	}
	f.source = src.Name()
	people := f.choose(c)
	if len(people) < 2 {
		return fmt.Errorf("the population has too few citizens to sample")
	}
	p, err := openPool(runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	defer p.Close()
	f.models = p.sums
	enrol, enrolled, err := p.describeAll(len(people), func(i int) (image.Image, error) { return src.Enrolment(people[i].citizen) })
	if err != nil {
		return err
	}
	nb := f.bins.Count()
	probe, found, err := p.describeAll(len(people)*nb, func(i int) (image.Image, error) {
		s, b := people[i/nb], i%nb
		return src.Probe(s.citizen, f.bins.Centre(b), seeds.Derive(seed, "probe", uint64(s.citizen), uint64(b)))
	})
	if err != nil {
		return err
	}
	f.measure(people, enrol, enrolled, probe, found)
	if f.keepShape {
		f.shape = f.keep(people, enrol, enrolled, probe, found)
	}
	return f.resolve()
}

// keep lays the sample out identity by identity: in every bin, whether the
// probe was found, its genuine distance and its distances to the other
// enrolled identities.
func (f *Fitted) keep(people []sampled, enrol []Descriptor, enrolled []bool, probe []Descriptor, found []bool) *recognizer.ShapeSample {
	nb := f.bins.Count()
	s := &recognizer.ShapeSample{Groups: f.groups, Reference: f.bins.Good(), BinOf: f.bins.Of, Source: f.Source()}
	for b := 0; b < nb; b++ {
		s.Bins = append(s.Bins, f.bins.Name(b))
		s.Centres = append(s.Centres, f.bins.Centre(b))
	}
	for i, p := range people {
		id := recognizer.SampledIdentity{Group: p.group, Enrolled: enrolled[i], Found: make([]bool, nb),
			Genuine: make([]float64, nb), Impostor: make([][]float64, nb)}
		for b := 0; b < nb; b++ {
			k := i*nb + b
			if !found[k] {
				continue
			}
			id.Found[b] = true
			if enrolled[i] {
				id.Genuine[b] = float64(recognition.Distance(probe[k], enrol[i]))
			}
			for j := range people {
				if j != i && enrolled[j] {
					id.Impostor[b] = append(id.Impostor[b], float64(recognition.Distance(probe[k], enrol[j])))
				}
			}
		}
		s.People = append(s.People, id)
	}
	return s
}

// ShapeSample is the sample identity by identity, for a calibrated
// recognizer; only a fitted recognizer made by NewShapeMeasurer keeps it.
func (f *Fitted) ShapeSample() (recognizer.ShapeSample, error) {
	if f.shape == nil {
		return recognizer.ShapeSample{}, fmt.Errorf("the fitted recognizer kept no sample to measure a shape on")
	}
	return *f.shape, nil
}

// NewShapeMeasurer makes a fitted recognizer that keeps its sample for a
// calibrated recognizer to measure the shape of errors on.
func NewShapeMeasurer(cfg recognizer.RecognizerConfig, groups []string, source func(*city.City, uint64) (FaceSource, error)) *Fitted {
	f := NewFitted(cfg, groups, source)
	f.keepShape = true
	return f
}

// choose picks IdentitiesPerGroup citizens of each group, evenly spread
// over the population's order.
func (f *Fitted) choose(c *city.City) []sampled {
	members := make([][]int, len(f.groups))
	for i, cz := range c.Citizens {
		if int(cz.Group) < len(members) {
			members[cz.Group] = append(members[cz.Group], i)
		}
	}
	var out []sampled
	for g, m := range members {
		k := min(f.cfg.Fit.IdentitiesPerGroup, len(m))
		for j := 0; j < k; j++ {
			out = append(out, sampled{citizen: m[j*len(m)/k], group: g})
		}
	}
	return out
}

// measure collects every cell's distances and fits those with enough;
// it also fits each bin with every group pooled, the last fallback.
func (f *Fitted) measure(people []sampled, enrol []Descriptor, enrolled []bool, probe []Descriptor, found []bool) {
	nb := f.bins.Count()
	f.cells = make([][]cell, len(f.groups))
	f.pooled = make([]cell, nb)
	f.goodImpostors = make([][]float64, len(f.groups))
	f.sample = metrics.SampleInfo{Identities: len(people), Captures: len(probe)}
	for _, e := range enrolled {
		if e {
			f.sample.Enrolled++
		}
	}
	for b := 0; b < nb; b++ {
		var allGen, allImp []float32
		allSeen, allTried := 0, 0
		for g := range f.groups {
			gen, imp, seen, tried := distances(people, g, b, nb, enrol, enrolled, probe, found)
			f.sample.Detected += seen
			f.sample.GenuinePairs += len(gen)
			f.sample.ImpostorPairs += len(imp)
			if f.cells[g] == nil {
				f.cells[g] = make([]cell, nb)
			}
			f.cells[g][b] = fitCell(gen, imp, seen, tried)
			if b == f.bins.Good() {
				for _, d := range imp {
					f.goodImpostors[g] = append(f.goodImpostors[g], float64(d))
				}
				sort.Float64s(f.goodImpostors[g])
			}
			allGen, allImp = append(allGen, gen...), append(allImp, imp...)
			allSeen, allTried = allSeen+seen, allTried+tried
		}
		f.pooled[b] = fitCell(allGen, allImp, allSeen, allTried)
	}
}

// distances are group g's genuine and impostor distances in bin b, and how
// many of its probes the detector found out of those tried.
func distances(people []sampled, g, b, nb int, enrol []Descriptor, enrolled []bool, probe []Descriptor, found []bool) (gen, imp []float32, seen, tried int) {
	for i, s := range people {
		if s.group != g {
			continue
		}
		tried++
		k := i*nb + b
		if !found[k] {
			continue
		}
		seen++
		if enrolled[i] {
			gen = append(gen, recognition.Distance(probe[k], enrol[i]))
		}
		for j := range people {
			if j != i && enrolled[j] {
				imp = append(imp, recognition.Distance(probe[k], enrol[j]))
			}
		}
	}
	return gen, imp, seen, tried
}

func fitCell(gen, imp []float32, seen, tried int) cell {
	cl := cell{detected: metrics.NewRate(seen, tried), genN: len(gen), impN: len(imp), genD: sorted64(gen), impD: sorted64(imp)}
	if len(gen) >= minFit && len(imp) >= minFit {
		cl.gen, cl.imp, cl.fitted = fitDistances(gen), fitDistances(imp), true
	}
	return cl
}

func sorted64(xs []float32) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	sort.Float64s(out)
	return out
}

// resolve lets a cell with too few faces borrow fits: from the bin with
// the next larger faces (same yaw and light), then from the same bin with
// every group pooled. Its own detection rate stays.
func (f *Fitted) resolve() error {
	for g, cells := range f.cells {
		for b := range cells {
			cl := &cells[b]
			if cl.fitted {
				continue
			}
			src, where := f.lender(g, b)
			if src == nil {
				return fmt.Errorf("group %s, bins %s: the detector found too few sample faces to fit (fewest %d genuine pairs); raise recognizer.fit.identities_per_group",
					f.groups[g], f.bins.Name(b), minFit)
			}
			cl.gen, cl.imp = src.gen, src.imp
			if cl.detected.Events > 0 {
				f.notes = append(f.notes, fmt.Sprintf("%s, %s: %d of %d faces found, too few to fit; uses the fits of %s",
					f.groups[g], f.bins.Name(b), cl.detected.Events, cl.detected.Trials, where))
			}
		}
	}
	return nil
}

// lender finds the fits an unfitted cell borrows, and names them.
func (f *Fitted) lender(g, b int) (*cell, string) {
	for from := f.bins.larger(b); from >= 0; from = f.bins.larger(from) {
		if f.cells[g][from].fitted {
			return &f.cells[g][from], f.bins.Name(from)
		}
	}
	for from := b; from >= 0; from = f.bins.larger(from) {
		if f.pooled[from].fitted {
			return &f.pooled[from], f.bins.Name(from) + " with all groups pooled"
		}
	}
	if good := f.bins.Good(); f.pooled[good].fitted {
		return &f.pooled[good], f.bins.Name(good) + " with all groups pooled"
	}
	return nil, ""
}

// Search draws the outcome of one search: three uniform draws whatever
// the path, so every world's random stream stays aligned.
func (f *Fitted) Search(p recognizer.Probe, rng *rand.Rand) recognizer.Outcome {
	uDetect, uGenuine, uImpostor := rng.Float64(), rng.Float64(), rng.Float64()
	b := f.bins.Of(p.Conditions)
	if b < 0 || p.Group >= len(f.cells) {
		return recognizer.Outcome{}
	}
	cl := &f.cells[p.Group][b]
	if uDetect >= cl.detected.Value {
		return recognizer.Outcome{}
	}
	o := recognizer.Outcome{Detected: true}
	if !p.Mated {
		o.Alert = uGenuine < fpir(cl.imp.dist, p.Threshold, p.Gallery)
		return o
	}
	genuine := cl.gen.dist.Quantile(math.Max(uGenuine, 1e-300))
	impostor := bestOf(cl.imp.dist, p.Gallery-1, uImpostor)
	o.Alert = math.Min(genuine, impostor) < p.Threshold
	o.Correct = o.Alert && genuine <= impostor
	return o
}

// FPIRAt averages, over the probes, the chance that a face is found and
// draws a false alert.
func (f *Fitted) FPIRAt(t float64, gallery int, probes []recognizer.Probe) float64 {
	return f.meanOverProbes(probes, func(cl *cell) float64 { return cl.detected.Value * fpir(cl.imp.dist, t, gallery) })
}

// meanOverProbes averages a figure of each probe's fitted cell over the
// probes; a probe with no cell (outside every bin) counts as 0.
func (f *Fitted) meanOverProbes(probes []recognizer.Probe, figure func(cl *cell) float64) float64 {
	s := 0.0
	for _, p := range probes {
		b := f.bins.Of(p.Conditions)
		if b < 0 || p.Group >= len(f.cells) {
			continue
		}
		s += figure(&f.cells[p.Group][b])
	}
	return s / float64(max(1, len(probes)))
}

// FoundAt averages, over mated probes, the chance that a face is detected
// and its genuine distance falls under the threshold.
func (f *Fitted) FoundAt(t float64, _ int, probes []recognizer.Probe) float64 {
	return f.meanOverProbes(probes, func(cl *cell) float64 { return cl.detected.Value * cl.gen.dist.CDF(t) })
}

// ThresholdFor finds by bisection the distance whose false positive
// identification rate is fpir; on the distance scale it rises with the
// threshold.
func (f *Fitted) ThresholdFor(target float64, gallery int, probes []recognizer.Probe) float64 {
	return recognizer.Bisect(0, 2, func(t float64) bool { return f.FPIRAt(t, gallery, probes) < target })
}

// Report says what was fitted and, per regime and group, the rates the
// fits give at the regime's thresholds.
func (f *Fitted) Report(regimes []recognizer.RegimeThresholds) *metrics.RecognizerReport {
	r := &metrics.RecognizerReport{Mode: f.Name(), Source: f.Source(), Scale: recognizer.Distance.String(),
		FaceSource: f.source, Sample: f.sample, Notes: f.notes}
	for g, cells := range f.cells {
		for b, cl := range cells {
			fit := metrics.ScoreFit{Group: f.groups[g], Bin: f.bins.Name(b), Detected: cl.detected}
			if cl.fitted {
				fit.Genuine, fit.Impostor = cl.gen.info, cl.imp.info
			}
			r.Fits = append(r.Fits, fit)
		}
	}
	good := f.bins.Good()
	for _, rt := range regimes {
		if rt.Gallery == 0 {
			continue
		}
		for g, name := range f.groups {
			t := rt.Thresholds[g]
			cl := &f.cells[g][good]
			imp := f.goodImpostors[g]
			r.Groups = append(r.Groups, metrics.GroupRates{Regime: rt.Regime, Group: name, Threshold: t,
				FMR:  metrics.NewRate(sort.SearchFloat64s(imp, t), len(imp)),
				FPIR: fpir(cl.imp.dist, t, rt.Gallery), FNIR: 1 - cl.gen.dist.CDF(t)})
			for b, c := range f.cells[g] {
				r.Cells = append(r.Cells, metrics.CellRates{Regime: rt.Regime, Group: name, Bin: f.bins.Name(b), Threshold: t,
					FMR:  metrics.NewRate(sort.SearchFloat64s(c.impD, t), len(c.impD)),
					FNMR: metrics.NewRate(len(c.genD)-sort.SearchFloat64s(c.genD, t), len(c.genD))})
			}
		}
	}
	r.Notes = append(r.Notes, "Rates come from the dlib ResNet descriptor on "+f.source+" faces, not from the systems used in the deployments quoted; the impostor fit's tail carries them to large watchlists.")
	return r
}
