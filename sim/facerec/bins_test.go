package facerec

import (
	"math/rand/v2"
	"testing"

	"vigie/city"
	"vigie/sim/recognizer"
)

func TestBins(t *testing.T) {
	b := NewBins(recognizer.BinsConfig{FacePx: []float64{12, 30, 60}, YawDeg: []float64{30}})
	if b.Count() != 3*2*3+1 {
		t.Fatalf("%d bins", b.Count())
	}
	cases := []struct {
		cond city.Conditions
		name string
	}{
		{city.Conditions{FacePx: 11}, ""},
		{city.Conditions{FacePx: 12, Light: city.Day}, "px12-30/yaw0-30/day"},
		{city.Conditions{FacePx: 45, YawDeg: -31, Light: city.Night}, "px30-60/yaw30+/night"},
		{city.Conditions{FacePx: 300, YawDeg: 29, Light: city.Dusk}, "px60+/yaw0-30/dusk"},
		{city.Conditions{FacePx: 300, Covered: true, Light: city.Night}, "covered"},
	}
	for _, c := range cases {
		i := b.Of(c.cond)
		got := ""
		if i >= 0 {
			got = b.Name(i)
		}
		if got != c.name {
			t.Errorf("%+v: bin %q, want %q", c.cond, got, c.name)
		}
	}
	// Every bin's centre falls in that bin; names are distinct.
	seen := map[string]bool{}
	for i := 0; i < b.Count(); i++ {
		if got := b.Of(b.Centre(i)); got != i {
			t.Errorf("centre of %s falls in %s", b.Name(i), b.Name(got))
		}
		if seen[b.Name(i)] {
			t.Errorf("two bins named %s", b.Name(i))
		}
		seen[b.Name(i)] = true
	}
	if b.Name(b.Good()) != "px60+/yaw0-30/day" {
		t.Errorf("good bin %s", b.Name(b.Good()))
	}
}

// The fit picks the family a sample was drawn from, and the KS statistic
// of a right family is small.
func TestFitPicksTheFamily(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	normal := make([]float32, 4000)
	for i := range normal {
		normal[i] = float32(0.6 + 0.05*r.NormFloat64())
	}
	gamma := make([]float32, 4000)
	for i := range gamma {
		// Exponential(1)-distributed sums: gamma with shape 2, rate 10.
		gamma[i] = float32((r.ExpFloat64() + r.ExpFloat64()) / 10)
	}
	for _, c := range []struct {
		name   string
		sample []float32
		want   []string
	}{{"normal", normal, []string{"normal", "gamma", "lognormal"}}, {"gamma", gamma, []string{"gamma"}}} {
		f := fitDistances(c.sample)
		ok := false
		for _, w := range c.want {
			ok = ok || f.info.Family == w
		}
		if !ok || f.info.KS > 0.03 || f.info.N != 4000 {
			t.Errorf("%s sample: fitted %s, KS %.4f (p %.3f), n %d", c.name, f.info.Family, f.info.KS, f.info.KSP, f.info.N)
		}
	}
}
