package scenarios

import (
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"vigie/policy"
	"vigie/sim"
)

// File is a scenario as written in YAML.
type File struct {
	sim.Config `yaml:",inline"`
	// Regimes are built-in regimes by name, or regimes defined inline.
	Regimes []RegimeRef `yaml:"regimes" json:"regimes" jsonschema:"required,minItems=1"`
	Sweep   *Sweep      `yaml:"sweep,omitempty" json:"sweep,omitempty"`
	// Validation names published figures the scenario must reproduce.
	Validation *sim.Validation `yaml:"validation,omitempty" json:"validation,omitempty"`
}

// RegimeRef is a regime in a scenario: the name of a built-in (a string) or
// a full regime (a mapping).
type RegimeRef struct {
	Builtin string
	Inline  *policy.Regime
}

// UnmarshalYAML reads a string as a built-in's name and a mapping as an
// inline regime, strictly.
func (r *RegimeRef) UnmarshalYAML(node ast.Node) error {
	switch n := node.(type) {
	case *ast.StringNode:
		r.Builtin = n.Value
		return nil
	case *ast.MappingNode, *ast.MappingValueNode:
		r.Inline = &policy.Regime{}
		return yaml.NodeToValue(node, r.Inline, yaml.Strict())
	}
	return fmt.Errorf("a regime is the name of a built-in (%s) or a mapping that defines one", builtinList())
}

// MarshalYAML writes the regime inline (the resolved form) or by name.
func (r RegimeRef) MarshalYAML() (any, error) {
	if r.Inline != nil {
		return r.Inline, nil
	}
	return r.Builtin, nil
}

// Sweep runs the scenario over a grid of parameter values, times seeds.
type Sweep struct {
	Parameters []SweepParameter `yaml:"parameters" json:"parameters" jsonschema:"minItems=1"`
	// Seeds repeat every grid point; empty means the scenario's seed alone.
	Seeds []uint64 `yaml:"seeds,omitempty" json:"seeds,omitempty"`
}

// SweepParameter is one swept parameter: a dotted path into the scenario
// (list items by name or index, e.g. regimes.mass.threshold or
// population.groups.0.response) and the values it takes.
type SweepParameter struct {
	Path   string `yaml:"path" json:"path" jsonschema:"minLength=1"`
	Values []any  `yaml:"values" json:"values" jsonschema:"minItems=1"`
}

// Scenario is a loaded, resolved scenario.
type Scenario struct {
	// File is the scenario with every default filled and every regime inline.
	File File
	// Source names where it came from (a path, or builtin:NAME).
	Source string
	// SHA256 is the hash of the source bytes.
	SHA256 string
}

// Config returns the simulation configuration, regimes included.
func (s *Scenario) Config() *sim.Config {
	c := s.File.Config
	c.Regimes = make([]policy.Regime, len(s.File.Regimes))
	for i, r := range s.File.Regimes {
		c.Regimes[i] = *r.Inline
	}
	return &c
}

// Resolved returns the scenario as YAML with every default filled in.
func (s *Scenario) Resolved() ([]byte, error) {
	header := fmt.Sprintf("# Resolved from %s (sha256 %s): every default filled in.\n", s.Source, s.SHA256)
	out, err := yaml.MarshalWithOptions(s.File, yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return nil, err
	}
	return append([]byte(header), out...), nil
}
