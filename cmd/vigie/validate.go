package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/recognition"
	"vigie/sim/recognition/scaling"
)

// errValidationFailed makes vigie validate exit 1 when a figure misses.
var errValidationFailed = errors.New("some figures are outside their tolerance")

func init() {
	var workers int
	var pipeline bool
	cmd := &cobra.Command{
		Use:   "validate [CASE.yaml...]",
		Short: "Check the simulation against published field figures (the bundled cases when none is given)",
		Long: `Run each validation case (a scenario with a validation section naming published figures
and tolerances) over its seeds and print case, figure, published, simulated with its 95%
interval, and pass or fail. Exits 0 only when every figure passes.

--pipeline adds the 1:N scaling case: the real pipeline (make models) on 600
generated faces, false positive identification rate against watchlist size
compared with 1 - (1 - p)^N.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var cases []*scenarios.Scenario
			for _, a := range args {
				sc, err := scenarios.Load(a)
				if err != nil {
					return badInput(err)
				}
				if sc.File.Validation == nil {
					return badInput(fmt.Errorf("%s has no validation section", sc.Source))
				}
				cases = append(cases, sc)
			}
			if len(args) == 0 {
				for _, name := range scenarios.ValidationCases() {
					sc, err := scenarios.LoadValidationCase(name)
					if err != nil {
						return err
					}
					cases = append(cases, sc)
				}
			}
			ctx := cmd.Context() // main cancels it on SIGINT or SIGTERM
			allPass := true
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "case\tfigure\tpublished\tsimulated\t95% interval\tresult")
			for _, sc := range cases {
				v := *sc.File.Validation
				var cfgs []*sim.Config
				for _, seed := range v.Seeds {
					cfg := sc.Config()
					cfg.Seed = seed
					cfgs = append(cfgs, cfg)
				}
				res, err := sim.Validate(ctx, cfgs, v, workers, sim.NewRecognizer)
				if err != nil {
					return fmt.Errorf("%s: %w", sc.Source, err)
				}
				for _, r := range res {
					allPass = allPass && r.Pass
					printFigure(tw, v.Case, r)
				}
			}
			if pipeline {
				pass, err := scalingCase(tw)
				if err != nil {
					return err
				}
				allPass = allPass && pass
			}
			tw.Flush()
			if !allPass {
				return errValidationFailed
			}
			return nil
		},
	}
	workersFlag(cmd.Flags(), &workers, "regimes run at once")
	cmd.Flags().BoolVar(&pipeline, "pipeline", false, "also run the 1:N scaling case on the real pipeline (about a minute)")
	rootCmd.AddCommand(cmd)
}

func printFigure(w io.Writer, caseName string, r sim.FigureResult) {
	verdict := "pass"
	if !r.Pass {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t[%s, %s]\t%s\n", caseName, r.Figure.Name, num(r.Figure.Published), num(r.Simulated),
		num(r.CI[0]), num(r.CI[1]), verdict)
}

// num prints a figure so that it never reads as zero when it is not:
// whole numbers from 100, two decimals from 1, four decimals down to
// 0.001, then three significant digits (0.000167, 0.00000167, 1.67e-07).
func num(x float64) string {
	switch a := math.Abs(x); {
	case x == 0:
		return "0"
	case math.IsInf(x, 0) || math.IsNaN(x):
		return fmt.Sprint(x)
	case a >= 100:
		return fmt.Sprintf("%.0f", x)
	case a >= 1:
		return fmt.Sprintf("%.2f", x)
	case a >= 0.001:
		return fmt.Sprintf("%.4f", x)
	case a >= 1e-6:
		return fmt.Sprintf("%.*f", 2-int(math.Floor(math.Log10(a))), x)
	}
	return fmt.Sprintf("%.3g", x)
}

// scalingCase runs the 1:N law check on the real pipeline and prints its
// rows; "published" is the law's prediction from the measured 1:1 rate.
func scalingCase(w io.Writer) (bool, error) {
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		return false, err
	}
	defer p.Close()
	r, err := scaling.Run(p, scaling.DefaultConfig())
	if err != nil {
		return false, err
	}
	pass := true
	for _, pt := range r.Points {
		pass = pass && pt.Pass
		printFigure(w, "1:N law, real pipeline", sim.FigureResult{
			Figure:    sim.Figure{Name: fmt.Sprintf("FPIR at N=%d (p=%.5f, distance %.3f)", pt.N, r.P, r.Threshold), Published: pt.Predicted},
			Simulated: pt.Measured.Value, CI: pt.Measured.CI, Pass: pt.Pass})
	}
	return pass, nil
}
