package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"vigie/metrics"
)

// Figure is one chart: its ECharts option (built with go-echarts), a title
// and a caption computed from the results. The report and the PNG export
// draw the same Figure.
type Figure struct {
	ID      string
	Title   string
	Caption string
	// Width and Height are the chart's size in CSS pixels; Width 0 means
	// the report's full column.
	Width, Height int
	// Section is the report section the chart stands in: "" for the
	// charts, "pipeline" for what the real pipeline measured.
	Section string
	option  obj
}

// obj is an ECharts option fragment.
type obj = map[string]any

// Colours chosen to stay apart for colour-blind readers and in print.
var (
	regimePalette = []string{"#4c72b0", "#dd8452", "#55a868", "#8172b3", "#c44e52", "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"}
	groupPalette  = []string{"#e6a157", "#a0522d", "#3d2314", "#6a8fc7", "#7fb069", "#b565a7"}
	colTrue       = "#1a9850"
	colFalse      = "#d7301f"
	colInk        = "#222222"
	colMuted      = "#777777"
	fontFamily    = "Helvetica, Arial, sans-serif"
)

// tint maps a colour to a light version, for bars that carry a label.
var tint = map[string]string{"#4c72b0": "#c5d1e8", "#c44e52": "#eec3c4"}

func regimeColor(i int) string { return regimePalette[i%len(regimePalette)] }
func groupColor(i int) string  { return groupPalette[i%len(groupPalette)] }

// Figures builds every chart of the report, in reading order.
func Figures(res metrics.Results, o Options) []Figure {
	in := o.tongue()
	figs := []Figure{
		in.regimesFigure(res),
		in.frontierFigure(res, o.Sweep),
		in.groupsFigure(res),
		in.funnelFigure(res),
		in.mapFigure(res),
		in.timelineFigure(res),
	}
	if len(galleries(res.Regimes)) > 0 {
		figs = append(figs, in.galleryFigure(res))
	}
	figs = append(figs, in.daysFigures(res)...)
	if len(shownRates(res)) > 0 {
		figs = append(figs, in.pipelineFigure(res))
	}
	return figs
}

// optionOf turns a go-echarts chart into its option and applies the
// report's shared look.
func optionOf(c interface {
	Validate()
	JSON() map[string]interface{}
}) obj {
	c.Validate()
	o := c.JSON()
	o["animation"] = false
	o["textStyle"] = obj{"fontFamily": fontFamily, "color": colInk}
	o["backgroundColor"] = "#ffffff"
	delete(o, "toolbox")
	return o
}

// seriesOf returns the go-echarts series of an option, so that series
// go-echarts has no type for (lines, custom) can be added beside them.
func seriesOf(o obj) []any {
	var out []any
	if ms, ok := o["series"].(charts.MultiSeries); ok {
		for _, s := range ms {
			out = append(out, s)
		}
	}
	return out
}

func newRect(extra ...charts.GlobalOpts) []charts.GlobalOpts {
	base := []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Type: "scroll"}),
	}
	return append(base, extra...)
}

// regimesFigure draws regimes side by side: security then liberty, one
// small panel per measure, the regimes as rows.
func (in tongue) regimesFigure(res metrics.Results) Figure {
	rs := res.Regimes
	type panel struct {
		title string
		color string
		value func(m metrics.RegimeMetrics) (float64, string, bool)
	}
	panels := []panel{
		{in.T("chart.regimes.located"), "#4c72b0", func(m metrics.RegimeMetrics) (float64, string, bool) {
			return float64(m.WantedLocated), in.T("fmt.out_of", in.count(m.WantedLocated), in.count(m.WantedTotal)), true
		}},
		{in.T("chart.regimes.hours"), "#4c72b0", func(m metrics.RegimeMetrics) (float64, string, bool) {
			if m.MedianMinutesToLocate == nil {
				return 0, "", false
			}
			h := *m.MedianMinutesToLocate / 60
			return h, in.T("fmt.h", in.Decimal(h, 1)), true
		}},
		{in.T("chart.regimes.stops"), "#c44e52", func(m metrics.RegimeMetrics) (float64, string, bool) {
			return float64(m.FalseStops), in.count(m.FalseStops), true
		}},
		{in.T("chart.regimes.records"), "#c44e52", func(m metrics.RegimeMetrics) (float64, string, bool) {
			return float64(m.RecordsRetained), in.count(m.RecordsRetained), true
		}},
		{in.T("chart.regimes.visits"), "#c44e52", func(m metrics.RegimeMetrics) (float64, string, bool) {
			d := -m.SensitiveVisitChange
			return 100 * d, in.percent(d), true
		}},
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[len(rs)-1-i] = r.Name // first regime on top
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newRect()...)
	var grids, xs, ys, titles []any
	const left, gap = 16.0, 1.5
	width := (97.0-left)/float64(len(panels)) - gap
	for k, p := range panels {
		data := make([]opts.BarData, len(rs))
		for i, r := range rs {
			v, label, ok := p.value(r.Metrics)
			d := opts.BarData{Name: r.Name, Value: v, Label: &opts.Label{Show: opts.Bool(true), Position: "insideLeft", Color: colInk,
				Formatter: label}}
			if !ok {
				d.Value, d.Label.Formatter = "-", in.T("chart.regimes.none")
			}
			data[len(rs)-1-i] = d
		}
		kk := k
		bar.AddSeries(p.title, data, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.XAxisIndex, s.YAxisIndex = kk, kk
			s.BarWidth = "60%"
		}), charts.WithItemStyleOpts(opts.ItemStyle{Color: tint[p.color]}))
		x := left + float64(k)*(width+gap)
		grids = append(grids, obj{"left": pct(x), "width": pct(width), "top": 70, "bottom": 20})
		xs = append(xs, obj{"gridIndex": k, "type": "value", "show": false, "min": 0})
		ys = append(ys, obj{"gridIndex": k, "type": "category", "data": names, "axisTick": obj{"show": false},
			"axisLabel": obj{"show": k == 0, "fontSize": 13, "color": colInk, "width": 130, "overflow": "truncate"},
			"axisLine":  obj{"show": k == 0}})
		titles = append(titles, obj{"text": p.title, "left": pct(x), "top": 34, "textStyle": obj{"fontSize": 13, "fontWeight": "bold", "color": p.color}})
	}
	o := optionOf(bar)
	o["grid"], o["xAxis"], o["yAxis"] = grids, xs, ys
	o["title"] = append([]any{obj{"text": in.T("chart.security"), "left": pct(left), "top": 8, "textStyle": obj{"fontSize": 12, "color": "#4c72b0"}},
		obj{"text": in.T("chart.liberty"), "left": pct(left + 2*(width+gap)), "top": 8, "textStyle": obj{"fontSize": 12, "color": "#c44e52"}}}, titles...)
	o["legend"] = obj{"show": false}
	o["tooltip"] = obj{"show": true, "trigger": "item"}
	return Figure{ID: "regimes", Title: in.T("chart.regimes.title"),
		Caption: in.regimesCaption(rs), Height: 90 + 44*len(rs), option: o}
}

func pct(v float64) string { return fmt.Sprintf("%.2f%%", v) }

// SweepPoint is one regime at one sweep point, for the trade-off chart.
type SweepPoint struct {
	// Label names the point, e.g. "mass, threshold=0.58".
	Label           string
	WantedLocated   int
	InnocentStopped int
	RecordsRetained int
}

// SweepPoints lists one SweepPoint per regime of a sweep point's results;
// label says which point it is (e.g. "threshold=0.58").
func SweepPoints(label string, res metrics.Results) []SweepPoint {
	out := make([]SweepPoint, 0, len(res.Regimes))
	for _, r := range res.Regimes {
		out = append(out, SweepPoint{Label: r.Name + ", " + label, WantedLocated: r.Metrics.WantedLocated,
			InnocentStopped: r.Metrics.FalseStops, RecordsRetained: r.Metrics.RecordsRetained})
	}
	return out
}

func frontierPoints(res metrics.Results, sweep []SweepPoint) []point {
	var pts []point
	for _, r := range res.Regimes {
		m := r.Metrics
		pts = append(pts, point{name: r.Name, located: m.WantedLocated, stopped: m.FalseStops, records: m.RecordsRetained})
	}
	for _, s := range sweep {
		pts = append(pts, point{name: s.Label, located: s.WantedLocated, stopped: s.InnocentStopped, records: s.RecordsRetained, sweep: true})
	}
	return pts
}

// frontierFigure puts each regime (and sweep point) on security against
// liberty cost; the dot's area grows with the face records retained. Both
// axes count people or stops, so they tick at whole numbers only.
func (in tongue) frontierFigure(res metrics.Results, sweep []SweepPoint) Figure {
	pts := frontierPoints(res, sweep)
	maxRec := 1
	for _, p := range pts {
		maxRec = max(maxRec, p.records)
	}
	size := func(rec int) int { return 12 + int(math.Round(34*math.Sqrt(float64(rec)/float64(maxRec)))) }
	sc := charts.NewScatter()
	sc.SetGlobalOptions(newRect(
		charts.WithXAxisOpts(opts.XAxis{Name: in.T("chart.frontier.x"), NameLocation: "middle", NameGap: 30, Type: "value", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Name: in.T("chart.frontier.y"), NameLocation: "middle", NameGap: 40, Type: "value", MinInterval: 1}),
	)...)
	if len(sweep) > 0 {
		var data []opts.ScatterData
		for _, p := range pts {
			if p.sweep {
				data = append(data, opts.ScatterData{Name: p.name, Value: []int{p.stopped, p.located}, SymbolSize: 8})
			}
		}
		sc.AddSeries(in.T("chart.frontier.sweep"), data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#999999", Opacity: opts.Float(0.6)}))
	}
	// Regimes at the same spot share one dot and one label.
	var dots []any
	at := map[[2]int]int{}
	for i, p := range pts {
		if p.sweep {
			continue
		}
		k := [2]int{p.stopped, p.located}
		if j, ok := at[k]; ok {
			d := dots[j].(obj)
			d["name"] = d["name"].(string) + ", " + p.name
			d["symbolSize"] = max(d["symbolSize"].(int), size(p.records))
			continue
		}
		at[k] = len(dots)
		dots = append(dots, obj{"name": p.name, "value": []int{p.stopped, p.located}, "symbolSize": size(p.records),
			"itemStyle": obj{"color": regimeColor(i), "opacity": 0.85}})
	}
	spreadLabels(dots, pts)
	// The dashed line joins the points nothing beats, sweep points included.
	front := frontier(pts)
	sort.SliceStable(front, func(a, b int) bool { return pts[front[a]].stopped < pts[front[b]].stopped })
	var line [][]int
	for _, i := range front {
		line = append(line, []int{pts[i].stopped, pts[i].located})
	}
	o := optionOf(sc)
	all := append(seriesOf(o), obj{"name": in.T("chart.frontier.regimes"), "type": "scatter", "data": dots, "z": 3,
		"label":       obj{"show": true, "position": "right", "formatter": "{b}", "color": colInk, "fontSize": 13},
		"labelLayout": obj{"moveOverlap": "shiftY"}})
	all = append(all, obj{"name": in.T("chart.frontier.line"), "type": "line", "data": line, "symbol": "none", "z": 1,
		"lineStyle": obj{"type": "dashed", "color": colMuted, "width": 1.5}, "tooltip": obj{"show": false}})
	o["series"] = all
	o["grid"] = obj{"left": 70, "right": 120, "top": 30, "bottom": 55}
	o["legend"] = obj{"show": len(sweep) > 0, "top": 0, "data": []string{in.T("chart.frontier.sweep")}}
	o["tooltip"] = obj{"show": true, "trigger": "item", "formatter": "{b}: {c}"}
	return Figure{ID: "frontier", Title: in.T("chart.frontier.title"),
		Caption: in.frontierCaption(pts) + in.sweepNote(len(sweep)) + " " + in.T("chart.frontier.key"), Height: 460, option: o}
}

// spreadLabels moves the label of a dot that sits close to an earlier one
// to another side, so names near each other stay readable.
func spreadLabels(dots []any, pts []point) {
	maxX, maxY := 1, 1
	for _, p := range pts {
		maxX, maxY = max(maxX, p.stopped), max(maxY, p.located)
	}
	sides := []string{"top", "bottom", "left"}
	for i := range dots {
		a := dots[i].(obj)["value"].([]int)
		near := 0
		for j := 0; j < i; j++ {
			b := dots[j].(obj)["value"].([]int)
			if math.Abs(float64(a[0]-b[0]))/float64(maxX) < 0.05 && math.Abs(float64(a[1]-b[1]))/float64(maxY) < 0.06 {
				near++
			}
		}
		if near > 0 {
			dots[i].(obj)["label"] = obj{"position": sides[(near-1)%len(sides)]}
		}
	}
}

func (in tongue) sweepNote(n int) string {
	if n == 0 {
		return ""
	}
	return " " + in.T("chart.frontier.sweep_note", n)
}

// groupsFigure is a dot-and-whisker plot of each group's false positive
// identification rate (per face scanned) with its 95% interval.
func (in tongue) groupsFigure(res metrics.Results) Figure {
	var rows []string
	groupIndex := map[string]int{}
	for i, g := range res.Scenario.Groups {
		groupIndex[g] = i
	}
	type mark struct {
		row     int
		group   string
		v, l, h float64
	}
	var marks []mark
	rs := scanning(res.Regimes)
	for ri := len(rs) - 1; ri >= 0; ri-- { // first regime on top
		r := rs[ri]
		for gi := len(r.Metrics.ByGroup) - 1; gi >= 0; gi-- {
			g := r.Metrics.ByGroup[gi]
			if g.NonMatedSearches == 0 {
				continue
			}
			marks = append(marks, mark{len(rows), g.Group, 100 * g.FPIR, 100 * g.FPIRCI[0], 100 * g.FPIRCI[1]})
			rows = append(rows, r.Name+" · "+g.Group)
		}
	}
	// A rate has no value above 100%: the axis stops there when the
	// intervals come near it.
	xAxis := opts.XAxis{Name: in.T("chart.groups.x"), NameLocation: "middle", NameGap: 30, Type: "value"}
	for _, m := range marks {
		if m.h > 50 {
			xAxis.Max = 100
		}
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(newRect(charts.WithXAxisOpts(xAxis))...)
	byGroup := map[string][]opts.ScatterData{}
	var order []string
	for _, m := range marks {
		if _, ok := byGroup[m.group]; !ok {
			order = append(order, m.group)
		}
		byGroup[m.group] = append(byGroup[m.group], opts.ScatterData{Value: []float64{m.v, float64(m.row)}, SymbolSize: 11})
	}
	sort.Slice(order, func(a, b int) bool { return groupIndex[order[a]] < groupIndex[order[b]] })
	for _, g := range order {
		sc.AddSeries(g, byGroup[g], charts.WithItemStyleOpts(opts.ItemStyle{Color: groupColor(groupIndex[g])}))
	}
	var whiskers []opts.CustomData
	for _, m := range marks {
		whiskers = append(whiskers, opts.CustomData{Value: []float64{m.l, m.h, float64(m.row)},
			ItemStyle: &opts.ItemStyle{Color: groupColor(groupIndex[m.group])}})
	}
	o := optionOf(sc)
	all := append([]any{obj{"name": in.T("chart.groups.interval"), "type": "custom", "renderItem": opts.FuncOpts(whiskerJS), "data": whiskers,
		"encode": obj{"x": []int{0, 1}, "y": 2}, "z": 1, "tooltip": obj{"show": false}}}, seriesOf(o)...)
	o["series"] = all
	o["yAxis"] = []any{obj{"type": "category", "data": rows, "axisTick": obj{"show": false},
		"splitLine": obj{"show": true, "lineStyle": obj{"color": "#eeeeee"}}, "axisLabel": obj{"color": colInk}}}
	o["grid"] = obj{"left": 190, "right": 40, "top": 40, "bottom": 55}
	o["legend"] = obj{"show": true, "top": 0, "data": order}
	o["tooltip"] = obj{"show": true, "trigger": "item", "formatter": "{a}: {c}"}
	return Figure{ID: "groups", Title: in.T("chart.groups.title"),
		Caption: in.groupsCaption(res.Regimes), Height: 110 + 26*max(len(rows), 3), option: o}
}

// whiskerJS draws an interval [value0, value1] at category value2. It uses
// no <, > or & so that it survives HTML-safe JSON encoding unchanged.
const whiskerJS = `function (params, api) {
  var y = api.coord([0, api.value(2)])[1];
  var a = api.coord([api.value(0), api.value(2)])[0];
  var b = api.coord([api.value(1), api.value(2)])[0];
  var s = {stroke: api.visual('color'), lineWidth: 2};
  return {type: 'group', children: [
    {type: 'line', shape: {x1: a, y1: y, x2: b, y2: y}, style: s},
    {type: 'line', shape: {x1: a, y1: y - 6, x2: a, y2: y + 6}, style: s},
    {type: 'line', shape: {x1: b, y1: y - 6, x2: b, y2: y + 6}, style: s}
  ]};
}`

// funnelFigure follows faces through each regime: scanned, alerts,
// confirmed, stops, and what the stops found. The axis is logarithmic
// because the stages differ by orders of magnitude.
func (in tongue) funnelFigure(res metrics.Results) Figure {
	stages := []string{in.T("chart.funnel.faces"), in.T("chart.funnel.alerts"), in.T("chart.funnel.confirmed"), in.T("chart.funnel.stops"), in.T("chart.funnel.innocent"), in.T("chart.funnel.found")}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newRect(
		charts.WithYAxisOpts(opts.YAxis{Type: "log", Name: in.T("chart.funnel.y"), NameLocation: "middle", NameGap: 55}),
	)...)
	bar.SetXAxis(stages)
	for i, r := range res.Regimes {
		m := r.Metrics
		if m.FacesScanned == 0 {
			continue
		}
		vals := []int{m.FacesScanned, m.Alerts, m.Confirmed, m.Stops, m.FalseStops, m.WantedLocated}
		data := make([]opts.BarData, len(vals))
		for k, v := range vals {
			data[k] = opts.BarData{Value: v}
			if v == 0 { // a log axis has no zero
				data[k] = opts.BarData{Value: "-"}
			}
		}
		bar.AddSeries(r.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: regimeColor(i)}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", FontSize: 10, Color: colInk,
				Formatter: string(opts.FuncOpts(in.thousandsJS()))}))
	}
	o := optionOf(bar)
	o["xAxis"] = []any{obj{"type": "category", "data": stages, "axisLabel": obj{"interval": 0, "fontSize": 13, "lineHeight": 17, "color": colInk}}}
	o["grid"] = obj{"left": 80, "right": 20, "top": 50, "bottom": 56}
	o["tooltip"] = obj{"show": true, "trigger": "axis"}
	return Figure{ID: "funnel", Title: in.T("chart.funnel.title"),
		Caption: in.funnelCaption(res.Regimes), Height: 440, option: o}
}

// thousandsJS formats a bar's value with the language's thousands
// separators, as the browser writes them.
func (in tongue) thousandsJS() string {
	return "function (p) { return Number(p.value).toLocaleString('" + in.T("fmt.locale") + "'); }"
}

// mapFigure draws the city: streets, cameras with their coverage to scale,
// places of note, and where true and false alerts happened.
func (in tongue) mapFigure(res metrics.Results) Figure {
	c := res.City
	w, h := math.Max(c.Width, 1), math.Max(c.Height, 1)
	var streets, arterials []obj
	for _, s := range c.Streets {
		seg := obj{"coords": [][2]float64{{s.X1, s.Y1}, {s.X2, s.Y2}}}
		if s.Arterial {
			arterials = append(arterials, seg)
		} else {
			streets = append(streets, seg)
		}
	}
	var wedges, cams [][]float64
	for _, cam := range c.Cameras {
		wedges = append(wedges, wedge(cam))
		cams = append(cams, []float64{cam.X, cam.Y})
	}
	var places []opts.ScatterData
	for _, p := range c.Places {
		places = append(places, opts.ScatterData{Name: in.placeName(p.Kind), Value: []float64{p.X, p.Y}})
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(newRect()...)
	sc.AddSeries(in.T("chart.map.places"), places, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#b8a27a"}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Symbol = "diamond"; s.SymbolSize = 9 }))
	selected := obj{}
	top := busiest(res.Regimes)
	for i, r := range res.Regimes {
		if len(r.Alerts) == 0 {
			continue
		}
		fn, tn := in.T("chart.map.false", r.Name), in.T("chart.map.true", r.Name)
		// True first, so that false alerts at the same camera draw on top.
		sc.AddSeries(tn, in.alertSpots(r.Alerts, true), charts.WithItemStyleOpts(opts.ItemStyle{Color: colTrue, Opacity: opts.Float(0.85)}))
		sc.AddSeries(fn, in.alertSpots(r.Alerts, false), charts.WithItemStyleOpts(opts.ItemStyle{Color: colFalse, Opacity: opts.Float(0.85)}))
		selected[fn], selected[tn] = i == top, i == top
	}
	o := optionOf(sc)
	all := []any{
		obj{"name": in.T("chart.map.streets"), "type": "lines", "coordinateSystem": "cartesian2d", "data": streets, "silent": true,
			"lineStyle": obj{"color": "#c8c8c8", "width": 1, "opacity": 1}, "z": 1},
		obj{"name": in.T("chart.map.roads"), "type": "lines", "coordinateSystem": "cartesian2d", "data": arterials, "silent": true,
			"lineStyle": obj{"color": "#a0a0a0", "width": 2.5, "opacity": 1}, "z": 1},
		obj{"name": in.T("chart.map.coverage"), "type": "custom", "renderItem": opts.FuncOpts(wedgeJS), "data": wedges, "silent": true,
			"itemStyle": obj{"color": "rgba(76,114,176,0.35)"}, "z": 2},
		obj{"name": in.T("chart.map.cameras"), "type": "scatter", "data": cams, "symbol": "rect", "symbolSize": 6,
			"itemStyle": obj{"color": "#4c72b0"}, "z": 2, "tooltip": obj{"show": false}},
	}
	all = append(all, seriesOf(o)...)
	o["series"] = all
	const side = 620.0
	gw, gh := side, side*h/w
	if gh > side {
		gw, gh = side*w/h, side
	}
	legend := []string{in.T("chart.map.cameras"), in.T("chart.map.places")}
	for _, r := range res.Regimes {
		if len(r.Alerts) > 0 {
			legend = append(legend, in.T("chart.map.false", r.Name), in.T("chart.map.true", r.Name))
		}
	}
	gridTop := 40 + 24*((len(legend)+3)/4)
	o["grid"] = obj{"left": "center", "top": gridTop, "width": gw, "height": gh}
	o["xAxis"] = []any{obj{"type": "value", "min": 0, "max": w, "show": false}}
	o["yAxis"] = []any{obj{"type": "value", "min": 0, "max": h, "show": false}}
	o["legend"] = obj{"show": true, "top": 0, "data": legend, "selected": selected}
	o["tooltip"] = obj{"show": true, "trigger": "item", "formatter": "{a}: {b}"}
	o["dataZoom"] = []any{obj{"type": "inside", "xAxisIndex": 0, "filterMode": "none"}, obj{"type": "inside", "yAxisIndex": 0, "filterMode": "none"}}
	caption := in.mapCaption(res.Regimes, len(c.Cameras)) + " " + in.T("chart.map.key")
	return Figure{ID: "map", Title: in.T("chart.map.title"), Caption: caption,
		Width: 760, Height: int(gh) + gridTop + 30, option: o}
}

// placeName names a kind of place in the report's language, or as the
// results write it when the catalogue does not know it.
func (in tongue) placeName(kind string) string {
	if s := in.T("place." + kind); !strings.HasPrefix(s, "[") {
		return s
	}
	return kind
}

// alertSpots groups alerts of one kind (true or false) by place, in the
// order places first appear; the dot's area grows with the count.
func (in tongue) alertSpots(alerts []metrics.AlertPoint, truth bool) []opts.ScatterData {
	type spot struct{ x, y float64 }
	n := map[spot]int{}
	var order []spot
	for _, a := range alerts {
		if a.True != truth {
			continue
		}
		k := spot{math.Round(a.X), math.Round(a.Y)}
		if n[k] == 0 {
			order = append(order, k)
		}
		n[k]++
	}
	out := make([]opts.ScatterData, len(order))
	for i, k := range order {
		out[i] = opts.ScatterData{Name: in.T("n.alerts", n[k]), Value: []float64{k.x, k.y, float64(n[k])},
			SymbolSize: 6 + int(math.Round(3*math.Sqrt(float64(n[k]))))}
	}
	return out
}

// wedge returns a camera's field of view as five points (apex, then four
// along the arc), flattened to x0,y0,...,x4,y4 in metres.
func wedge(c metrics.CameraDot) []float64 {
	out := []float64{c.X, c.Y}
	half := c.FOVDeg / 2
	for k := 0; k < 4; k++ {
		a := (c.HeadingDeg - half + c.FOVDeg*float64(k)/3) * math.Pi / 180
		out = append(out, c.X+c.RangeM*math.Cos(a), c.Y+c.RangeM*math.Sin(a))
	}
	return out
}

// wedgeJS draws the polygon wedge gives.
const wedgeJS = `function (params, api) {
  var p = function (k) { return api.coord([api.value(k), api.value(k + 1)]); };
  return {type: 'polygon', shape: {points: [p(0), p(2), p(4), p(6), p(8)]}, style: api.style()};
}`

// timelineFigure plots alerts per hour for each regime: false ones solid,
// true ones dashed.
func (in tongue) timelineFigure(res metrics.Results) Figure {
	hoursAxis := make([]string, 24)
	for i := range hoursAxis {
		hoursAxis[i] = fmt.Sprintf("%02d:00", i)
	}
	line := charts.NewLine()
	line.SetGlobalOptions(newRect(
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: in.T("chart.timeline.y"), NameLocation: "middle", NameGap: 40, MinInterval: 1}),
	)...)
	line.SetXAxis(hoursAxis)
	for i, r := range res.Regimes {
		if r.Metrics.Alerts == 0 {
			continue
		}
		fa, tr := make([]opts.LineData, 24), make([]opts.LineData, 24)
		for k := range fa {
			fa[k], tr[k] = opts.LineData{Value: 0}, opts.LineData{Value: 0}
		}
		for _, b := range r.Timeline {
			if b.Hour >= 0 && b.Hour < 24 {
				fa[b.Hour].Value, tr[b.Hour].Value = b.FalseAlerts, b.TrueAlerts
			}
		}
		col := regimeColor(i)
		line.AddSeries(in.T("chart.timeline.false", r.Name), fa, charts.WithLineStyleOpts(opts.LineStyle{Color: col, Width: 2.5}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}))
		line.AddSeries(in.T("chart.timeline.true", r.Name), tr, charts.WithLineStyleOpts(opts.LineStyle{Color: col, Width: 2, Type: "dashed"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}))
	}
	o := optionOf(line)
	o["grid"] = obj{"left": 70, "right": 20, "top": 60, "bottom": 40}
	o["tooltip"] = obj{"show": true, "trigger": "axis"}
	title := in.T("chart.timeline.title")
	if res.Scenario.Days > 1 {
		title = in.T("chart.timeline.title_days", in.T("n.days", res.Scenario.Days))
	}
	return Figure{ID: "timeline", Title: title,
		Caption: in.timelineCaption(res.Regimes), Height: 400, option: o}
}
