package report

import (
	"fmt"
	"math"
	"strings"

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

func besideRows(res metrics.Results) []besideRow {
	p := res.Pipeline
	if p == nil {
		return nil
	}
	var out []besideRow
	for _, r := range p.Regimes {
		out = append(out, besideRow{Regime: r.Regime, Watchlist: count(r.Gallery), Budget: rate(r.FPIRBudget),
			ProfileThreshold: fmt.Sprintf("%.3f", r.ProfileThreshold), Threshold: fmt.Sprintf("%.3f", r.Threshold),
			ProfileFound: rate(r.ProfileFound), Found: rate(r.Found)})
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
// why they differ; "" when the run measured no pipeline beside a profile.
func PipelineComparison(res metrics.Results) string {
	p := res.Pipeline
	if p == nil {
		return ""
	}
	network := "the open dlib network on " + facesPhrase(p.FaceSource)
	pr, ok := besideFocus(res)
	if !ok {
		return sentence(fmt.Sprintf("%s was measured, but no regime searched a watchlist, so it was held to no false-alert budget beside %s.", network, p.System))
	}
	held := fmt.Sprintf("Held to the %s regime's false-alert budget (a false alert on %s against %s names, what %s gives at threshold %.2f), %s needs a distance threshold of %.3f",
		quote(pr.Regime), ofFaces(pr.FPIRBudget), count(pr.Gallery), p.System, pr.ProfileThreshold, network, pr.Threshold)
	const seen = "of the wanted people seen frontally in daylight"
	var cmp string
	switch {
	case pr.ProfileFound <= 0 && pr.Found <= 0:
		cmp = fmt.Sprintf("and, like the profile, finds none %s", seen)
	case closeTo(pr.Found, pr.ProfileFound):
		cmp = fmt.Sprintf("and finds about as many %s as the profile (%s against %s)", seen, rate(pr.Found), rate(pr.ProfileFound))
	case pr.Found <= 0:
		cmp = fmt.Sprintf("and then finds none %s, against %s for the profile", seen, rate(pr.ProfileFound))
	case pr.Found < pr.ProfileFound:
		cmp = fmt.Sprintf("and then finds %s %s, against %s for the profile", rate(pr.Found), seen, rate(pr.ProfileFound))
	default:
		cmp = fmt.Sprintf("and then finds more %s than the profile (%s against %s)", seen, rate(pr.Found), rate(pr.ProfileFound))
	}
	why := "; the network is open and runs here, but it is not the system the profile describes."
	if p.FaceSource == metrics.FacesGenerated && pr.Found < pr.ProfileFound && !closeTo(pr.Found, pr.ProfileFound) {
		why = ": the difference is the open network on generated faces, which it sees as too alike (README, Known gaps), not a measurement of the deployed system."
	}
	return held + " " + cmp + why
}

// closeTo says whether two shares differ by less than a tenth of the
// larger, or both by less than half a percentage point.
func closeTo(a, b float64) bool {
	return math.Abs(a-b) < math.Max(0.005, 0.1*math.Max(a, b))
}

// ofFaces says what share of faces scanned a rate is: "1 in 6,000 faces
// scanned", "0.17% of faces scanned".
func ofFaces(r float64) string {
	if s := rate(r); strings.HasPrefix(s, "1 in ") {
		return s + " faces scanned"
	}
	return rate(r) + " of faces scanned"
}
