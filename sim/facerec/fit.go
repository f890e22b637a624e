package facerec

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"vigie/metrics"
)

// distribution is a fitted family: what the draws need of it.
type distribution interface {
	CDF(x float64) float64
	Quantile(p float64) float64
}

// scoreFit is a distance distribution fitted to a sample.
type scoreFit struct {
	dist distribution
	info metrics.DistFit
}

// candidates fits each family to the sample by its moments (for the
// lognormal, the moments of the logarithms).
func candidates(x []float64) []scoreFit {
	mean, sd := stat.MeanStdDev(x, nil)
	sd = math.Max(sd, 1e-6)
	fits := []scoreFit{{dist: distuv.Normal{Mu: mean, Sigma: sd},
		info: metrics.DistFit{Family: "normal", Params: map[string]float64{"mu": mean, "sigma": sd}}}}
	if x[0] > 0 {
		logs := make([]float64, len(x))
		for i, v := range x {
			logs[i] = math.Log(v)
		}
		lm, ls := stat.MeanStdDev(logs, nil)
		ls = math.Max(ls, 1e-6)
		fits = append(fits,
			scoreFit{dist: distuv.LogNormal{Mu: lm, Sigma: ls},
				info: metrics.DistFit{Family: "lognormal", Params: map[string]float64{"mu": lm, "sigma": ls}}},
			scoreFit{dist: distuv.Gamma{Alpha: mean * mean / (sd * sd), Beta: mean / (sd * sd)},
				info: metrics.DistFit{Family: "gamma", Params: map[string]float64{"shape": mean * mean / (sd * sd), "rate": mean / (sd * sd)}}})
	}
	return fits
}

// fitDistances fits normal, lognormal and gamma families to a sample of
// distances and keeps the one closest to it by the Kolmogorov-Smirnov
// statistic. The sample needs at least two values.
func fitDistances(sample []float32) scoreFit {
	x := make([]float64, len(sample))
	for i, v := range sample {
		x[i] = float64(v)
	}
	sort.Float64s(x)
	mean, sd := stat.MeanStdDev(x, nil)
	var best scoreFit
	for i, f := range candidates(x) {
		d := ksStatistic(x, f.dist)
		if i == 0 || d < best.info.KS {
			best = f
			best.info.KS = d
		}
	}
	best.info.N, best.info.Mean, best.info.SD = len(x), mean, sd
	best.info.KSP = ksPValue(best.info.KS, len(x))
	return best
}

// ksStatistic is the largest gap between the sample's empirical CDF and
// the fitted one; x is sorted.
func ksStatistic(x []float64, d distribution) float64 {
	n := float64(len(x))
	worst := 0.0
	for i, v := range x {
		f := d.CDF(v)
		worst = math.Max(worst, math.Max(float64(i+1)/n-f, f-float64(i)/n))
	}
	return worst
}

// ksPValue is the asymptotic Kolmogorov p-value of a statistic d on n
// values (Stephens' small-sample correction). With parameters estimated
// from the same sample the test is conservative (Lilliefors), and impostor
// pairs sharing a probe are not independent: read it as a guide.
func ksPValue(d float64, n int) float64 {
	sn := math.Sqrt(float64(n))
	l := (sn + 0.12 + 0.11/sn) * d
	if l < 0.2 {
		return 1
	}
	p := 0.0
	for k := 1; k <= 100; k++ {
		term := 2 * math.Exp(-2*float64(k*k)*l*l)
		if k%2 == 0 {
			term = -term
		}
		p += term
		if math.Abs(term) < 1e-12 {
			break
		}
	}
	return math.Min(1, math.Max(0, p))
}

// fpir is the chance that a non-mated probe's best match among n impostors
// is closer than t: 1 - (1 - F(t))^n.
func fpir(imp distribution, t float64, n int) float64 {
	if n <= 0 {
		return 0
	}
	return -math.Expm1(float64(n) * math.Log1p(-math.Min(imp.CDF(t), 1-1e-16)))
}

// bestOf draws the smallest of n impostor distances by inverse transform.
func bestOf(imp distribution, n int, u float64) float64 {
	if n <= 0 {
		return math.Inf(1)
	}
	q := -math.Expm1(math.Log1p(-u) / float64(n))
	return imp.Quantile(math.Max(q, 1e-300))
}
