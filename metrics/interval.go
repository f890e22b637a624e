package metrics

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// z95 is the two-sided 95% standard normal quantile.
var z95 = distuv.UnitNormal.Quantile(0.975)

// Rate is a proportion with its counts and a 95% interval, so a reader can
// always see how many trials a figure rests on.
type Rate struct {
	Events int        `json:"events"`
	Trials int        `json:"trials"`
	Value  float64    `json:"value"`
	CI     [2]float64 `json:"ci"`
}

// NewRate returns k/n with its Wilson score interval. With no trials the
// value is 0 and the interval is the whole [0, 1]: nothing is known.
func NewRate(k, n int) Rate {
	lo, hi := Wilson(k, n)
	r := Rate{Events: k, Trials: n, CI: [2]float64{lo, hi}}
	if n > 0 {
		r.Value = float64(k) / float64(n)
	}
	return r
}

// Wilson returns the 95% Wilson score interval for k successes in n trials.
// It is preferred to the normal approximation because error rates here are
// often tiny (a few false matches in a hundred thousand scans), where the
// normal interval collapses or goes negative.
func Wilson(k, n int) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	if k < 0 || k > n {
		panic("metrics: Wilson needs 0 <= k <= n")
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z95 / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = math.Max(0, centre-half), math.Min(1, centre+half)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// ClopperPearson returns the exact 95% binomial interval, used where a
// conservative interval is wanted (validation against published figures).
func ClopperPearson(k, n int) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	const alpha = 0.05
	if k > 0 {
		lo = distuv.Beta{Alpha: float64(k), Beta: float64(n - k + 1)}.Quantile(alpha / 2)
	}
	hi = 1
	if k < n {
		hi = distuv.Beta{Alpha: float64(k + 1), Beta: float64(n - k)}.Quantile(1 - alpha/2)
	}
	return lo, hi
}

// MeanCI returns the mean of xs and a 95% t interval (used for figures
// averaged over seeds). With fewer than two values the interval is the mean.
func MeanCI(xs []float64) (mean float64, ci [2]float64) {
	n := len(xs)
	if n == 0 {
		return 0, [2]float64{}
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(n)
	if n < 2 {
		return mean, [2]float64{mean, mean}
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return mean, [2]float64{mean - t*se, mean + t*se}
}

// Median returns the median of xs (which it sorts a copy of), and false when
// xs is empty.
func Median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := append([]float64(nil), xs...)
	sortFloats(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m], true
	}
	return (s[m-1] + s[m]) / 2, true
}
