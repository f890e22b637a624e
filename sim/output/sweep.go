package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"vigie/internal/csvcell"
	"vigie/metrics"
)

// SweepRow is one sweep point's results with its parameter values.
type SweepRow struct {
	Point   int
	Seed    uint64
	Values  []any
	Results metrics.Results
}

// sweepColumns are the metrics columns of sweep.csv, after the point,
// seed, parameters and regime.
var sweepColumns = []string{"passers_by", "faces_scanned", "alerts", "true_alerts", "false_alerts",
	"false_alert_share", "fpir_per_face", "fpir_per_passer", "confirmed_by_review", "stops", "false_stops",
	"innocent_stopped_per_100k", "wanted_located", "wanted_total", "median_minutes_to_locate",
	"records_retained", "record_days", "sensitive_visits", "baseline_sensitive_visits", "sensitive_visit_change",
	"fpir_differential"}

// WriteSweepCSV writes one tidy row per sweep point and regime, parameters
// as columns named by their paths, for pandas or R.
func WriteSweepCSV(w io.Writer, params []string, rows []SweepRow) error {
	cw := csv.NewWriter(w)
	header := append([]string{"point", "seed"}, textCells(params)...)
	header = append(append(append(header, "regime"), sweepColumns...), sweepGalleryColumns...)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		for _, reg := range r.Results.Regimes {
			rec := []string{strconv.Itoa(r.Point), strconv.FormatUint(r.Seed, 10)}
			for _, v := range r.Values {
				rec = append(rec, csvcell.Value(v))
			}
			rec = append(append(append(rec, csvcell.Text(reg.Name)), metricCells(reg.Metrics)...), galleryCells(reg.Gallery)...)
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func metricCells(m metrics.RegimeMetrics) []string {
	i := strconv.Itoa
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 8, 64) }
	opt := func(p *float64) string {
		if p == nil {
			return "NA"
		}
		return f(*p)
	}
	return []string{i(m.PassersBy), i(m.FacesScanned), i(m.Alerts), i(m.TrueAlerts), i(m.FalseAlerts),
		f(m.FalseAlertShare.Value), f(m.FPIRPerFace.Value), f(m.FPIRPerPasser.Value), i(m.Confirmed), i(m.Stops),
		i(m.FalseStops), f(m.InnocentStoppedPer100k), i(m.WantedLocated), i(m.WantedTotal),
		opt(m.MedianMinutesToLocate), i(m.RecordsRetained), f(m.RecordDays), i(m.SensitiveVisits),
		i(m.BaselineSensitiveVisits), f(m.SensitiveVisitChange), opt(m.FPIRDifferential)}
}

// WriteChillingCSV writes the chilling index per grid point, regime, group
// and activity, averaged over the sweep's seeds with a 95% t interval over
// seeds (one row per seed when there is one seed only gives a zero-width
// interval). Rows follow the sweep's order.
func WriteChillingCSV(w io.Writer, params []string, rows []SweepRow) error {
	type key struct {
		point         string
		regime, group string
		kind          string
	}
	var order []key
	values := map[key][]float64{}
	planned := map[key]int{}
	for _, r := range rows {
		gridKey := fmt.Sprint(r.Values...)
		for _, reg := range r.Results.Regimes {
			for _, c := range reg.Behaviour.Chilling {
				k := key{gridKey, reg.Name, c.Group, c.Kind}
				if _, seen := values[k]; !seen {
					order = append(order, k)
				}
				values[k] = append(values[k], c.Index)
				planned[k] += c.Planned
			}
		}
	}
	valuesOf := map[string][]any{}
	for _, r := range rows {
		valuesOf[fmt.Sprint(r.Values...)] = r.Values
	}
	cw := csv.NewWriter(w)
	header := append(textCells(params), "regime", "group", "activity", "seeds", "planned_visits", "chilling_index", "ci_low", "ci_high")
	if err := cw.Write(header); err != nil {
		return err
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
	for _, k := range order {
		mean, ci := metrics.MeanCI(values[k])
		rec := []string{}
		for _, v := range valuesOf[k.point] {
			rec = append(rec, csvcell.Value(v))
		}
		rec = append(rec, csvcell.Text(k.regime), csvcell.Text(k.group), csvcell.Text(k.kind), strconv.Itoa(len(values[k])), strconv.Itoa(planned[k]), f(mean), f(ci[0]), f(ci[1]))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// textCells neutralises header cells taken from the scenario (sweep paths).
func textCells(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = csvcell.Text(s)
	}
	return out
}
