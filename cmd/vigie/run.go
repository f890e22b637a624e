package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"vigie/internal/atomicfile"
	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/batch"
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
with a 95% interval over the seeds. A run of several days (days: above 1) also
writes days.csv, one row per day, world and measure.

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
	if sc.File.Sweep != nil {
		// A sweep's folder is its plan and finished points, kept as they
		// finish so that a killed sweep resumes (vigie sweep run); gather
		// writes the tables and the report into it at the end.
		if err := checkWritableFolder(f.out); err != nil {
			return err
		}
		return runSweep(ctx, sc, points, f, stdout, stderr)
	}
	set, err := stageOutputs(f.out)
	if err != nil {
		return err
	}
	defer set.Abort() // a no-op once committed; on a signal, atomicfile.AbortAll
	return runOne(ctx, sc, f, set, stdout, stderr)
}

func manifestFor(sc *scenarios.Scenario, seed uint64) metrics.Manifest {
	return metrics.Manifest{VigieVersion: version, ScenarioName: sc.File.Name, ScenarioSHA256: sc.SHA256, Seed: seed}
}

// simulate runs one scenario's day, with a progress bar on a terminal.
func simulate(ctx context.Context, sc *scenarios.Scenario, f runFlags, stderr io.Writer) (*sim.Engine, metrics.Results, error) {
	cfg := sc.Config()
	rec, err := sim.NewRecognizer(cfg)
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
		if res.Scenario.Days > 1 {
			names = append(names, "days.csv")
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

// showProgress shows a run's progress on stderr (a bar on a terminal, a
// line every few seconds elsewhere) and returns a function that stops it.
func showProgress(w io.Writer, quiet bool, progress func() float64) func() {
	return batch.Show(w, "run", quiet, progress)
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
