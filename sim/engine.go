package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"sync/atomic"

	"vigie/city"
	"vigie/internal/parallel"
	"vigie/metrics"
	"vigie/policy"
	"vigie/sim/recognizer"
)

// Engine runs one scenario: one city, one world per regime.
type Engine struct {
	cfg  *Config
	city *city.City
	rec  recognizer.Recognizer
	// profile is the deployed-system profile, normalised on the city: the
	// false-alert budget a similarity threshold stands for.
	profile *recognizer.Rates
	// pipeline, when set, is measured beside rec (WithPipeline), held to
	// each regime's budget at pipelineRegimes' thresholds.
	pipeline        recognizer.Recognizer
	pipelineRegimes []metrics.PipelineRegime
	worlds          []*world
	groups          []string
	kinds           []string
	steps           int // per day
	days            int
	done            atomic.Int64 // world-steps completed, for progress
}

// New builds the city and a world for each regime. The recognizer is made
// by the caller (NewRecognizer) so that expensive
// models are loaded once and shared.
func New(cfg *Config, rec recognizer.Recognizer) (*Engine, error) {
	c, err := city.Build(city.Spec{Seed: cfg.Seed, City: cfg.City, Population: cfg.Population,
		Activities: cfg.Activities, Cameras: cfg.Cameras})
	if err != nil {
		return nil, fmt.Errorf("building the city: %w", err)
	}
	e := &Engine{cfg: cfg, city: c, steps: int(math.Ceil(cfg.Hours * 3600 / cfg.StepSeconds)), days: max(1, cfg.Days)}
	e.rec, e.pipeline = recognizer.Split(rec)
	e.profile = recognizer.NewRates(cfg.Recognizer.Profile)
	e.profile.Normalise(c.Citizens)
	for _, g := range cfg.Population.Groups {
		e.groups = append(e.groups, g.Name)
	}
	for _, s := range cfg.Activities.Sensitive {
		e.kinds = append(e.kinds, activityLabel(s))
	}
	all := make([]*policy.Rules, len(cfg.Regimes))
	for i := range cfg.Regimes {
		if all[i], err = policy.Compile(&cfg.Regimes[i], c, e.groups); err != nil {
			return nil, err
		}
	}
	for _, r := range []recognizer.Recognizer{e.rec, e.pipeline} {
		if p, ok := r.(recognizer.Preparer); ok {
			if err := p.Prepare(c, cfg.Seed, watchlists(all)); err != nil {
				return nil, fmt.Errorf("preparing the %s recognizer: %w", r.Name(), err)
			}
		}
	}
	setups := make([]regimeSetup, len(all))
	index := map[string]int{}
	for i, rules := range all {
		th, err := e.calibrate(rules, i)
		if err != nil {
			return nil, fmt.Errorf("regime %s: %w", cfg.Regimes[i].Name, err)
		}
		setups[i] = regimeSetup{rules: rules, th: th}
		index[rules.Regime.Name] = i
		e.worlds = append(e.worlds, newWorld(rules.Regime.Name, c, cfg, setups, constantPlan(i, e.days), e.rec, e.groups, e.kinds))
	}
	for _, s := range cfg.Schedules {
		plan, err := schedulePlan(s, e.days, index)
		if err != nil {
			return nil, err
		}
		w := newWorld(s.Name, c, cfg, setups, plan, e.rec, e.groups, e.kinds)
		w.description = s.Description
		e.worlds = append(e.worlds, w)
	}
	if e.pipeline != nil {
		if err := e.holdPipeline(); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// holdPipeline finds, for every regime with a watchlist, the pipeline
// threshold that keeps the false-alert rate the profile gives at the
// regime's threshold, and what each then finds, on the calibration sample.
// The compiled rules are only read.
func (e *Engine) holdPipeline() error {
	cal, okc := e.pipeline.(recognizer.Calibrator)
	find, okf := e.pipeline.(recognizer.Finder)
	if !okc || !okf {
		return fmt.Errorf("the %s recognizer cannot be measured beside a profile", e.pipeline.Name())
	}
	for i, w := range e.regimeWorlds() {
		rules := w.rules
		if rules.WatchlistSize == 0 {
			continue
		}
		probes := e.calibrationSample(i)
		budget := e.profile.FPIRAt(w.th.Global, rules.WatchlistSize, probes)
		th := cal.ThresholdFor(budget, rules.WatchlistSize, probes)
		for k := range probes {
			probes[k].Mated = true
		}
		e.pipelineRegimes = append(e.pipelineRegimes, metrics.PipelineRegime{Regime: rules.Regime.Name, Gallery: rules.WatchlistSize,
			FPIRBudget: budget, ProfileThreshold: w.th.Global, Threshold: th,
			Found:        find.FoundAt(th, rules.WatchlistSize, probes),
			ProfileFound: e.profile.FoundAt(w.th.Global, rules.WatchlistSize, probes)})
	}
	return nil
}

// pipelineReport is the pipeline's own report at the thresholds that hold
// it to each regime's budget, with the regimes' figures beside the
// profile's.
func (e *Engine) pipelineReport() *metrics.RecognizerReport {
	rep, ok := e.pipeline.(recognizer.Reporter)
	if !ok {
		return nil
	}
	var regimes []recognizer.RegimeThresholds
	for _, pr := range e.pipelineRegimes {
		th := make([]float64, len(e.groups))
		for g := range th {
			th[g] = pr.Threshold
		}
		w := e.worldNamed(pr.Regime)
		regimes = append(regimes, recognizer.RegimeThresholds{Regime: pr.Regime, List: w.index, Gallery: pr.Gallery, Thresholds: th})
	}
	out := rep.Report(regimes)
	if out == nil {
		return nil
	}
	out.Regimes = e.pipelineRegimes
	out.Profile, out.System = e.cfg.Recognizer.Profile.Name, e.cfg.Recognizer.Profile.System
	e.setPublished(out)
	return out
}

// watchlists lists, for each regime, the residents its watchlist holds
// (live identification or retrospective search) and the list's size.
func watchlists(all []*policy.Rules) []recognizer.Watchlist {
	lists := make([]recognizer.Watchlist, len(all))
	for i, ru := range all {
		lists[i] = recognizer.Watchlist{Regime: ru.Regime.Name, Size: ru.WatchlistSize}
		for c := range ru.OnWatchlist {
			if ru.OnWatchlist[c] || ru.Searchable[c] {
				lists[i].Members = append(lists[i].Members, c)
			}
		}
	}
	return lists
}

func activityLabel(s city.SensitiveActivity) string {
	if s.Label != "" {
		return s.Label
	}
	return s.Kind
}

// regimeWorlds are the worlds of the scenario's regimes, each in force all
// along, without the scheduled worlds that follow them.
func (e *Engine) regimeWorlds() []*world { return e.worlds[:len(e.cfg.Regimes)] }

// City returns the built city.
func (e *Engine) City() *city.City { return e.city }

// Steps is the number of time steps in the day.
func (e *Engine) Steps() int { return e.steps }

// Days is the number of days the run lasts.
func (e *Engine) Days() int { return e.days }

// Regimes returns the regimes' names in order.
func (e *Engine) Regimes() []string {
	names := make([]string, len(e.worlds))
	for i, w := range e.worlds {
		names[i] = w.rules.Regime.Name
	}
	return names
}

// Progress returns the share of the run done, from 0 to 1.
func (e *Engine) Progress() float64 {
	total := e.steps * e.days * len(e.worlds)
	if total == 0 {
		return 1
	}
	return float64(e.done.Load()) / float64(total)
}

// Step advances every world by one time step; it returns false when the day
// is over. The live view drives the engine this way.
func (e *Engine) Step() bool {
	if len(e.worlds) == 0 || e.worlds[0].step >= e.steps*e.days {
		return false
	}
	for _, w := range e.worlds {
		e.stepWorld(w)
	}
	return true
}

func (e *Engine) stepWorld(w *world) {
	if w.step > 0 && w.step%e.steps == 0 {
		w.nextDay()
	}
	w.advance(float64(w.step%e.steps) * w.stepSize())
	e.done.Add(1)
}

// Minute returns the simulated time reached, in minutes after midnight.
func (e *Engine) Minute() float64 {
	if len(e.worlds) == 0 {
		return 0
	}
	step := e.worlds[0].step
	day := min(step/e.steps, e.days-1) // the last day ends at its last minute
	return float64(step-day*e.steps) * e.cfg.StepSeconds / 60
}

// MaxWorkers bounds the worlds run at once: each worker is a goroutine with
// its own buffers, and more workers than worlds or cores gain nothing.
const MaxWorkers = 256

// Run runs every world to the end of the day, up to workers at a time
// (1 to MaxWorkers, and no more than there are worlds).
// Worlds share nothing they write, so the result does not depend on workers.
func (e *Engine) Run(ctx context.Context, workers int) error {
	workers = min(max(1, workers), MaxWorkers)
	return parallel.For(ctx, len(e.worlds), workers, func(_, i int) error {
		w := e.worlds[i]
		for w.step < e.steps*e.days {
			if err := ctx.Err(); err != nil {
				return err
			}
			e.stepWorld(w)
		}
		return nil
	})
}

// Results assembles the results document. Call it after Run.
func (e *Engine) Results(m metrics.Manifest) metrics.Results {
	m.Recognizer = e.rec.Name()
	m.RecognizerSource = e.rec.Source()
	m.Profile = e.cfg.Recognizer.Profile.Name
	for _, r := range []recognizer.Recognizer{e.rec, e.pipeline} {
		if mu, ok := r.(recognizer.ModelUser); ok {
			m.ModelSHA256 = mu.ModelChecksums()
		}
	}
	r := metrics.Results{
		SchemaVersion: metrics.SchemaVersion,
		Manifest:      m,
		Scenario: metrics.ScenarioInfo{Name: e.cfg.Name, Description: e.cfg.Description, Population: len(e.city.Citizens),
			Cameras: len(e.city.Cameras), Hours: e.cfg.Hours, StepSeconds: e.cfg.StepSeconds, Groups: e.groups},
		City: e.cityMap(),
	}
	if e.days > 1 {
		r.Scenario.Days = e.days
	}
	for _, w := range e.worlds {
		res := w.finish()
		res.Gallery = e.gallerySearches(w)
		res.Data = dataFlow(w.rules.Regime, &res)
		r.Regimes = append(r.Regimes, res)
	}
	r.Recognizer = e.recognizerReport()
	if e.pipeline != nil {
		r.Pipeline = e.pipelineReport()
	}
	return r
}

// recognizerReport asks a reporting recognizer for its report and sets the
// published rates beside each group's pipeline figures: the published
// model's rates for the group's members at the regime's similarity
// threshold, averaged over the calibration sample.
func (e *Engine) recognizerReport() *metrics.RecognizerReport {
	rep, ok := e.rec.(recognizer.Reporter)
	if !ok {
		return nil
	}
	var regimes []recognizer.RegimeThresholds
	for i, w := range e.regimeWorlds() {
		regimes = append(regimes, recognizer.RegimeThresholds{Regime: w.rules.Regime.Name, List: i, Gallery: w.rules.WatchlistSize,
			Thresholds: append([]float64(nil), w.th.Group...)})
	}
	out := rep.Report(regimes)
	if out == nil {
		return nil
	}
	e.setPublished(out)
	return out
}

// setPublished sets, for each regime and group of a report, the profile's
// rates for the group's members at the regime's similarity threshold,
// averaged over the calibration sample.
func (e *Engine) setPublished(out *metrics.RecognizerReport) {
	pub := e.profile
	sample := e.calibrationSample(0)
	for k := range out.Groups {
		g := &out.Groups[k]
		w := e.worldNamed(g.Regime)
		if w == nil {
			continue
		}
		var fmr, fpir float64
		n := 0
		for _, p := range sample {
			if p.Group >= len(e.groups) || e.groups[p.Group] != g.Group {
				continue
			}
			p.Threshold, p.Gallery = w.rules.Regime.Threshold, w.rules.WatchlistSize
			fmr += pub.FMR(p)
			fpir += pub.FPIR(p)
			n++
		}
		if n > 0 {
			g.PublishedFMR, g.PublishedFPIR = fmr/float64(n), fpir/float64(n)
		}
	}
}

func (e *Engine) worldNamed(regime string) *world {
	for _, w := range e.worlds {
		if w.rules.Regime.Name == regime {
			return w
		}
	}
	return nil
}

// mapKinds are the kinds of place drawn on the report's map.
var mapKinds = map[string]bool{city.KindTransitHub: true, city.KindStadium: true, city.KindSquare: true,
	city.KindWorship: true, city.KindClinic: true, city.KindMarket: true, city.KindUnionHall: true}

func (e *Engine) cityMap() metrics.CityMap {
	c := e.city
	m := metrics.CityMap{Width: c.Width, Height: c.Height}
	for _, ed := range c.Streets.Edges {
		a, b := c.Streets.Nodes[ed.A], c.Streets.Nodes[ed.B]
		m.Streets = append(m.Streets, metrics.Segment{X1: a.X, Y1: a.Y, X2: b.X, Y2: b.Y, Arterial: ed.Arterial})
	}
	o := e.cfg.Cameras.Optics
	for _, cam := range c.Cameras {
		m.Cameras = append(m.Cameras, metrics.CameraDot{X: cam.X, Y: cam.Y, HeadingDeg: cam.HeadingDeg, FOVDeg: o.HFOVDeg, RangeM: o.RangeM})
	}
	for _, p := range c.Places {
		if mapKinds[p.Kind] {
			m.Places = append(m.Places, metrics.PlaceDot{X: p.X, Y: p.Y, Kind: p.Kind})
		}
	}
	return m
}

// calibrationSample is the most citizens a threshold is calibrated on.
const calibrationSample = 5000

// Thresholds are a regime's decision thresholds on the recognizer's scale,
// as calibrated: one per group, and the one of groups without their own.
// The compiled policy.Rules keep the regime's own values and are only read.
type Thresholds struct {
	Global float64
	Group  []float64
}

// setGlobal sets the threshold of every group the regime gives no
// threshold of its own.
func (t *Thresholds) setGlobal(v float64, r *policy.Regime, groups []string) {
	t.Global = v
	for g, name := range groups {
		t.Group[g] = v
		if gt, ok := r.GroupThresholds[name]; ok {
			t.Group[g] = gt
		}
	}
}

// calibrate returns the thresholds a regime runs at: its own, or those it
// asks for by target rather than by value: the operating point, and
// thresholds per group that equalise false positive identification rates.
// Both are found on a calibration sample of the population: every k-th
// citizen, seen frontally at 100 px in daylight.
//
// A recognizer on the distance scale cannot read a regime's similarity
// threshold, so unless the regime gives a distance_threshold or an
// operating point, its threshold is carried over as the operating point the
// profile gives at it: regimes stay equally strict across recognizers.
func (e *Engine) calibrate(rules *policy.Rules, list int) (Thresholds, error) {
	r := rules.Regime
	th := Thresholds{Global: rules.GlobalThreshold, Group: append([]float64(nil), rules.Threshold...)}
	distance := e.rec.Scale() == recognizer.Distance
	if distance && rules.WatchlistSize == 0 {
		th.setGlobal(cmp.Or(r.DistanceThreshold, recognizer.DefaultDistanceThreshold), r, e.groups)
		return th, nil
	}
	fixed := !distance || r.DistanceThreshold > 0
	if fixed && r.OperatingPointFPIR <= 0 && !r.EqualiseGroups {
		if distance {
			th.setGlobal(r.DistanceThreshold, r, e.groups)
		}
		return th, nil
	}
	cal, ok := e.rec.(recognizer.Calibrator)
	if !ok {
		return th, fmt.Errorf("the %s recognizer cannot set thresholds by target rates", e.rec.Name())
	}
	probes := e.calibrationSample(list)
	target := r.OperatingPointFPIR
	switch {
	case target > 0:
		th.setGlobal(cal.ThresholdFor(target, rules.WatchlistSize, probes), r, e.groups)
	case distance && r.DistanceThreshold > 0:
		th.setGlobal(r.DistanceThreshold, r, e.groups)
		target = cal.FPIRAt(r.DistanceThreshold, rules.WatchlistSize, probes)
	case distance:
		target = e.profile.FPIRAt(r.Threshold, rules.WatchlistSize, probes)
		th.setGlobal(cal.ThresholdFor(target, rules.WatchlistSize, probes), r, e.groups)
	default:
		target = cal.FPIRAt(th.Global, rules.WatchlistSize, probes)
	}
	if !r.EqualiseGroups {
		return th, nil
	}
	for g, name := range e.groups {
		if _, fixed := r.GroupThresholds[name]; fixed {
			continue
		}
		var mine []recognizer.Probe
		for _, p := range probes {
			if p.Group == g {
				mine = append(mine, p)
			}
		}
		if len(mine) > 0 {
			th.Group[g] = cal.ThresholdFor(target, rules.WatchlistSize, mine)
		}
	}
	return th, nil
}

func (e *Engine) calibrationSample(list int) []recognizer.Probe {
	step := max(1, len(e.city.Citizens)/calibrationSample)
	var probes []recognizer.Probe
	for i := 0; i < len(e.city.Citizens); i += step {
		cz := e.city.Citizens[i]
		probes = append(probes, recognizer.Probe{Citizen: i, List: list, Group: int(cz.Group), Sex: cz.Sex, MonkTone: int(cz.MonkTone), Age: int(cz.Age),
			Conditions: city.Conditions{FacePx: 100, Light: city.Day, Lux: 10000}})
	}
	return probes
}
