package report

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"vigie/metrics"
)

// Runs of several days: figures through time, with the days a scheduled
// world changed regime marked, and captions computed from the day-by-day
// figures (TestDegenerateCaptions feeds them zeros, ties, no change and a
// single day).

// daysFigures are the charts of a run of several days (none for one day).
func (in tongue) daysFigures(res metrics.Results) []Figure {
	if res.Scenario.Days < 2 {
		return nil
	}
	return []Figure{in.daysSecurityFigure(res), in.daysChillingFigure(res), in.daysRecordsFigure(res)}
}

// dayValue reads one number from a day's figures.
type dayValue func(d metrics.DayFigures) float64

// running turns a day's count into the running total up to that day.
func running(days []metrics.DayFigures, v dayValue) []float64 {
	out := make([]float64, len(days))
	sum := 0.0
	for d, f := range days {
		sum += v(f)
		out[d] = sum
	}
	return out
}

func each(days []metrics.DayFigures, v dayValue) []float64 {
	out := make([]float64, len(days))
	for d, f := range days {
		out[d] = v(f)
	}
	return out
}

// daySeries is one line of a chart through time.
type daySeries struct {
	name   string
	values []float64
	color  string
	dashed bool
	// marks is the world whose regime changes the line carries.
	marks *metrics.RegimeResult
}

// lineThroughTime draws lines over the days, the regime changes of a
// scheduled world marked on its line as dotted vertical lines labelled
// with the regime that came in.
func (in tongue) lineThroughTime(days int, yName string, series []daySeries) obj {
	line := charts.NewLine()
	line.SetGlobalOptions(newRect(
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName, NameLocation: "middle", NameGap: 60}),
		charts.WithXAxisOpts(opts.XAxis{Name: in.T("chart.days.x"), NameLocation: "middle", NameGap: 28}),
	)...)
	axis := make([]string, days)
	for i := range axis {
		axis[i] = fmt.Sprint(i + 1)
	}
	line.SetXAxis(axis)
	for _, s := range series {
		data := make([]opts.LineData, len(s.values))
		for d, v := range s.values {
			data[d] = opts.LineData{Value: v}
		}
		style := opts.LineStyle{Color: s.color, Width: 2.5}
		if s.dashed {
			style.Type, style.Width = "dashed", 2
		}
		so := []charts.SeriesOpts{charts.WithLineStyleOpts(style), charts.WithItemStyleOpts(opts.ItemStyle{Color: s.color}),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)})}
		if s.marks != nil && len(s.marks.Schedule) > 1 {
			var items []opts.MarkLineNameXAxisItem
			for _, c := range s.marks.Schedule[1:] {
				items = append(items, opts.MarkLineNameXAxisItem{Name: c.Regime, XAxis: fmt.Sprint(c.Day)})
			}
			so = append(so, charts.WithMarkLineNameXAxisItemOpts(items...), charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol: []string{"none", "none"}, Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: s.color},
				LineStyle: &opts.LineStyle{Color: s.color, Type: "dotted", Width: 1.5}}))
		}
		line.AddSeries(s.name, data, so...)
	}
	o := optionOf(line)
	o["grid"] = obj{"left": 85, "right": 30, "top": 60, "bottom": 55}
	o["tooltip"] = obj{"show": true, "trigger": "axis"}
	return o
}

func locatedOf(d metrics.DayFigures) float64 { return float64(d.WantedLocated) }
func stopsOf(d metrics.DayFigures) float64   { return float64(d.FalseStops) }
func chillingOf(d metrics.DayFigures) float64 {
	return 100 * d.Chilling
}
func heldOf(d metrics.DayFigures) float64 { return float64(d.RecordsHeld) }

// daysSecurityFigure draws what each world bought and cost so far: the
// wanted persons located (solid) and innocent people stopped (dashed),
// as running totals.
func (in tongue) daysSecurityFigure(res metrics.Results) Figure {
	var series []daySeries
	for i := range res.Regimes {
		r := &res.Regimes[i]
		series = append(series,
			daySeries{name: in.T("chart.days.located", r.Name), values: running(r.Days, locatedOf), color: regimeColor(i), marks: r},
			daySeries{name: in.T("chart.days.stopped", r.Name), values: running(r.Days, stopsOf), color: regimeColor(i), dashed: true})
	}
	return Figure{ID: "days-security", Title: in.T("chart.days.security_title"), Caption: in.daysSecurityCaption(res.Regimes),
		Height: 420, option: in.lineThroughTime(res.Scenario.Days, in.T("chart.days.people"), series)}
}

// daysChillingFigure draws the share of planned sensitive visits given up
// each day.
func (in tongue) daysChillingFigure(res metrics.Results) Figure {
	series := dailySeries(res, chillingOf)
	return Figure{ID: "days-chilling", Title: in.T("chart.days.chilling_title"), Caption: in.daysChillingCaption(res.Regimes),
		Height: 400, option: in.lineThroughTime(res.Scenario.Days, in.T("chart.days.chilling_y"), series)}
}

// dailySeries gives each world one line of a day's value, in its colour,
// with its regime changes marked.
func dailySeries(res metrics.Results, v dayValue) []daySeries {
	var series []daySeries
	for i := range res.Regimes {
		r := &res.Regimes[i]
		series = append(series, daySeries{name: r.Name, values: each(r.Days, v), color: regimeColor(i), marks: r})
	}
	return series
}

// daysRecordsFigure draws the face records held at the end of each day.
func (in tongue) daysRecordsFigure(res metrics.Results) Figure {
	series := dailySeries(res, heldOf)
	return Figure{ID: "days-records", Title: in.T("chart.days.records_title"), Caption: in.daysRecordsCaption(res.Regimes),
		Height: 400, option: in.lineThroughTime(res.Scenario.Days, in.T("chart.days.records_y"), series)}
}

// leaders returns the worlds with the highest total, and that total; none
// when every total is zero.
func leaders(rs []metrics.RegimeResult, total func(r metrics.RegimeResult) int) ([]metrics.RegimeResult, int) {
	var top []metrics.RegimeResult
	best := 0
	for _, r := range rs {
		switch n := total(r); {
		case n > best:
			top, best = []metrics.RegimeResult{r}, n
		case n == best && n > 0:
			top = append(top, r)
		}
	}
	return top, best
}

func daySum(v dayValue) func(r metrics.RegimeResult) int {
	return func(r metrics.RegimeResult) int {
		sum := 0.0
		for _, d := range r.Days {
			sum += v(d)
		}
		return int(sum)
	}
}

// runDays is the number of days the worlds ran (the longest).
func runDays(rs []metrics.RegimeResult) int {
	n := 0
	for _, r := range rs {
		n = max(n, len(r.Days))
	}
	return n
}

// who names the leading worlds and their figure: "“mass” (135)" or
// "“mass” and “creep” (135 each)".
func (in tongue) who(top []metrics.RegimeResult, n int) string {
	if len(top) == 1 {
		return in.T("days.who_one", in.names(top), in.count(n))
	}
	return in.T("days.who_each", in.names(top), in.count(n))
}

// daysSecurityCaption: "Over 90 days, most wanted persons located: “mass”
// and “creep” (135 each); most innocent people stopped: “mass” (2,515)."
func (in tongue) daysSecurityCaption(rs []metrics.RegimeResult) string {
	located, nl := leaders(rs, daySum(locatedOf))
	stopped, ns := leaders(rs, daySum(stopsOf))
	found, harmed := in.T("days.security.no_located"), in.T("days.security.no_stopped")
	if nl > 0 {
		found = in.T("days.security.located", in.who(located, nl))
	}
	if ns > 0 {
		harmed = in.T("days.security.stopped", in.who(stopped, ns))
	}
	return sentence(in.T("days.security", in.T("n.days", runDays(rs)), found, harmed))
}

// mean is the average of a measure over days [from, to) (0 when empty).
func mean(days []metrics.DayFigures, from, to int, v dayValue) float64 {
	from, to = max(0, from), min(len(days), to)
	if to <= from {
		return 0
	}
	sum := 0.0
	for _, d := range days[from:to] {
		sum += v(d)
	}
	return sum / float64(to-from)
}

// tailDays is how many of the last days stand for where a world ended.
const tailDays = 7

// daysChillingCaption tells what a scheduled world's chilling did through
// its changes, most of all whether it came back after a rollback; without
// a schedule, which world chilled visits most.
func (in tongue) daysChillingCaption(rs []metrics.RegimeResult) string {
	for _, r := range rs {
		if len(r.Schedule) > 1 && len(r.Days) > 0 {
			return in.scheduleChilling(r)
		}
	}
	top, _ := leaders(rs, func(r metrics.RegimeResult) int {
		return int(10000 * mean(r.Days, 0, len(r.Days), func(d metrics.DayFigures) float64 { return d.Chilling }))
	})
	if len(top) == 0 {
		return in.T("days.chilling.none")
	}
	share := mean(top[0].Days, 0, len(top[0].Days), func(d metrics.DayFigures) float64 { return d.Chilling })
	return in.T("days.chilling.most", in.names(top), in.percent(share), in.T("n.days", runDays(rs)))
}

// scheduleChilling compares a scheduled world's chilling before its first
// change, while the changes held, and over its last days.
func (in tongue) scheduleChilling(r metrics.RegimeResult) string {
	share := func(d metrics.DayFigures) float64 { return d.Chilling }
	first, last := r.Schedule[1], r.Schedule[len(r.Schedule)-1]
	n := len(r.Days)
	before := mean(r.Days, 0, first.Day-1, share)
	during := mean(r.Days, first.Day-1, last.Day-1, share)
	tail := min(tailDays, n-last.Day+1)
	end := mean(r.Days, n-tail, n, share)
	name := in.quote(r.Name)
	if before == 0 && during == 0 && end == 0 {
		return in.T("days.chilling.never", name)
	}
	rolledBack := len(r.Schedule) > 2 && last.Regime == r.Schedule[0].Regime
	if !rolledBack {
		return in.T("days.chilling.change", name, in.percent(before), first.Day, in.quote(first.Regime), in.percent(mean(r.Days, first.Day-1, n, share)))
	}
	verdict := in.T("days.chilling.back")
	switch {
	case in.percent(end) == in.percent(before):
	case end > before:
		verdict = in.T("days.chilling.not_back", in.percent(before))
	default:
		verdict = in.T("days.chilling.below", in.percent(before))
	}
	return in.T("days.chilling.rollback", name, in.percent(before), first.Day, in.percent(during), last.Day,
		in.quote(last.Regime), in.T("n.last_days", tail), in.percent(end), verdict)
}

// daysRecordsCaption says which world held the most face records at the
// end, and what a world rolled back to a regime that keeps none still held.
func (in tongue) daysRecordsCaption(rs []metrics.RegimeResult) string {
	n := runDays(rs)
	top, most := leaders(rs, func(r metrics.RegimeResult) int {
		if len(r.Days) == 0 {
			return 0
		}
		return r.Days[len(r.Days)-1].RecordsHeld
	})
	if len(top) == 0 {
		return in.T("days.records.none")
	}
	text := in.T("days.records.most", n, in.who(top, most))
	for _, r := range rs {
		if len(r.Schedule) < 2 || len(r.Days) == 0 {
			continue
		}
		lastDay, change := r.Days[len(r.Days)-1], r.Schedule[len(r.Schedule)-1]
		madeSince := 0
		for _, d := range r.Days[min(len(r.Days), max(0, change.Day-1)):] {
			madeSince += d.RecordsNew
		}
		// Records held though the last regime made none are what the
		// earlier regimes left behind.
		if madeSince == 0 && lastDay.RecordsHeld > 0 {
			text += " " + in.T("days.records.still", in.quote(r.Name), in.T("n.face_records", lastDay.RecordsHeld), change.Day, in.quote(change.Regime))
		}
	}
	return text
}
