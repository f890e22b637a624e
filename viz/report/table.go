package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"vigie/metrics"
)

// WriteSummary prints what a run found for a terminal: one line on what was
// simulated, the regimes side by side, then the report's summary sentences.
// Every column says what it counts: faces, alerts and stops are events,
// wanted persons located are people.
func WriteSummary(w io.Writer, res metrics.Results) error {
	s := res.Scenario
	fmt.Fprintf(w, "%s: %s, %s, %g h; recognizer %s\n\n", s.Name, plural(s.Population, "citizen", "citizens"),
		plural(s.Cameras, "camera", "cameras"), s.Hours, res.Manifest.Recognizer)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "regime\tfaces scanned\talerts\tfalse\t% false\tinnocent stops\tper 100k\twanted located\tsensitive visits\t")
	for _, r := range res.Regimes {
		m := r.Metrics
		share := "-"
		if m.Alerts > 0 {
			share = percent(m.FalseAlertShare.Value)
		}
		located := fmt.Sprintf("%s of %s", count(m.WantedLocated), count(m.WantedTotal))
		if m.FacesScanned == 0 && m.WantedLocated == 0 {
			located = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%s\t%+.1f%%\t\n", r.Name, count(m.FacesScanned), count(m.Alerts), count(m.FalseAlerts),
			share, count(m.FalseStops), m.InnocentStoppedPer100k, located, 100*m.SensitiveVisitChange)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nFaces, alerts and stops count events (one person can be stopped twice); wanted located counts people, of those")
	fmt.Fprintln(w, "on the regime's list; per 100k: stops of innocent people per 100,000 innocent passers-by.")
	fmt.Fprintln(w)
	for _, line := range summary(res, Options{}) {
		if _, err := fmt.Fprintf(w, "- %s\n", line); err != nil {
			return err
		}
	}
	return nil
}
