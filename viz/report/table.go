package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"vigie/metrics"
)

// WriteSummary prints what a run found for a terminal, in a language ("" is
// English): one line on what was simulated, the regimes side by side, a
// legend, then the report's summary sentences. Every column says what it
// counts: faces, alerts and stops are events, wanted persons located are
// people.
func WriteSummary(w io.Writer, res metrics.Results, lang string) error {
	in, err := speak(lang)
	if err != nil {
		return err
	}
	s := res.Scenario
	rec := res.Manifest.Recognizer
	if p := res.Manifest.Profile; p != "" {
		rec = in.T("cli.recognizer_profile", rec, p)
	}
	fmt.Fprintln(w, in.T("cli.head", s.Name, in.T("n.citizens", s.Population), in.T("n.cameras", s.Cameras),
		in.Decimal(s.Hours, decimalsOf(s.Hours)), rec))
	if s.Days > 1 {
		fmt.Fprintln(w, in.T("cli.days", in.T("n.days", s.Days)))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, in.T("cli.columns"))
	for _, r := range res.Regimes {
		m := r.Metrics
		share := "-"
		if m.Alerts > 0 {
			share = in.percent(m.FalseAlertShare.Value)
		}
		located := in.T("fmt.out_of", in.count(m.WantedLocated), in.count(m.WantedTotal))
		if m.FacesScanned == 0 && m.WantedLocated == 0 {
			located = "-"
		}
		passing := "-"
		if m.WantedPassed > 0 {
			passing = in.T("fmt.out_of", in.count(m.WantedAlerted), in.count(m.WantedPassed))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Name, in.count(m.FacesScanned), in.count(m.Alerts), in.count(m.FalseAlerts),
			share, in.count(m.FalseStops), in.Decimal(m.InnocentStoppedPer100k, 1), passing, located, in.T("fmt.percent", in.Signed(100*m.SensitiveVisitChange, 1)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, in.T("cli.legend"))
	fmt.Fprintln(w)
	if c := in.pipelineComparison(res); c != "" {
		fmt.Fprintln(w, in.T("cli.beside", c))
		fmt.Fprintln(w)
	}
	for _, line := range in.summary(res, Options{}) {
		if _, err := fmt.Fprintf(w, "- %s\n", line); err != nil {
			return err
		}
	}
	return nil
}
