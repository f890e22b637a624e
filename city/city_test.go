package city_test

import (
	"math"
	"sync"
	"testing"

	"vigie/city"
	"vigie/scenarios"
)

// sharedCity is the default city with 20,000 citizens (seed 11), built
// once for every test here that reads one: building its streets' routes is
// most of this package's test time.
var sharedCity = sync.OnceValues(func() (*city.City, error) {
	d := scenarios.Defaults()
	d.Population.Size = sharedCitizens
	return city.Build(city.Spec{Seed: 11, City: d.City, Population: d.Population, Activities: d.Activities, Cameras: d.Cameras})
})

// sharedCitizens is enough people for a share to sit within 1.5 points of
// its target (three standard errors of a 50% share).
const sharedCitizens = 20000

func build(t testing.TB) *city.City {
	t.Helper()
	c, err := sharedCity()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRoutingReachesEveryIntersection(t *testing.T) {
	c := build(t)
	s := c.Streets
	n := int32(len(s.Nodes))
	for u := int32(0); u < n; u += 7 {
		for v := int32(0); v < n; v += 5 {
			if u == v {
				continue
			}
			d := s.Distance(u, v)
			straight := math.Hypot(s.Nodes[u].X-s.Nodes[v].X, s.Nodes[u].Y-s.Nodes[v].Y)
			// On a jittered grid a route is at least the straight line and
			// at most the Manhattan distance plus the jitter's detours.
			if d < straight-1e-6 || d > 2*straight+2*200 {
				t.Fatalf("route %d->%d is %.0f m for %.0f m as the crow flies", u, v, d, straight)
			}
			if math.Abs(d-s.Distance(v, u)) > 1e-6 {
				t.Fatalf("route %d->%d (%.1f m) and back (%.1f m) differ", u, v, d, s.Distance(v, u))
			}
		}
	}
}

func TestPopulationFollowsTheScenario(t *testing.T) {
	c := build(t)
	counts := make([]int, 3)
	female := 0
	groups := scenarios.Defaults().Population.Groups // parsed once: it reads the embedded defaults
	for _, cz := range c.Citizens {
		counts[cz.Group]++
		if cz.Sex == city.Female {
			female++
		}
		g := groups[cz.Group]
		if int(cz.MonkTone) < g.MonkMin || int(cz.MonkTone) > g.MonkMax {
			t.Fatalf("citizen of group %s has Monk tone %d", g.Name, cz.MonkTone)
		}
	}
	for g, want := range []float64{0.2, 0.6, 0.2} {
		if got := float64(counts[g]) / sharedCitizens; math.Abs(got-want) > 0.015 {
			t.Errorf("group %d share %.3f, want %.2f", g, got, want)
		}
	}
	if got := float64(female) / sharedCitizens; math.Abs(got-0.5) > 0.015 {
		t.Errorf("female share %.3f", got)
	}
}

func TestPlansAreInTimeOrder(t *testing.T) {
	c := build(t)
	sensitive := 0
	for i := range c.Citizens {
		last := float32(-1)
		for _, leg := range c.Plan(i) {
			if leg.Depart < last {
				t.Fatalf("citizen %d departs at %g after %g", i, leg.Depart, last)
			}
			last = leg.Depart
			if leg.Sensitive >= 0 {
				sensitive++
			}
		}
	}
	if sensitive == 0 {
		t.Error("nobody plans a sensitive visit")
	}
}

func TestCameraGeometry(t *testing.T) {
	c := build(t)
	if len(c.Cameras) < 70 || len(c.Cameras) > 100 {
		t.Errorf("%d cameras; the default asks for about 80", len(c.Cameras))
	}
	g := c.Geometry
	// The largest face: a walker 1 m from the camera (slant over 2.4 m of
	// height); the smallest, one at the camera's range.
	maxPx := g.FocalPx * 0.22 / math.Hypot(1, g.MountM-1.6)
	minPx := g.FocalPx * 0.22 / math.Hypot(g.RangeM, g.MountM-1.6)
	passes := 0
	for _, ps := range c.Passes {
		for _, p := range ps {
			passes++
			if float64(p.FacePx) > maxPx+1e-3 || float64(p.FacePx) < minPx-1e-3 {
				t.Fatalf("face of %.1f px outside [%.1f, %.1f]", p.FacePx, minPx, maxPx)
			}
			if p.YawDeg < 0 || p.YawDeg > 75 || p.PitchDeg <= 0 {
				t.Fatalf("yaw %.1f, pitch %.1f", p.YawDeg, p.PitchDeg)
			}
		}
	}
	if passes < len(c.Cameras) {
		t.Errorf("only %d camera passes for %d cameras", passes, len(c.Cameras))
	}
	for _, cam := range c.Cameras {
		if cam.X < 0 || cam.Y < 0 || cam.X > c.Width || cam.Y > c.Height {
			t.Fatalf("camera outside the city at (%g, %g)", cam.X, cam.Y)
		}
	}
}

func TestLight(t *testing.T) {
	sun := city.Sun{Sunrise: 6.5, Sunset: 19, DuskHours: 0.5}
	for _, c := range []struct {
		hour float64
		want city.Light
	}{{3, city.Night}, {6.2, city.Dusk}, {12, city.Day}, {19.2, city.Dusk}, {22, city.Night}} {
		if got, _ := sun.LightAt(c.hour * 60); got != c.want {
			t.Errorf("light at %gh = %v, want %v", c.hour, got, c.want)
		}
	}
}
