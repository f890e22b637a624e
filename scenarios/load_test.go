package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestLoadErrorsNameLineColumnAndField(t *testing.T) {
	cases := []struct {
		name, yaml string
		line, col  int
		path, msg  string
	}{
		{"unknown key", "name: x\npopulation:\n  size: 10\n  colour: blue\nregimes: [none]\n", 4, 3, "population.colour", "unknown field"},
		{"wrong type", "name: x\nseed: abc\nregimes: [none]\n", 2, 7, "seed", "allowed: a value of type uint64"},
		{"negative population", "name: x\npopulation:\n  size: -5\nregimes: [none]\n", 3, 9, "population.size", "minimum"},
		{"threshold outside the model's range", "name: x\nregimes:\n  - name: strict\n    threshold: 1.5\n", 4, 16, "regimes[0].threshold", "allowed: 0 to 1"},
		{"camera outside the city", "name: x\ncameras:\n  placement:\n    - strategy: explicit\n      at:\n        - {x: 9000, y: 5, heading_deg: 0}\nregimes: [none]\n", 6, 11, "cameras.placement[0].at[0]", "outside the city"},
		{"unknown built-in", "name: x\nregimes: [none, martial-law]\n", 2, 17, "regimes[1]", "no built-in regime \"martial-law\""},
		{"shares not adding up", "name: x\npopulation:\n  groups:\n    - {name: a, share: 0.5, monk_min: 1, monk_max: 3}\nregimes: [none]\n", 4, 5, "population.groups", "add up to 0.5"},
		{"unknown key in an inline regime", "name: x\nregimes:\n  - name: r\n    thershold: 0.6\n", 4, 5, "regimes[0].thershold", "unknown field"},
		{"sweep path that does not exist", "name: x\nregimes: [mass]\nsweep:\n  parameters:\n    - path: regimes.mass.nope\n      values: [1]\n", 5, 13, "sweep.parameters[0].path", "no field \"nope\""},
		{"bad enum", "name: x\nrecognizer:\n  mode: magic\nregimes: [none]\n", 3, 9, "recognizer.mode", "one of 'published-rates', 'exact', 'cached', 'fitted'"},
		{"gallery without recording", "name: x\nregimes:\n  - name: g\n    scraped_gallery: {searches_per_day: 1}\n", 4, 22, "regimes[0].scraped_gallery", "needs recording: true"},
		{"gallery age bands not from 0", "name: x\nregimes:\n  - name: g\n    recording: true\n    scraped_gallery:\n      public_photo_share: [{from_age: 5, share: 0.5}]\n", 6, 39, "regimes[0].scraped_gallery.public_photo_share[0].from_age", "must start at 0"},
		{"unknown gallery key", "name: x\nregimes:\n  - name: g\n    recording: true\n    scraped_gallery: {size: 1e9, serches: 3}\n", 5, 34, "regimes[0].scraped_gallery.serches", "unknown field"},
		{"data without hosting", "name: x\nregimes:\n  - name: g\n    data: {operator: police}\n", 4, 11, "regimes[0].data.hosting", "is missing; allowed: police, city, national-provider, foreign-cloud"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadBytes("test.yaml", []byte(c.yaml))
			if err == nil {
				t.Fatal("loaded without error")
			}
			var e *Error
			var es Errors
			switch {
			case errors.As(err, &es):
				e = es[0]
			case errors.As(err, &e):
			default:
				t.Fatalf("error %v is not a scenarios.Error", err)
			}
			if e.File != "test.yaml" || e.Line != c.line || e.Column != c.col || e.Path != c.path || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got %s:%d:%d %q %q\nwant test.yaml:%d:%d %q containing %q", e.File, e.Line, e.Column, e.Path, e.Msg, c.line, c.col, c.path, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "test.yaml:") {
				t.Errorf("message %q does not start with the file name", err)
			}
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	_, err := LoadBytes("t.yaml", []byte("name: x\npopulation:\n  size: 0\n  share_female: 2\nregimes: [none, nope]\n"))
	var es Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
}

func TestDefaultsAndResolvedRoundTrip(t *testing.T) {
	sc, err := LoadBytes("t.yaml", []byte("name: small\npopulation:\n  size: 500\n  groups:\n    - {name: a, share: 1, monk_min: 1, monk_max: 10}\nregimes: [none, mass]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.File.Population.Groups[0].Response != 1 {
		t.Errorf("group response default not filled: %g", sc.File.Population.Groups[0].Response)
	}
	if sc.File.Hours != 24 || sc.File.Cameras.Optics.WidthPx != 1920 {
		t.Errorf("defaults not filled: hours %g, width %d", sc.File.Hours, sc.File.Cameras.Optics.WidthPx)
	}
	if sc.File.Regimes[1].Inline == nil || sc.File.Regimes[1].Inline.Watchlist.Size != 100000 {
		t.Errorf("built-in regime not resolved")
	}
	text, err := sc.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadBytes("resolved.yaml", text)
	if err != nil {
		t.Fatalf("resolved scenario does not load back: %v\n%s", err, text)
	}
	text2, _ := again.Resolved()
	if strip(text) != strip(text2) {
		t.Errorf("resolved scenario changes when loaded again")
	}
}

// strip drops the header line, which names the source.
func strip(b []byte) string { s := string(b); return s[strings.IndexByte(s, '\n')+1:] }

func TestBuiltinsAndLibraryLoad(t *testing.T) {
	for _, n := range BuiltinNames() {
		r, err := Builtin(n)
		if err != nil || r.Name != n {
			t.Errorf("built-in %s: %v (name %q)", n, err, r.Name)
		}
	}
	lib := Library()
	if len(lib) == 0 {
		t.Fatal("no bundled scenarios")
	}
	for _, b := range lib {
		if b.Question == "" {
			t.Errorf("bundled scenario %s has no '# Question:' line", b.Name)
		}
		if _, err := Load(b.Name); err != nil {
			t.Errorf("bundled scenario %s: %v", b.Name, err)
		}
	}
}

func TestSweepPoints(t *testing.T) {
	sc, err := LoadBytes("t.yaml", []byte(`name: s
population: {size: 300}
regimes: [none, mass]
sweep:
  parameters:
    - {path: regimes.mass.threshold, values: [0.56, 0.6, 0.64]}
    - {path: population.size, values: [300, 600]}
  seeds: [1, 2]
`))
	if err != nil {
		t.Fatal(err)
	}
	pts, err := sc.Points()
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 12 {
		t.Fatalf("%d points, want 3 x 2 x 2 = 12", len(pts))
	}
	p := pts[7] // threshold 0.6 (second), size 600 (second), seed 2 (second)
	cfg := p.Scenario.Config()
	if cfg.Regimes[1].Threshold != 0.6 || cfg.Population.Size != 600 || cfg.Seed != 2 {
		t.Errorf("point 7 = threshold %g, size %d, seed %d", cfg.Regimes[1].Threshold, cfg.Population.Size, cfg.Seed)
	}
	if pts[0].Scenario.Config().Regimes[0].Threshold != 0.6 {
		t.Errorf("sweeping mass changed none's threshold")
	}
}

func TestSweepValueOutOfRangeIsAnError(t *testing.T) {
	sc, err := LoadBytes("t.yaml", []byte("name: s\nregimes: [mass]\nsweep:\n  parameters:\n    - {path: regimes.mass.threshold, values: [0.6, 7]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Points(); err == nil || !strings.Contains(err.Error(), "threshold") {
		t.Errorf("sweep value 7 for a threshold accepted: %v", err)
	}
}

// A regime written inline starts from a plausible deployment: the README's
// own example (live everywhere, a watchlist and a threshold) once defaulted
// to no review and a stop rate of 0, and so caught nobody. What it takes
// from the built-in is said in its description; what it sets wins.
func TestInlineRegimeStartsFromADeployment(t *testing.T) {
	base, err := Builtin(InlineBaseRegime)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := LoadBytes("test.yaml", []byte(`name: x
regimes:
  - name: mass-strict
    live: {enabled: true, all_cameras: true}
    watchlist: {categories: [serious], size: 10000}
    threshold: 0.64
  - name: own
    description: Everything said.
    live: {enabled: true, place_kinds: [square]}
    watchlist: {size: 10}
    threshold: 0.6
    review: {enabled: false}
    stop: {rate: 0.2}
    retention: {match_days: 1, non_match_days: 0, footage_days: 0}
    face_covering: false
    signage: false
    publicity: 0
`))
	if err != nil {
		t.Fatal(err)
	}
	strict, own := sc.File.Regimes[0].Inline, sc.File.Regimes[1].Inline
	if strict.Review != base.Review || strict.Stop != base.Stop || strict.Retention != base.Retention || strict.Publicity != base.Publicity {
		t.Errorf("mass-strict: review %+v, stop %+v, retention %+v, publicity %g; want %s's", strict.Review, strict.Stop, strict.Retention, strict.Publicity, InlineBaseRegime)
	}
	if !strict.Review.Enabled || strict.Stop.Rate <= 0 {
		t.Errorf("mass-strict can catch nobody: review %+v, stop %+v", strict.Review, strict.Stop)
	}
	if strict.Threshold != 0.64 || strict.Watchlist.Size != 10000 || len(strict.Watchlist.Categories) != 1 || !strict.Live.AllCameras || strict.Live.Hours != nil {
		t.Errorf("mass-strict lost what it set: %+v", strict)
	}
	for _, w := range []string{"targeted-live", "review, stop, retention, face_covering, signage, publicity"} {
		if !strings.Contains(strict.Description, w) {
			t.Errorf("mass-strict's description %q does not say it took %q", strict.Description, w)
		}
	}
	if own.Description != "Everything said." || own.Review.Enabled || own.Stop.Rate != 0.2 || own.Publicity != 0 || own.FaceCovering {
		t.Errorf("a fully written regime was changed: %+v", own)
	}
	if own.Watchlist.Size != 10 || len(own.Watchlist.Categories) != 0 {
		t.Errorf("own's watchlist %+v: a section written is the file's own, not merged", own.Watchlist)
	}
	// The resolved file says everything, so loading it again adds no note.
	resolved, err := sc.Resolved()
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadBytes("resolved.yaml", resolved)
	if err != nil {
		t.Fatal(err)
	}
	if d := again.File.Regimes[0].Inline.Description; d != strict.Description {
		t.Errorf("resolving twice changed the description: %q, then %q", strict.Description, d)
	}
}

// PointSpecs lists Points' values and seeds without building scenarios,
// and PointScenario (every parameter set, then one validation) builds the
// scenario that setting the parameters one at a time gives.
func TestPointSpecsAndPointScenarioMatchPoints(t *testing.T) {
	sc, err := LoadBytes("t.yaml", []byte(`name: s
population: {size: 300}
regimes: [none, mass]
sweep:
  parameters:
    - {path: regimes.mass.threshold, values: [0.56, 0.64]}
    - {path: regimes.mass.watchlist.size, values: [1000, 50000]}
    - {path: population.size, values: [300, 600]}
  seeds: [1, 2]
`))
	if err != nil {
		t.Fatal(err)
	}
	pts, err := sc.Points()
	if err != nil {
		t.Fatal(err)
	}
	specs := sc.PointSpecs()
	if len(specs) != len(pts) {
		t.Fatalf("%d specs, %d points", len(specs), len(pts))
	}
	for i, p := range specs {
		if p.Scenario != nil || p.Index != pts[i].Index || p.Seed != pts[i].Seed || !reflect.DeepEqual(p.Values, pts[i].Values) {
			t.Fatalf("spec %d = %+v, point %+v", i, p, pts[i])
		}
		one := &sc.File
		for k, sp := range sc.File.Sweep.Parameters {
			if one, err = applyParameter(one, sp.Path, p.Values[k]); err != nil {
				t.Fatal(err)
			}
		}
		one.Seed = p.Seed
		if !reflect.DeepEqual(*one, pts[i].Scenario.File) {
			t.Errorf("point %d: setting the parameters at once differs from one at a time", i)
		}
	}
}
