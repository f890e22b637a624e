package city

import (
	"math"
	"testing"

	"vigie/internal/seeds"
)

// TestDrawPersonFollowsTheDistribution draws many people and checks the
// shares of women, of each group's tones and of the age bands against the
// configuration and the age pyramid.
func TestDrawPersonFollowsTheDistribution(t *testing.T) {
	cfg := PopulationConfig{ShareFemale: 0.3, Groups: []Group{
		{Name: "a", Share: 0.25, MonkMin: 1, MonkMax: 3},
		{Name: "b", Share: 0.75, MonkMin: 6, MonkMax: 6},
	}}
	rng := seeds.Stream(7, "test")
	const n = 20000
	women, light, six, minors, old := 0, 0, 0, 0, 0
	for i := 0; i < n; i++ {
		p, err := cfg.DrawPerson(rng)
		if err != nil {
			t.Fatal(err)
		}
		if p.Sex == Female {
			women++
		}
		switch {
		case p.MonkTone >= 1 && p.MonkTone <= 3:
			light++
		case p.MonkTone == 6:
			six++
		default:
			t.Fatalf("tone %d outside every group's range", p.MonkTone)
		}
		if p.Age < 18 {
			minors++
		}
		if p.Age >= 65 {
			old++
		}
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"women", float64(women) / n, 0.3},
		{"group a", float64(light) / n, 0.25},
		{"group b", float64(six) / n, 0.75},
		{"under 18", float64(minors) / n, 0.25},
		{"65 and over", float64(old) / n, 0.10},
	} {
		// four standard errors of a share near 0.5 over 20000 draws
		if math.Abs(c.got-c.want) > 0.015 {
			t.Errorf("%s: share %.3f, want %.3f", c.name, c.got, c.want)
		}
	}
	if _, err := (PopulationConfig{}).DrawPerson(rng); err == nil {
		t.Error("a population with no groups should be refused")
	}
}
