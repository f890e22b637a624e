package metrics

// Where a calibrated recognizer's factor came from (CalibrationFactor.From).
const (
	FromPipeline = "pipeline"
	FromProfile  = "profile"
)

// What a calibration factor multiplies (CalibrationFactor.Rate).
const (
	RateFalseMatch = "false_match"
	RateMiss       = "miss"
)

// Calibration says, for a recognizer in calibrated mode, which figures came
// from the deployed-system profile and which from the open pipeline: the
// profile sets the level at its operating point; each factor is how a
// group or a capture condition changes a rate relative to the reference,
// as the pipeline measured it (with its bootstrap interval) or, where that
// interval was too wide, as the profile publishes it.
type Calibration struct {
	// Profile names the profile whose operating point sets the level.
	Profile string `json:"profile"`
	// Threshold is the pipeline's descriptor distance at which the ratios
	// were measured: where ReferenceFMR of the reference bin's impostor
	// pairs match.
	Threshold    float64 `json:"threshold"`
	ReferenceFMR float64 `json:"reference_fmr"`
	// MissThreshold is the distance at which the miss ratios were
	// measured: where the reference bin's probes are missed at the
	// profile's reference rate, ReferenceMiss (1 - TPIR).
	MissThreshold float64 `json:"miss_threshold"`
	ReferenceMiss float64 `json:"reference_miss"`
	// ReferenceBin is the capture conditions every condition factor is
	// relative to; group factors are relative to the whole sample.
	ReferenceBin string `json:"reference_bin"`
	// Resamples is the number of bootstrap resamples of the sampled
	// identities; MaxSpread the widest interval (upper over lower bound)
	// a pipeline factor may have to be used.
	Resamples int                 `json:"resamples"`
	MaxSpread float64             `json:"max_spread"`
	Factors   []CalibrationFactor `json:"factors"`
}

// CalibrationFactor is one multiplier of a calibrated recognizer's rates.
type CalibrationFactor struct {
	// Rate is RateFalseMatch or RateMiss; Group or Bin names what the
	// factor is for (one of them is empty).
	Rate  string `json:"rate"`
	Group string `json:"group,omitempty"`
	Bin   string `json:"bin,omitempty"`
	// Pipeline is the ratio the pipeline measured, with its 95% bootstrap
	// interval; Measured is false (and both zero) where the sample could
	// not measure it (no event, or none in the reference), and Bounded
	// false (the interval zero) where some resample could not.
	Measured   bool       `json:"measured"`
	Pipeline   float64    `json:"pipeline"`
	Bounded    bool       `json:"bounded"`
	PipelineCI [2]float64 `json:"pipeline_ci"`
	// Profile is what the profile gives for the same ratio.
	Profile float64 `json:"profile"`
	// From says which of the two the run used (FromPipeline, FromProfile).
	From string `json:"from"`
}
