// Command vigie-explore-wasm is the simulation engine of the explorer page
// (vigie explore), built with GOOS=js GOARCH=wasm from the same packages as
// vigie: the page hands it the scenario and the reader's settings, and it
// runs the city's day and returns results.json, the scenario text it ran,
// and the report's lede, summary, table and charts for those results.
//
// Only the published-rates recognizer runs here: the face pipeline (ONNX
// Runtime and dlib through cgo) does not run in a browser.
package main

import (
	"fmt"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/viz/report"
)

// Settings are the page's controls. A nil field leaves every regime as the
// scenario sets it.
type Settings struct {
	Regimes   []string `json:"regimes"`
	Citizens  *int     `json:"citizens"`
	Cameras   []*int   `json:"cameras"` // per cameras.placement entry; nil keeps it
	Threshold *float64 `json:"threshold"`
	Watchlist *int     `json:"watchlist"`
	Review    *bool    `json:"review"`
	Publicity *float64 `json:"publicity"`
	LiveFrom  *float64 `json:"live_from"`
	LiveTo    *float64 `json:"live_to"`
}

// Output is one rerun: the scenario text it ran (vigie run gives it the
// same results.json bytes), results.json, and what the page shows.
type Output struct {
	Scenario string      `json:"scenario"`
	Results  string      `json:"results"`
	View     report.View `json:"view"`
}

// overrides turns settings into dotted scenario paths and their values;
// settings for regimes apply to every kept regime, and live hours to the
// regimes that scan live.
func overrides(base *scenarios.Scenario, s Settings) (paths []string, values []any) {
	set := func(p string, v any) { paths, values = append(paths, p), append(values, v) }
	if s.Citizens != nil {
		set("population.size", *s.Citizens)
	}
	for i, n := range s.Cameras {
		if n != nil {
			set(fmt.Sprintf("cameras.placement.%d.count", i), *n)
		}
	}
	kept := map[string]bool{}
	for _, n := range s.Regimes {
		kept[n] = true
	}
	for _, r := range base.File.Regimes {
		name := r.Inline.Name
		if s.Regimes != nil && !kept[name] {
			continue
		}
		at := "regimes." + name + "."
		if s.Threshold != nil {
			set(at+"threshold", *s.Threshold)
		}
		if s.Watchlist != nil {
			set(at+"watchlist.size", *s.Watchlist)
		}
		if s.Review != nil {
			set(at+"review.enabled", *s.Review)
		}
		if s.Publicity != nil {
			set(at+"publicity", *s.Publicity)
		}
		if s.LiveFrom != nil && s.LiveTo != nil && r.Inline.Live.Enabled {
			// The whole live section: a regime live all day has no hours
			// field to set.
			live := r.Inline.Live
			live.Hours = [][2]float64{{*s.LiveFrom, *s.LiveTo}}
			set(at+"live", live)
		}
	}
	return paths, values
}

// rerun runs the scenario base (YAML text) with the settings applied.
// tick, when not nil, is called after every time step with the share done.
func rerun(base []byte, s Settings, lang, version string, tick func(float64)) (Output, error) {
	sc, err := scenarios.LoadBytes("explore.yaml", base)
	if err != nil {
		return Output{}, err
	}
	if sc.File.Recognizer.Mode.RunsPipeline() || sc.File.Recognizer.Pipeline.Measure {
		return Output{}, fmt.Errorf("recognizer: the face pipeline does not run in a browser; the explorer runs published-rates")
	}
	if (s.LiveFrom == nil) != (s.LiveTo == nil) {
		return Output{}, fmt.Errorf("live hours: give both the hour live scanning starts and the hour it ends (0 to 24)")
	}
	paths, values := overrides(sc, s)
	text, err := sc.Override(s.Regimes, paths, values)
	if err != nil {
		return Output{}, err
	}
	run, err := scenarios.LoadBytes("explore.yaml", text)
	if err != nil {
		return Output{}, err
	}
	res, err := simulate(run, version, tick)
	if err != nil {
		return Output{}, err
	}
	js, err := metrics.IndentedJSON(res)
	if err != nil {
		return Output{}, err
	}
	view, err := report.Explorer(res, report.Options{Lang: lang})
	if err != nil {
		return Output{}, err
	}
	return Output{Scenario: string(text), Results: string(js), View: view}, nil
}

// simulate runs the day one time step at a time (the worlds share nothing
// they write, so this gives what vigie run's workers give), calling tick
// between steps so that the page can show progress.
func simulate(sc *scenarios.Scenario, version string, tick func(float64)) (metrics.Results, error) {
	cfg := sc.Config()
	rec, err := sim.NewRecognizer(cfg)
	if err != nil {
		return metrics.Results{}, err
	}
	eng, err := sim.New(cfg, rec)
	if err != nil {
		return metrics.Results{}, err
	}
	for eng.Step() {
		if tick != nil {
			tick(eng.Progress())
		}
	}
	m := metrics.Manifest{VigieVersion: version, ScenarioName: sc.File.Name, ScenarioSHA256: sc.SHA256, Seed: cfg.Seed}
	return eng.Results(m), nil
}
