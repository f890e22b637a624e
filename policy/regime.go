package policy

// Regime is a facial-recognition policy regime.
type Regime struct {
	Name        string `yaml:"name" json:"name" jsonschema:"minLength=1,pattern=^[a-z0-9][a-z0-9_-]*$"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Live is real-time identification on camera feeds.
	Live Live `yaml:"live" json:"live"`
	// Recording says whether camera footage is stored (for retrospective search).
	Recording bool `yaml:"recording" json:"recording" jsonschema:"description=Whether camera footage with faces is stored"`
	// Retrospective is warrant-gated search of stored footage.
	Retrospective Retrospective `yaml:"retrospective" json:"retrospective"`
	Watchlist     Watchlist     `yaml:"watchlist" json:"watchlist"`
	// Threshold is the match threshold as a similarity (0-1, higher is
	// stricter), the scale of the published-rates recognizer.
	Threshold float64 `yaml:"threshold" json:"threshold" jsonschema:"description=Match threshold as a similarity 0-1 (published-rates); recognizers on the dlib distance scale use distance_threshold or else the operating point the published rates give at this threshold"`
	// DistanceThreshold is the match threshold for recognizers that run the
	// real pipeline (exact, cached, fitted): a dlib descriptor distance,
	// lower is stricter. Zero means: carry the similarity threshold over as
	// the operating point the published rates give at it.
	DistanceThreshold float64 `yaml:"distance_threshold,omitempty" json:"distance_threshold,omitempty" jsonschema:"minimum=0,maximum=2,description=Match threshold as a dlib descriptor distance 0-2 (lower is stricter) for the exact/cached/fitted recognizers"`
	// OperatingPointFPIR, when set, replaces Threshold by the threshold at
	// which a face scanned draws a false alert with this probability, on a
	// calibration sample of the population: "the threshold that gives 1 in
	// 6,000", as a police force would put it.
	OperatingPointFPIR float64 `yaml:"operating_point_fpir,omitempty" json:"operating_point_fpir,omitempty" jsonschema:"exclusiveMinimum=0,maximum=1"`
	// EqualiseGroups tunes a threshold per group so that every group's
	// false positive identification rate equals the population's average at
	// the global threshold (or the operating point): the per-group lever
	// against a single threshold skewing errors across groups.
	EqualiseGroups bool `yaml:"equalise_groups,omitempty" json:"equalise_groups,omitempty"`
	// GroupThresholds overrides the threshold for named groups, on the
	// scale of the scenario's recognizer.
	GroupThresholds map[string]float64 `yaml:"group_thresholds,omitempty" json:"group_thresholds,omitempty"`
	Review          Review             `yaml:"review" json:"review"`
	Stop            Stop               `yaml:"stop" json:"stop"`
	Retention       Retention          `yaml:"retention" json:"retention"`
	// FaceCovering says whether people may cover their faces in public
	// (France, for one, has banned it since 2010).
	FaceCovering bool `yaml:"face_covering" json:"face_covering"`
	// Signage says whether cameras are signposted.
	Signage bool `yaml:"signage" json:"signage"`
	// Publicity is how widely the public knows what the regime does (0-1).
	Publicity float64  `yaml:"publicity" json:"publicity" jsonschema:"minimum=0,maximum=1"`
	Sources   []string `yaml:"sources,omitempty" json:"sources,omitempty"`
	// Gallery, when set, searches a scraped face database with stills from
	// the city's cameras (gallery.go).
	Gallery *ScrapedGallery `yaml:"scraped_gallery,omitempty" json:"scraped_gallery,omitempty"`
	// Data says who operates and supplies the system and where its face
	// data are held (gallery.go).
	Data *DataFlow `yaml:"data,omitempty" json:"data,omitempty"`
}

// Live says where and when live identification runs.
type Live struct {
	Enabled bool `yaml:"enabled" json:"enabled"`
	// Cameras selects cameras: "all", or those watching the named place kinds.
	AllCameras bool     `yaml:"all_cameras" json:"all_cameras"`
	PlaceKinds []string `yaml:"place_kinds,omitempty" json:"place_kinds,omitempty" jsonschema:"description=Run only on cameras watching these kinds of place"`
	// Hours are the daily windows [from, to) of deployment, in hours.
	Hours [][2]float64 `yaml:"hours,omitempty" json:"hours,omitempty"`
	// AuthorisationDelayHours is how long after the start of the day a
	// deployment waits for its prior authorisation.
	AuthorisationDelayHours float64 `yaml:"authorisation_delay_hours" json:"authorisation_delay_hours" jsonschema:"minimum=0,maximum=720"`
}

// Retrospective is search of stored footage, each search after authorisation.
type Retrospective struct {
	Enabled                 bool     `yaml:"enabled" json:"enabled"`
	Categories              []string `yaml:"categories,omitempty" json:"categories,omitempty" jsonschema:"description=Wanted categories a warrant may be granted for: serious, minor, missing"`
	AuthorisationDelayHours float64  `yaml:"authorisation_delay_hours" json:"authorisation_delay_hours" jsonschema:"minimum=0,maximum=720"`
	SearchEveryHours        float64  `yaml:"search_every_hours" json:"search_every_hours" jsonschema:"minimum=0,maximum=720"`
	// FollowUpHours is how long after a confirmed hit officers reach the person.
	FollowUpHours float64 `yaml:"follow_up_hours" json:"follow_up_hours" jsonschema:"minimum=0,maximum=720"`
}

// Watchlist says who is searched for.
type Watchlist struct {
	// Categories of wanted residents on the list: serious, minor, missing.
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
	// Size is the list's total size; non-resident filler identities make
	// up the difference from the residents on it.
	Size int `yaml:"size" json:"size" jsonschema:"minimum=0,maximum=100000000"`
}

// Review is the human check of an alert before any action.
type Review struct {
	Enabled bool `yaml:"enabled" json:"enabled"`
	// ConfirmTrue is the chance an operator confirms a correct alert.
	ConfirmTrue float64 `yaml:"confirm_true" json:"confirm_true" jsonschema:"minimum=0,maximum=1"`
	// ConfirmFalse is the chance an operator wrongly confirms a false alert.
	ConfirmFalse float64 `yaml:"confirm_false" json:"confirm_false" jsonschema:"minimum=0,maximum=1"`
}

// Stop is what follows a confirmed alert.
type Stop struct {
	// Rate is the chance officers reach and stop the person.
	Rate float64 `yaml:"rate" json:"rate" jsonschema:"minimum=0,maximum=1"`
}

// Retention says how long records are kept, in days.
type Retention struct {
	MatchDays    float64 `yaml:"match_days" json:"match_days" jsonschema:"minimum=0,maximum=36500"`
	NonMatchDays float64 `yaml:"non_match_days" json:"non_match_days" jsonschema:"minimum=0,maximum=36500"`
	FootageDays  float64 `yaml:"footage_days" json:"footage_days" jsonschema:"minimum=0,maximum=36500"`
}
