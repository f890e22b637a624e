package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"vigie/scenarios"
	"vigie/sim/recognizer"
)

func init() {
	var show string
	cmd := &cobra.Command{
		Use:   "recognizers",
		Short: "List the deployed-system recognizer profiles: source, operating points, multipliers and the threshold slope's fit (--show NAME prints one's YAML)",
		Long: `List the bundled recognizer profiles that the published-rates recognizer draws
outcomes from (recognizer.profile in a scenario, by name or written out): each
profile's source, its published operating points, its demographic multipliers
with the ranges their sources allow, and the threshold slope with what the
published counts say about it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			if show != "" {
				src, err := scenarios.ProfileSource(show)
				if err != nil {
					return badInput(fmt.Errorf("no recognizer profile %q (bundled: %s)", show, strings.Join(scenarios.ProfileNames(), ", ")))
				}
				_, err = out.Write(src)
				return err
			}
			for i, name := range scenarios.ProfileNames() {
				p, err := scenarios.Profile(name)
				if err != nil {
					return err
				}
				if i > 0 {
					fmt.Fprintln(out)
				}
				describeProfile(out, p, name == scenarios.DefaultProfile)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print this profile's YAML")
	rootCmd.AddCommand(cmd)
}

var printer = message.NewPrinter(language.English)

// describeProfile prints one profile in a few lines.
func describeProfile(w io.Writer, p recognizer.Profile, isDefault bool) {
	def := ""
	if isDefault {
		def = " (the default)"
	}
	fmt.Fprintf(w, "%s%s: %s\n", p.Name, def, p.System)
	fmt.Fprintf(w, "  reference: threshold %g, %s names: false positive identification rate %s passers-by (population average), true positive %s\n",
		p.ReferenceThreshold, printer.Sprintf("%d", p.ReferenceWatchlist), oneIn(p.FPIR), percent(p.TPIR))
	for _, pt := range p.Points {
		var parts []string
		if pt.FPIR > 0 {
			parts = append(parts, "FPIR "+oneIn(pt.FPIR))
		}
		if pt.TPIR > 0 {
			parts = append(parts, "TPIR "+percent(pt.TPIR))
		}
		if pt.FalsePositives != nil {
			n := "searches not published"
			if pt.Searches > 0 {
				n = printer.Sprintf("%d searches", pt.Searches)
			}
			k := *pt.FalsePositives
			parts = append(parts, printer.Sprintf("%d %s (%s)", k, pluralNoun(k, "false positive", "false positives"), n))
		}
		fmt.Fprintf(w, "  published at %g, %s names: %s [%s]\n", pt.Threshold, printer.Sprintf("%d", pt.Watchlist), strings.Join(parts, ", "), pt.Source)
	}
	fmt.Fprintf(w, "  multipliers of the false match rate (value, range): women %s; Monk 1-3 %s, 4-7 %s, 8-10 %s\n",
		multiplier(p.FemaleFMR), multiplier(p.ToneFMR[0]), multiplier(p.ToneFMR[1]), multiplier(p.ToneFMR[2]))
	fmt.Fprintf(w, "  threshold slope: ten-fold fewer false matches per %g of threshold (range %g-%g); %s\n",
		p.FMRDecade, p.FMRDecadeRange[0], p.FMRDecadeRange[1], slopeFit(p))
	for _, f := range p.Findings {
		fmt.Fprintf(w, "  at %g: %s [%s]\n", f.Threshold, f.Finding, f.Source)
	}
	fmt.Fprintf(w, "  source: %s\n", p.Source)
}

// slopeFit says what the profile's published counts say about the slope.
func slopeFit(p recognizer.Profile) string {
	fit, err := recognizer.FitFMRDecade(p)
	if err != nil {
		return "no published counts to fit it to"
	}
	from := printer.Sprintf("fitted to %d published %s from %d %s (Poisson likelihood)", fit.Counts, pluralNoun(fit.Counts, "count", "counts"),
		fit.Studies, pluralNoun(fit.Studies, "study", "studies"))
	if !fit.Bounded[0] && !fit.Bounded[1] {
		return from + fmt.Sprintf(": the counts do not constrain it (95%% profile-likelihood interval spans the whole range searched, %g to %g)", recognizer.MinDecade, recognizer.MaxDecade)
	}
	lo, hi := strconv.FormatFloat(fit.Lo, 'g', 2, 64), strconv.FormatFloat(fit.Hi, 'g', 2, 64)
	if !fit.Bounded[0] {
		lo = "below " + lo
	}
	if !fit.Bounded[1] {
		hi = "above " + hi
	}
	verdict := "consistent with the value used"
	if fit.Deviance > 3.84 {
		verdict = "the value used lies outside it"
	}
	return from + fmt.Sprintf(": %.2g, 95%% profile-likelihood interval %s to %s; %s", fit.Decade, lo, hi, verdict)
}

// pluralNoun picks the noun for a count without writing the count.
func pluralNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// oneIn writes a small rate as "1 in N", N to two significant digits.
func oneIn(r float64) string {
	if r <= 0 {
		return "0"
	}
	n := 1 / r
	mag := math.Pow(10, math.Floor(math.Log10(n))-1)
	return printer.Sprintf("1 in %.0f", math.Round(n/mag)*mag)
}

func percent(r float64) string {
	return strconv.FormatFloat(100*r, 'g', 3, 64) + "%"
}

func multiplier(m recognizer.Multiplier) string {
	return fmt.Sprintf("%g (%g-%g)", m.Value, m.Range[0], m.Range[1])
}
