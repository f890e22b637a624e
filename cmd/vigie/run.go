package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/batch"
	"vigie/sim/facerec"
	"vigie/sim/output"
	"vigie/viz/report"
)

type runFlags struct {
	out     string
	seed    uint64
	workers int
	quiet   bool
	png     bool
}

func init() {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [SCENARIO.yaml | NAME]",
		Short: "Run a scenario (the bundled default when none is given) and write its results",
		Long: `Run a scenario: build the city, run every regime on the same day, and write
results.json, events.csv, scenario.resolved.yaml and manifest.json into --out.
A scenario with a sweep section also writes sweep.csv, one row per point and regime,
and chilling.csv, the chilling index per grid point, regime, group and activity
with a 95% interval over the seeds.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := scenarios.DefaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			seedSet := cmd.Flags().Changed("seed")
			return runScenario(cmd.Context(), name, f, seedSet, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&f.out, "out", "out", "output folder")
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "seed (overrides the scenario's)")
	cmd.Flags().IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "regimes or sweep points run at once")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print no progress or summary")
	cmd.Flags().BoolVar(&f.png, "png", false, "also write each chart of report.html as a PNG (needs the chromium package)")
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
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	if sc.File.Sweep == nil {
		return runOne(ctx, sc, f, stdout, stderr)
	}
	return runSweep(ctx, sc, points, f, stdout, stderr)
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

func runOne(ctx context.Context, sc *scenarios.Scenario, f runFlags, stdout, stderr io.Writer) error {
	eng, res, err := simulate(ctx, sc, f, stderr)
	if err != nil {
		return err
	}
	resolved, err := sc.Resolved()
	if err != nil {
		return err
	}
	if err := output.Write(f.out, output.Run{Results: res, Resolved: resolved, Events: eng.WriteEvents}); err != nil {
		return err
	}
	if err := writeReport(ctx, f.out, res, report.Options{}, f.png, nil); err != nil {
		return err
	}
	if !f.quiet {
		printSummary(stdout, res)
		names := []string{"results.json", "events.csv", "scenario.resolved.yaml", "manifest.json", "report.html"}
		if res.Recognizer != nil {
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

// showProgress shows a run's progress on stderr (a bar on a terminal, a
// line every few seconds elsewhere) and returns a function that stops it.
func showProgress(w io.Writer, quiet bool, progress func() float64) func() {
	return batch.Show(w, "run", quiet, progress)
}

// printSummary prints the regimes side by side.
func printSummary(w io.Writer, r metrics.Results) {
	fmt.Fprintf(w, "%s: %d citizens, %d cameras, %.0f h; recognizer %s\n\n", r.Scenario.Name, r.Scenario.Population,
		r.Scenario.Cameras, r.Scenario.Hours, r.Manifest.Recognizer)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "regime\tfaces scanned\talerts\tfalse\t% false\tfalse stops\tper 100k passers\twanted found\tsensitive visits\t")
	for _, rg := range r.Regimes {
		m := rg.Metrics
		share := "-"
		if m.Alerts > 0 {
			share = fmt.Sprintf("%.0f%%", 100*m.FalseAlertShare.Value)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%d\t%.1f\t%d/%d\t%+.1f%%\t\n", rg.Name, m.FacesScanned, m.Alerts, m.FalseAlerts,
			share, m.FalseStops, m.InnocentStoppedPer100k, m.WantedLocated, m.WantedTotal, 100*m.SensitiveVisitChange)
	}
	tw.Flush()
}

// sweepLabel names a sweep point by its parameters' last path segments and
// its seed: "threshold=0.56, seed 2".
func sweepLabel(params []string, r output.SweepRow) string {
	parts := make([]string, 0, len(params)+1)
	for k, p := range params {
		name := p[strings.LastIndexByte(p, '.')+1:]
		parts = append(parts, fmt.Sprintf("%s=%v", name, r.Values[k]))
	}
	parts = append(parts, fmt.Sprintf("seed %d", r.Seed))
	return strings.Join(parts, ", ")
}
