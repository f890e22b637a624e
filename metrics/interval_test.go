package metrics

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Reference values computed by hand from the closed forms (Wilson 1927;
// Clopper-Pearson via the beta quantile), and checked against R's
// prop.test(correct=FALSE) and binom.test.
func TestWilson(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.2775},
		{5, 10, 0.2366, 0.7634},
		{10, 10, 0.7225, 1},
		{1, 1000, 0.000177, 0.005643},
		{173, 2470, 0.06071, 0.08076},
	}
	for _, c := range cases {
		lo, hi := Wilson(c.k, c.n)
		if !near(lo, c.lo, 5e-4) || !near(hi, c.hi, 5e-4) {
			t.Errorf("Wilson(%d, %d) = [%.5f, %.5f], want [%.5f, %.5f]", c.k, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := Wilson(0, 0); lo != 0 || hi != 1 {
		t.Errorf("Wilson(0, 0) = [%g, %g], want the whole [0, 1]", lo, hi)
	}
}

func TestClopperPearson(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.3085},
		{5, 10, 0.1871, 0.8129},
		{8, 22, 0.1720, 0.5934},
	}
	for _, c := range cases {
		lo, hi := ClopperPearson(c.k, c.n)
		if !near(lo, c.lo, 5e-4) || !near(hi, c.hi, 5e-4) {
			t.Errorf("ClopperPearson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", c.k, c.n, lo, hi, c.lo, c.hi)
		}
	}
}

func TestMeanCIAndMedian(t *testing.T) {
	m, ci := MeanCI([]float64{1, 2, 3, 4})
	// mean 2.5, sd 1.2910, se 0.6455, t(3) 3.1824 -> half-width 2.0542
	if !near(m, 2.5, 1e-12) || !near(ci[0], 0.4458, 1e-3) || !near(ci[1], 4.5542, 1e-3) {
		t.Errorf("MeanCI = %g %v", m, ci)
	}
	if med, _ := Median([]float64{5, 1, 3}); med != 3 {
		t.Errorf("median of 5 1 3 = %g", med)
	}
	if med, _ := Median([]float64{4, 1, 3, 2}); med != 2.5 {
		t.Errorf("median of 4 1 3 2 = %g", med)
	}
	if _, ok := Median(nil); ok {
		t.Error("median of nothing should not be ok")
	}
}
