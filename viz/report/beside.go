package report

import (
	"math"

	"vigie/metrics"
)

// The open pipeline beside a deployed-system profile: when a run draws its
// outcomes from a profile and measures the pipeline on the same city
// (results.json "pipeline"), one computed sentence says how the two
// compare, and a table gives the figures per regime.

// besideRow is one regime of the comparison table, formatted.
type besideRow struct {
	Regime, Watchlist, Budget, ProfileThreshold, Threshold, ProfileFound, Found string
}

func (in tongue) besideRows(res metrics.Results) []besideRow {
	p := res.Pipeline
	if p == nil {
		return nil
	}
	var out []besideRow
	for _, r := range p.Regimes {
		out = append(out, besideRow{Regime: r.Regime, Watchlist: in.count(r.Gallery), Budget: in.rate(r.FPIRBudget),
			ProfileThreshold: in.Decimal(r.ProfileThreshold, 3), Threshold: in.Decimal(r.Threshold, 3),
			ProfileFound: in.rate(r.ProfileFound), Found: in.rate(r.Found)})
	}
	return out
}

// besideFocus picks the regime the sentence speaks of: a live regime that
// scanned faces before any other, then the largest watchlist, then the
// first listed; ok is false when no regime searched a watchlist.
func besideFocus(res metrics.Results) (metrics.PipelineRegime, bool) {
	byName := map[string]metrics.RegimeResult{}
	for _, r := range res.Regimes {
		byName[r.Name] = r
	}
	rank := func(pr metrics.PipelineRegime) int {
		r := byName[pr.Regime]
		k := 0
		if r.Live {
			k += 2
		}
		if r.Metrics.FacesScanned > 0 {
			k++
		}
		return k
	}
	var best metrics.PipelineRegime
	found := false
	for _, pr := range res.Pipeline.Regimes {
		if !found || rank(pr) > rank(best) || (rank(pr) == rank(best) && pr.Gallery > best.Gallery) {
			best, found = pr, true
		}
	}
	return best, found
}

// PipelineComparison says in one sentence, from the numbers, how the open
// pipeline measured beside a deployed-system profile compares with it, and
// why they differ, in a language ("" is English); "" when the run measured
// no pipeline beside a profile.
func PipelineComparison(res metrics.Results, lang string) (string, error) {
	in, err := speak(lang)
	if err != nil {
		return "", err
	}
	return in.pipelineComparison(res), nil
}

func (in tongue) pipelineComparison(res metrics.Results) string {
	p := res.Pipeline
	if p == nil {
		return ""
	}
	network := in.T("beside.network", in.facesPhrase(p.FaceSource))
	pr, ok := besideFocus(res)
	if !ok {
		return sentence(in.T("beside.none_searched", network, p.System))
	}
	held := in.T("beside.held", in.quote(pr.Regime), in.ofFaces(pr.FPIRBudget), in.count(pr.Gallery), p.System,
		in.Decimal(pr.ProfileThreshold, 2), network, in.Decimal(pr.Threshold, 3))
	var cmp string
	switch {
	case pr.ProfileFound <= 0 && pr.Found <= 0:
		cmp = in.T("beside.cmp_none_both")
	case closeTo(pr.Found, pr.ProfileFound):
		cmp = in.T("beside.cmp_close", in.rate(pr.Found), in.rate(pr.ProfileFound))
	case pr.Found <= 0:
		cmp = in.T("beside.cmp_zero", in.rate(pr.ProfileFound))
	case pr.Found < pr.ProfileFound:
		cmp = in.T("beside.cmp_fewer", in.rate(pr.Found), in.rate(pr.ProfileFound))
	default:
		cmp = in.T("beside.cmp_more", in.rate(pr.Found), in.rate(pr.ProfileFound))
	}
	why := in.T("beside.why_other")
	if p.FaceSource == metrics.FacesGenerated && pr.Found < pr.ProfileFound && !closeTo(pr.Found, pr.ProfileFound) {
		why = in.T("beside.why_generated")
	}
	return held + " " + cmp + why
}

// closeTo says whether two shares differ by less than a tenth of the
// larger, or both by less than half a percentage point.
func closeTo(a, b float64) bool {
	return math.Abs(a-b) < math.Max(0.005, 0.1*math.Max(a, b))
}

// ofFaces says what share of faces scanned a rate is: "1 in 6,000 faces
// scanned", "0.17% of faces scanned" (rate writes "1 in N" below 1e-5).
func (in tongue) ofFaces(r float64) string {
	if r > 0 && r < 1e-5 {
		return in.T("beside.one_in_faces", in.rate(r))
	}
	return in.T("beside.share_of_faces", in.rate(r))
}
