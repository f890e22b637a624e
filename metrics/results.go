package metrics

// SchemaVersion is the version of the results.json layout. Bump it when a
// field changes meaning or disappears; adding a field does not need a bump.
const SchemaVersion = 1

// Results is the document a run writes as results.json. Every chart, table
// and report is drawn from it, never from simulation internals.
type Results struct {
	SchemaVersion int            `json:"schema_version"`
	Manifest      Manifest       `json:"manifest"`
	Scenario      ScenarioInfo   `json:"scenario"`
	Regimes       []RegimeResult `json:"regimes"`
	City          CityMap        `json:"city"`
	// Recognizer says how the recognizer behaved and, for the modes that run
	// the real pipeline, what it measured per group (absent otherwise).
	Recognizer *RecognizerReport `json:"recognizer,omitempty"`
	// Pipeline is the open pipeline measured beside a deployed-system
	// profile that decided the outcomes (recognizer.pipeline.measure).
	Pipeline *RecognizerReport `json:"pipeline,omitempty"`
}

// Manifest says exactly what produced a result, so it can be reproduced.
// It holds no clock time: the same scenario and seed give the same bytes.
type Manifest struct {
	VigieVersion     string `json:"vigie_version"`
	ScenarioName     string `json:"scenario_name"`
	ScenarioSHA256   string `json:"scenario_sha256"`
	Seed             uint64 `json:"seed"`
	Recognizer       string `json:"recognizer"`
	RecognizerSource string `json:"recognizer_source,omitempty"`
	// Profile names the deployed-system profile the published rates (or a
	// pipeline's false-alert budgets) came from.
	Profile     string            `json:"profile,omitempty"`
	ModelSHA256 map[string]string `json:"model_sha256,omitempty"`
}

// ScenarioInfo describes the simulated city and day in a few numbers.
type ScenarioInfo struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Population  int      `json:"population"`
	Cameras     int      `json:"cameras"`
	Hours       float64  `json:"hours"`
	StepSeconds float64  `json:"step_seconds"`
	Groups      []string `json:"groups"`
	// Days is the run's length in days, for runs of several days.
	Days int `json:"days,omitempty"`
}

// RegimeResult is one policy regime's outcome on the shared city and day.
type RegimeResult struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Threshold   float64         `json:"threshold"`
	Thresholds  []GroupValue    `json:"group_thresholds,omitempty"`
	Watchlist   int             `json:"watchlist_size"`
	Live        bool            `json:"live"`
	Sources     []string        `json:"sources,omitempty"`
	Metrics     RegimeMetrics   `json:"metrics"`
	Alerts      []AlertPoint    `json:"alerts"`
	Timeline    []TimelineBin   `json:"timeline"`
	Sensitive   []SensitiveKind `json:"sensitive_by_kind"`
	Behaviour   Behaviour       `json:"behaviour"`
	// Gallery is a scraped-gallery regime's searches and costs (gallery.go).
	Gallery *GalleryResult `json:"scraped_gallery,omitempty"`
	// Data says where the regime's face data go (gallery.go).
	Data *DataFlow `json:"data,omitempty"`
	// Schedule lists, for a world whose regime changes on given days, the
	// regime of each stretch (the first from day 1).
	Schedule []RegimeChange `json:"schedule,omitempty"`
	// Days are the figures day by day, for runs of several days.
	Days []DayFigures `json:"days,omitempty"`
}

// GroupValue is a number attached to a demographic group.
type GroupValue struct {
	Group string  `json:"group"`
	Value float64 `json:"value"`
}

// RegimeMetrics holds a regime's figures. Counts are whole events; rates
// carry their interval. Field figures come with all three denominators: per
// face scanned (FPIRPerFace), per alert (FalseAlertShare) and per person
// passing a camera (FPIRPerPasser).
type RegimeMetrics struct {
	PassersBy      int `json:"passers_by"`
	Sightings      int `json:"sightings"`
	FacesScanned   int `json:"faces_scanned"`
	FacesMissed    int `json:"faces_missed"`
	Alerts         int `json:"alerts"`
	TrueAlerts     int `json:"true_alerts"`
	FalseAlerts    int `json:"false_alerts"`
	Confirmed      int `json:"confirmed_by_review"`
	ConfirmedFalse int `json:"confirmed_false"`
	Stops          int `json:"stops"`
	FalseStops     int `json:"false_stops"`
	WantedLocated  int `json:"wanted_located"`
	WantedTotal    int `json:"wanted_total"`
	// WantedPassed counts the wanted people on the list who passed a live
	// camera, WantedAlerted those who drew at least one correct alert: the
	// share of wanted people passing its cameras that a system finds.
	WantedPassed  int `json:"wanted_passed"`
	WantedAlerted int `json:"wanted_alerted"`

	FalseAlertShare         Rate           `json:"false_alert_share"`
	FPIRPerFace             Rate           `json:"fpir_per_face"`
	FPIRPerPasser           Rate           `json:"fpir_per_passer"`
	TPIR                    Rate           `json:"tpir"`
	InnocentStoppedPer100k  float64        `json:"innocent_stopped_per_100k_passers"`
	MedianMinutesToLocate   *float64       `json:"median_minutes_to_locate"`
	RecordsRetained         int            `json:"records_retained"`
	RetentionDays           float64        `json:"retention_days"`
	RecordDays              float64        `json:"record_days"`
	SensitiveVisits         int            `json:"sensitive_visits"`
	BaselineSensitiveVisits int            `json:"baseline_sensitive_visits"`
	SensitiveVisitChange    float64        `json:"sensitive_visit_change"`
	FPIRDifferential        *float64       `json:"fpir_differential_max_min"`
	FalseStopDifferential   *float64       `json:"false_stop_differential_max_min"`
	ByGroup                 []GroupMetrics `json:"by_group"`
}

// GroupMetrics holds one demographic group's figures under a regime.
type GroupMetrics struct {
	Group                   string     `json:"group"`
	Population              int        `json:"population"`
	PassersBy               int        `json:"passers_by"`
	FacesScanned            int        `json:"faces_scanned"`
	NonMatedSearches        int        `json:"non_mated_searches"`
	FalseAlerts             int        `json:"false_alerts"`
	FalseStops              int        `json:"false_stops"`
	FPIR                    float64    `json:"fpir"`
	FPIRCI                  [2]float64 `json:"fpir_ci"`
	FPIRPerPasser           Rate       `json:"fpir_per_passer"`
	FalseStopsPer100k       float64    `json:"false_stops_per_100k_passers"`
	SensitiveVisits         int        `json:"sensitive_visits"`
	BaselineSensitiveVisits int        `json:"baseline_sensitive_visits"`
}

// AlertPoint is one alert on the map and the clock.
type AlertPoint struct {
	Minute  float64 `json:"minute"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	True    bool    `json:"true"`
	Stopped bool    `json:"stopped"`
	Group   string  `json:"group"`
	// Day is the day of the alert (from 1) in runs of several days; Minute
	// is then the minute of that day.
	Day int `json:"day,omitempty"`
}

// TimelineBin counts alerts in one hour of the simulated day.
type TimelineBin struct {
	Hour        int `json:"hour"`
	TrueAlerts  int `json:"true_alerts"`
	FalseAlerts int `json:"false_alerts"`
	Stops       int `json:"stops"`
}

// SensitiveKind compares visits to one kind of sensitive place with the
// baseline (what citizens planned before any regime weighed on them).
type SensitiveKind struct {
	Kind     string  `json:"kind"`
	Visits   int     `json:"visits"`
	Baseline int     `json:"baseline"`
	Change   float64 `json:"change"`
}

// CityMap is what the report needs to draw the city: streets and cameras.
type CityMap struct {
	Width   float64     `json:"width_m"`
	Height  float64     `json:"height_m"`
	Streets []Segment   `json:"streets"`
	Cameras []CameraDot `json:"cameras"`
	Places  []PlaceDot  `json:"places"`
}

// Segment is one street between two points, in metres.
type Segment struct {
	X1       float64 `json:"x1"`
	Y1       float64 `json:"y1"`
	X2       float64 `json:"x2"`
	Y2       float64 `json:"y2"`
	Arterial bool    `json:"arterial,omitempty"`
}

// CameraDot is a camera's position, heading and reach, in metres and degrees.
type CameraDot struct {
	X          float64 `json:"x"`
	Y          float64 `json:"y"`
	HeadingDeg float64 `json:"heading_deg"`
	FOVDeg     float64 `json:"fov_deg"`
	RangeM     float64 `json:"range_m"`
}

// PlaceDot is a named kind of place on the map (only the kinds worth showing).
type PlaceDot struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Kind string  `json:"kind"`
}

// Behaviour is how citizens responded to feeling watched under a regime.
type Behaviour struct {
	// Planned sensitive visits that citizens skipped, put off, made by a
	// longer route avoiding cameras, or made with their face covered.
	Skipped     int `json:"skipped"`
	Rescheduled int `json:"rescheduled"`
	Rerouted    int `json:"rerouted"`
	Covered     int `json:"covered"`
	// ExtraDistanceM is the distance walked in detours around cameras.
	ExtraDistanceM float64 `json:"extra_distance_m"`
	// CoveredShare is the share of live sightings whose face was covered.
	CoveredShare Rate           `json:"covered_share"`
	Chilling     []ChillingCell `json:"chilling"`
	Attendance   []Attendance   `json:"attendance"`
}

// ChillingCell is the chilling index of one group for one activity: the
// share of planned visits not made, with its 95% interval. Baseline is
// what citizens planned, which is what the none regime delivers.
type ChillingCell struct {
	Group   string     `json:"group"`
	Kind    string     `json:"kind"`
	Planned int        `json:"planned"`
	Made    int        `json:"made"`
	Index   float64    `json:"index"`
	CI      [2]float64 `json:"ci"`
}

// Attendance counts people present at one kind of sensitive place through
// the day, sampled in the middle of each bin.
type Attendance struct {
	Kind       string  `json:"kind"`
	BinMinutes float64 `json:"bin_minutes"`
	Present    []int   `json:"present"`
}

// Measured is what the real pipeline measured in this run: the pipeline
// section when it ran beside a profile, else the recognizer's own report
// (nil when no pipeline ran).
func (r Results) Measured() *RecognizerReport {
	if r.Pipeline != nil {
		return r.Pipeline
	}
	return r.Recognizer
}

// Runs of several days (scenario days: above 1; absent from one-day runs).

// DayFigures are one world's figures for one day of a run of several days:
// the day's own counts (not running totals), what the public believed of
// the cameras that day, and the face records held at its end.
type DayFigures struct {
	// Day counts from 1.
	Day int `json:"day"`
	// Regime is the regime in force that day.
	Regime        string `json:"regime"`
	FacesScanned  int    `json:"faces_scanned"`
	Alerts        int    `json:"alerts"`
	TrueAlerts    int    `json:"true_alerts"`
	FalseAlerts   int    `json:"false_alerts"`
	Stops         int    `json:"stops"`
	FalseStops    int    `json:"false_stops"`
	WantedLocated int    `json:"wanted_located"`
	// SensitivePlanned and SensitiveMade are the day's planned visits to
	// sensitive places and those made; Chilling is the share not made.
	SensitivePlanned int     `json:"sensitive_planned"`
	SensitiveMade    int     `json:"sensitive_made"`
	Chilling         float64 `json:"chilling"`
	// Belief is how far the public believes the cameras identify them
	// (the publicity that weighs on their visits, 0-1): it follows the
	// regime in force, rising fast and falling slowly (behaviour.trust).
	Belief float64 `json:"belief"`
	// RecordsNew are the face records made that day; RecordsHeld those held
	// at its end under the retention rules they were made under.
	RecordsNew  int `json:"records_new"`
	RecordsHeld int `json:"records_held"`
}

// RegimeChange is a change of regime on a day of a scheduled world.
type RegimeChange struct {
	Day    int    `json:"day"`
	Regime string `json:"regime"`
}
