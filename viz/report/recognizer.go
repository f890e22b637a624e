package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"vigie/metrics"
)

// The section "What the real pipeline measured": when the recognizer ran
// the real pipeline on faces (exact, cached, fitted), the rates it measured
// per group stand beside what the published-rates model says for the same
// groups, so a reader sees whether the pipeline on these faces shows the
// same bias as the published figures.

// pipelineSection is the figure's section name (Figure.Section).
const pipelineSection = "pipeline"

// maxPipelineRows is how many regime x group rows the chart shows before it
// keeps only the regime the caption speaks of.
const maxPipelineRows = 20

// Colours of the two sources compared.
const (
	colPipeline  = "#c44e52"
	colPublished = "#4c72b0"
)

// hasPipeline says whether the results carry pipeline measurements to show.
func hasPipeline(res metrics.Results) bool {
	r := res.Measured()
	return r != nil && (len(r.Groups) > 0 || len(r.Fits) > 0)
}

// facesPhrase names where the pipeline's faces came from, in running text.
func (in tongue) facesPhrase(source string) string {
	switch {
	case source == metrics.FacesGenerated:
		return in.T("pipe.faces_generated")
	case source == metrics.FacesFolder:
		return in.T("pipe.faces_folder")
	case source == "":
		return in.T("pipe.faces_none")
	}
	return in.T("pipe.faces_other", in.quote(source))
}

// shownRates are the recognizer's rates for the regimes that recognised
// faces: a regime that scanned none (such as "none") has a threshold, but
// its rates describe nothing that happened.
func shownRates(res metrics.Results) []metrics.GroupRates {
	if res.Measured() == nil {
		return nil
	}
	idle := map[string]bool{}
	for _, r := range res.Regimes {
		idle[r.Name] = r.Metrics.FacesScanned == 0
	}
	var out []metrics.GroupRates
	for _, g := range res.Measured().Groups {
		if !idle[g.Regime] {
			out = append(out, g)
		}
	}
	return out
}

// focusRegime picks the regime the caption speaks of: among the regimes
// rated, a live one before a retrospective one, then the largest
// watchlist, then the first. It returns "" when there is none.
func focusRegime(gs []metrics.GroupRates, rs []metrics.RegimeResult) string {
	byName := map[string]metrics.RegimeResult{}
	for _, r := range rs {
		byName[r.Name] = r
	}
	best, bestLive, bestSize := "", false, -1
	for _, g := range gs {
		r, known := byName[g.Regime]
		live, size := known && r.Live, -1
		if known {
			size = r.Watchlist
		}
		if best == "" || (live && !bestLive) || (live == bestLive && size > bestSize) {
			best, bestLive, bestSize = g.Regime, live, size
		}
	}
	return best
}

// whyFocus says why the caption's regime was chosen.
func (in tongue) whyFocus(name string, rs []metrics.RegimeResult) string {
	for _, r := range rs {
		if r.Name == name {
			if r.Live {
				return in.T("pipe.focus_live", in.count(r.Watchlist))
			}
			return in.T("pipe.focus_retro", in.count(r.Watchlist))
		}
	}
	return in.T("pipe.focus_first")
}

// ratesOf returns the rates for one regime, in report order.
func ratesOf(gs []metrics.GroupRates, regime string) []metrics.GroupRates {
	var out []metrics.GroupRates
	for _, g := range gs {
		if g.Regime == regime {
			out = append(out, g)
		}
	}
	return out
}

// pipelineCaption compares, under the focus regime, the groups the pipeline
// falsely matched most and least often (1:1), then the groups the fit gives
// the highest and lowest identification rates (1:N), each time beside what
// the published figures give for the same two groups.
func (in tongue) pipelineCaption(res metrics.Results) string {
	rep := res.Measured()
	shown := shownRates(res)
	regime := focusRegime(shown, res.Regimes)
	if regime == "" {
		return in.T("pipe.no_rate", in.facesPhrase(rep.FaceSource))
	}
	rates := ratesOf(shown, regime)
	s := in.T("pipe.on", in.facesPhrase(rep.FaceSource), in.quote(regime), in.thresholdText(rep.Scale, rates), in.fmrClause(rates))
	if f := in.fpirSentence(rates, watchlistOf(regime, res.Regimes)); f != "" {
		s += " " + f
	}
	return s
}

// extremes returns the groups with the highest and lowest value, the first
// on ties.
func extremes(gs []metrics.GroupRates, value func(metrics.GroupRates) float64) (hi, lo metrics.GroupRates) {
	hi, lo = gs[0], gs[0]
	for _, g := range gs[1:] {
		if value(g) > value(hi) {
			hi = g
		}
		if value(g) < value(lo) {
			lo = g
		}
	}
	return hi, lo
}

// fmrClause says what the pipeline measured on impostor pairs.
func (in tongue) fmrClause(rates []metrics.GroupRates) string {
	var measured []metrics.GroupRates
	pairs := 0
	for _, g := range rates {
		if g.FMR.Trials > 0 {
			measured = append(measured, g)
			pairs += g.FMR.Trials
		}
	}
	if len(measured) == 0 {
		return in.T("pipe.fmr_no_pair")
	}
	hi, lo := extremes(measured, func(g metrics.GroupRates) float64 { return g.FMR.Value })
	pub := in.publishedSays(hi.PublishedFMR, lo.PublishedFMR, hi.Group, lo.Group)
	switch {
	case hi.FMR.Events == 0:
		phi, plo := extremes(measured, func(g metrics.GroupRates) float64 { return g.PublishedFMR })
		return in.T("pipe.fmr_none", in.T("n.impostor_pairs", pairs), in.rate(plo.PublishedFMR), plo.Group, in.rate(phi.PublishedFMR), phi.Group)
	case hi.Group == lo.Group:
		return in.T("pipe.fmr_one_group", in.rate(hi.FMR.Value), hi.Group, in.count(hi.FMR.Events), in.count(hi.FMR.Trials), in.rate(hi.PublishedFMR))
	case lo.FMR.Events == 0:
		return in.T("pipe.fmr_never", hi.Group, in.rate(hi.FMR.Value), in.count(hi.FMR.Events), in.count(hi.FMR.Trials), lo.Group, in.count(lo.FMR.Trials), pub)
	}
	args := []any{in.times(hi.FMR.Value / lo.FMR.Value), hi.Group, lo.Group, in.rate(hi.FMR.Value), in.rate(lo.FMR.Value), pub}
	if hi.FMR.CI[0] <= lo.FMR.CI[1] {
		return in.T("pipe.fmr_ratio_overlap", args...)
	}
	return in.T("pipe.fmr_ratio_apart", args...)
}

// watchlistOf returns a regime's watchlist size, or -1 when it is unknown.
func watchlistOf(regime string, rs []metrics.RegimeResult) int {
	for _, r := range rs {
		if r.Name == regime {
			return r.Watchlist
		}
	}
	return -1
}

// thresholdText gives the regime's threshold on the recognizer's scale, or
// one range when groups have their own thresholds.
func (in tongue) thresholdText(scale string, gs []metrics.GroupRates) string {
	name := in.scaleName(scale)
	if len(gs) == 0 {
		return name
	}
	lo, hi := gs[0].Threshold, gs[0].Threshold
	for _, g := range gs {
		lo, hi = math.Min(lo, g.Threshold), math.Max(hi, g.Threshold)
	}
	if hi-lo < 5e-4 {
		return in.T("pipe.threshold", name, in.Decimal(lo, 3))
	}
	return in.T("pipe.threshold_range", name, in.Decimal(lo, 3), in.Decimal(hi, 3))
}

// scaleName names a recognizer's score scale in the report's language.
func (in tongue) scaleName(scale string) string {
	switch scale {
	case metrics.ScaleDistance:
		return in.T("pipe.scale_distance")
	case metrics.ScaleSimilarity:
		return in.T("pipe.scale_similarity")
	}
	return scale
}

// publishedSays gives the published ratio between the two groups the
// pipeline set apart, saying so when the published figures rank them the
// other way round.
func (in tongue) publishedSays(hiPub, loPub float64, hiGroup, loGroup string) string {
	switch {
	case hiPub <= 0 && loPub <= 0:
		return in.T("pipe.pub_neither")
	case loPub <= 0:
		return in.T("pipe.pub_none", loGroup)
	case hiPub <= 0:
		return in.T("pipe.pub_none", hiGroup)
	}
	r := hiPub / loPub
	switch {
	case math.Abs(r-1) < 0.05:
		return in.T("pipe.pub_same")
	case r < 1:
		return in.T("pipe.pub_reversed", in.times(1/r), loGroup)
	}
	return in.T("pipe.pub_ratio", in.times(r))
}

// fpirFloor is the false positive identification rate one false match in
// the group's measured impostor pairs would give against a watchlist of the
// given size: a fitted rate below it lies in the tail beyond every measured
// pair, an extrapolation the report shows as a bound, never as a number.
// With no pair measured nothing is known, and the floor is 1.
func fpirFloor(g metrics.GroupRates, watchlist int) float64 {
	if g.FMR.Trials <= 0 {
		return 1
	}
	return 1 - math.Pow(1-1/float64(g.FMR.Trials), float64(max(watchlist, 1)))
}

// beyondMeasured says whether the fit's rate for a group lies below what
// its measured pairs can show.
func beyondMeasured(g metrics.GroupRates, watchlist int) bool {
	return g.FPIR < fpirFloor(g, watchlist)
}

// fewerThanPairs states a bound: "fewer than 1 false match in 1,000
// measured impostor pairs".
func (in tongue) fewerThanPairs(n int) string { return in.T("pipe.fewer_than_pairs", n) }

// fpirSentence compares the groups the fit gives the highest and lowest
// false positive identification rates against the regime's watchlist. A
// rate the measured pairs cannot reach is stated as a bound, and a ratio
// that rests on one as "at least".
func (in tongue) fpirSentence(rates []metrics.GroupRates, watchlist int) string {
	if len(rates) == 0 {
		return ""
	}
	hi, lo := extremes(rates, func(g metrics.GroupRates) float64 { return g.FPIR })
	if hi.FPIR <= 0 {
		return ""
	}
	against := in.T("pipe.against")
	if watchlist >= 0 {
		against = in.T("pipe.against_of", in.count(watchlist))
	}
	fewestPairs := hi.FMR.Trials
	for _, g := range rates {
		fewestPairs = min(fewestPairs, g.FMR.Trials)
	}
	if beyondMeasured(hi, watchlist) {
		phi, plo := extremes(rates, func(g metrics.GroupRates) float64 { return g.PublishedFPIR })
		pub := in.T("pipe.pub_range", in.rate(plo.PublishedFPIR), plo.Group, in.rate(phi.PublishedFPIR), phi.Group)
		if phi.Group == plo.Group || math.Abs(phi.PublishedFPIR-plo.PublishedFPIR) <= 0.05*phi.PublishedFPIR {
			pub = in.T("pipe.pub_one", in.rate(phi.PublishedFPIR))
		}
		if hi.Group == lo.Group {
			return in.T("pipe.fpir_beyond_one", against, hi.Group, in.fewerThanPairs(fewestPairs), pub)
		}
		return in.T("pipe.fpir_beyond_all", against, in.fewerThanPairs(fewestPairs), pub)
	}
	switch {
	case hi.Group == lo.Group:
		return in.T("pipe.fpir_one_group", against, hi.Group, in.rate(hi.FPIR), in.rate(hi.PublishedFPIR))
	case lo.FPIR <= 0 || beyondMeasured(lo, watchlist):
		floor := fpirFloor(lo, watchlist)
		pub := in.publishedSays(hi.PublishedFPIR, lo.PublishedFPIR, hi.Group, lo.Group)
		if r := hi.FPIR / floor; r >= 1.05 {
			return in.T("pipe.fpir_bound_ratio", against, hi.Group, in.rate(hi.FPIR), lo.Group, in.fewerThanPairs(lo.FMR.Trials), in.rate(floor), in.times(r), pub)
		}
		return in.T("pipe.fpir_bound", against, hi.Group, in.rate(hi.FPIR), lo.Group, in.fewerThanPairs(lo.FMR.Trials), in.rate(floor), pub)
	}
	return in.T("pipe.fpir_ratio", against, in.times(hi.FPIR/lo.FPIR), hi.Group, lo.Group, in.rate(hi.FPIR), in.rate(lo.FPIR),
		in.publishedSays(hi.PublishedFPIR, lo.PublishedFPIR, hi.Group, lo.Group))
}

// rate formats a small rate so that it never reads as zero: a percentage
// down to 0.001%, then "1 in 41 million".
func (in tongue) rate(p float64) string {
	if p <= 0 || p >= 1e-5 {
		return in.percent(p)
	}
	n := 1 / p
	if n >= 1e6 {
		return in.T("pipe.one_in_million", in.sig2(n/1e6))
	}
	return in.T("pipe.one_in", in.count(int(math.Round(roundSig2(n)))))
}

// roundSig2 rounds to two significant figures.
func roundSig2(v float64) float64 {
	if v <= 0 {
		return v
	}
	e := math.Pow(10, math.Floor(math.Log10(v))-1)
	return math.Round(v/e) * e
}

// sig2 writes a number with two significant figures: 41, 4.1, 410.
func (in tongue) sig2(v float64) string {
	r := roundSig2(v)
	if r >= 10 {
		return in.count(int(math.Round(r)))
	}
	plain := strconv.FormatFloat(r, 'f', -1, 64)
	digits := 0
	if i := strings.IndexByte(plain, '.'); i >= 0 {
		digits = len(plain) - i - 1
	}
	return in.Decimal(r, digits)
}

// pipelineRow is one regime x group row of the chart.
type pipelineRow struct {
	label     string
	g         metrics.GroupRates
	watchlist int
}

// pipelineRows lists the chart's rows, first regime on top; when there are
// too many, only the focus regime's. It says which regimes it kept.
func pipelineRows(res metrics.Results) (rows []pipelineRow, only string) {
	gs := shownRates(res)
	if len(gs) > maxPipelineRows {
		only = focusRegime(gs, res.Regimes)
		gs = ratesOf(gs, only)
	}
	regimes := map[string]bool{}
	for _, g := range gs {
		regimes[g.Regime] = true
	}
	for i := len(gs) - 1; i >= 0; i-- {
		label := gs[i].Group
		if len(regimes) > 1 {
			label = gs[i].Regime + " · " + gs[i].Group
		}
		rows = append(rows, pipelineRow{label, gs[i], watchlistOf(gs[i].Regime, res.Regimes)})
	}
	return rows, only
}

// axisFor returns an x axis for percentages: logarithmic when the values
// span more than twenty-fold, so that equal gaps read as equal ratios, and
// the smallest value drawn (values below it are not drawn). The axis never
// runs past 100%: a rate has no value above it.
func (in tongue) axisFor(vals []float64, grid int, name string) (obj, float64) {
	lo, hi := math.Inf(1), 0.0
	for _, v := range vals {
		if v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, math.Min(v, 100))
		}
	}
	ax := obj{"gridIndex": grid, "type": "value", "name": name, "nameLocation": "middle", "nameGap": 28,
		"axisLabel": obj{"color": colInk, "hideOverlap": true}, "splitLine": obj{"lineStyle": obj{"color": "#eeeeee"}}}
	if hi == 0 || hi/lo <= 20 {
		ax["min"] = 0
		if hi > 50 {
			ax["max"] = 100
		}
		return ax, 0
	}
	floor := math.Pow(10, math.Floor(math.Log10(lo)))
	ax["type"], ax["min"], ax["logBase"] = "log", floor, 10
	ax["max"] = math.Min(100, math.Pow(10, math.Ceil(math.Log10(hi))))
	ax["axisLabel"] = obj{"color": colInk, "formatter": opts.FuncOpts(in.logPercentJS()), "hideOverlap": true}
	return ax, floor
}

// logPercentJS labels a logarithmic percentage axis at its powers of ten:
// "1%", "0.01%", then "1 in 1M" below 1 in 100,000, where decimals grow
// unreadable; anything else gets no label. It uses no <, > or & (see
// whiskerJS).
func (in tongue) logPercentJS() string {
	var b strings.Builder
	b.WriteString("function (v) {\n  var names = {")
	for k := 2; k >= -14; k-- {
		if k < 2 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%d': '%s'", k, strings.ReplaceAll(in.powerLabel(k), "'", "\\'"))
	}
	b.WriteString("};\n  var k = String(Math.round(Math.log10(v)));\n  return names.hasOwnProperty(k) ? names[k] : '';\n}")
	return b.String()
}

// powerLabel names 10^k percent: "100%", "0.001%", "1 in 1M", "1 in 10,000M".
func (in tongue) powerLabel(k int) string {
	if k >= -3 {
		return in.Percent(math.Pow(10, float64(k))/100, max(0, -k))
	}
	return in.T("pipe.one_in_m", in.count(int(math.Round(math.Pow(10, float64(-k-4))))))
}

// pipelineFigure draws, per group, the false match rate (1:1) measured by
// the pipeline with its 95% interval beside the published-rates figure, and
// the false positive identification rate (1:N) the fit gives beside the
// published one.
func (in tongue) pipelineFigure(res metrics.Results) Figure {
	rep := res.Measured()
	rows, only := pipelineRows(res)
	labels := make([]string, len(rows))
	var fmrVals, fpirVals []float64
	for i, r := range rows {
		labels[i] = r.label
		fmrVals = append(fmrVals, 100*r.g.FMR.Value, 100*r.g.PublishedFMR)
		if r.g.FMR.Trials > 0 {
			fmrVals = append(fmrVals, 100*r.g.FMR.CI[1])
		}
		fpirVals = append(fpirVals, 100*shownFPIR(r), 100*r.g.PublishedFPIR)
	}
	xFMR, minFMR := in.axisFor(fmrVals, 0, in.T("pipe.axis_fmr"))
	xFPIR, minFPIR := in.axisFor(fpirVals, 1, in.T("pipe.axis_fpir"))

	measuredName := in.T("pipe.legend_measured", in.facesPhrase(rep.FaceSource))
	publishedName := in.T("pipe.legend_published")
	sc := charts.NewScatter()
	sc.SetGlobalOptions(newRect()...)
	o := optionOf(sc)
	dot := func(v, floor float64, row int, name string) any {
		if v <= 0 && floor > 0 { // a log axis has no zero
			return obj{"name": name, "value": []any{"-", row}}
		}
		return obj{"name": name, "value": []float64{v, float64(row)}}
	}
	// A bound is a triangle pointing down the axis from the highest value
	// the rate can have.
	boundDot := func(v float64, row int, name string) any {
		return obj{"name": name, "value": []float64{v, float64(row)}, "symbol": "triangle", "symbolRotate": 90}
	}
	var measFMR, pubFMR, measFPIR, pubFPIR, whiskers []any
	for i, r := range rows {
		g := r.g
		measFMR = append(measFMR, dot(100*g.FMR.Value, minFMR, i, in.T("pipe.tip_fmr",
			r.label, in.rate(g.FMR.Value), in.count(g.FMR.Events), in.count(g.FMR.Trials), in.rate(g.FMR.CI[0]), in.rate(g.FMR.CI[1]))))
		pubFMR = append(pubFMR, dot(100*g.PublishedFMR, minFMR, i, in.T("pipe.tip", r.label, in.rate(g.PublishedFMR))))
		if beyondMeasured(g, r.watchlist) {
			measFPIR = append(measFPIR, boundDot(100*shownFPIR(r), i, in.T("pipe.tip_bound", r.label, in.rate(shownFPIR(r)), in.fewerThanPairs(g.FMR.Trials))))
		} else {
			measFPIR = append(measFPIR, dot(100*g.FPIR, minFPIR, i, in.T("pipe.tip_fit", r.label, in.rate(g.FPIR))))
		}
		pubFPIR = append(pubFPIR, dot(100*g.PublishedFPIR, minFPIR, i, in.T("pipe.tip", r.label, in.rate(g.PublishedFPIR))))
		if g.FMR.Trials > 0 {
			whiskers = append(whiskers, []float64{math.Max(100*g.FMR.CI[0], minFMR), 100 * g.FMR.CI[1], float64(i)})
		}
	}
	series := func(name string, grid int, data []any, symbol, color string, hollow bool) obj {
		style := obj{"color": color}
		if hollow {
			style = obj{"color": "#ffffff", "borderColor": color, "borderWidth": 2}
		}
		return obj{"name": name, "type": "scatter", "xAxisIndex": grid, "yAxisIndex": grid, "data": data,
			"symbol": symbol, "symbolSize": 11, "itemStyle": style, "z": 3}
	}
	o["series"] = []any{
		obj{"name": measuredName, "type": "custom", "renderItem": opts.FuncOpts(whiskerJS), "data": whiskers,
			"xAxisIndex": 0, "yAxisIndex": 0, "encode": obj{"x": []int{0, 1}, "y": 2}, "z": 2, "silent": true,
			"itemStyle": obj{"color": colPipeline}, "tooltip": obj{"show": false}},
		series(measuredName, 0, measFMR, "circle", colPipeline, false),
		series(publishedName, 0, pubFMR, "diamond", colPublished, true),
		series(measuredName, 1, measFPIR, "circle", colPipeline, false),
		series(publishedName, 1, pubFPIR, "diamond", colPublished, true),
	}
	left := 40 + 7*min(maxLabel(labels), 28)
	o["grid"] = []any{
		obj{"left": left, "right": "52%", "top": 40, "bottom": 55},
		obj{"left": "54%", "right": 20, "top": 40, "bottom": 55},
	}
	o["xAxis"] = []any{xFMR, xFPIR}
	yAxis := func(grid int, show bool) obj {
		return obj{"gridIndex": grid, "type": "category", "data": labels, "axisTick": obj{"show": false},
			"splitLine": obj{"show": true, "lineStyle": obj{"color": "#eeeeee"}},
			"axisLabel": obj{"show": show, "color": colInk, "width": left - 16, "overflow": "truncate"}}
	}
	o["yAxis"] = []any{yAxis(0, true), yAxis(1, false)}
	o["legend"] = obj{"show": true, "top": 0, "data": []string{measuredName, publishedName}}
	o["tooltip"] = obj{"show": true, "trigger": "item", "formatter": "{a}: {b}"}
	caption := in.pipelineCaption(res)
	if only != "" {
		caption += " " + in.T("pipe.chart_shows", in.quote(only), in.whyFocus(only, res.Regimes))
	}
	caption += " " + in.T("pipe.key")
	if boundFPIR(rows) {
		caption += " " + in.T("pipe.key_bound")
	}
	if zeroFMR(rows) {
		caption += " " + in.T("pipe.key_zero")
	}
	return Figure{ID: "pipeline", Title: in.T("pipe.title"), Caption: caption,
		Section: pipelineSection, Height: 130 + 26*max(len(rows), 3), option: o}
}

// shownFPIR is the identification rate the chart draws for a row: the fit's
// where the measured pairs reach it, else the bound they set.
func shownFPIR(r pipelineRow) float64 {
	if beyondMeasured(r.g, r.watchlist) {
		return fpirFloor(r.g, r.watchlist)
	}
	return r.g.FPIR
}

// boundFPIR says whether some row's identification rate is drawn as a bound.
func boundFPIR(rows []pipelineRow) bool {
	for _, r := range rows {
		if beyondMeasured(r.g, r.watchlist) {
			return true
		}
	}
	return false
}

// zeroFMR says whether some row measured impostor pairs but no false match.
func zeroFMR(rows []pipelineRow) bool {
	for _, r := range rows {
		if r.g.FMR.Trials > 0 && r.g.FMR.Events == 0 {
			return true
		}
	}
	return false
}

func maxLabel(labels []string) int {
	n := 0
	for _, l := range labels {
		n = max(n, len([]rune(l)))
	}
	return n
}

// pipelineText is what the section says around its chart.
type pipelineText struct {
	Intro string
	Notes []string
	Fits  []fitRow
	// Beside compares the pipeline with the deployed-system profile that
	// decided the outcomes, and Regimes gives the figures per regime (both
	// empty when the pipeline decided the outcomes itself).
	Beside  string
	Regimes []besideRow
}

// fitRow is one line of the table of fitted distributions; Genuine and
// Impostor are four cells each: law, n, mean ± sd, KS D (p).
type fitRow struct {
	Group, Bin, Detected string
	Genuine, Impostor    [4]string
}

func (in tongue) pipelineSectionText(res metrics.Results) *pipelineText {
	if !hasPipeline(res) {
		return nil
	}
	rep := res.Measured()
	s := rep.Sample
	intro := in.T("pipe.intro", in.quote(rep.Mode), in.facesPhrase(rep.FaceSource), in.T("n.identities", s.Identities),
		in.T("n.captures", s.Captures), in.count(s.Detected), in.count(s.Enrolled),
		in.T("n.genuine_pairs", s.GenuinePairs), in.T("n.impostor_pairs", s.ImpostorPairs), in.scaleName(rep.Scale))
	if rep.Source != "" {
		intro += " " + in.T("pipe.source", strings.TrimSuffix(rep.Source, "."))
	}
	t := &pipelineText{Intro: intro, Notes: rep.Notes, Beside: in.pipelineComparison(res), Regimes: in.besideRows(res)}
	for _, f := range rep.Fits {
		t.Fits = append(t.Fits, fitRow{Group: f.Group, Bin: f.Bin,
			Detected: in.T("fmt.share_of", in.percent(f.Detected.Value), in.count(f.Detected.Events), in.count(f.Detected.Trials)),
			Genuine:  in.fitCells(f.Genuine), Impostor: in.fitCells(f.Impostor)})
	}
	return t
}

// fitCells: "lognormal", "412", "0.231 ± 0.052", "0.041 (p 0.52)".
func (in tongue) fitCells(d metrics.DistFit) [4]string {
	if d.N == 0 {
		return [4]string{in.T("pipe.not_fitted"), "0", "–", "–"}
	}
	c := [4]string{d.Family, in.count(d.N), in.Decimal(d.Mean, 3) + " ± " + in.Decimal(d.SD, 3), in.T("pipe.ks", in.Decimal(d.KS, 3), in.sig2(d.KSP))}
	if d.Family == "" {
		c[0], c[3] = in.T("pipe.no_fit"), "–"
	}
	return c
}

// methodRates says where the report's match rates come from.
func (in tongue) methodRates(res metrics.Results) string {
	if p := res.Pipeline; p != nil {
		return in.T("method.rates_profile", in.quote(p.Profile), p.System, in.facesPhrase(p.FaceSource), in.quote(in.T("page.pipeline"))) + " " + in.T("method.rates_caveat")
	}
	rep := res.Recognizer
	if rep != nil && rep.Calibration != nil {
		return in.T("method.rates_calibrated", in.quote(rep.Calibration.Profile), in.facesPhrase(rep.FaceSource), in.quote(in.T("page.calibration"))) + " " + in.T("method.rates_caveat")
	}
	if rep == nil || rep.FaceSource == "" {
		return in.T("method.rates_published") + " " + in.T("method.rates_caveat")
	}
	return in.T("method.rates_pipeline", in.quote(rep.Mode), in.facesPhrase(rep.FaceSource)) + " " + in.T("method.rates_caveat")
}
