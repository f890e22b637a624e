package scenarios

import (
	"fmt"

	"github.com/goccy/go-yaml"

	"vigie/sim"
)

// Override returns the scenario as YAML text with only the regimes named
// in keep (in the scenario's order; nil keeps them all; a schedule goes
// with any regime it needs), and the value at
// each dotted path set as a sweep point sets it (regimes.mass.threshold,
// cameras.placement.0.count). The text is a scenario of its own: loaded
// with LoadBytes it runs what was asked, and the explorer page and vigie
// run give it the same results.json bytes.
func (s *Scenario) Override(keep []string, paths []string, values []any) ([]byte, error) {
	f := s.File
	f.Sweep = nil
	if keep != nil {
		regimes, err := keepRegimes(f.Regimes, keep)
		if err != nil {
			return nil, err
		}
		f.Regimes = regimes
		f.Schedules = keptSchedules(f.Schedules, regimes)
	}
	tree, err := treeWithPaths(f, paths, values)
	if err != nil {
		return nil, err
	}
	return yaml.MarshalWithOptions(tree, yaml.Indent(2), yaml.IndentSequence(true))
}

// keepRegimes keeps the named regimes, in the scenario's order.
func keepRegimes(all []RegimeRef, keep []string) ([]RegimeRef, error) {
	want := make(map[string]bool, len(keep))
	for _, n := range keep {
		want[n] = true
	}
	var out []RegimeRef
	for _, r := range all {
		if want[r.Inline.Name] {
			out = append(out, r)
			delete(want, r.Inline.Name)
		}
	}
	if len(want) > 0 {
		return nil, fmt.Errorf("regimes: %v are not in the scenario (it has %s)", sortedKeys(want), regimeNames(all))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("regimes: keep at least one regime")
	}
	return out, nil
}

func regimeNames(all []RegimeRef) string {
	s := ""
	for i, r := range all {
		if i > 0 {
			s += ", "
		}
		s += r.Inline.Name
	}
	return s
}

// keptSchedules keeps the schedules whose every regime is still in the
// scenario: a schedule cannot run without a regime it switches to.
func keptSchedules(all []sim.Schedule, regimes []RegimeRef) []sim.Schedule {
	kept := map[string]bool{}
	for _, r := range regimes {
		kept[r.Inline.Name] = true
	}
	var out []sim.Schedule
	for _, s := range all {
		ok := kept[s.Start]
		for _, c := range s.Changes {
			ok = ok && kept[c.Regime]
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}
