package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
)

const small = `name: small
seed: 5
population: {size: 1500}
regimes: [none, targeted-live, eu-ai-act, retrospective, mass]
`

func ptr[T any](v T) *T { return &v }

func baseScenario(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.LoadBytes("small.yaml", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Each setting lands on its scenario path, for the kept regimes only, and
// live hours only where a regime scans live.
func TestOverrides(t *testing.T) {
	sc := baseScenario(t)
	paths, values := overrides(sc, Settings{Regimes: []string{"none", "eu-ai-act"}, Citizens: ptr(900),
		Cameras: []*int{nil, ptr(7)}, Threshold: ptr(0.7), Review: ptr(false), LiveFrom: ptr(9.0), LiveTo: ptr(17.0)})
	got := map[string]any{}
	for i, p := range paths {
		got[p] = values[i]
	}
	want := map[string]string{"population.size": "900", "cameras.placement.1.count": "7",
		"regimes.none.threshold": "0.7", "regimes.none.review.enabled": "false",
		"regimes.eu-ai-act.threshold": "0.7", "regimes.eu-ai-act.review.enabled": "false",
		"regimes.eu-ai-act.live": "{true false [transit_hub] [[9 17]] 6}"}
	if len(got) != len(want) {
		t.Errorf("got %d paths %v, want %d", len(got), paths, len(want))
	}
	for p, v := range want {
		if s := fmt.Sprint(got[p]); s != v {
			t.Errorf("%s = %s, want %s", p, s, v)
		}
	}
}

// The page's way of running (one step at a time, on one thread) gives the
// results vigie run's workers give for the scenario text it returns.
func TestRerunMatchesEngineRun(t *testing.T) {
	base, err := baseScenario(t).Override(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := rerun(base, Settings{Regimes: []string{"targeted-live", "mass"}, Watchlist: ptr(5000), LiveFrom: ptr(9.0), LiveTo: ptr(17.0)}, "en", "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.LoadBytes("ran.yaml", []byte(out.Scenario))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config()
	if len(cfg.Regimes) != 2 || cfg.Regimes[1].Watchlist.Size != 5000 || fmt.Sprint(cfg.Regimes[1].Live.Hours) != "[[9 17]]" {
		t.Fatalf("the scenario run is not the one asked for: %+v", cfg.Regimes)
	}
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Run(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	want, err := metrics.IndentedJSON(eng.Results(metrics.Manifest{VigieVersion: "test", ScenarioName: "small", ScenarioSHA256: sc.SHA256, Seed: cfg.Seed}))
	if err != nil {
		t.Fatal(err)
	}
	if out.Results != string(want) {
		t.Error("stepping the engine gave other results than running it")
	}
	if len(out.View.Figures) == 0 || len(out.View.Summary) == 0 || len(out.View.Table) != 2 {
		t.Errorf("the view lacks charts, summary or rows: %d figures, %d sentences, %d rows", len(out.View.Figures), len(out.View.Summary), len(out.View.Table))
	}
}

// What cannot run says which field and why.
func TestRerunRefusesWithTheField(t *testing.T) {
	base, err := baseScenario(t).Override(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		s    Settings
		want string
	}{
		{Settings{Regimes: []string{}}, "at least one regime"},
		{Settings{Regimes: []string{"nosuch"}}, "nosuch"},
		{Settings{Threshold: ptr(1.5)}, "threshold"},
		{Settings{Citizens: ptr(0)}, "population.size"},
		{Settings{LiveFrom: ptr(8.0)}, "live hours"},
		{Settings{LiveFrom: ptr(20.0), LiveTo: ptr(8.0)}, "hours"},
	} {
		_, err := rerun(base, tt.s, "en", "test", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want an error naming %q", tt.s, err, tt.want)
		}
	}
}

// Every bundled scenario the explorer takes (vigie explore leaves out the
// pipeline measurement and a sweep, and refuses pipeline modes) reruns
// with every control set, on a small city.
func TestEveryBundledScenarioReruns(t *testing.T) {
	every := Settings{Citizens: ptr(600), Threshold: ptr(0.55), Watchlist: ptr(500), Review: ptr(false), Publicity: ptr(0.3), LiveFrom: ptr(9.0), LiveTo: ptr(12.0)}
	for _, b := range scenarios.Library() {
		sc, err := scenarios.Load(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		if sc.File.Recognizer.Mode.RunsPipeline() || sc.File.Population.Size > 100000 {
			continue
		}
		sc.File.Recognizer.Pipeline.Measure = false
		sc.File.Sweep = nil
		base, err := sc.Override(nil, nil, nil)
		if err != nil {
			t.Fatal(b.Name, err)
		}
		if _, err := rerun(base, every, "fr", "test", nil); err != nil {
			t.Errorf("%s: %v", b.Name, err)
		}
	}
}
