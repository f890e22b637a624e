package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/recognition"
	"vigie/sim/recognition/scaling"
	"vigie/sim/recognizer"
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
compared with 1 - (1 - p)^N. Where a size falls outside its interval, that is
a known gap of the generated faces (README, "Known gaps"): validate says so
and exits 1.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cases, logs, err := validationCases(args)
			if err != nil {
				return err
			}
			ctx := cmd.Context() // main cancels it on SIGINT or SIGTERM
			allPass, lawPass := true, true
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "case\tfigure\tpublished\tsimulated\t95% interval\tresult")
			for _, sc := range cases {
				v := *sc.File.Validation
				if skip := missingModels(sc, len(args) == 0); skip != "" {
					fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\tskipped\n", v.Case, skip)
					continue
				}
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
			for _, l := range logs {
				allPass = printReplay(tw, l) && allPass
			}
			if pipeline {
				var err error
				if lawPass, err = scalingCase(tw); err != nil {
					return err
				}
			}
			tw.Flush()
			if len(logs) > 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "\nDeployment logs: \"simulated\" is the false alerts the profile expects from the faces scanned, watchlist and threshold;\nthe interval is the exact 95% Poisson interval of the published count, and a row passes when the expectation lies in it.")
			}
			if !lawPass {
				fmt.Fprintln(cmd.OutOrStdout(), "\n"+lawGapNote)
			}
			if !allPass || !lawPass {
				return errValidationFailed
			}
			return nil
		},
	}
	workersFlag(cmd.Flags(), &workers, "regimes run at once")
	cmd.Flags().BoolVar(&pipeline, "pipeline", false, "also run the 1:N scaling case on the real pipeline (renders and embeds 600 faces)")
	rootCmd.AddCommand(cmd)
}

// missingModels says why a bundled case that runs the real pipeline is
// skipped ("" to run it): without the models, the other cases still run
// and pass. A case named on the command line always runs, and says what is
// missing if it fails.
func missingModels(sc *scenarios.Scenario, bundled bool) string {
	if !bundled || !sc.File.Recognizer.Mode.RunsPipeline() {
		return ""
	}
	if _, err := recognition.ModelDir(""); err != nil {
		return "not run: it needs the real pipeline's models (make models, or set VIGIE_MODELS)"
	}
	return ""
}

// validationCases loads the cases named on the command line (scenarios
// with a validation section, or deployment logs), or every bundled case.
func validationCases(args []string) ([]*scenarios.Scenario, []*recognizer.DeploymentLog, error) {
	var cases []*scenarios.Scenario
	var logs []*recognizer.DeploymentLog
	for _, a := range args {
		sc, l, err := scenarios.LoadCase(a)
		switch {
		case err != nil:
			return nil, nil, badInput(err)
		case l != nil:
			logs = append(logs, l)
		case sc.File.Validation == nil:
			return nil, nil, badInput(fmt.Errorf("%s has no validation section", sc.Source))
		default:
			cases = append(cases, sc)
		}
	}
	if len(args) > 0 {
		return cases, logs, nil
	}
	for _, name := range scenarios.ValidationCases() {
		sc, err := scenarios.LoadValidationCase(name)
		if err != nil {
			return nil, nil, err
		}
		cases = append(cases, sc)
	}
	for _, name := range scenarios.DeploymentLogs() {
		l, err := scenarios.LoadDeploymentLogCase(name)
		if err != nil {
			return nil, nil, err
		}
		logs = append(logs, l)
	}
	return cases, logs, nil
}

// printReplay prints a deployment log replayed through its profile: one row
// per deployment, the pooled count, and the pooled rate per face scanned.
func printReplay(w io.Writer, l *recognizer.DeploymentLog) bool {
	pass := true
	rows := recognizer.Replay(*l)
	for _, r := range rows {
		pass = pass && r.Pass
		name := fmt.Sprintf("false alerts, pooled (%d deployments, %s faces)", len(rows)-1, count(r.Faces))
		if d := r.Deployment; d != nil {
			th := fmt.Sprintf("threshold %g", r.Threshold)
			if r.Assumed {
				th += " assumed"
			}
			name = fmt.Sprintf("false alerts, %s (%s faces, %s names, %s%s)", d.Date, count(d.FacesScanned), count(d.Watchlist), th, published(d))
		}
		printFigure(w, l.Case, sim.FigureResult{Figure: sim.Figure{Name: name, Published: float64(r.Published)},
			Simulated: r.Expected, CI: r.CI, Pass: r.Pass})
	}
	pooled := rows[len(rows)-1]
	per := float64(pooled.Faces)
	printFigure(w, l.Case, sim.FigureResult{Figure: sim.Figure{Name: "false alerts per face scanned, pooled", Published: float64(pooled.Published) / per},
		Simulated: pooled.Expected / per, CI: [2]float64{pooled.CI[0] / per, pooled.CI[1] / per}, Pass: pooled.Pass})
	return pass
}

// published lists a deployment's other published counts: "; 11 alerts, 7
// stops, 4 arrests".
func published(d *recognizer.Deployment) string {
	var parts []string
	for _, c := range []struct {
		n    *int
		what string
	}{{d.Alerts, "alert"}, {d.Stops, "stop"}, {d.Arrests, "arrest"}} {
		if c.n != nil {
			what := c.what
			if *c.n != 1 {
				what += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", *c.n, what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}

// count writes a whole number with thousands separators: 12120 -> "12,120".
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// lawGapNote says, under the table, why validate --pipeline exits 1 when
// only the 1:N law case misses.
const lawGapNote = `The 1:N law case misses at some watchlist sizes: a known gap of Vigie's generated faces
(false matches gather on some probes and some templates; README, "Known gaps"), not of the
simulation's arithmetic. validate exits 1 while it lasts; go test ./sim/recognition/scaling
fails only if a size strays further from the law than recorded.`

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
