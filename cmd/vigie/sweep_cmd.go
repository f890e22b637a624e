package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"

	"github.com/spf13/cobra"

	"vigie/sim/batch"
)

var sweepCmd = &cobra.Command{
	Use:   "sweep",
	Short: "Plan a sweep into a folder, run its points anywhere (locally, Slurm, Kubernetes), gather the tables",
	Long: `A sweep folder holds plan.json (every point's parameters and seed, the scenario's sha256,
the vigie version, the model checksums), scenario.yaml, and one folder per point under points/
that is done once it holds done.json. Points can run in any order, on any machine that sees the
folder; a point already done is skipped, so running again finishes only what is missing.

  vigie sweep plan SCENARIO --out DIR     write the plan
  vigie sweep run DIR [--index I | --shard K/N]
  vigie sweep status DIR                  done / running / failed / missing
  vigie sweep gather DIR                  sweep.csv, chilling.csv, sweep.parquet, report.html
  vigie sweep slurm DIR [--submit]        an sbatch job array and a dependent gather job
  vigie sweep k8s DIR                     a Kubernetes Indexed Job`,
}

func init() {
	rootCmd.AddCommand(sweepCmd)
	sweepCmd.AddCommand(sweepPlanCmd(), sweepRunCmd(), sweepStatusCmd(), sweepGatherCmd(), sweepSlurmCmd(), sweepK8sCmd())
}

func sweepPlanCmd() *cobra.Command {
	var out string
	var seed uint64
	cmd := &cobra.Command{
		Use:   "plan SCENARIO --out DIR",
		Short: "Write a sweep scenario's plan into DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			seedSet := cmd.Flags().Changed("seed")
			sc, err := loadScenario(args[0], seed, seedSet)
			if err != nil {
				return err
			}
			var override *uint64
			if seedSet {
				override = &seed
			}
			// Build every point's scenario once, so that a value no point may
			// take is bad input now rather than a failed point on a cluster.
			if _, err := sc.Points(); err != nil {
				return badInput(err)
			}
			if err := planSweep(sc, override, out); err != nil {
				return err
			}
			s, err := openSweep(out)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Planned %d points in %s: %s (grid x seeds) and the scenario as written (point %d).\nRun them with `vigie sweep run %s`, or on Slurm with `vigie sweep slurm %s --submit`.\n",
				len(s.plan.Points), out, plural(len(s.points), "sweep point"), s.plan.BaseIndex(), out, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the sweep folder to create (required)")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "seed (overrides the scenario's)")
	cmd.MarkFlagRequired("out")
	return cmd
}

func sweepRunCmd() *cobra.Command {
	var index, workers int
	var shard, indexEnv string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "run DIR [--index I | --shard K/N]",
		Short: "Run a sweep folder's points that are not done yet (all, one, or a shard)",
		Long: `Run the points of a sweep folder that are not done: all of them, point I (--index; a Slurm
array task or a Kubernetes indexed job passes its own), or every N-th point starting at K
(--shard K/N, K from 1 to N). A point that fails leaves its error in its folder's error.txt and
the others go on; the command then exits 1. Ctrl-C stops it; finished points are kept.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSweep(args[0])
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("index") {
				index = -1
			}
			if indexEnv != "" {
				if index >= 0 {
					return badInput(fmt.Errorf("give --index or --index-env, not both"))
				}
				if index, err = envIndex(indexEnv); err != nil {
					return badInput(err)
				}
			}
			indices, err := batch.Select(len(s.plan.Points), index, shard)
			if err != nil {
				return badInput(err)
			}
			// Slurm's scancel and Kubernetes send SIGTERM, a closed terminal
			// SIGHUP: stop cleanly, so a point cut short reads as missing.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			defer stop()
			sum, err := s.run(ctx, indices, workers, quiet, cmd.ErrOrStderr())
			if !quiet {
				fmt.Fprintf(cmd.OutOrStdout(), "Ran %s (%d failed), skipped %d already done.\n", plural(sum.Ran, "point"), len(sum.Failed), sum.Skipped)
			}
			if err != nil {
				return fmt.Errorf("stopped: %w; finished points are kept, run again to finish", err)
			}
			if len(sum.Failed) > 0 {
				return fmt.Errorf("points %s failed; `vigie sweep status %s` shows why", batch.Ranges(sum.Failed), args[0])
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&index, "index", -1, "run only point I (0-based)")
	cmd.Flags().StringVar(&shard, "shard", "", "run shard K of N (K/N, K from 1 to N)")
	cmd.Flags().StringVar(&indexEnv, "index-env", "", "run the point whose index is in this environment variable (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX)")
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "points run at once")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print no progress or summary")
	return cmd
}

// envIndex reads a point index from an environment variable.
func envIndex(name string) (int, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return 0, fmt.Errorf("--index-env %s: the variable is not set (Slurm sets SLURM_ARRAY_TASK_ID in array tasks, Kubernetes JOB_COMPLETION_INDEX in indexed jobs)", name)
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 {
		return 0, fmt.Errorf("--index-env %s: %q is not a point index", name, v)
	}
	return i, nil
}

func sweepStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status DIR",
		Short: "Count a sweep folder's points done, running, failed and missing",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, _, err := batch.ReadPlan(args[0])
			if err != nil {
				return badInput(err)
			}
			printStatus(cmd.OutOrStdout(), args[0], p, batch.Take(args[0], p))
			return nil
		},
	}
}

func printStatus(w io.Writer, dir string, p batch.Plan, c batch.Census) {
	fmt.Fprintf(w, "%s: %s, %d points: %d done, %d running, %d failed, %d missing\n", dir, p.Scenario.Name,
		len(p.Points), len(c.Done), len(c.Running), len(c.Failed), len(c.Missing))
	for _, i := range c.Running {
		_, who := batch.PointState(dir, i)
		fmt.Fprintf(w, "  running %d %s\n", i, who)
	}
	for _, i := range c.Failed {
		fmt.Fprintf(w, "  failed %d: %s\n", i, firstLine(c.Errors[i]))
	}
	if len(c.Missing) > 0 {
		fmt.Fprintf(w, "  missing %s\n", batch.Ranges(c.Missing))
	}
}

func sweepGatherCmd() *cobra.Command {
	var out string
	var partial, png bool
	cmd := &cobra.Command{
		Use:   "gather DIR",
		Short: "Write a sweep's tables and report from its finished points",
		Long: `Write sweep.csv (one row per point and regime), chilling.csv, sweep.parquet (tidy: one row
per point, regime and group, the parameters as columns) and, from the scenario as written,
results.json, events.csv and report.html with every point on the trade-off frontier. While a
point is missing or failed it lists them and exits 1 without writing, unless --partial.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := openSweep(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				out = args[0]
			}
			return s.gather(cmd.Context(), out, partial, png, "", cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "where to write (default: the sweep folder)")
	cmd.Flags().BoolVar(&partial, "partial", false, "gather the points that are done even if some are not")
	cmd.Flags().BoolVar(&png, "png", false, "also write each chart of report.html as a PNG (needs the chromium package)")
	return cmd
}

// plural writes a count and its noun: "0 points", "1 point", "2 points".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
