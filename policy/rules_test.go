package policy_test

import (
	"strings"
	"testing"

	"vigie/city"
	"vigie/policy"
	"vigie/scenarios"
)

func testCity(t *testing.T) *city.City {
	t.Helper()
	d := scenarios.Defaults()
	d.Population.Size = 3000
	d.Population.Wanted = city.Wanted{Serious: 0.01, Minor: 0.05, Missing: 0.005}
	c, err := city.Build(city.Spec{Seed: 4, City: d.City, Population: d.Population, Activities: d.Activities, Cameras: d.Cameras})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var groups = []string{"monk-1-3", "monk-4-7", "monk-8-10"}

func TestCompileSelectsCamerasWatchlistAndThresholds(t *testing.T) {
	c := testCity(t)
	r := &policy.Regime{Name: "t", Live: policy.Live{Enabled: true, PlaceKinds: []string{city.KindTransitHub}},
		Watchlist: policy.Watchlist{Categories: []string{"serious"}, Size: 5000}, Threshold: 0.6,
		GroupThresholds: map[string]float64{"monk-8-10": 0.63}}
	ru, err := policy.Compile(r, c, groups)
	if err != nil {
		t.Fatal(err)
	}
	live := 0
	for i, on := range ru.LiveCamera {
		atHub := c.Cameras[i].Place >= 0 && c.Places[c.Cameras[i].Place].Kind == city.KindTransitHub
		if on != atHub {
			t.Fatalf("camera %d live=%v but at a transit hub=%v", i, on, atHub)
		}
		if on {
			live++
		}
	}
	if live == 0 {
		t.Fatal("no camera runs live")
	}
	serious := 0
	for i, cz := range c.Citizens {
		if ru.OnWatchlist[i] != (cz.Wanted == city.WantedSerious) {
			t.Fatalf("citizen %d (wanted %d) on the list: %v", i, cz.Wanted, ru.OnWatchlist[i])
		}
		if ru.OnWatchlist[i] {
			serious++
		}
	}
	if serious == 0 || ru.WatchlistSize != 5000 {
		t.Errorf("%d residents on a list of %d", serious, ru.WatchlistSize)
	}
	if ru.Threshold[0] != 0.6 || ru.Threshold[2] != 0.63 {
		t.Errorf("thresholds %v", ru.Threshold)
	}
}

func TestWatchlistNeverSmallerThanItsResidents(t *testing.T) {
	c := testCity(t)
	r := &policy.Regime{Name: "t", Live: policy.Live{Enabled: true, AllCameras: true},
		Watchlist: policy.Watchlist{Categories: []string{"serious", "minor", "missing"}, Size: 1}}
	ru, err := policy.Compile(r, c, groups)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, on := range ru.OnWatchlist {
		if on {
			n++
		}
	}
	if ru.WatchlistSize != n {
		t.Errorf("list size %d for %d residents on it", ru.WatchlistSize, n)
	}
}

func TestCompileRejectsUnknownNames(t *testing.T) {
	c := testCity(t)
	for _, r := range []*policy.Regime{
		{Name: "a", Watchlist: policy.Watchlist{Categories: []string{"jaywalkers"}}},
		{Name: "b", GroupThresholds: map[string]float64{"martians": 0.7}},
	} {
		if _, err := policy.Compile(r, c, groups); err == nil || !strings.Contains(err.Error(), "regime "+r.Name) {
			t.Errorf("regime %s: error %v", r.Name, err)
		}
	}
}

func TestLiveAtHoursAndAuthorisation(t *testing.T) {
	ru := &policy.Rules{Regime: &policy.Regime{Live: policy.Live{Enabled: true, Hours: [][2]float64{{10, 18}}, AuthorisationDelayHours: 12}}}
	for _, c := range []struct {
		hour float64
		want bool
	}{{9, false}, {11, false}, {12, true}, {17.9, true}, {18, false}} {
		if got := ru.LiveAt(c.hour * 60); got != c.want {
			t.Errorf("live at %gh = %v, want %v", c.hour, got, c.want)
		}
	}
	off := &policy.Rules{Regime: &policy.Regime{}}
	if off.LiveAt(600) {
		t.Error("a regime without live identification is live")
	}
}
