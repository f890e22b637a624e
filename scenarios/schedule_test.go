package scenarios

import (
	"errors"
	"strings"
	"testing"

	"vigie/sim"
)

// scheduleYAML is a valid run of several days with one schedule; the
// cases below spoil one field of it.
const scheduleYAML = `name: x
days: 10
regimes: [none, mass]
schedules:
  - name: creep
    start: none
    changes:
      - {day: 4, regime: mass}
      - {day: 7, regime: none}
`

// A bad schedule names the file, line, field and what is allowed.
func TestScheduleErrorsNameLineAndField(t *testing.T) {
	if _, err := LoadBytes("test.yaml", []byte(scheduleYAML)); err != nil {
		t.Fatalf("the valid schedule does not load: %v", err)
	}
	cases := []struct {
		name, from, to string
		line           int
		path, msg      string
	}{
		{"unknown regime", "{day: 4, regime: mass}", "{day: 4, regime: martial}", 8, "schedules[0].changes[0].regime", `"martial" is not a regime of this scenario; allowed: none, mass`},
		{"unknown start", "start: none", "start: calm", 6, "schedules[0].start", "allowed: none, mass"},
		{"day after the run", "{day: 7, regime: none}", "{day: 12, regime: none}", 9, "schedules[0].changes[1].day", "no later than day 10"},
		{"days out of order", "{day: 7, regime: none}", "{day: 3, regime: none}", 9, "schedules[0].changes[1].day", "after day 4"},
		{"first day", "{day: 4, regime: mass}", "{day: 1, regime: mass}", 8, "schedules[0].changes[0].day", "minimum"},
		{"a one-day run", "days: 10", "days: 1", 5, "schedules[0]", "set days: to 2 or more"},
		{"name of a regime", "name: creep", "name: mass", 5, "schedules[0].name", "must be its own"},
		{"no changes", "    changes:\n      - {day: 4, regime: mass}\n      - {day: 7, regime: none}\n", "    changes: []\n", 7, "schedules[0].changes", "minItems"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(scheduleYAML, c.from, c.to, 1)
			_, err := LoadBytes("test.yaml", []byte(text))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %v is not a list of scenarios.Error", err)
			}
			e := es[0]
			if e.File != "test.yaml" || e.Line != c.line || e.Path != c.path || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got %s:%d %q %q\nwant test.yaml:%d %q containing %q", e.File, e.Line, e.Path, e.Msg, c.line, c.path, c.msg)
			}
		})
	}
}

// The trust rates are assumptions to vary: a sweep reaches them by path,
// and a rate outside 0-1 is refused.
func TestTrustRatesAreSweepable(t *testing.T) {
	sweep := scheduleYAML + "sweep:\n  parameters:\n    - {path: behaviour.trust.recovery_per_day, values: [0.01, 0.05, 0.5]}\n"
	sc, err := LoadBytes("test.yaml", []byte(sweep))
	if err != nil {
		t.Fatalf("a sweep of behaviour.trust.recovery_per_day does not load: %v", err)
	}
	if sc.File.Behaviour.Trust != (sim.Trust{LossPerDay: 0.5, RecoveryPerDay: 0.05}) {
		t.Errorf("default trust rates %+v", sc.File.Behaviour.Trust)
	}
	if points, err := sc.Points(); err != nil || len(points) != 3 {
		t.Fatalf("%d points, %v", len(points), err)
	}
	bad, err := LoadBytes("test.yaml", []byte(strings.Replace(sweep, "0.5]", "1.5]", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Points(); err == nil || !strings.Contains(err.Error(), "recovery_per_day") {
		t.Errorf("a recovery rate of 1.5 gave %v", err)
	}
}

// Keeping only some regimes (the explorer's regime controls) drops the
// schedules that need a regime left out, and keeps the others.
func TestOverrideKeepsOnlyRunnableSchedules(t *testing.T) {
	sc, err := LoadBytes("test.yaml", []byte(scheduleYAML))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		keep      []string
		schedules int
	}{{[]string{"none", "mass"}, 1}, {[]string{"mass"}, 0}, {nil, 1}} {
		text, err := sc.Override(tt.keep, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		again, err := LoadBytes("override.yaml", text)
		if err != nil {
			t.Fatalf("keeping %v: %v", tt.keep, err)
		}
		if n := len(again.File.Schedules); n != tt.schedules {
			t.Errorf("keeping %v: %d schedules, want %d", tt.keep, n, tt.schedules)
		}
	}
}
