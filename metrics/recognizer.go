package metrics

// Score scales a recognizer's threshold can read on (RecognizerReport.Scale).
const (
	// ScaleSimilarity: 0-1, a candidate matches at or above the threshold.
	ScaleSimilarity = "similarity"
	// ScaleDistance: descriptor distance, a candidate matches below the
	// threshold (dlib descriptors: 0-2, face-api's usual threshold 0.6).
	ScaleDistance = "distance"
)

// Face sources a recognizer may have measured the pipeline on
// (RecognizerReport.FaceSource). A researcher's folder reads "folder": its
// own name may say whose faces they are, so it stays out of the outputs.
const (
	FacesGenerated = "generated"
	FacesFolder    = "folder"
)

// RecognizerReport says where the recognizer's behaviour came from and what
// the real pipeline measured, per demographic group, so that a reader can
// set the simulation's figures beside the published ones they replace.
// It is absent from results.json for the published-rates recognizer when
// that recognizer has nothing to add.
type RecognizerReport struct {
	Mode   string `json:"mode"`
	Source string `json:"source"`
	// Scale is "similarity" or "distance" (ScaleSimilarity, ScaleDistance).
	Scale string `json:"scale"`
	// FaceSource is "generated", "folder", or empty for
	// published-rates, which runs no pipeline.
	FaceSource string `json:"face_source"`
	// Sample counts what the pipeline was run on. Seconds are not recorded,
	// so that the same scenario and seed give the same bytes.
	Sample SampleInfo `json:"sample"`
	// Fits are the fitted score distributions, one per group and condition
	// bin (fitted mode).
	Fits []ScoreFit `json:"fits,omitempty"`
	// Groups are the rates per regime and group: measured by the pipeline
	// beside what published-rates says.
	Groups []GroupRates `json:"groups,omitempty"`
	// Cells are the 1:1 rates measured on the sample, per regime threshold,
	// group and condition bin (fitted mode).
	Cells []CellRates `json:"cells,omitempty"`
	// Regimes, in a pipeline measured beside a deployed-system profile, say
	// per regime what the pipeline would need to keep the profile's false
	// alert budget and what it would then find.
	Regimes []PipelineRegime `json:"regimes,omitempty"`
	// Profile names the deployed-system profile compared with, and System
	// the algorithm it describes (a pipeline measured beside a profile).
	Profile string   `json:"profile,omitempty"`
	System  string   `json:"system,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	// Calibration, in calibrated mode, says which figures came from the
	// profile and which from the pipeline.
	Calibration *Calibration `json:"calibration,omitempty"`
}

// CellRates are the false match and false non-match rates the pipeline
// measured on its sample's pairs in one condition bin for one group, at a
// regime's threshold, with 95% Wilson intervals.
type CellRates struct {
	Regime    string  `json:"regime"`
	Group     string  `json:"group"`
	Bin       string  `json:"bin"`
	Threshold float64 `json:"threshold"`
	// FMR counts impostor pairs under the threshold; FNMR genuine pairs at
	// or over it (on the distance scale).
	FMR  Rate `json:"fmr"`
	FNMR Rate `json:"fnmr"`
}

// PipelineRegime is the pipeline held to one regime's false-alert budget:
// the false positive identification rate the profile gives at the regime's
// threshold and watchlist, averaged over the calibration sample (frontal
// faces of 100 px in daylight), the pipeline threshold that gives the same
// rate, and the share of wanted people each finds in those conditions.
type PipelineRegime struct {
	Regime  string `json:"regime"`
	Gallery int    `json:"gallery"`
	// FPIRBudget is the profile's false positive identification rate.
	FPIRBudget float64 `json:"fpir_budget"`
	// ProfileThreshold is the regime's threshold on the profile's scale;
	// Threshold the pipeline's, on its own.
	ProfileThreshold float64 `json:"profile_threshold"`
	Threshold        float64 `json:"threshold"`
	// Found is the share of wanted people the pipeline finds at Threshold,
	// ProfileFound the share the profile finds at ProfileThreshold.
	Found        float64 `json:"found"`
	ProfileFound float64 `json:"profile_found"`
}

// SampleInfo counts the faces and comparisons a recognizer measured.
type SampleInfo struct {
	Identities    int `json:"identities"`
	Captures      int `json:"captures"`
	Detected      int `json:"detected"`
	Enrolled      int `json:"enrolled"`
	GenuinePairs  int `json:"genuine_pairs"`
	ImpostorPairs int `json:"impostor_pairs"`
}

// ScoreFit is what the pipeline measured for one group in one condition bin
// (a bin name such as "px40-80/yaw0-20/day").
type ScoreFit struct {
	Group string `json:"group"`
	Bin   string `json:"bin"`
	// Detected is the share of the sample's captures in this cell that the
	// detector found.
	Detected Rate `json:"detected"`
	// Genuine: distances between a probe and its own enrolment.
	Genuine DistFit `json:"genuine"`
	// Impostor: distances between a probe and other enrolled identities.
	Impostor DistFit `json:"impostor"`
}

// DistFit is a parametric (or semi-parametric) fit of a score sample, with
// the sample's size and moments and a goodness-of-fit test, so a reader can
// judge how far the fit may be trusted.
// No field may be NaN or infinite: results.json could not be written (JSON
// has no NaN); an empty sample has N 0, an empty Family and zeros.
type DistFit struct {
	// Family names the fitted law: "normal", "lognormal", "gamma",
	// "empirical+normal-tail", ...
	Family string `json:"family"`
	// Params are the family's parameters by name.
	Params map[string]float64 `json:"params,omitempty"`
	N      int                `json:"n"`
	Mean   float64            `json:"mean"`
	SD     float64            `json:"sd"`
	// KS is the Kolmogorov-Smirnov D of the fit against the sample, KSP its
	// p-value.
	KS  float64 `json:"ks"`
	KSP float64 `json:"ks_p"`
}

// GroupRates sets, for one regime and group, what the pipeline measured on
// faces beside what the published-rates model says for the same group.
type GroupRates struct {
	Regime string `json:"regime"`
	Group  string `json:"group"`
	// Threshold is on the recognizer's scale.
	Threshold float64 `json:"threshold"`
	// FMR is the 1:1 false match rate measured on the pipeline sample at the
	// threshold (impostor pairs of this group).
	FMR Rate `json:"fmr"`
	// FPIR is the false positive identification rate the fit gives against
	// the regime's gallery size.
	FPIR float64 `json:"fpir"`
	// FNIR is the fit's false negative identification rate (a mated,
	// detected probe missed) in the good-capture bin.
	FNIR float64 `json:"fnir"`
	// PublishedFMR and PublishedFPIR are what published-rates gives for this
	// group at the regime's similarity threshold (filled by the engine).
	PublishedFMR  float64 `json:"published_fmr"`
	PublishedFPIR float64 `json:"published_fpir"`
}
