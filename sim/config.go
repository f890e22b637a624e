package sim

import (
	"vigie/city"
	"vigie/policy"
)

// Config is a fully resolved scenario: everything a run needs.
type Config struct {
	Name        string  `yaml:"name" json:"name" jsonschema:"minLength=1"`
	Description string  `yaml:"description,omitempty" json:"description,omitempty"`
	Seed        uint64  `yaml:"seed" json:"seed"`
	Hours       float64 `yaml:"hours" json:"hours" jsonschema:"exclusiveMinimum=0,maximum=24,description=Length of the simulated day in hours"`
	StepSeconds float64 `yaml:"step_seconds" json:"step_seconds" jsonschema:"minimum=1,maximum=900,description=Length of one time step"`
	// Days is how many days the run lasts: every day repeats the city's
	// daily plans, with fresh draws, and what citizens heard, believe and
	// what is stored carries from one day to the next.
	Days int `yaml:"days" json:"days" jsonschema:"minimum=1,maximum=3650,description=Length of the run in days (each day repeats the city's daily plans with fresh draws; chilling memory and stored records carry over)"`
	// Schedules are worlds whose regime changes on given days, run beside
	// the regimes that hold all along.
	Schedules []Schedule `yaml:"schedules,omitempty" json:"schedules,omitempty"`

	City       city.Config           `yaml:"city" json:"city"`
	Population city.PopulationConfig `yaml:"population" json:"population"`
	Activities city.ActivityConfig   `yaml:"activities" json:"activities"`
	Cameras    city.CameraConfig     `yaml:"cameras" json:"cameras"`
	Recognizer RecognizerConfig      `yaml:"recognizer" json:"recognizer"`
	Behaviour  Behaviour             `yaml:"behaviour" json:"behaviour"`
	Outputs    Outputs               `yaml:"outputs,omitempty" json:"outputs,omitempty"`
	Regimes    []policy.Regime       `yaml:"-" json:"-"`
}

// Outputs says how much of the day a run keeps beyond results.json.
type Outputs struct {
	// Events is what events.csv keeps: a city of a million sees millions of
	// faces a day, which a run may not need one by one.
	Events string `yaml:"events,omitempty" json:"events,omitempty" jsonschema:"enum=all,enum=alerts,enum=none,description=What events.csv keeps: all (the default) every event; alerts every event but the sightings that drew no alert; none no event (the header alone). results.json is the same either way"`
}

// Which events a run keeps (Outputs.Events); empty means EventsAll.
const (
	EventsAll    = "all"
	EventsAlerts = "alerts"
	EventsNone   = "none"
)

// RecognizerConfig picks and configures the recognizer.
type RecognizerConfig struct {
	Mode Mode `yaml:"mode" json:"mode" jsonschema:"enum=published-rates,enum=exact,enum=cached,enum=fitted,description=How sightings become search results: published-rates draws from a deployed system's published error rates (the profile); exact runs every sighting through the real pipeline; cached reuses a citizen's embedding per condition bin; fitted draws from score distributions fitted on a sample run through the pipeline"`
	// Profile is the deployed system published-rates stands for: a bundled
	// profile's name (vigie recognizers lists them) or a profile written out.
	// The pipeline modes use it for the false-alert budget a regime's
	// similarity threshold stands for.
	Profile Profile `yaml:"profile" json:"profile"`
	// Pipeline asks a published-rates run to measure, on the same city, what
	// the open pipeline (the fitted recognizer) does, beside the profile.
	Pipeline PipelineConfig `yaml:"pipeline,omitempty" json:"pipeline,omitempty"`
	// Faces is where the faces the real pipeline sees come from.
	Faces FacesConfig `yaml:"faces" json:"faces"`
	// Bins group sightings by capture conditions (cached and fitted).
	Bins BinsConfig `yaml:"bins" json:"bins"`
	// Fit sizes the sample the fitted recognizer runs through the pipeline.
	Fit FitConfig `yaml:"fit" json:"fit"`
	// MaxGallery caps the watchlists exact and cached enrol face by face.
	MaxGallery int `yaml:"max_gallery" json:"max_gallery" jsonschema:"minimum=1,maximum=1000000,description=Largest watchlist the exact and cached recognizers enrol (every identity is rendered and embedded); use fitted beyond"`
}

// PipelineConfig says whether a published-rates run also measures the open
// pipeline on the city's faces.
type PipelineConfig struct {
	Measure bool `yaml:"measure,omitempty" json:"measure,omitempty" jsonschema:"description=With mode published-rates: also fit the open pipeline (dlib on the city's faces; faces bins and fit below) and report beside the profile the threshold it would need for each regime's false-alert budget and the share of wanted people it would then find"`
}

// FacesConfig says where faces come from: Vigie's generator, or a folder
// of images a researcher holds, labelled by identity and group.
type FacesConfig struct {
	Source string `yaml:"source" json:"source" jsonschema:"enum=generated,enum=folder,description=generated: synthetic faces drawn from each citizen's age, sex and skin tone; folder: images listed in a CSV of file, identity and group"`
	// Dir holds the images; Labels is the CSV (columns file, identity, group).
	Dir    string `yaml:"dir,omitempty" json:"dir,omitempty"`
	Labels string `yaml:"labels,omitempty" json:"labels,omitempty"`
}

// BinsConfig are the edges of the condition bins: a sighting falls in the
// bin of its face height, its absolute yaw and its light (day, dusk,
// night), plus one bin for covered faces.
type BinsConfig struct {
	FacePx []float64 `yaml:"face_px" json:"face_px" jsonschema:"minItems=1,description=Ascending face-height edges in pixels; faces under the first edge are too small to render and count as not detected"`
	YawDeg []float64 `yaml:"yaw_deg" json:"yaw_deg" jsonschema:"description=Ascending edges of absolute yaw in degrees"`
}

// FitConfig sizes the fitted recognizer's sample.
type FitConfig struct {
	// IdentitiesPerGroup citizens of each group are enrolled from a custody
	// photograph and probed once in every condition bin.
	IdentitiesPerGroup int `yaml:"identities_per_group" json:"identities_per_group" jsonschema:"minimum=4,maximum=100000,description=Citizens of each group run through the pipeline: enrolled once and probed once per condition bin"`
}

// Behaviour is how citizens respond to feeling watched when they plan a
// visit to a sensitive place. Its parameters are assumptions to vary, set so
// that a publicised mass-surveillance regime lowers the most sensitive
// activity by about the 20% (range 5-30%) reported for online behaviour
// after June 2013 (Penney 2016); physical-world evidence is thin.
type Behaviour struct {
	// CameraScale: perceived risk from cameras is 1 - exp(-cameras/CameraScale),
	// counting the active cameras seen on the route and at the destination.
	CameraScale float64 `yaml:"camera_scale" json:"camera_scale" jsonschema:"exclusiveMinimum=0,maximum=1000"`
	// Signage adds this much perceived risk where a signposted camera is seen.
	Signage float64 `yaml:"signage" json:"signage" jsonschema:"minimum=0,maximum=1"`
	// HeardHousehold, HeardWorkplace and HeardNeighbourhood are the risk
	// added by a wrongful stop of someone in that circle; HeardGroup the
	// risk added to a whole group per wrongful stop of one of its members.
	HeardHousehold     float64 `yaml:"heard_household" json:"heard_household" jsonschema:"minimum=0,maximum=1"`
	HeardWorkplace     float64 `yaml:"heard_workplace" json:"heard_workplace" jsonschema:"minimum=0,maximum=1"`
	HeardNeighbourhood float64 `yaml:"heard_neighbourhood" json:"heard_neighbourhood" jsonschema:"minimum=0,maximum=1"`
	HeardGroup         float64 `yaml:"heard_group" json:"heard_group" jsonschema:"minimum=0,maximum=1"`
	// HalfLifeHours is how fast heard risk fades.
	HalfLifeHours float64 `yaml:"half_life_hours" json:"half_life_hours" jsonschema:"exclusiveMinimum=0,maximum=10000"`
	// Responses weigh what a citizen who feels too watched does instead of
	// going as planned. Cover is only open where the regime allows face coverings.
	Responses Responses `yaml:"responses" json:"responses"`
	// RescheduleHours is how much later a rescheduled visit goes.
	RescheduleHours float64 `yaml:"reschedule_hours" json:"reschedule_hours" jsonschema:"minimum=0,maximum=12"`
	// AvoidPenaltyM is the detour, in metres, a citizen accepts to avoid
	// one camera when rerouting.
	AvoidPenaltyM float64 `yaml:"avoid_penalty_m" json:"avoid_penalty_m" jsonschema:"minimum=0,maximum=10000"`
	// Trust is how the public's belief that the cameras identify them
	// follows a change of regime in runs of several days.
	Trust Trust `yaml:"trust" json:"trust"`
}

// Trust moves the public's belief (the publicity that weighs on visits)
// towards the publicity of the regime in force, once a day: by LossPerDay
// of the gap when the regime is harsher than believed, by RecoveryPerDay
// when it is milder. Trust falls quickly and comes back slowly: an
// ASSUMPTION (after the asymmetry Slovic 1993 describes: trust-destroying
// events weigh more than trust-building ones), with no measured rates for
// cameras; vary it (behaviour.trust.loss_per_day, recovery_per_day).
type Trust struct {
	LossPerDay     float64 `yaml:"loss_per_day" json:"loss_per_day" jsonschema:"minimum=0,maximum=1,description=Share of the gap between belief and a harsher regime's publicity closed each day (an assumption)"`
	RecoveryPerDay float64 `yaml:"recovery_per_day" json:"recovery_per_day" jsonschema:"minimum=0,maximum=1,description=Share of the gap between belief and a milder regime's publicity closed each day (an assumption)"`
}

// Schedule is a world whose regime changes on given days: cameras put up
// for one declared purpose and switched to identification later (function
// creep), an escalation after an incident, a rollback.
type Schedule struct {
	Name        string `yaml:"name" json:"name" jsonschema:"minLength=1,pattern=^[a-z0-9][a-z0-9_-]*$"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Start is the regime in force from day 1: a name in regimes.
	Start string `yaml:"start" json:"start" jsonschema:"minLength=1,description=Regime in force from day 1 (a name in the scenario's regimes)"`
	// Changes are the later regimes, each from its day on, days ascending.
	Changes []RegimeChange `yaml:"changes" json:"changes" jsonschema:"minItems=1"`
}

// RegimeChange puts a regime in force from a day (counting from 1).
type RegimeChange struct {
	Day    int    `yaml:"day" json:"day" jsonschema:"minimum=2,maximum=3650,description=Day the regime comes into force (the first day is 1)"`
	Regime string `yaml:"regime" json:"regime" jsonschema:"minLength=1,description=A name in the scenario's regimes"`
}

// Responses are relative weights of the ways to avoid being watched.
type Responses struct {
	Skip       float64 `yaml:"skip" json:"skip" jsonschema:"minimum=0"`
	Reschedule float64 `yaml:"reschedule" json:"reschedule" jsonschema:"minimum=0"`
	Reroute    float64 `yaml:"reroute" json:"reroute" jsonschema:"minimum=0"`
	Cover      float64 `yaml:"cover" json:"cover" jsonschema:"minimum=0"`
}
