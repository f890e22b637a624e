package report

import (
	"encoding/json"
	"strings"
	"testing"

	"vigie/metrics"
)

// dayWorld makes a world of a run of several days from its daily chilling
// shares, wanted persons located, innocent people stopped and records
// held; new records are the rise in records held.
func dayWorld(name string, chilling []float64, located, stops, held []int, schedule ...metrics.RegimeChange) metrics.RegimeResult {
	r := regime(name, []string{"a", "b", "c"}, 0, 0, 0, 0, 0)
	r.Schedule = schedule
	for d := range chilling {
		f := metrics.DayFigures{Day: d + 1, Regime: name, Chilling: chilling[d], WantedLocated: located[d], FalseStops: stops[d], RecordsHeld: held[d]}
		if d == 0 {
			f.RecordsNew = held[0]
		} else {
			f.RecordsNew = max(0, held[d]-held[d-1])
		}
		r.Days = append(r.Days, f)
	}
	return r
}

func daysRun(rs ...metrics.RegimeResult) metrics.Results {
	res := degenerate(rs...)
	res.Scenario.Days = 0
	for _, r := range rs {
		res.Scenario.Days = max(res.Scenario.Days, len(r.Days))
	}
	return res
}

// dayCaptions adds the captions of the charts through time, for runs with
// day-by-day figures.
func dayCaptions(in tongue, res metrics.Results, texts map[string]string) {
	if runDays(res.Regimes) == 0 {
		return
	}
	texts["days-security"] = in.daysSecurityCaption(res.Regimes)
	texts["days-chilling"] = in.daysChillingCaption(res.Regimes)
	texts["days-records"] = in.daysRecordsCaption(res.Regimes)
}

// dayCases are TestDegenerateCaptions' cases for runs of several days:
// nothing at all, a tie, a single day, a rollback that came back and one
// that did not, an escalation with no rollback.
func dayCases() []struct {
	name string
	res  metrics.Results
	want map[string][]string
	not  map[string][]string
} {
	z3, z5 := []float64{0, 0, 0}, []float64{0, 0, 0, 0, 0}
	n3, n5 := []int{0, 0, 0}, []int{0, 0, 0, 0, 0}
	back := []metrics.RegimeChange{{Day: 1, Regime: "calm"}, {Day: 3, Regime: "mass"}, {Day: 4, Regime: "calm"}}
	return []struct {
		name string
		res  metrics.Results
		want map[string][]string
		not  map[string][]string
	}{
		{"days: nothing happened", daysRun(dayWorld("calm", z3, n3, n3, n3), dayWorld("quiet", z3, n3, n3, n3)),
			map[string][]string{
				"days-security": {"Over 3 days, no wanted person located; no innocent person stopped."},
				"days-chilling": {"No planned visit to a sensitive place was given up on any day, under any regime."},
				"days-records":  {"No face record was held at the end of any day."},
			}, nil},
		{"days: a tie", daysRun(dayWorld("left", []float64{0.1, 0.1}, []int{2, 3}, []int{1, 1}, []int{5, 5}), dayWorld("right", []float64{0.1, 0.1}, []int{3, 2}, []int{0, 2}, []int{5, 5})),
			map[string][]string{
				"days-security": {"most wanted persons located: “left” and “right” (5 each); most innocent people stopped: “left” and “right” (2 each)."},
				"days-chilling": {"Averaged over 2 days, the most planned visits to sensitive places were given up under “left” and “right”: 10%."},
				"days-records":  {"At the end of day 2, the most face records were held under “left” and “right” (5 each)."},
			}, nil},
		{"days: a single day", daysRun(dayWorld("solo", []float64{0.02}, []int{1}, []int{0}, []int{40})),
			map[string][]string{
				"days-security": {"Over 1 day, most wanted persons located: “solo” (1); no innocent person stopped."},
				"days-chilling": {"Averaged over 1 day,"},
				"days-records":  {"At the end of day 1, the most face records were held under “solo” (40)."},
			}, map[string][]string{"days-security": {"1 days"}}},
		{"days: rolled back and came back", daysRun(dayWorld("creep", []float64{0.02, 0.02, 0.08, 0.02, 0.02}, n5, []int{0, 0, 4, 0, 0}, []int{0, 0, 9, 9, 0}, back...)),
			map[string][]string{
				"days-chilling": {"Under “creep”, 2.0% of planned visits to sensitive places were given up before day 3 and 8.0% while the change held; after the return to “calm” on day 4, 2.0% were given up over the last 2 days: back to where it was."},
				"days-records":  {"No face record was held at the end of any day."},
			}, map[string][]string{"days-records": {"still held"}}},
		{"days: rolled back, not come back", daysRun(dayWorld("creep", []float64{0.02, 0.02, 0.08, 0.06, 0.05}, n5, n5, []int{0, 0, 9, 9, 9}, back...)),
			map[string][]string{
				"days-chilling": {"over the last 2 days: still above the 2.0% before the change."},
				"days-records":  {"“creep” still held 9 face records from before the switch to “calm” on day 4."},
			}, nil},
		{"days: rolled back, never chilled", daysRun(dayWorld("creep", z5, n5, n5, n5, back...)),
			map[string][]string{"days-chilling": {"Under “creep”, no planned visit to a sensitive place was given up on any day."}}, nil},
		{"days: an escalation, the last day alone after it", daysRun(dayWorld("incident", []float64{0.01, 0.01, 0.01, 0.01, 0.03}, n5, n5, n5,
			metrics.RegimeChange{Day: 1, Regime: "calm"}, metrics.RegimeChange{Day: 5, Regime: "mass"})),
			map[string][]string{"days-chilling": {"Under “incident”, 1.0% of planned visits to sensitive places were given up before day 5, and 3.0% from day 5 on, under “mass”."}},
			map[string][]string{"days-chilling": {"return"}}},
	}
}

// The charts through time mark the day each regime came in on the line of
// the world that changed, in both languages, with no broken format.
func TestDaysFiguresMarkRegimeChanges(t *testing.T) {
	back := []metrics.RegimeChange{{Day: 1, Regime: "calm"}, {Day: 3, Regime: "mass"}, {Day: 4, Regime: "calm"}}
	res := daysRun(dayWorld("calm", []float64{0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0}),
		dayWorld("creep", []float64{0.02, 0.02, 0.08, 0.06, 0.05}, []int{0, 0, 3, 0, 0}, []int{0, 0, 2, 0, 0}, []int{0, 0, 9, 9, 9}, back...))
	for _, lang := range []string{"en", "fr"} {
		found := 0
		for _, f := range Figures(res, Options{Lang: lang}) {
			if !strings.HasPrefix(f.ID, "days-") {
				continue
			}
			found++
			b, err := json.Marshal(f.option)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if strings.Contains(text, "%!") || strings.Count(text, `"markLine"`) != 1 {
				t.Errorf("%s %s: %d markLines, option %s", lang, f.ID, strings.Count(text, `"markLine"`), text)
			}
			for _, want := range []string{`{"name":"mass","xAxis":"3"}`, `{"name":"calm","xAxis":"4"}`} {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s: no mark %s", lang, f.ID, want)
				}
			}
		}
		if found != 3 {
			t.Errorf("%s: %d charts through time, want 3", lang, found)
		}
	}
	for _, f := range Figures(res, Options{}) {
		if f.ID == "timeline" && f.Title != "Alerts by hour of the day, the 5 days added together (solid: false, dashed: true)" {
			t.Errorf("the timeline of a run of several days is titled %q", f.Title)
		}
	}
	if lede := english.lede(res); !strings.Contains(lede, "hours a day, 2 policy regimes run on the same days. Recognizer: published-rates. The run lasts 5 days: each day repeats") {
		t.Errorf("the lede does not say the run lasts 5 days: %q", lede)
	}
	if n := len(Figures(degenerate(regime("one", []string{"a", "b", "c"}, 10, 0, 0, 0, 0)), Options{})); n != 6 {
		t.Errorf("a one-day run has %d charts, want the 6 of a day", n)
	}
}
