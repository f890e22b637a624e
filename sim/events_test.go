package sim_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"vigie/scenarios"
	"vigie/sim"
)

// outputs.events chooses what events.csv keeps and nothing else: results
// are the same, "alerts" is "all" less the sightings that drew no alert,
// and "none" is the header alone.
func TestOutputsEventsKeepsWhatItSays(t *testing.T) {
	runs := map[string][2][]byte{}
	for _, mode := range []string{"", sim.EventsAll, sim.EventsAlerts, sim.EventsNone} {
		cfg := loadSmall(t)
		cfg.Outputs.Events = mode
		res, ev := runBytes(t, cfg, 2, 2)
		runs[mode] = [2][]byte{res, ev}
	}
	all := runs[sim.EventsAll]
	if !bytes.Equal(runs[""][1], all[1]) {
		t.Error("the default does not keep every event")
	}
	for mode, r := range runs {
		if !bytes.Equal(r[0], all[0]) {
			t.Errorf("events: %q changes results.json", mode)
		}
	}
	var want []string
	sightings := 0
	for _, line := range strings.SplitAfter(string(all[1]), "\n") {
		f := strings.Split(line, ",")
		if len(f) > 7 && f[2] == "sighting" {
			sightings++
			if f[7] != "true" {
				continue
			}
		}
		want = append(want, line)
	}
	if sightings == 0 || len(want) < 2 {
		t.Fatalf("the small scenario recorded %d sightings and %d other rows; the test needs both", sightings, len(want))
	}
	if got := string(runs[sim.EventsAlerts][1]); got != strings.Join(want, "") {
		t.Errorf("events: alerts kept %d lines, want %d (all less the sightings without an alert)",
			strings.Count(got, "\n"), len(want)-1)
	}
	header := strings.Join(sim.EventsHeader, ",") + "\n"
	if got := string(runs[sim.EventsNone][1]); got != header {
		t.Errorf("events: none wrote %d bytes, want the header alone", len(got))
	}
}

// The bundled million scenario, with a fiftieth of its residents, runs its
// day and keeps the events it says it keeps (alerts and what followed).
// It runs with published-rates: this is a test of the city and engine, and
// the fitted recognizer it names is tested in sim/facerec.
// BenchmarkMillionCity runs it whole.
func TestMillionScenarioRunsSmall(t *testing.T) {
	if testing.Short() {
		// the full suite runs it; under the race pass (-short) it was a
		// third of the engine's time and adds no goroutine the other
		// tests there do not start
		t.Skip("-short: runs the million scenario's cameras and list on 20,000 residents")
	}
	sc, err := scenarios.Load("million")
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config()
	if cfg.Population.Size != 1000000 || len(cfg.Regimes) != 2 || cfg.Regimes[1].Watchlist.Size != 100000 {
		t.Fatalf("million scenario: %d citizens, %d regimes", cfg.Population.Size, len(cfg.Regimes))
	}
	cfg.Population.Size = 20000
	cfg.Recognizer.Mode = "published-rates"
	res, ev := runBytes(t, cfg, 2, 2)
	if !bytes.Contains(res, []byte(`"cameras": 500`)) && !bytes.Contains(res, []byte(`"cameras":500`)) {
		t.Errorf("results do not report 500 cameras")
	}
	rows := strings.Split(strings.TrimSpace(string(ev)), "\n")[1:]
	alerts := 0
	for _, r := range rows {
		f := strings.Split(r, ",")
		if f[2] == "sighting" && f[7] != "true" {
			t.Fatalf("events: alerts kept a sighting without an alert: %s", r)
		}
		if f[2] == "alert" {
			alerts++
		}
	}
	if alerts == 0 {
		t.Error("a day of mass live recognition over 20,000 residents raised no alert")
	}
}

// Group names come from scenario files that may be shared:
// events.csv must show them as text in a spreadsheet (no formula runs) and
// keep one field per column when they hold commas or quotes.
func TestEventsCSVNeutralisesFormulasAndQuotesNames(t *testing.T) {
	sc, err := scenarios.LoadBytes("hostile.yaml", []byte(`name: hostile
seed: 3
population:
  size: 400
  groups:
    - {name: '=HYPERLINK("http://x","y")', share: 0.5, monk_min: 1, monk_max: 5}
    - {name: 'a,"b"', share: 0.5, monk_min: 6, monk_max: 10}
regimes:
  - name: r
    threshold: 0.6
    live: {enabled: true, all_cameras: true}
    watchlist: {categories: [serious, minor, missing], size: 1000}
`))
	if err != nil {
		t.Fatal(err)
	}
	_, ev := runBytes(t, sc.Config(), 2, 2)
	rows, err := csv.NewReader(bytes.NewReader(ev)).ReadAll()
	if err != nil {
		t.Fatalf("events.csv does not parse: %v", err)
	}
	groups := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) != len(sim.EventsHeader) {
			t.Fatalf("row of %d fields, want %d: %q", len(r), len(sim.EventsHeader), r)
		}
		groups[r[4]] = true
	}
	for _, want := range []string{`'=HYPERLINK("http://x","y")`, `a,"b"`} {
		if !groups[want] {
			t.Errorf("no row with group %q (groups seen: %v)", want, groups)
		}
	}
	for g := range groups {
		if g != "" && strings.ContainsAny(g[:1], "=+-@") {
			t.Errorf("group cell %q would run as a formula", g)
		}
	}
}
