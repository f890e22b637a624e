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
	r := res.Recognizer
	return r != nil && (len(r.Groups) > 0 || len(r.Fits) > 0)
}

// facesPhrase names where the pipeline's faces came from, in running text.
func facesPhrase(source string) string {
	switch {
	case source == metrics.FacesGenerated:
		return "Vigie's generated faces"
	case strings.HasPrefix(source, metrics.FacesFolder):
		return "the faces in the researcher's folder " + quote(strings.TrimPrefix(source, metrics.FacesFolder))
	case source == "":
		return "no faces (published rates only)"
	}
	return "faces from " + quote(source)
}

// shownRates are the recognizer's rates for the regimes that recognised
// faces: a regime that scanned none (such as "none") has a threshold, but
// its rates describe nothing that happened.
func shownRates(res metrics.Results) []metrics.GroupRates {
	if res.Recognizer == nil {
		return nil
	}
	idle := map[string]bool{}
	for _, r := range res.Regimes {
		idle[r.Name] = r.Metrics.FacesScanned == 0
	}
	var out []metrics.GroupRates
	for _, g := range res.Recognizer.Groups {
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
func whyFocus(name string, rs []metrics.RegimeResult) string {
	for _, r := range rs {
		if r.Name == name {
			mode := "retrospective"
			if r.Live {
				mode = "live"
			}
			return fmt.Sprintf("the %s regime with the largest watchlist (%s)", mode, count(r.Watchlist))
		}
	}
	return "the first regime reported"
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
func pipelineCaption(res metrics.Results) string {
	rep := res.Recognizer
	shown := shownRates(res)
	regime := focusRegime(shown, res.Regimes)
	if regime == "" {
		return fmt.Sprintf("On %s the pipeline measured no rate per group; the table below gives the fitted distributions.", facesPhrase(rep.FaceSource))
	}
	rates := ratesOf(shown, regime)
	on := fmt.Sprintf("On %s, at the %s regime's threshold (%s)", facesPhrase(rep.FaceSource), quote(regime), thresholdText(rep.Scale, rates))
	s := on + ", " + fmrClause(rates)
	if f := fpirSentence(rates, watchlistOf(regime, res.Regimes)); f != "" {
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
func fmrClause(rates []metrics.GroupRates) string {
	var measured []metrics.GroupRates
	pairs := 0
	for _, g := range rates {
		if g.FMR.Trials > 0 {
			measured = append(measured, g)
			pairs += g.FMR.Trials
		}
	}
	if len(measured) == 0 {
		return "the pipeline compared no impostor pair, so false match rates cannot be set beside the published ones."
	}
	hi, lo := extremes(measured, func(g metrics.GroupRates) float64 { return g.FMR.Value })
	pub := publishedSays(hi.PublishedFMR, lo.PublishedFMR, hi.Group, lo.Group)
	switch {
	case hi.FMR.Events == 0:
		phi, plo := extremes(measured, func(g metrics.GroupRates) float64 { return g.PublishedFMR })
		return fmt.Sprintf("the pipeline made no false match in any group (%s); the published figures give from %s (group %s) to %s (group %s).",
			plural(pairs, "impostor pair", "impostor pairs"), rate(plo.PublishedFMR), plo.Group, rate(phi.PublishedFMR), phi.Group)
	case hi.Group == lo.Group:
		return fmt.Sprintf("the pipeline falsely matched %s of impostor pairs in group %s (%s of %s); the published figures say %s.",
			rate(hi.FMR.Value), hi.Group, count(hi.FMR.Events), count(hi.FMR.Trials), rate(hi.PublishedFMR))
	case lo.FMR.Events == 0:
		return fmt.Sprintf("the pipeline falsely matched group %s in %s of impostor pairs (%s of %s) and group %s never (0 of %s); %s.",
			hi.Group, rate(hi.FMR.Value), count(hi.FMR.Events), count(hi.FMR.Trials), lo.Group, count(lo.FMR.Trials), pub)
	}
	return fmt.Sprintf("the pipeline's false matches were %s as frequent for group %s as for group %s (%s vs %s of impostor pairs); %s%s",
		times(hi.FMR.Value/lo.FMR.Value), hi.Group, lo.Group, rate(hi.FMR.Value), rate(lo.FMR.Value), pub, overlapTail(hi.FMR, lo.FMR))
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
func thresholdText(scale string, gs []metrics.GroupRates) string {
	if len(gs) == 0 {
		return scale
	}
	lo, hi := gs[0].Threshold, gs[0].Threshold
	for _, g := range gs {
		lo, hi = math.Min(lo, g.Threshold), math.Max(hi, g.Threshold)
	}
	if hi-lo < 5e-4 {
		return fmt.Sprintf("%s %.3f", scale, lo)
	}
	return fmt.Sprintf("%s %.3f to %.3f by group", scale, lo, hi)
}

// publishedSays gives the published ratio between the two groups the
// pipeline set apart, saying so when the published figures rank them the
// other way round.
func publishedSays(hiPub, loPub float64, hiGroup, loGroup string) string {
	switch {
	case hiPub <= 0 && loPub <= 0:
		return "the published figures give neither group any"
	case loPub <= 0:
		return fmt.Sprintf("the published figures give group %s none", loGroup)
	case hiPub <= 0:
		return fmt.Sprintf("the published figures give group %s none", hiGroup)
	}
	r := hiPub / loPub
	switch {
	case math.Abs(r-1) < 0.05:
		return "the published figures give both groups the same rate"
	case r < 1:
		return fmt.Sprintf("the published figures have it the other way round, %s as high for group %s", times(1/r), loGroup)
	}
	return "the published figures say " + times(r)
}

func overlapTail(hi, lo metrics.Rate) string {
	if hi.CI[0] <= lo.CI[1] {
		return "; the pipeline's 95% intervals overlap, so its gap may be chance."
	}
	return "; the pipeline's 95% intervals do not overlap."
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
func fewerThanPairs(n int) string {
	if n <= 0 {
		return "no impostor pair measured"
	}
	return "fewer than 1 false match in " + plural(n, "measured impostor pair", "measured impostor pairs")
}

// fpirSentence compares the groups the fit gives the highest and lowest
// false positive identification rates against the regime's watchlist. A
// rate the measured pairs cannot reach is stated as a bound, and a ratio
// that rests on one as "at least".
func fpirSentence(rates []metrics.GroupRates, watchlist int) string {
	if len(rates) == 0 {
		return ""
	}
	hi, lo := extremes(rates, func(g metrics.GroupRates) float64 { return g.FPIR })
	if hi.FPIR <= 0 {
		return ""
	}
	against := "Against the watchlist"
	if watchlist >= 0 {
		against += " of " + count(watchlist)
	}
	fewestPairs := hi.FMR.Trials
	for _, g := range rates {
		fewestPairs = min(fewestPairs, g.FMR.Trials)
	}
	if beyondMeasured(hi, watchlist) {
		phi, plo := extremes(rates, func(g metrics.GroupRates) float64 { return g.PublishedFPIR })
		pub := fmt.Sprintf("the published figures give from %s (group %s) to %s (group %s)", rate(plo.PublishedFPIR), plo.Group, rate(phi.PublishedFPIR), phi.Group)
		if phi.Group == plo.Group || math.Abs(phi.PublishedFPIR-plo.PublishedFPIR) <= 0.05*phi.PublishedFPIR {
			pub = "the published figures give " + rate(phi.PublishedFPIR)
		}
		what := "every group's false positive identification rate"
		if hi.Group == lo.Group {
			what = "group " + hi.Group + "'s false positive identification rate"
		}
		return fmt.Sprintf("%s, the fit puts %s in the tail beyond the measured pairs (%s per group), so it gives no figure and cannot rank the groups; %s.",
			against, what, fewerThanPairs(fewestPairs), pub)
	}
	switch {
	case hi.Group == lo.Group:
		return fmt.Sprintf("%s, the fit gives group %s a false positive identification rate of %s (published: %s).",
			against, hi.Group, rate(hi.FPIR), rate(hi.PublishedFPIR))
	case lo.FPIR <= 0 || beyondMeasured(lo, watchlist):
		floor := fpirFloor(lo, watchlist)
		s := fmt.Sprintf("%s, the fit gives group %s a false positive identification rate of %s and group %s a rate beyond the measured pairs (%s, under %s)",
			against, hi.Group, rate(hi.FPIR), lo.Group, fewerThanPairs(lo.FMR.Trials), rate(floor))
		if r := hi.FPIR / floor; r >= 1.05 {
			s += fmt.Sprintf(", so at least %s lower", times(r))
		}
		return s + "; " + publishedSays(hi.PublishedFPIR, lo.PublishedFPIR, hi.Group, lo.Group) + "."
	}
	return fmt.Sprintf("%s, the fit's false positive identification rate is %s as high for group %s as for group %s (%s vs %s); %s.",
		against, times(hi.FPIR/lo.FPIR), hi.Group, lo.Group, rate(hi.FPIR), rate(lo.FPIR),
		publishedSays(hi.PublishedFPIR, lo.PublishedFPIR, hi.Group, lo.Group))
}

// rate formats a small rate so that it never reads as zero: a percentage
// down to 0.001%, then "1 in 41 million".
func rate(p float64) string {
	if p <= 0 || p >= 1e-5 {
		return percent(p)
	}
	n := 1 / p
	if n >= 1e6 {
		return fmt.Sprintf("1 in %s million", sig2(n/1e6))
	}
	return "1 in " + count(int(math.Round(roundSig2(n))))
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
func sig2(v float64) string {
	r := roundSig2(v)
	if r >= 10 {
		return count(int(math.Round(r)))
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
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
func axisFor(vals []float64, grid int, name string) (obj, float64) {
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
	ax["axisLabel"] = obj{"color": colInk, "formatter": opts.FuncOpts(logPercentJS), "hideOverlap": true}
	return ax, floor
}

// logPercentJS labels a logarithmic percentage axis at its powers of ten:
// "1%", "0.01%", then "1 in 1M" below 1 in 100,000, where decimals grow
// unreadable; anything else gets no label. It uses no <, > or & (see
// whiskerJS).
var logPercentJS = func() string {
	var b strings.Builder
	b.WriteString("function (v) {\n  var names = {")
	for k := 2; k >= -14; k-- {
		if k < 2 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%d': '%s'", k, powerLabel(k))
	}
	b.WriteString("};\n  var k = String(Math.round(Math.log10(v)));\n  return names.hasOwnProperty(k) ? names[k] : '';\n}")
	return b.String()
}()

// powerLabel names 10^k percent: "100%", "0.001%", "1 in 1M", "1 in 10,000M".
func powerLabel(k int) string {
	if k >= -3 {
		return strconv.FormatFloat(math.Pow(10, float64(k)), 'f', -1, 64) + "%"
	}
	return "1 in " + count(int(math.Round(math.Pow(10, float64(-k-4))))) + "M"
}

// pipelineFigure draws, per group, the false match rate (1:1) measured by
// the pipeline with its 95% interval beside the published-rates figure, and
// the false positive identification rate (1:N) the fit gives beside the
// published one.
func pipelineFigure(res metrics.Results) Figure {
	rep := res.Recognizer
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
	xFMR, minFMR := axisFor(fmrVals, 0, "False match rate, % of impostor pairs (1:1)")
	xFPIR, minFPIR := axisFor(fpirVals, 1, "False positive identification rate, % of searches (1:N)")

	measuredName := "measured by the pipeline on " + facesPhrase(rep.FaceSource)
	const publishedName = "published-rates model"
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
		measFMR = append(measFMR, dot(100*g.FMR.Value, minFMR, i, fmt.Sprintf("%s: %s (%s of %s impostor pairs; 95%% interval %s to %s)",
			r.label, rate(g.FMR.Value), count(g.FMR.Events), count(g.FMR.Trials), rate(g.FMR.CI[0]), rate(g.FMR.CI[1]))))
		pubFMR = append(pubFMR, dot(100*g.PublishedFMR, minFMR, i, r.label+": "+rate(g.PublishedFMR)))
		if beyondMeasured(g, r.watchlist) {
			measFPIR = append(measFPIR, boundDot(100*shownFPIR(r), i, fmt.Sprintf("%s: below %s (%s; the fit's tail goes beyond them)",
				r.label, rate(shownFPIR(r)), fewerThanPairs(g.FMR.Trials))))
		} else {
			measFPIR = append(measFPIR, dot(100*g.FPIR, minFPIR, i, r.label+": "+rate(g.FPIR)+" (from the fit)"))
		}
		pubFPIR = append(pubFPIR, dot(100*g.PublishedFPIR, minFPIR, i, r.label+": "+rate(g.PublishedFPIR)))
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
	caption := pipelineCaption(res)
	if only != "" {
		caption += fmt.Sprintf(" The chart shows %s, %s; results.json and group_rates.csv hold every regime.",
			quote(only), whyFocus(only, res.Regimes))
	}
	caption += " Dots: the pipeline (whiskers: 95% interval); diamonds: the published-rates model."
	if boundFPIR(rows) {
		caption += " A triangle: the fit's identification rate lies beyond the measured pairs, below the rate one false match in them would give; it is drawn at that bound."
	}
	if zeroFMR(rows) {
		caption += " A whisker without a dot: no false match, with the rate's 95% upper bound."
	}
	return Figure{ID: "pipeline", Title: "False matches by group: the pipeline beside the published figures", Caption: caption,
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
}

// fitRow is one line of the table of fitted distributions; Genuine and
// Impostor are four cells each: law, n, mean ± sd, KS D (p).
type fitRow struct {
	Group, Bin, Detected string
	Genuine, Impostor    [4]string
}

func pipelineSectionText(res metrics.Results) *pipelineText {
	if !hasPipeline(res) {
		return nil
	}
	rep := res.Recognizer
	s := rep.Sample
	intro := fmt.Sprintf("The %s recognizer ran the real recognition pipeline (detector, landmarks, dlib descriptor, on ONNX Runtime) on %s: %s, %s of which %s detected, %s enrolled on watchlists, %s and %s compared (%s scale).",
		quote(rep.Mode), facesPhrase(rep.FaceSource), plural(s.Identities, "identity", "identities"),
		plural(s.Captures, "capture", "captures"), count(s.Detected), count(s.Enrolled),
		plural(s.GenuinePairs, "genuine pair", "genuine pairs"), plural(s.ImpostorPairs, "impostor pair", "impostor pairs"), rep.Scale)
	if rep.Source != "" {
		intro += " Source: " + strings.TrimSuffix(rep.Source, ".") + "."
	}
	t := &pipelineText{Intro: intro, Notes: rep.Notes}
	for _, f := range rep.Fits {
		t.Fits = append(t.Fits, fitRow{Group: f.Group, Bin: f.Bin,
			Detected: fmt.Sprintf("%s (%s of %s)", percent(f.Detected.Value), count(f.Detected.Events), count(f.Detected.Trials)),
			Genuine:  fitCells(f.Genuine), Impostor: fitCells(f.Impostor)})
	}
	return t
}

// fitCells: "lognormal", "412", "0.231 ± 0.052", "0.041 (p 0.52)".
func fitCells(d metrics.DistFit) [4]string {
	if d.N == 0 {
		return [4]string{"not fitted", "0", "–", "–"}
	}
	c := [4]string{d.Family, count(d.N), fmt.Sprintf("%.3f ± %.3f", d.Mean, d.SD), fmt.Sprintf("%.3f (p %.2g)", d.KS, d.KSP)}
	if d.Family == "" {
		c[0], c[3] = "no fit", "–"
	}
	return c
}

// methodRates says where the report's match rates come from.
func methodRates(res metrics.Results) string {
	const caveat = "That network is not the system used by the police deployments quoted below (NEC NeoFace at South Wales and in the NPL study); Vigie uses it because it is open and runs here."
	rep := res.Recognizer
	if rep == nil || rep.FaceSource == "" {
		return "Match rates come from the published figures below (the published-rates recognizer). With the exact, cached and fitted recognizers they come instead from the dlib ResNet face descriptor that face-api.js ships, run on generated faces. " + caveat
	}
	return fmt.Sprintf("Match rates come from the %s recognizer, which runs the dlib ResNet face descriptor that face-api.js ships on %s. %s",
		quote(rep.Mode), facesPhrase(rep.FaceSource), caveat)
}
