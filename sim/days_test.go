package sim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
)

// creepCity is a small city whose cameras are put up for a declared,
// non-identifying purpose (low publicity), repurposed for identification
// on day 3 and rolled back on day 8, run beside both regimes held all
// along. The test scenarios keep it small: 4,000 citizens, 24 days.
const creepCity = `name: creep
days: 24
outputs: {events: none}
population: {size: 4000}
city: {width_m: 2400, height_m: 2400}
cameras:
  placement:
    - {strategy: arterials, count: 30}
    - {strategy: places, kinds: [square], count: 2}
regimes:
  - name: declared
    recording: true
    watchlist: {size: 0}
    retention: {match_days: 0, non_match_days: 0, footage_days: 0}
    publicity: 0.2
  - name: identify
    live: {enabled: true, all_cameras: true}
    recording: true
    retention: {match_days: 2, non_match_days: 2, footage_days: 2}
    publicity: 0.9
schedules:
  - name: creep
    start: declared
    changes:
      - {day: 3, regime: identify}
      - {day: 8, regime: declared}
`

var (
	creepOnce sync.Once
	creepRes  metrics.Results
)

// creepResults runs creepCity once for the tests that read it.
func creepResults(t *testing.T) metrics.Results {
	if testing.Short() {
		t.Skip("runs a 4,000-citizen city for 24 days (about 4 s; longer under the race detector)")
	}
	creepOnce.Do(func() { creepRes = runScenario(t, creepCity, 5) })
	if creepRes.Regimes == nil {
		t.Fatal("the creep city did not run")
	}
	return creepRes
}

func regimeNamed(t *testing.T, res metrics.Results, name string) metrics.RegimeResult {
	t.Helper()
	for _, r := range res.Regimes {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no regime %q in the results", name)
	return metrics.RegimeResult{}
}

// The public's trust in the cameras falls quickly when they are
// repurposed for identification and comes back slowly when the regime is
// rolled back: the days the creep world's chilling takes to rise half-way
// from the declared regime's to the identifying regime's (same day, same
// draws) are fewer than it takes to come back half-way after the rollback.
func TestRolledBackChillingRecoversMoreSlowlyThanItFell(t *testing.T) {
	res := creepResults(t)
	low, high, creep := regimeNamed(t, res, "declared"), regimeNamed(t, res, "identify"), regimeNamed(t, res, "creep")
	if len(creep.Days) != 24 || len(creep.Schedule) != 3 || creep.Schedule[1] != (metrics.RegimeChange{Day: 3, Regime: "identify"}) {
		t.Fatalf("creep: %d days, schedule %+v", len(creep.Days), creep.Schedule)
	}
	if !creep.Live || creep.Watchlist != high.Watchlist || creep.Description != "declared from day 1; identify from day 3; declared from day 8." {
		t.Errorf("the creep world is described as live %v, watchlist %d, %q", creep.Live, creep.Watchlist, creep.Description)
	}
	// above says whether the creep world's chilling on day d (from 1) is
	// above the midpoint of the two regimes' chilling that day.
	above := func(d int) bool {
		mid := (low.Days[d-1].Chilling + high.Days[d-1].Chilling) / 2
		return creep.Days[d-1].Chilling > mid
	}
	fell := 0
	for d := 3; d < 8 && !above(d); d++ {
		fell++
	}
	recovered := 0
	for d := 8; d <= 24 && above(d); d++ {
		recovered++
	}
	t.Logf("chilling rose half-way in %d days after the switch and came back half-way in %d days after the rollback", fell, recovered)
	if fell >= 5 {
		t.Errorf("chilling never rose half-way in the 5 days of identification")
	}
	if recovered <= fell {
		t.Errorf("chilling came back half-way in %d days, no slower than it rose (%d days)", recovered, fell)
	}
	// Belief follows the stated rates: half the gap a day up, 5% a day down.
	b := creep.Days
	if b[1].Belief != 0.2 || b[2].Belief != 0.55 || b[7].Belief >= b[6].Belief || b[7].Belief < 0.8 {
		t.Errorf("belief on days 2, 3, 7, 8: %g %g %g %g; want 0.2, 0.55, then a slow fall", b[1].Belief, b[2].Belief, b[6].Belief, b[7].Belief)
	}
	for _, d := range low.Days {
		if d.Belief != 0.2 {
			t.Fatalf("a regime held all along moved the public's belief: %+v", d)
		}
	}
}

// Records are held for their regime's retention: two days under the
// identifying regime, none under the declared one, and the records made
// before a rollback are still held the day after it.
func TestRecordsHeldFollowRetention(t *testing.T) {
	res := creepResults(t)
	high, creep := regimeNamed(t, res, "identify"), regimeNamed(t, res, "creep")
	for d := 1; d < len(high.Days); d++ {
		today, yesterday := high.Days[d], high.Days[d-1]
		if today.RecordsNew == 0 || today.RecordsHeld != today.RecordsNew+yesterday.RecordsNew {
			t.Fatalf("day %d: %d held, want %d made today + %d yesterday", today.Day, today.RecordsHeld, today.RecordsNew, yesterday.RecordsNew)
		}
	}
	day8, day7 := creep.Days[7], creep.Days[6]
	if day8.RecordsNew != 0 || day8.RecordsHeld != day7.RecordsNew || creep.Days[8].RecordsHeld != 0 {
		t.Errorf("after the rollback: day 8 holds %d (made %d), day 7 made %d, day 9 holds %d", day8.RecordsHeld, day8.RecordsNew, day7.RecordsNew, creep.Days[8].RecordsHeld)
	}
	sum := 0
	for _, d := range high.Days {
		sum += d.FacesScanned
	}
	if sum != high.Metrics.FacesScanned {
		t.Errorf("the days' faces scanned add up to %d, the run's are %d", sum, high.Metrics.FacesScanned)
	}
}

// A one-day run carries no day-by-day figures: its results are as they
// were before runs of several days.
func TestOneDayRunHasNoDays(t *testing.T) {
	res := runScenario(t, "name: one\npopulation: {size: 1500}\ncity: {width_m: 1600, height_m: 1600}\nregimes: [mass]\n", 1)
	if res.Scenario.Days != 0 || res.Regimes[0].Days != nil || res.Regimes[0].Schedule != nil {
		t.Errorf("a one-day run wrote days: %d, %v, %v", res.Scenario.Days, res.Regimes[0].Days, res.Regimes[0].Schedule)
	}
	for _, a := range res.Regimes[0].Alerts {
		if a.Day != 0 {
			t.Fatalf("a one-day run stamped an alert with day %d", a.Day)
		}
	}
}

// A run of several days with a schedule gives the same results whatever
// the number of workers.
func TestDaysSameWhateverTheWorkers(t *testing.T) {
	text := strings.Replace(strings.Replace(creepCity, "days: 24", "days: 4", 1), "population: {size: 4000}", "population: {size: 1200}", 1)
	text = strings.Replace(strings.Replace(text, "day: 3,", "day: 2,", 1), "day: 8,", "day: 4,", 1)
	sc, err := scenarios.LoadBytes("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var runs [2][]byte
	for k, workers := range []int{1, 3} {
		cfg := sc.Config()
		rec, _ := sim.NewRecognizer(cfg)
		e, err := sim.New(cfg, rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Run(context.Background(), workers); err != nil {
			t.Fatal(err)
		}
		if runs[k], err = json.Marshal(e.Results(metrics.Manifest{})); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(runs[0], runs[1]) {
		t.Error("1 and 3 workers gave different results")
	}
	if !bytes.Contains(runs[0], []byte(`"schedule":[{"day":1,"regime":"declared"},{"day":2,"regime":"identify"},{"day":4,"regime":"declared"}]`)) {
		t.Error("the scheduled world's changes are not in the results")
	}
}
