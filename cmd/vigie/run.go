package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"vigie/internal/atomicfile"
	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/facerec"
	"vigie/sim/output"
	"vigie/sim/recognition"
	"vigie/viz/i18n"
	"vigie/viz/report"
)

type runFlags struct {
	out     string
	models  string
	seed    uint64
	workers int
	quiet   bool
	png     bool
	// lang is --lang; empty means the scenario's language, then English.
	lang string
}

// language picks the words' language: --lang, else the scenario's
// language, else English. An unknown one is bad input.
func (f runFlags) language(sc *scenarios.Scenario) (string, error) {
	lang := f.lang
	if lang == "" {
		lang = sc.File.Language
	}
	if err := report.CheckLang(lang); err != nil {
		return "", badInput(fmt.Errorf("--lang: %w", err))
	}
	return lang, nil
}

// addLangFlag adds --lang to a command.
func addLangFlag(cmd *cobra.Command, lang *string, what string) {
	cmd.Flags().StringVar(lang, "lang", "", "language of "+what+": en or fr (default: the scenario's language:, else en)")
}

func init() {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [SCENARIO.yaml | NAME]",
		Short: "Run a scenario (the bundled default when none is given) and write its results",
		Long: `Run a scenario: build the city, run every regime on the same day, and write
results.json, events.csv, scenario.resolved.yaml, manifest.json and report.html
into --out, by default out/<scenario name> (out/default for the default scenario,
out/protest-day for protest-day), so that each scenario keeps its own results.
A scenario with a sweep section also writes sweep.csv, one row per point and regime,
and chilling.csv, the chilling index per grid point, regime, group and activity
with a 95% interval over the seeds.

The outputs are one set: they are written into a fresh folder beside --out and
swapped in when all are done, so --out holds the previous run's complete set
until then, and nothing of it afterwards. --out must be new, empty, or an earlier
run's output folder; anything else is refused before the simulation starts.
Ctrl-C stops within about a second and leaves --out as it was.

` + exitStatuses,
		Args: inputArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := scenarios.DefaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			seedSet := cmd.Flags().Changed("seed")
			return runScenario(cmd.Context(), name, f, seedSet, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&f.out, "out", "", "output folder (default out/<scenario name>)")
	cmd.Flags().StringVar(&f.models, "models", "", "models folder for the pipeline recognizers (default: see vigie --help)")
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "seed (overrides the scenario's)")
	workersFlag(cmd.Flags(), &f.workers, "regimes or sweep points run at once")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print no progress or summary")
	cmd.Flags().BoolVar(&f.png, "png", false, "also write each chart of report.html as a PNG (needs the chromium package)")
	addLangFlag(cmd, &f.lang, "the report and the printed summary")
	rootCmd.AddCommand(cmd)
}

// loadScenario loads a scenario; every problem with it is bad input.
func loadScenario(name string, seed uint64, seedSet bool) (*scenarios.Scenario, error) {
	sc, err := scenarios.Load(name)
	if err != nil {
		return nil, badInput(err)
	}
	if seedSet {
		sc.File.Seed = seed
	}
	return sc, nil
}

func runScenario(ctx context.Context, name string, f runFlags, seedSet bool, stdout, stderr io.Writer) error {
	sc, err := loadScenario(name, f.seed, seedSet)
	if err != nil {
		return err
	}
	points, err := sc.Points()
	if err != nil {
		return badInput(err)
	}
	if f.lang, err = f.language(sc); err != nil {
		return err
	}
	if f.models != "" {
		// The pipeline recognizers open the models where Open looks.
		os.Setenv(recognition.ModelsEnv, f.models)
	}
	if _, err := report.FindECharts(); err != nil {
		return err // before the simulation, not after it
	}
	if f.out == "" {
		f.out = filepath.Join("out", outFolderName(sc.File.Name))
	}
	set, err := stageOutputs(f.out)
	if err != nil {
		return err
	}
	defer set.Abort() // a no-op once committed; on a signal, atomicfile.AbortAll
	if sc.File.Sweep == nil {
		return runOne(ctx, sc, f, set, stdout, stderr)
	}
	return runSweep(ctx, sc, points, f, set, stdout, stderr)
}

func manifestFor(sc *scenarios.Scenario, seed uint64) metrics.Manifest {
	return metrics.Manifest{VigieVersion: version, ScenarioName: sc.File.Name, ScenarioSHA256: sc.SHA256, Seed: seed}
}

// simulate runs one scenario's day, with a progress bar on a terminal.
func simulate(ctx context.Context, sc *scenarios.Scenario, f runFlags, stderr io.Writer) (*sim.Engine, metrics.Results, error) {
	cfg := sc.Config()
	rec, err := facerec.New(cfg)
	if err != nil {
		return nil, metrics.Results{}, badInput(err)
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		return nil, metrics.Results{}, badInput(fmt.Errorf("%s: %w", sc.Source, err))
	}
	done := showProgress(stderr, f.quiet, eng.Progress)
	err = eng.Run(ctx, f.workers)
	done()
	if err != nil {
		return nil, metrics.Results{}, fmt.Errorf("run interrupted; nothing was written: %w", err)
	}
	return eng, eng.Results(manifestFor(sc, cfg.Seed)), nil
}

func runOne(ctx context.Context, sc *scenarios.Scenario, f runFlags, set *atomicfile.Set, stdout, stderr io.Writer) error {
	eng, res, err := simulate(ctx, sc, f, stderr)
	if err != nil {
		return err
	}
	resolved, err := sc.Resolved()
	if err != nil {
		return err
	}
	if err := output.Write(set.Dir(), output.Run{Results: res, Resolved: resolved, Events: eng.WriteEvents}); err != nil {
		return err
	}
	if err := writeReport(ctx, set.Dir(), res, report.Options{Lang: f.lang}, f.png, nil); err != nil {
		return err
	}
	if err := commitOutputs(ctx, set); err != nil {
		return err
	}
	if !f.quiet {
		if err := report.WriteSummary(stdout, res, f.lang); err != nil {
			return err
		}
		names := []string{"results.json", "events.csv", "scenario.resolved.yaml", "manifest.json", "report.html"}
		if res.Measured() != nil {
			names = append(names, "fits.csv", "group_rates.csv")
		}
		fmt.Fprintf(stdout, "\nWrote %s\n", strings.Join(outputFiles(f.out, names...), ", "))
	}
	return nil
}

func outputFiles(dir string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}

// runSweep runs every sweep point, several at once, each point's regimes in
// turn, and writes sweep.csv and chilling.csv. The scenario as written (its
// own values and seed) runs too, as the last job, and gives results.json,
// events.csv and the report, with the sweep's points on its frontier.
func runSweep(ctx context.Context, sc *scenarios.Scenario, points []scenarios.Point, f runFlags, set *atomicfile.Set, stdout, stderr io.Writer) error {
	rows := make([]output.SweepRow, len(points))
	engines := make([]*sim.Engine, len(points)+1)
	for i := range engines {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		cfg := sc.Config() // the base scenario, last
		if i < len(points) {
			cfg = points[i].Scenario.Config()
		}
		rec, err := facerec.New(cfg)
		if err != nil {
			return badInput(err)
		}
		if engines[i], err = sim.New(cfg, rec); err != nil {
			return badInput(fmt.Errorf("%s, sweep point %d: %w", sc.Source, i, err))
		}
	}
	progress := func() float64 {
		s := 0.0
		for _, e := range engines {
			s += e.Progress()
		}
		return s / float64(len(engines))
	}
	done := showProgress(stderr, f.quiet, progress)
	var base metrics.Results
	err := forEach(ctx, len(engines), f.workers, func(i int) error {
		if err := engines[i].Run(ctx, 1); err != nil {
			return err
		}
		if i == len(points) {
			base = engines[i].Results(manifestFor(sc, sc.File.Seed))
			return nil
		}
		p := points[i]
		rows[i] = output.SweepRow{Point: p.Index, Seed: p.Seed, Values: p.Values, Results: engines[i].Results(manifestFor(p.Scenario, p.Seed))}
		return nil
	})
	done()
	if err != nil {
		return fmt.Errorf("sweep interrupted; nothing was written: %w", err)
	}
	var params []string
	for _, p := range sc.File.Sweep.Parameters {
		params = append(params, p.Path)
	}
	if err := atomicfile.WriteFunc(filepath.Join(set.Dir(), "sweep.csv"), func(w io.Writer) error {
		return output.WriteSweepCSV(w, params, rows)
	}); err != nil {
		return err
	}
	if err := atomicfile.WriteFunc(filepath.Join(set.Dir(), "chilling.csv"), func(w io.Writer) error {
		return output.WriteChillingCSV(w, params, rows)
	}); err != nil {
		return err
	}
	resolved, err := sc.Resolved()
	if err != nil {
		return err
	}
	if err := output.Write(set.Dir(), output.Run{Results: base, Resolved: resolved, Events: engines[len(points)].WriteEvents}); err != nil {
		return err
	}
	words := i18n.MustNew(f.lang) // checked by runScenario
	var sweep []report.SweepPoint
	for _, r := range rows {
		sweep = append(sweep, report.SweepPoints(sweepLabel(params, r, words), r.Results)...)
	}
	if err := writeReport(ctx, set.Dir(), base, report.Options{Sweep: sweep, Lang: f.lang}, f.png, nil); err != nil {
		return err
	}
	if err := commitOutputs(ctx, set); err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(stdout, "Ran %d sweep points x %d regimes and the scenario as written; wrote %s, %s and its results.\n",
			len(points), len(base.Regimes), filepath.Join(f.out, "sweep.csv"), filepath.Join(f.out, "chilling.csv"))
	}
	return nil
}

// forEach calls fn for 0..n-1 on up to workers goroutines and returns the
// first error.
func forEach(ctx context.Context, n, workers int, fn func(i int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	next := make(chan int)
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// showProgress draws a progress bar on stderr while it is a terminal, and
// returns a function that stops it.
func showProgress(w io.Writer, quiet bool, progress func() float64) func() {
	file, ok := w.(*os.File)
	if quiet || !ok || !isTerminal(file) {
		return func() {}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			p := progress()
			n := int(p * 40)
			fmt.Fprintf(w, "\r[%s%s] %3.0f%%", strings.Repeat("#", n), strings.Repeat(".", 40-n), 100*p)
			select {
			case <-stop:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(stop); wg.Wait() }
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// sweepLabel names a sweep point by its parameters' last path segments and
// its seed, in the report's language: "threshold=0.56, seed 2".
func sweepLabel(params []string, r output.SweepRow, words *i18n.Printer) string {
	parts := make([]string, 0, len(params)+1)
	for k, p := range params {
		name := p[strings.LastIndexByte(p, '.')+1:]
		parts = append(parts, fmt.Sprintf("%s=%v", name, r.Values[k]))
	}
	parts = append(parts, words.T("cli.seed", strconv.FormatUint(r.Seed, 10)))
	return strings.Join(parts, ", ")
}
