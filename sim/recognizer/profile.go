package recognizer

import (
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Profile is a deployed face-recognition system as its evaluations
// published it: an operating point (threshold, watchlist size, false and
// true positive identification rates), how its errors move with the
// threshold, the watchlist, demographics and capture conditions, and where
// every figure comes from. The bundled profiles are YAML files in
// scenarios/profiles; a scenario names one or writes its own.
//
// The demographic multipliers are relative shape: the recognizer scales the
// rates so that the population's average false positive identification
// rate at the reference point equals the published FPIR (NPL's figures are
// crowd averages), whatever the multipliers.
type Profile struct {
	Name string `yaml:"name" json:"name" jsonschema:"minLength=1,description=The profile's name"`
	// System is the algorithm the figures describe.
	System string `yaml:"system,omitempty" json:"system,omitempty"`
	// Source is the one-line summary every output's manifest carries.
	Source string `yaml:"source" json:"source" jsonschema:"description=Where the figures come from, in one line"`
	// Sources lists each publication used, with what it gave.
	Sources []string `yaml:"sources,omitempty" json:"sources,omitempty"`
	// The reference operating point: at ReferenceThreshold with a watchlist
	// of ReferenceWatchlist, a passer-by not on the list draws a false alert
	// with probability FPIR (population average), and one on it is found
	// with probability TPIR.
	ReferenceThreshold float64 `yaml:"reference_threshold" json:"reference_threshold" jsonschema:"minimum=0,maximum=1"`
	ReferenceWatchlist int     `yaml:"reference_watchlist" json:"reference_watchlist" jsonschema:"minimum=1"`
	FPIR               float64 `yaml:"fpir" json:"fpir" jsonschema:"exclusiveMinimum=0,maximum=1"`
	TPIR               float64 `yaml:"tpir" json:"tpir" jsonschema:"minimum=0,maximum=1"`
	// FMRDecade is the threshold rise that cuts false matches ten-fold, with
	// the range a sweep should cover (vigie recognizers shows what the
	// published counts say about it).
	FMRDecade      float64    `yaml:"fmr_decade" json:"fmr_decade" jsonschema:"exclusiveMinimum=0,maximum=1"`
	FMRDecadeRange [2]float64 `yaml:"fmr_decade_range,omitempty" json:"fmr_decade_range,omitempty"`
	// FNIRDecade is the threshold rise that multiplies misses ten-fold.
	FNIRDecade float64 `yaml:"fnir_decade" json:"fnir_decade" jsonschema:"exclusiveMinimum=0,maximum=1"`
	// FemaleFMR multiplies the false match rate of women; ToneFMR that of
	// Monk tone bands 1-3, 4-7 and 8-10.
	FemaleFMR Multiplier    `yaml:"female_fmr" json:"female_fmr"`
	ToneFMR   [3]Multiplier `yaml:"tone_fmr" json:"tone_fmr"`
	// MinFacePx is the smallest face the detector finds; GoodFacePx the size
	// from which recognition is at its best.
	MinFacePx  float64 `yaml:"min_face_px" json:"min_face_px" jsonschema:"minimum=4,maximum=400"`
	GoodFacePx float64 `yaml:"good_face_px" json:"good_face_px" jsonschema:"minimum=4,maximum=400"`
	// CoveredFNIR is the share of a covered face's searches that miss.
	CoveredFNIR float64 `yaml:"covered_fnir" json:"covered_fnir" jsonschema:"minimum=0,maximum=1"`
	// NightFNIR multiplies misses in dusk and night light.
	NightFNIR float64 `yaml:"night_fnir" json:"night_fnir" jsonschema:"minimum=1,maximum=100"`
	// Points are the published operating points and counts the profile
	// rests on; the threshold slope is fitted to those with counts.
	Points []PublishedPoint `yaml:"points,omitempty" json:"points,omitempty"`
	// Findings are the published demographic findings, by threshold.
	Findings []Finding `yaml:"findings,omitempty" json:"findings,omitempty"`
}

// Multiplier is a demographic multiplier of the false match rate: the
// value used, the range its sources allow (what a sweep should cover), and
// where both come from.
type Multiplier struct {
	Value  float64    `yaml:"value" json:"value" jsonschema:"minimum=0,maximum=1000"`
	Range  [2]float64 `yaml:"range" json:"range"`
	Source string     `yaml:"source,omitempty" json:"source,omitempty"`
}

// PublishedPoint is one published figure at a threshold: a rate, or a
// count of false positives over a number of searches. Searches 0 means the
// publication did not give them: points of one study then share an unknown
// number of searches, which the slope fit estimates with the slope.
type PublishedPoint struct {
	Threshold      float64 `yaml:"threshold" json:"threshold" jsonschema:"minimum=0,maximum=1"`
	Watchlist      int     `yaml:"watchlist" json:"watchlist" jsonschema:"minimum=1"`
	FPIR           float64 `yaml:"fpir,omitempty" json:"fpir,omitempty" jsonschema:"minimum=0,maximum=1"`
	TPIR           float64 `yaml:"tpir,omitempty" json:"tpir,omitempty" jsonschema:"minimum=0,maximum=1"`
	FalsePositives *int    `yaml:"false_positives,omitempty" json:"false_positives,omitempty" jsonschema:"minimum=0"`
	Searches       int     `yaml:"searches,omitempty" json:"searches,omitempty" jsonschema:"minimum=0"`
	Study          string  `yaml:"study,omitempty" json:"study,omitempty"`
	Source         string  `yaml:"source" json:"source" jsonschema:"minLength=1"`
}

// Finding is a published demographic finding at a threshold.
type Finding struct {
	Threshold float64 `yaml:"threshold" json:"threshold" jsonschema:"minimum=0,maximum=1"`
	Finding   string  `yaml:"finding" json:"finding" jsonschema:"minLength=1"`
	Source    string  `yaml:"source" json:"source" jsonschema:"minLength=1"`
}

// profileFields is Profile without its YAML method, to decode a mapping.
type profileFields Profile

// UnmarshalYAML reads a mapping as a profile written out, over the values
// already there, strictly; a string is a bundled profile's name, which the
// scenario loader replaces by the profile.
func (p *Profile) UnmarshalYAML(node ast.Node) error {
	if s, ok := node.(*ast.StringNode); ok {
		p.Name = s.Value
		return nil
	}
	return yaml.NodeToValue(node, (*profileFields)(p), yaml.Strict())
}
