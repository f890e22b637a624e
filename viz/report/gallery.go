package report

import (
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"vigie/metrics"
)

// galleries returns the regimes that search a scraped gallery.
func galleries(rs []metrics.RegimeResult) []metrics.RegimeResult {
	var out []metrics.RegimeResult
	for _, r := range rs {
		if r.Gallery != nil {
			out = append(out, r)
		}
	}
	return out
}

// galleryFigure draws, for each scraped-gallery regime, the chance per
// search that the gallery ranks the right person first, that the
// investigator picks the right person, and that the search ends in a false
// lead (the model's chances for the suspects the city's cameras recorded):
// one unit, a share of searches, for every bar.
func (in tongue) galleryFigure(res metrics.Results) Figure {
	gs := galleries(res.Regimes)
	names := make([]string, len(gs))
	for i, r := range gs {
		names[i] = r.Name
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(newRect(
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Max: 100, Name: in.T("chart.gallery.y"), NameLocation: "middle", NameGap: 45}),
	)...)
	bar.SetXAxis(names)
	series := []struct {
		label string
		value func(g *metrics.GalleryResult) float64
	}{
		{in.T("chart.gallery.rank1"), func(g *metrics.GalleryResult) float64 { return g.ExpectedRank1 }},
		{in.T("chart.gallery.identified"), func(g *metrics.GalleryResult) float64 { return g.ExpectedIdentified }},
		{in.T("chart.gallery.false_lead"), func(g *metrics.GalleryResult) float64 { return g.ExpectedFalseLeads }},
	}
	for k, s := range series {
		data := make([]opts.BarData, len(gs))
		for i, r := range gs {
			data[i] = opts.BarData{Value: math.Round(1000*s.value(r.Gallery)) / 10}
		}
		bar.AddSeries(s.label, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: groupColor(k)}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", FontSize: 10, Color: colInk}))
	}
	o := optionOf(bar)
	o["grid"] = obj{"left": 70, "right": 20, "top": 50, "bottom": 40}
	o["tooltip"] = obj{"show": true, "trigger": "axis"}
	return Figure{ID: "gallery", Title: in.T("chart.gallery.title"), Caption: in.galleryCaption(res), Height: 380, option: o}
}

// galleryCaption says, for each gallery regime, what its searches found
// and whom it holds, then compares false leads across regimes.
func (in tongue) galleryCaption(res metrics.Results) string {
	gs := galleries(res.Regimes)
	var parts []string
	for _, r := range gs {
		parts = append(parts, in.gallerySentences(r, res.Scenario.Population)...)
	}
	if c := in.galleryComparison(gs); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, " ")
}

func (in tongue) gallerySentences(r metrics.RegimeResult, population int) []string {
	g, name := r.Gallery, in.quote(r.Name)
	var out []string
	switch {
	case g.SuspectsWithStill == 0:
		out = append(out, in.T("gallery.no_still", name))
	case g.Searches == 0:
		out = append(out, in.T("gallery.no_search", name))
	default:
		out = append(out, in.T("gallery.found", name, in.Percent(g.ExpectedRank1, 0), in.Percent(g.HeldShareOfSuspects, 0),
			in.Percent(g.ExpectedIdentified, 0), in.Percent(g.ExpectedFalseLeads, 0), in.T("n.searches", g.Searches),
			in.T("n.innocent_investigated", g.InnocentResidents)))
	}
	// What it still holds: the faces it collected less the erasures it
	// honoured.
	held := g.ResidentsHeld - g.ErasureHonoured
	share := in.Percent(float64(held)/float64(max(1, population)), 0)
	switch {
	case held == 0:
		out = append(out, in.T("gallery.held_none"))
	case g.HeldWithoutBasis > 0:
		out = append(out, in.T("gallery.held_no_basis", in.T("n.residents", held), share))
	default:
		out = append(out, in.T("gallery.held_basis", in.T("n.residents", held), share))
	}
	return out
}

// galleryComparison names the regimes with the most and the fewest false
// leads per search (the model's chance), among those that searched; ties are named together,
// and with fewer than two such regimes there is nothing to compare.
func (in tongue) galleryComparison(gs []metrics.RegimeResult) string {
	var searched []metrics.RegimeResult
	for _, r := range gs {
		if r.Gallery.Searches > 0 {
			searched = append(searched, r)
		}
	}
	if len(searched) < 2 {
		return ""
	}
	// Regimes are compared on the figure as the caption writes it (two
	// decimals), so a tie is what a reader would see as one.
	shown := func(r metrics.RegimeResult) float64 { return math.Round(100 * r.Gallery.ExpectedFalseLeads) }
	rate := func(r metrics.RegimeResult) string { return in.Decimal(r.Gallery.ExpectedFalseLeads, 2) }
	hi, lo := shown(searched[0]), shown(searched[0])
	for _, r := range searched {
		hi, lo = math.Max(hi, shown(r)), math.Min(lo, shown(r))
	}
	var most, fewest []metrics.RegimeResult
	for _, r := range searched {
		if shown(r) == hi {
			most = append(most, r)
		}
		if shown(r) == lo {
			fewest = append(fewest, r)
		}
	}
	if len(most) == len(searched) {
		return in.T("gallery.same_leads", in.names(searched), rate(searched[0]))
	}
	return in.T("gallery.most_fewest", in.names(most), rate(most[0]), in.names(fewest), rate(fewest[0]))
}
