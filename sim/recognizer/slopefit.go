package recognizer

import (
	"fmt"
	"math"

	"vigie/internal/detmath"
)

// SlopeFit is the threshold slope of the false match rate (the threshold
// rise that cuts it ten-fold) fitted to a profile's published counts by
// Poisson maximum likelihood, with its 95% profile-likelihood interval.
type SlopeFit struct {
	// Decade is the maximum-likelihood slope; Lo and Hi bound the interval
	// where the deviance stays within 3.84 of its minimum. Bounded says
	// whether each end was found inside the searched range (MinDecade to
	// MaxDecade): an unbounded end means the counts do not constrain it.
	Decade, Lo, Hi float64
	Bounded        [2]bool
	// Counts is how many published counts the fit used, Studies how many
	// studies they came from.
	Counts, Studies int
	// Deviance is 2 x (log-likelihood at the maximum - at the profile's
	// own fmr_decade): over 3.84, the data reject the slope in use.
	Deviance float64
}

// The range of slopes searched: from a ten-fold fall per 0.002 of
// threshold to one per 1.0.
const (
	MinDecade = 0.002
	MaxDecade = 1.0
)

// chi2_95 is the 95% quantile of the chi-squared law with one degree of
// freedom: the profile-likelihood interval's cut.
const chi2_95 = 3.841458820694124

// FitFMRDecade fits the slope to the profile's points that give a count of
// false positives. A point's expected count is its searches times the
// false positive identification rate the profile gives at its threshold
// and watchlist (level fixed by the reference point, the slope free).
// Points of a study that does not say how many searches it made share one
// unknown number, estimated with the slope (profile likelihood), so only
// how their counts change with the threshold informs the slope.
func FitFMRDecade(p Profile) (SlopeFit, error) {
	type study struct {
		known  bool
		points []PublishedPoint
	}
	var order []string
	studies := map[string]*study{}
	counts := 0
	for i, pt := range p.Points {
		if pt.FalsePositives == nil {
			continue
		}
		counts++
		key := pt.Study
		if key == "" || pt.Searches > 0 {
			key = fmt.Sprintf("point %d", i)
		}
		s, ok := studies[key]
		if !ok {
			s = &study{known: pt.Searches > 0}
			studies[key] = s
			order = append(order, key)
		}
		s.points = append(s.points, pt)
	}
	if counts == 0 {
		return SlopeFit{}, fmt.Errorf("profile %s gives no counts of false positives to fit the slope to", p.Name)
	}
	p1 := -math.Expm1(math.Log1p(-p.FPIR) / float64(p.ReferenceWatchlist))
	rate := func(pt PublishedPoint, decade float64) float64 {
		p1t := math.Min(1, p1*detmath.Pow(10, -(pt.Threshold-p.ReferenceThreshold)/decade))
		return -math.Expm1(float64(pt.Watchlist) * math.Log1p(-p1t))
	}
	loglik := func(decade float64) float64 {
		ll := 0.0
		for _, key := range order {
			s := studies[key]
			lambda := make([]float64, len(s.points))
			if s.known {
				for k, pt := range s.points {
					lambda[k] = float64(pt.Searches) * rate(pt, decade)
				}
			} else {
				// The unknown number of searches at its maximum: total
				// count over total rate.
				n, r := 0.0, 0.0
				for _, pt := range s.points {
					n += float64(*pt.FalsePositives)
					r += rate(pt, decade)
				}
				for k, pt := range s.points {
					lambda[k] = n / r * rate(pt, decade)
				}
			}
			for k, pt := range s.points {
				ll += poissonLogLik(*pt.FalsePositives, lambda[k])
			}
		}
		return ll
	}
	// A fine grid on a log scale: the likelihood may be flat or peak at an
	// end, where a local search would stop anywhere.
	const steps = 4000
	grid := make([]float64, steps+1)
	ll := make([]float64, steps+1)
	best := 0
	for i := range grid {
		grid[i] = MinDecade * detmath.Pow(MaxDecade/MinDecade, float64(i)/steps)
		ll[i] = loglik(grid[i])
		if ll[i] > ll[best] {
			best = i
		}
	}
	fit := SlopeFit{Decade: grid[best], Counts: counts, Studies: len(order)}
	lo, hi := best, best
	for lo > 0 && 2*(ll[best]-ll[lo-1]) <= chi2_95 {
		lo--
	}
	for hi < steps && 2*(ll[best]-ll[hi+1]) <= chi2_95 {
		hi++
	}
	fit.Lo, fit.Hi = grid[lo], grid[hi]
	fit.Bounded = [2]bool{lo > 0, hi < steps}
	if p.FMRDecade > 0 {
		fit.Deviance = 2 * (ll[best] - loglik(p.FMRDecade))
	}
	return fit, nil
}

// poissonLogLik is log P(k | lambda) without the log k! term, which does
// not depend on the slope.
func poissonLogLik(k int, lambda float64) float64 {
	if lambda <= 0 {
		if k == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	return float64(k)*math.Log(lambda) - lambda
}
