package scenarios

import (
	"fmt"
	"strings"

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
	// Language is the language of the report, the printed summary and the
	// assessment (vigie run, dpia); --lang overrides it.
	Language string `yaml:"language,omitempty" json:"language,omitempty" jsonschema:"enum=en,enum=fr,description=Language of the report, the printed summary and the impact assessment: en (the default) or fr; the command's --lang overrides it"`
	// Jurisdiction names the data-protection law the impact assessment
	// cites beside the GDPR and the EU AI Act.
	Jurisdiction string `yaml:"jurisdiction,omitempty" json:"jurisdiction,omitempty" jsonschema:"enum=eu,enum=ma,description=Legal frame of vigie dpia: eu (the default; GDPR and the EU AI Act) or ma (Morocco: law 09-08 and the CNDP beside them)"`
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
		if err := yaml.NodeToValue(node, r.Inline, yaml.Strict()); err != nil {
			return err
		}
		return inheritLeftOut(r.Inline, keysOf(node))
	}
	return fmt.Errorf("a regime is the name of a built-in (%s) or a mapping that defines one", builtinList())
}

// InlineBaseRegime names the built-in regime whose deployment settings a
// regime written inline starts from.
const InlineBaseRegime = "targeted-live"

// inherited lists, in file order, the sections a regime written inline
// takes whole from InlineBaseRegime when it leaves them out. A section the
// file writes is the file's own, every key of it (no merging inside a
// section). Where and when it runs (live, recording) and its name are the
// regime's own to say; a left-out retrospective section starts disabled,
// with the built-in retrospective regime's warrant delays.
var inherited = []string{"watchlist", "threshold", "review", "stop", "retention", "face_covering", "signage", "publicity"}

// InlineBase returns what a regime written inline starts from: a plausible
// deployment (the human review, stop rate, retention, watchlist, threshold,
// signage and publicity of the built-in targeted-live regime), so that a
// regime that says only where it runs neither catches nobody (no review, a
// stop rate of 0) nor keeps nothing while looking like a result. It runs
// nowhere until its live or retrospective section says where.
func InlineBase() (policy.Regime, error) {
	b, err := Builtin(InlineBaseRegime)
	if err != nil {
		return b, err
	}
	retro, err := Builtin("retrospective")
	if err != nil {
		return b, err
	}
	b.Name, b.Description, b.Sources = "", "", nil
	b.Live, b.Recording = policy.Live{}, false
	b.Retrospective = retro.Retrospective
	b.Retrospective.Enabled = false
	return b, nil
}

// inheritLeftOut fills the sections the file left out from InlineBase and
// says in the regime's description which it took, so the report, the
// assessment and the resolved scenario state what the file left out.
func inheritLeftOut(r *policy.Regime, set map[string]bool) error {
	base, err := InlineBase()
	if err != nil {
		return err
	}
	if !set["retrospective"] {
		r.Retrospective = base.Retrospective
	}
	var took []string
	for _, k := range inherited {
		if set[k] {
			continue
		}
		took = append(took, k)
		switch k {
		case "watchlist":
			r.Watchlist = base.Watchlist
		case "threshold":
			r.Threshold = base.Threshold
		case "review":
			r.Review = base.Review
		case "stop":
			r.Stop = base.Stop
		case "retention":
			r.Retention = base.Retention
		case "face_covering":
			r.FaceCovering = base.FaceCovering
		case "signage":
			r.Signage = base.Signage
		case "publicity":
			r.Publicity = base.Publicity
		}
	}
	if len(took) == 0 {
		return nil
	}
	note := fmt.Sprintf("Settings this regime leaves out come from the built-in %s regime: %s.", InlineBaseRegime, strings.Join(took, ", "))
	if r.Description == "" {
		r.Description = note
	} else {
		r.Description = strings.TrimSpace(r.Description) + " " + note
	}
	return nil
}

// keysOf returns the keys of a YAML mapping.
func keysOf(node ast.Node) map[string]bool {
	keys := map[string]bool{}
	var values []*ast.MappingValueNode
	switch n := node.(type) {
	case *ast.MappingNode:
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	}
	for _, v := range values {
		if v.Key != nil {
			keys[v.Key.String()] = true
		}
	}
	return keys
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
