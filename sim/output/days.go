package output

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"

	"vigie/internal/atomicfile"
	"vigie/internal/csvcell"
	"vigie/metrics"
)

// dayMeasures are the measures of days.csv, in order, with how each is
// read from a day's figures.
var dayMeasures = []struct {
	name  string
	value func(d metrics.DayFigures) string
}{
	{"faces_scanned", func(d metrics.DayFigures) string { return strconv.Itoa(d.FacesScanned) }},
	{"alerts", func(d metrics.DayFigures) string { return strconv.Itoa(d.Alerts) }},
	{"true_alerts", func(d metrics.DayFigures) string { return strconv.Itoa(d.TrueAlerts) }},
	{"false_alerts", func(d metrics.DayFigures) string { return strconv.Itoa(d.FalseAlerts) }},
	{"stops", func(d metrics.DayFigures) string { return strconv.Itoa(d.Stops) }},
	{"false_stops", func(d metrics.DayFigures) string { return strconv.Itoa(d.FalseStops) }},
	{"wanted_located", func(d metrics.DayFigures) string { return strconv.Itoa(d.WantedLocated) }},
	{"sensitive_planned", func(d metrics.DayFigures) string { return strconv.Itoa(d.SensitivePlanned) }},
	{"sensitive_made", func(d metrics.DayFigures) string { return strconv.Itoa(d.SensitiveMade) }},
	{"chilling", func(d metrics.DayFigures) string { return strconv.FormatFloat(d.Chilling, 'g', 8, 64) }},
	{"belief", func(d metrics.DayFigures) string { return strconv.FormatFloat(d.Belief, 'g', 8, 64) }},
	{"records_new", func(d metrics.DayFigures) string { return strconv.Itoa(d.RecordsNew) }},
	{"records_held", func(d metrics.DayFigures) string { return strconv.Itoa(d.RecordsHeld) }},
}

// WriteDaysCSV writes the figures of a run of several days as a tidy
// table, one row per day, world and measure (day, world, regime in force
// that day, measure, value), for pandas or R to pivot as they need.
func WriteDaysCSV(w io.Writer, res metrics.Results) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"day", "world", "regime", "measure", "value"}); err != nil {
		return err
	}
	for _, r := range res.Regimes {
		for _, d := range r.Days {
			for _, m := range dayMeasures {
				rec := []string{strconv.Itoa(d.Day), csvcell.Text(r.Name), csvcell.Text(d.Regime), m.name, m.value(d)}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeDays writes days.csv for a run of several days; a one-day run has
// none.
func writeDays(dir string, res metrics.Results) error {
	if res.Scenario.Days < 2 {
		return nil
	}
	return atomicfile.WriteFunc(filepath.Join(dir, "days.csv"), func(w io.Writer) error { return WriteDaysCSV(w, res) })
}
