package output

import (
	"bytes"
	"encoding/csv"
	"testing"

	"vigie/metrics"
)

// days.csv is tidy: one row per day, world and measure, names neutralised.
func TestDaysCSVIsTidy(t *testing.T) {
	res := metrics.Results{Scenario: metrics.ScenarioInfo{Days: 2}, Regimes: []metrics.RegimeResult{
		{Name: "=creep", Days: []metrics.DayFigures{{Day: 1, Regime: "declared", Chilling: 0.25, RecordsHeld: 3}, {Day: 2, Regime: "mass", FalseStops: 4}}},
	}}
	var buf bytes.Buffer
	if err := WriteDaysCSV(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + 2*len(dayMeasures); len(rows) != want {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	seen := map[string]string{}
	for _, r := range rows[1:] {
		if r[1] != "'=creep" {
			t.Fatalf("world cell %q not neutralised", r[1])
		}
		seen[r[0]+"/"+r[2]+"/"+r[3]] = r[4]
	}
	for key, want := range map[string]string{"1/declared/chilling": "0.25", "1/declared/records_held": "3", "2/mass/false_stops": "4", "2/mass/belief": "0"} {
		if seen[key] != want {
			t.Errorf("%s = %q, want %q", key, seen[key], want)
		}
	}
}
