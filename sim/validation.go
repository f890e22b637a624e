package sim

import (
	"context"
	"fmt"
	"math"

	"vigie/internal/detmath"
	"vigie/internal/parallel"
	"vigie/metrics"
	"vigie/sim/recognizer"
)

// Validation says which published figures a scenario must reproduce.
type Validation struct {
	Case    string   `yaml:"case" json:"case" jsonschema:"minLength=1"`
	Source  string   `yaml:"source" json:"source" jsonschema:"minLength=1"`
	Seeds   []uint64 `yaml:"seeds" json:"seeds" jsonschema:"minItems=1"`
	Figures []Figure `yaml:"figures" json:"figures" jsonschema:"minItems=1"`
}

// Figure is one published figure and how close the simulation must come.
// With Over set, the figure is the ratio of Metric under Regime to Metric
// under Over. A figure passes when the simulated value is within Tolerance
// of the published one (absolute), or within RelativeTolerance of it (a
// share of the published value), or, with neither, when the published
// value lies in the simulated 95% interval.
type Figure struct {
	Name              string  `yaml:"name" json:"name" jsonschema:"minLength=1"`
	Regime            string  `yaml:"regime" json:"regime" jsonschema:"minLength=1"`
	Over              string  `yaml:"over,omitempty" json:"over,omitempty"`
	Metric            string  `yaml:"metric" json:"metric" jsonschema:"enum=alerts,enum=true_alerts,enum=false_alerts,enum=false_alert_share,enum=fpir_per_face,enum=fpir_per_passer,enum=tpir,enum=stops,enum=false_stops,enum=wanted_located"`
	Published         float64 `yaml:"published" json:"published"`
	Tolerance         float64 `yaml:"tolerance,omitempty" json:"tolerance,omitempty" jsonschema:"minimum=0"`
	RelativeTolerance float64 `yaml:"relative_tolerance,omitempty" json:"relative_tolerance,omitempty" jsonschema:"minimum=0"`
}

// FigureResult is a figure as simulated, over every seed.
type FigureResult struct {
	Figure    Figure
	Simulated float64
	CI        [2]float64
	Pass      bool
}

// estimate is a pooled figure: a rate (events over trials) or a count
// (its mean over seeds), with what its interval needs.
type estimate struct {
	value, lo, hi float64
	events        float64 // rate: pooled events; count: pooled total
	trials        float64 // rate: pooled trials; count: number of seeds
	rate          bool
}

// Validate runs the scenario once per configuration (one per seed) and
// compares every figure with its published value. newRecognizer makes each
// run's recognizer: NewRecognizer makes any mode registered with package
// recognizer (the pipeline modes where package sim/facerec is linked in).
func Validate(ctx context.Context, cfgs []*Config, v Validation, workers int, newRecognizer func(*Config) (recognizer.Recognizer, error)) ([]FigureResult, error) {
	// The seeds run side by side on the shared pool, each engine on one
	// goroutine; every run fills its own slot, so workers changes nothing.
	runs := make([]metrics.Results, len(cfgs))
	err := parallel.For(ctx, len(cfgs), workers, func(_, i int) error {
		rec, err := newRecognizer(cfgs[i])
		if err != nil {
			return err
		}
		e, err := New(cfgs[i], rec)
		if err != nil {
			return err
		}
		if err := e.Run(ctx, 1); err != nil {
			return err
		}
		runs[i] = e.Results(metrics.Manifest{Seed: cfgs[i].Seed})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]FigureResult, len(v.Figures))
	for k, f := range v.Figures {
		est, err := pooled(runs, f.Regime, f.Metric)
		if err != nil {
			return nil, fmt.Errorf("figure %q: %w", f.Name, err)
		}
		if f.Over != "" {
			den, err := pooled(runs, f.Over, f.Metric)
			if err != nil {
				return nil, fmt.Errorf("figure %q: %w", f.Name, err)
			}
			est = ratio(est, den)
		}
		out[k] = FigureResult{Figure: f, Simulated: est.value, CI: [2]float64{est.lo, est.hi}, Pass: passes(f, est)}
	}
	return out, nil
}

func passes(f Figure, e estimate) bool {
	switch {
	case f.Tolerance > 0:
		return math.Abs(e.value-f.Published) <= f.Tolerance
	case f.RelativeTolerance > 0:
		return math.Abs(e.value-f.Published) <= f.RelativeTolerance*math.Abs(f.Published)
	}
	return f.Published >= e.lo && f.Published <= e.hi
}

// pooled adds a regime's metric up over the runs: rates pool their events
// and trials (Wilson interval); counts are averaged (t interval over seeds,
// or a Poisson interval from a single run).
func pooled(runs []metrics.Results, regime, metric string) (estimate, error) {
	var e estimate
	var counts []float64
	for _, r := range runs {
		m, ok := regimeMetrics(r, regime)
		if !ok {
			return e, fmt.Errorf("no regime %q in the scenario", regime)
		}
		if rate, ok := rateMetric(m, metric); ok {
			e.rate = true
			e.events += float64(rate.Events)
			e.trials += float64(rate.Trials)
			continue
		}
		c, ok := countMetric(m, metric)
		if !ok {
			return e, fmt.Errorf("unknown metric %q", metric)
		}
		counts = append(counts, c)
	}
	if e.rate {
		r := metrics.NewRate(int(e.events), int(e.trials))
		e.value, e.lo, e.hi = r.Value, r.CI[0], r.CI[1]
		return e, nil
	}
	mean, ci := metrics.MeanCI(counts)
	if len(counts) == 1 {
		half := 1.96 * math.Sqrt(mean)
		ci = [2]float64{math.Max(0, mean-half), mean + half}
	}
	for _, c := range counts {
		e.events += c
	}
	e.trials = float64(len(counts))
	e.value, e.lo, e.hi = mean, ci[0], ci[1]
	return e, nil
}

// ratio divides two pooled estimates, with the Katz log interval for a
// ratio of proportions (or of Poisson totals for counts).
func ratio(num, den estimate) estimate {
	out := estimate{rate: num.rate}
	if den.value == 0 || num.value == 0 {
		out.value, out.lo, out.hi = math.Inf(1), 0, math.Inf(1)
		if num.value == 0 {
			out.value = 0
		}
		return out
	}
	out.value = num.value / den.value
	v := 1/num.events + 1/den.events
	if num.rate {
		v -= 1/num.trials + 1/den.trials
	}
	se := math.Sqrt(math.Max(0, v))
	out.lo, out.hi = out.value*detmath.Exp(-1.96*se), out.value*detmath.Exp(1.96*se)
	return out
}

func regimeMetrics(r metrics.Results, name string) (metrics.RegimeMetrics, bool) {
	for _, rg := range r.Regimes {
		if rg.Name == name {
			return rg.Metrics, true
		}
	}
	return metrics.RegimeMetrics{}, false
}

func rateMetric(m metrics.RegimeMetrics, name string) (metrics.Rate, bool) {
	switch name {
	case "false_alert_share":
		return m.FalseAlertShare, true
	case "fpir_per_face":
		return m.FPIRPerFace, true
	case "fpir_per_passer":
		return m.FPIRPerPasser, true
	case "tpir":
		return m.TPIR, true
	}
	return metrics.Rate{}, false
}

func countMetric(m metrics.RegimeMetrics, name string) (float64, bool) {
	v, ok := map[string]int{"alerts": m.Alerts, "true_alerts": m.TrueAlerts, "false_alerts": m.FalseAlerts,
		"stops": m.Stops, "false_stops": m.FalseStops, "wanted_located": m.WantedLocated}[name]
	return float64(v), ok
}
