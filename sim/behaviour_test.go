package sim_test

import (
	"context"
	"testing"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
)

func runScenario(t *testing.T, text string, seed uint64) metrics.Results {
	t.Helper()
	sc, err := scenarios.LoadBytes("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config()
	cfg.Seed = seed
	rec, _ := sim.NewRecognizer(cfg)
	e, err := sim.New(cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Run(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	return e.Results(metrics.Manifest{})
}

func kindChange(r metrics.RegimeResult, kind string) float64 {
	for _, k := range r.Sensitive {
		if k.Kind == kind {
			return k.Change
		}
	}
	return 0
}

// The reference regime (publicised mass surveillance) lowers the most
// sensitive activity (demonstrations) by about the 20% reported after 2013
// (Penney 2016), within the stated band of 5-30%.
func TestChillingCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default city four times")
	}
	sum := 0.0
	seeds := []uint64{1, 2, 3, 4}
	for _, seed := range seeds {
		r := runScenario(t, "name: cal\nregimes: [none, mass]\n", seed)
		drop := -kindChange(r.Regimes[1], "demonstration")
		if drop < 0.05 || drop > 0.30 {
			t.Errorf("seed %d: mass lowers demonstrations by %.1f%%, outside the 5-30%% band", seed, 100*drop)
		}
		sum += drop
	}
	if mean := sum / float64(len(seeds)); mean < 0.15 || mean > 0.25 {
		t.Errorf("mass lowers demonstrations by %.1f%% on average, not about 20%%", 100*mean)
	} else {
		t.Logf("mass lowers demonstrations by %.1f%% on average over %d seeds", 100*mean, len(seeds))
	}
}

const directionCity = `name: dir
population: {size: 4000}
regimes:
  - none
  - name: few
    live: {enabled: true, all_cameras: true}
    watchlist: {size: 1000, categories: [serious]}
    publicity: 0.8
  - name: many
    live: {enabled: true, all_cameras: true}
    watchlist: {size: 1000, categories: [serious]}
    publicity: 0.8
`

// More visible cameras lower sensitive visits; none leaves them at baseline.
func TestMoreCamerasLowerSensitiveVisits(t *testing.T) {
	few := runScenario(t, directionCity+"cameras:\n  placement: [{strategy: arterials, count: 10}]\n", 5)
	many := runScenario(t, directionCity+"cameras:\n  placement: [{strategy: arterials, count: 10}, {strategy: random, count: 150}, {strategy: places, kinds: [square, worship, clinic], count: 3}]\n", 5)
	none := many.Regimes[0].Metrics
	if none.SensitiveVisits != none.BaselineSensitiveVisits {
		t.Errorf("none: %d of %d planned visits", none.SensitiveVisits, none.BaselineSensitiveVisits)
	}
	f, m := few.Regimes[1].Metrics, many.Regimes[2].Metrics
	if m.SensitiveVisits >= f.SensitiveVisits {
		t.Errorf("visits with many cameras (%d) not below visits with few (%d)", m.SensitiveVisits, f.SensitiveVisits)
	}
}

// A wrongful stop that people hear of lowers sensitive visits: the same
// city and regime, with and without news travelling through social ties.
func TestHeardWrongfulStopsLowerVisits(t *testing.T) {
	base := "name: heard\npopulation: {size: 6000}\nregimes:\n  - name: loose\n    live: {enabled: true, all_cameras: true}\n    watchlist: {size: 3000000, categories: [serious]}\n    threshold: 0.5\n    stop: {rate: 1}\n    review: {enabled: false}\n    publicity: 0.1\n"
	quiet := runScenario(t, base+"behaviour: {heard_household: 0, heard_workplace: 0, heard_neighbourhood: 0, heard_group: 0}\n", 9)
	loud := runScenario(t, base+"behaviour: {heard_household: 0.9, heard_workplace: 0.6, heard_neighbourhood: 0.4, heard_group: 0.01}\n", 9)
	q, l := quiet.Regimes[0].Metrics, loud.Regimes[0].Metrics
	if q.FalseStops == 0 {
		t.Fatal("the loose regime stopped nobody wrongly; the test needs wrongful stops")
	}
	if l.SensitiveVisits >= q.SensitiveVisits {
		t.Errorf("visits when stops are heard of (%d) not below visits when they are not (%d), after %d wrongful stops",
			l.SensitiveVisits, q.SensitiveVisits, q.FalseStops)
	}
}

// Covering faces, where allowed, lowers detection; rerouting adds distance.
func TestResponsesAreMeasured(t *testing.T) {
	r := runScenario(t, `name: resp
population: {size: 4000}
behaviour: {responses: {skip: 0, reschedule: 0, reroute: 1, cover: 1}}
activities:
  sensitive:
    - {kind: square, label: demonstration, daily_rate: 0.3, sensitivity: 1, hours: [10, 16], duration_min: 60}
regimes:
  - name: watched
    live: {enabled: true, all_cameras: true}
    watchlist: {size: 1000, categories: [serious]}
    publicity: 1
    face_covering: true
`, 3)
	b := r.Regimes[0].Behaviour
	if b.Rerouted == 0 || b.Covered == 0 || b.Skipped != 0 {
		t.Fatalf("responses: %+v", b)
	}
	if b.ExtraDistanceM <= 0 {
		t.Errorf("rerouted %d trips with no extra distance", b.Rerouted)
	}
	if b.CoveredShare.Events == 0 {
		t.Errorf("%d covered trips but no covered sighting", b.Covered)
	}
	present := 0
	for _, a := range b.Attendance {
		for _, n := range a.Present {
			present += n
		}
	}
	if present == 0 {
		t.Error("nobody attended the demonstration")
	}
}
