// Command vigie-watch is the live city view that `vigie watch` runs: a
// window on a scenario as it runs (viz/live). It is a program of its own
// because the window library needs a display as soon as it loads, and vigie
// must run without one.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"vigie/scenarios"
	"vigie/sim"
	_ "vigie/sim/facerec" // registers the pipeline recognizer modes
	"vigie/viz/live"
	"vigie/viz/live/window"
)

// badInput marks an error in what the user gave; it exits with status 2.
type badInput struct{ err error }

func (e badInput) Error() string { return e.err.Error() }

func main() {
	cmd := newCommand()
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput{err} })
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "vigie watch:", err)
		var in badInput
		if errors.As(err, &in) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type watchFlags struct {
	seed       uint64
	regime     int
	start      float64
	speed      int
	frames     int
	screenshot string
}

func newCommand() *cobra.Command {
	var f watchFlags
	cmd := &cobra.Command{
		Use:           "vigie watch [SCENARIO.yaml | NAME]",
		SilenceUsage:  true,
		SilenceErrors: true,
		Short:         "Open a window on the running simulation: streets, citizens, cameras, alerts, live counters",
		Long: `Open a window on a scenario as it runs. Keys: 1-5 switch regime, space pauses,
+/- change speed, G colours citizens by group, H shows help, Esc quits.

With --frames N --screenshot FILE.png it runs N frames with no person and saves
the last one; this works under Xvfb (xvfb-run -a vigie watch ...).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := scenarios.DefaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			return watch(name, f, cmd.Flags().Changed("seed"))
		},
	}
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "seed (overrides the scenario's)")
	cmd.Flags().IntVar(&f.regime, "regime", 0, "regime shown at the start, 1 to 5 (default: the last)")
	cmd.Flags().Float64Var(&f.start, "start", 7, "hour of the day to open at (the simulation runs up to it first)")
	cmd.Flags().IntVar(&f.speed, "speed", 1, fmt.Sprintf("time steps per frame at the start (1 to %d)", live.MaxSpeed))
	cmd.Flags().IntVar(&f.frames, "frames", 0, "run this many frames without a person, save the last to --screenshot, and exit")
	cmd.Flags().StringVar(&f.screenshot, "screenshot", "", "PNG file for the last frame (with --frames)")
	return cmd
}

func watch(name string, f watchFlags, seedSet bool) error {
	if f.start < 0 || f.start > 24 {
		return badInput{fmt.Errorf("--start %g: give an hour from 0 to 24", f.start)}
	}
	if f.speed < 1 || f.speed > live.MaxSpeed {
		return badInput{fmt.Errorf("--speed %d: give 1 to %d time steps per frame", f.speed, live.MaxSpeed)}
	}
	if f.frames < 0 || (f.frames > 0) != (f.screenshot != "") {
		return badInput{fmt.Errorf("--frames N and --screenshot FILE.png go together (N > 0)")}
	}
	sc, err := scenarios.Load(name)
	if err != nil {
		return badInput{err}
	}
	if seedSet {
		sc.File.Seed = f.seed
	}
	cfg := sc.Config()
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		return badInput{err}
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		return badInput{fmt.Errorf("%s: %w", sc.Source, err)}
	}
	for eng.Minute() < f.start*60 && eng.Step() {
	}
	regimes := eng.Regimes()
	shown := len(regimes) - 1
	if f.regime != 0 {
		if f.regime < 1 || f.regime > len(regimes) {
			return badInput{fmt.Errorf("--regime %d: this scenario has regimes 1 to %d", f.regime, len(regimes))}
		}
		shown = f.regime - 1
	}
	var groups []string
	for _, g := range cfg.Population.Groups {
		groups = append(groups, g.Name)
	}
	err = window.Run(live.Config{Source: eng, Map: live.MapOf(eng.City()), Regimes: regimes, Groups: groups, Regime: shown,
		Title: sc.File.Name, StepSeconds: cfg.StepSeconds, Speed: f.speed, Frames: f.frames, Screenshot: f.screenshot})
	if err != nil {
		return badInput{err}
	}
	return nil
}
