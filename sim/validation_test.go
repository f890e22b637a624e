package sim

import (
	"math"
	"testing"
)

func TestRatioKatzInterval(t *testing.T) {
	// 40/100000 over 4/100000: ratio 10; se = sqrt(1/40 - 1/1e5 + 1/4 - 1/1e5).
	num := estimate{value: 40e-5, events: 40, trials: 1e5, rate: true}
	den := estimate{value: 4e-5, events: 4, trials: 1e5, rate: true}
	r := ratio(num, den)
	se := math.Sqrt(1.0/40 - 1e-5 + 1.0/4 - 1e-5)
	if math.Abs(r.value-10) > 1e-9 || math.Abs(r.lo-10*math.Exp(-1.96*se)) > 1e-9 || math.Abs(r.hi-10*math.Exp(1.96*se)) > 1e-9 {
		t.Errorf("ratio %+v", r)
	}
	if z := ratio(estimate{value: 0, events: 0, rate: true}, den); z.value != 0 || z.lo != 0 || !math.IsInf(z.hi, 1) {
		t.Errorf("zero numerator: %+v", z)
	}
}

func TestPasses(t *testing.T) {
	e := estimate{value: 0.91, lo: 0.89, hi: 0.93}
	cases := []struct {
		f    Figure
		want bool
	}{
		{Figure{Published: 0.92, Tolerance: 0.02}, true},
		{Figure{Published: 0.95, Tolerance: 0.02}, false},
		{Figure{Published: 1, RelativeTolerance: 0.1}, true},
		{Figure{Published: 1.2, RelativeTolerance: 0.1}, false},
		{Figure{Published: 0.925}, true},
		{Figure{Published: 0.94}, false},
	}
	for _, c := range cases {
		if got := passes(c.f, e); got != c.want {
			t.Errorf("%+v: pass = %v, want %v", c.f, got, c.want)
		}
	}
}
