package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// Point is one run of a sweep: a value for each swept parameter, a seed,
// and the scenario with those values applied.
type Point struct {
	Index    int
	Values   []any
	Seed     uint64
	Scenario *Scenario
}

// Points expands a scenario's sweep into its runs, in a fixed order: the
// grid in the order the parameters are listed (the last varying fastest),
// each grid point repeated for every seed. A scenario without a sweep is
// one point.
func (s *Scenario) Points() ([]Point, error) {
	specs := s.PointSpecs()
	for i := range specs {
		if s.File.Sweep == nil {
			specs[i].Scenario = s
			continue
		}
		var err error
		if specs[i].Scenario, err = s.PointScenario(specs[i]); err != nil {
			return nil, err
		}
	}
	return specs, nil
}

// PointSpecs lists the sweep's points, in Points' order, with their values
// and seeds but without building their scenarios (Scenario is nil), which
// is cheap: a process that runs one point of a large sweep builds that
// point's scenario alone with PointScenario.
func (s *Scenario) PointSpecs() []Point {
	sw := s.File.Sweep
	if sw == nil {
		return []Point{{Seed: s.File.Seed}}
	}
	seeds := sw.Seeds
	if len(seeds) == 0 {
		seeds = []uint64{s.File.Seed}
	}
	grid := [][]any{{}}
	for _, p := range sw.Parameters {
		var next [][]any
		for _, g := range grid {
			for _, v := range p.Values {
				next = append(next, append(append([]any{}, g...), v))
			}
		}
		grid = next
	}
	var out []Point
	for _, values := range grid {
		for _, seed := range seeds {
			out = append(out, Point{Index: len(out), Values: values, Seed: seed})
		}
	}
	return out
}

// PointScenario returns the scenario of one sweep point: the sweep's
// parameters set to the point's values, its seed, validated like any
// scenario.
func (s *Scenario) PointScenario(p Point) (*Scenario, error) {
	sw := s.File.Sweep
	if sw == nil {
		return s, nil
	}
	f := s.File
	f.Sweep = nil
	paths := make([]string, len(sw.Parameters))
	set := make([]string, len(sw.Parameters))
	for k, sp := range sw.Parameters {
		paths[k] = sp.Path
		set[k] = fmt.Sprintf("%s = %v", sp.Path, p.Values[k])
	}
	fp, err := applyParameters(&f, paths, p.Values)
	if err != nil {
		return nil, fmt.Errorf("sweep point %d (%s): %w", p.Index, strings.Join(set, ", "), err)
	}
	fp.Seed = p.Seed
	return &Scenario{File: *fp, Source: s.Source, SHA256: s.SHA256}, nil
}

// applyParameter returns a copy of f with the value at a dotted path set,
// validated like any scenario. List items are addressed by index or, when
// they have one, by name (regimes.mass.threshold).
func applyParameter(f *File, path string, value any) (*File, error) {
	return applyParameters(f, []string{path}, []any{value})
}

// applyParameters sets several paths at once, then validates once.
func applyParameters(f *File, paths []string, values []any) (*File, error) {
	g := *f
	g.Sweep = nil
	tree, err := treeWithPaths(g, paths, values)
	if err != nil {
		return nil, err
	}
	out, err := yaml.Marshal(tree)
	if err != nil {
		return nil, err
	}
	s, err := LoadBytes("sweep point", out)
	if err != nil {
		return nil, err
	}
	return &s.File, nil
}

// treeWithPaths returns f as an ordered YAML tree with the value at each
// dotted path set: the one way a sweep point and the explorer's overrides
// change a scenario.
func treeWithPaths(f File, paths []string, values []any) (yaml.MapSlice, error) {
	text, err := yaml.Marshal(f)
	if err != nil {
		return nil, err
	}
	var tree yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(text, &tree, yaml.UseOrderedMap()); err != nil {
		return nil, err
	}
	for k, path := range paths {
		if err := setPath(tree, strings.Split(path, "."), values[k]); err != nil {
			return nil, fmt.Errorf("path %q: %w", path, err)
		}
	}
	return tree, nil
}

func setPath(node any, keys []string, value any) error {
	key := keys[0]
	switch n := node.(type) {
	case yaml.MapSlice:
		for i := range n {
			if fmt.Sprint(n[i].Key) != key {
				continue
			}
			if len(keys) == 1 {
				n[i].Value = value
				return nil
			}
			return setPath(n[i].Value, keys[1:], value)
		}
		if len(keys) == 1 {
			return fmt.Errorf("no field %q here (a swept field must exist in the resolved scenario)", key)
		}
		return fmt.Errorf("no field %q", key)
	case []any:
		idx, err := strconv.Atoi(key)
		if err != nil {
			idx = indexByName(n, key)
			if idx < 0 {
				return fmt.Errorf("no item named %q in the list", key)
			}
		}
		if idx < 0 || idx >= len(n) {
			return fmt.Errorf("index %d is outside the list of %d", idx, len(n))
		}
		if len(keys) == 1 {
			n[idx] = value
			return nil
		}
		return setPath(n[idx], keys[1:], value)
	}
	return fmt.Errorf("%q is not a mapping or a list", key)
}

func indexByName(items []any, name string) int {
	for i, it := range items {
		if m, ok := it.(yaml.MapSlice); ok {
			for _, kv := range m {
				if kv.Key == "name" && fmt.Sprint(kv.Value) == name {
					return i
				}
			}
		}
	}
	return -1
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
