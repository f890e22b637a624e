package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/batch"
	"vigie/sim/output"
	"vigie/sim/recognizer"
	"vigie/viz/i18n"
	"vigie/viz/report"
)

// sweepFolder is a sweep folder opened for work: its plan, and the
// scenario reloaded from the folder's own copy, expanded into points.
type sweepFolder struct {
	dir    string
	plan   batch.Plan
	sc     *scenarios.Scenario
	points []scenarios.Point
}

// makePlan expands a sweep scenario into a plan: its grid points in the
// scenario's order, then the scenario as written (the base point).
func makePlan(sc *scenarios.Scenario, seedOverride *uint64) (batch.Plan, []scenarios.Point, error) {
	if sc.File.Sweep == nil {
		return batch.Plan{}, nil, badInput(fmt.Errorf("%s has no sweep section: `vigie run` runs it", sc.Source))
	}
	// Expanding every point's scenario costs a few milliseconds each: vigie
	// sweep plan and vigie run build them all once beforehand; here, when a
	// task opens the folder, check the first and the last, and let each run
	// build its own.
	points := sc.PointSpecs()
	for _, k := range []int{0, len(points) - 1} {
		if _, err := sc.PointScenario(points[k]); err != nil {
			return batch.Plan{}, nil, badInput(fmt.Errorf("%s: %w", sc.Source, err))
		}
	}
	models, err := modelChecksums(sc.Config())
	if err != nil {
		return batch.Plan{}, nil, badInput(err)
	}
	p := batch.Plan{VigieVersion: version, SeedOverride: seedOverride, Recognizer: string(sc.File.Recognizer.Mode),
		ModelSHA256: models, Scenario: batch.ScenarioRef{Name: sc.File.Name, Source: sc.Source, SHA256: sc.SHA256}}
	for _, sp := range sc.File.Sweep.Parameters {
		p.Parameters = append(p.Parameters, sp.Path)
	}
	for _, pt := range points {
		p.Points = append(p.Points, batch.Point{Index: pt.Index, Seed: pt.Seed, Values: pt.Values})
	}
	p.Points = append(p.Points, batch.Point{Index: len(points), Seed: sc.File.Seed, Values: []any{}, Base: true})
	return p, points, nil
}

// modelChecksums are the model files the scenario's recognizer loads
// (none for the published-rates recognizer).
func modelChecksums(cfg *sim.Config) (map[string]string, error) {
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		return nil, err
	}
	if c, ok := rec.(io.Closer); ok {
		defer c.Close()
	}
	if mu, ok := rec.(recognizer.ModelUser); ok {
		return maps.Clone(mu.ModelChecksums()), nil
	}
	return nil, nil
}

// planSweep writes the plan of a sweep scenario into dir; a folder
// holding another plan is an error.
func planSweep(sc *scenarios.Scenario, seedOverride *uint64, dir string) error {
	p, _, err := makePlan(sc, seedOverride)
	if err != nil {
		return err
	}
	source, err := scenarioBytes(sc)
	if err != nil {
		return err
	}
	err = batch.WritePlan(dir, p, source)
	if errors.Is(err, batch.ErrOtherPlan) {
		return badInput(fmt.Errorf("%w; plan into another folder, or remove it", err))
	}
	return err
}

// scenarioBytes returns the scenario's source bytes, checked against its
// sha256, so that the sweep folder carries what every point is made from.
func scenarioBytes(sc *scenarios.Scenario) ([]byte, error) {
	var data []byte
	var err error
	if name, ok := strings.CutPrefix(sc.Source, "builtin:"); ok {
		var found bool
		if data, found = scenarios.LibrarySource(name); !found {
			err = fmt.Errorf("no bundled scenario %q", name)
		}
	} else {
		data, err = os.ReadFile(sc.Source)
	}
	if err != nil {
		return nil, err
	}
	again, err := scenarios.LoadBytes(sc.Source, data)
	if err != nil || again.SHA256 != sc.SHA256 {
		return nil, fmt.Errorf("%s changed while it was being planned; plan again", sc.Source)
	}
	return data, nil
}

// openSweep reads a sweep folder and reloads its scenario. The points are
// expanded again from the scenario (so parameter values keep their YAML
// types in the tables) and must agree with the plan.
func openSweep(dir string) (*sweepFolder, error) {
	p, source, err := batch.ReadPlan(dir)
	if err != nil {
		return nil, badInput(err)
	}
	if p.VigieVersion != version {
		return nil, badInput(fmt.Errorf("%s was planned by vigie %s and this is vigie %s: results would mix versions; plan again into a new folder",
			dir, p.VigieVersion, version))
	}
	sc, err := scenarios.LoadBytes(p.Scenario.Source, source)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", filepath.Join(dir, batch.ScenarioFile), err))
	}
	if sc.SHA256 != p.Scenario.SHA256 {
		return nil, badInput(fmt.Errorf("%s does not match the sha256 in %s: the folder was changed by hand; plan again",
			filepath.Join(dir, batch.ScenarioFile), filepath.Join(dir, batch.PlanFile)))
	}
	if p.SeedOverride != nil {
		sc.File.Seed = *p.SeedOverride
	}
	again, points, err := makePlan(sc, p.SeedOverride)
	if err != nil {
		return nil, err
	}
	if len(again.Points) != len(p.Points) {
		return nil, badInput(fmt.Errorf("%s lists %d points, its scenario expands to %d; plan again", dir, len(p.Points), len(again.Points)))
	}
	for i := range p.Points {
		if p.Points[i].Seed != again.Points[i].Seed || p.Points[i].Base != again.Points[i].Base {
			return nil, badInput(fmt.Errorf("%s: point %d differs from its scenario's expansion; plan again", dir, i))
		}
	}
	return &sweepFolder{dir: dir, plan: again, sc: sc, points: points}, nil
}

// runPoint is the batch job: it simulates point i and writes its results
// into its folder (the base point writes a whole run's files).
func (s *sweepFolder) runPoint(ctx context.Context, i int, dir string, meter *batch.Meter) error {
	psc, seed := s.sc, s.sc.File.Seed
	base := i == len(s.points)
	if !base {
		var err error
		if psc, err = s.sc.PointScenario(s.points[i]); err != nil {
			return err
		}
		seed = s.points[i].Seed
	}
	cfg := psc.Config()
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		return err
	}
	if c, ok := rec.(io.Closer); ok {
		defer c.Close()
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		return err
	}
	meter.Track(eng.Progress)
	if err := eng.Run(ctx, 1); err != nil {
		return err
	}
	res := eng.Results(manifestFor(psc, seed))
	if err := s.checkModels(res.Manifest); err != nil {
		return err
	}
	if !base {
		return batch.WritePointResults(dir, res)
	}
	resolved, err := s.sc.Resolved()
	if err != nil {
		return err
	}
	return output.Write(dir, output.Run{Results: res, Resolved: resolved, Events: eng.WriteEvents})
}

// checkModels fails a point whose recognizer loaded other model files than
// the plan's: a sweep must not mix models.
func (s *sweepFolder) checkModels(m metrics.Manifest) error {
	for name, sum := range m.ModelSHA256 {
		if want, ok := s.plan.ModelSHA256[name]; ok && want != sum {
			return fmt.Errorf("model %s has sha256 %s here, %s when the sweep was planned: install the planned models (make models) or plan again", name, sum, want)
		}
	}
	return nil
}

// run runs the chosen points with a progress display on stderr.
func (s *sweepFolder) run(ctx context.Context, indices []int, workers int, quiet bool, stderr io.Writer) (batch.Summary, error) {
	show := func(progress func() float64) func() {
		return batch.Show(stderr, "sweep "+s.plan.Scenario.Name, quiet, progress)
	}
	return batch.Run(ctx, s.dir, indices, workers, s.runPoint, show)
}

// errIncomplete makes gather exit 1 while points are missing or failed.
var errIncomplete = errors.New("the sweep is not complete")

// gather writes the sweep's tables into out and, once the base point is
// done, its results, events and report with every point on the frontier.
// Without partial it writes nothing while any point is not done.
func (s *sweepFolder) gather(ctx context.Context, out string, partial, png bool, lang string, stdout io.Writer) error {
	c := batch.Take(s.dir, s.plan)
	if !c.Complete() {
		printIncomplete(stdout, s.dir, c)
		if !partial {
			return fmt.Errorf("%w (%d of %d points done); run what is missing with `vigie sweep run %s`, or gather what is there with --partial",
				errIncomplete, len(c.Done), len(s.plan.Points), s.dir)
		}
	}
	rows, err := batch.Rows(s.dir, s.plan)
	if err != nil {
		return err
	}
	if err := batch.WriteTables(out, s.plan.Parameters, rows); err != nil {
		return err
	}
	wrote := outputFiles(out, "sweep.csv", "chilling.csv", "sweep.parquet")
	if st, _ := batch.PointState(s.dir, s.plan.BaseIndex()); st == batch.Done {
		base, err := batch.ReadPointResults(s.dir, s.plan.BaseIndex())
		if err != nil {
			return err
		}
		if err := batch.CopyBase(s.dir, s.plan, out); err != nil {
			return err
		}
		words, err := i18n.New(lang)
		if err != nil {
			return err
		}
		var sweep []report.SweepPoint
		for _, r := range rows {
			sweep = append(sweep, report.SweepPoints(sweepLabel(s.plan.Parameters, r, words), r.Results)...)
		}
		if err := writeReport(ctx, out, base, report.Options{Sweep: sweep, Lang: lang}, png, nil); err != nil {
			return err
		}
		wrote = append(wrote, filepath.Join(out, "results.json"), filepath.Join(out, "report.html"))
	} else {
		fmt.Fprintf(stdout, "The scenario as written (point %d) is not done: no results.json or report yet.\n", s.plan.BaseIndex())
	}
	fmt.Fprintf(stdout, "Gathered %d of %s; wrote %s.\n", len(rows), plural(len(s.points), "sweep point"), strings.Join(wrote, ", "))
	return nil
}

// printIncomplete lists the points not done, with each failed point's error.
func printIncomplete(w io.Writer, dir string, c batch.Census) {
	for _, part := range []struct {
		what string
		idx  []int
	}{{"missing", c.Missing}, {"running", c.Running}, {"failed", c.Failed}} {
		if len(part.idx) > 0 {
			fmt.Fprintf(w, "%d %s: %s\n", len(part.idx), part.what, batch.Ranges(part.idx))
		}
	}
	for _, i := range c.Failed {
		fmt.Fprintf(w, "  point %d: %s\n", i, firstLine(c.Errors[i]))
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// runSweep is `vigie run` of a sweep scenario: plan into the output
// folder, run every point there, gather. Each `vigie run` starts afresh
// (the code may have changed since the last); points finished before an
// interruption stay, so `vigie sweep run OUT` finishes the sweep without
// redoing them.
func runSweep(ctx context.Context, sc *scenarios.Scenario, _ []scenarios.Point, f runFlags, stdout, stderr io.Writer) error {
	for _, name := range []string{batch.PlanFile, batch.ScenarioFile, batch.PointsDir} {
		if err := os.RemoveAll(filepath.Join(f.out, name)); err != nil {
			return err
		}
	}
	seed := sc.File.Seed // the --seed override, if any, is already applied
	if err := planSweep(sc, &seed, f.out); err != nil {
		return err
	}
	s, err := openSweep(f.out)
	if err != nil {
		return err
	}
	all, _ := batch.Select(len(s.plan.Points), -1, "")
	sum, err := s.run(ctx, all, f.workers, f.quiet, stderr)
	if err != nil {
		return fmt.Errorf("sweep interrupted after %d of %d points; finished points are kept in %s: `vigie sweep run %s` finishes it: %w",
			sum.Skipped+sum.Ran-len(sum.Failed), len(all), f.out, f.out, err)
	}
	if len(sum.Failed) > 0 {
		c := batch.Take(f.out, s.plan)
		printIncomplete(stderr, f.out, c)
		return fmt.Errorf("sweep points %s failed; nothing was gathered", batch.Ranges(sum.Failed))
	}
	quietOut := io.Discard
	if !f.quiet {
		quietOut = stdout
	}
	if err := s.gather(ctx, f.out, false, f.png, f.lang, io.Discard); err != nil {
		return err
	}
	fmt.Fprintf(quietOut, "Ran %s x %s and the scenario as written; wrote %s, %s, %s and its results.\n",
		plural(len(s.points), "sweep point"), plural(len(sc.File.Regimes), "regime"), filepath.Join(f.out, "sweep.csv"), filepath.Join(f.out, "chilling.csv"), filepath.Join(f.out, "sweep.parquet"))
	return nil
}
