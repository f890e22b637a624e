package sim

import (
	"vigie/city"
	"vigie/policy"
	"vigie/sim/recognizer"
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

	City       city.Config                 `yaml:"city" json:"city"`
	Population city.PopulationConfig       `yaml:"population" json:"population"`
	Activities city.ActivityConfig         `yaml:"activities" json:"activities"`
	Cameras    city.CameraConfig           `yaml:"cameras" json:"cameras"`
	Recognizer recognizer.RecognizerConfig `yaml:"recognizer" json:"recognizer"`
	Behaviour  Behaviour                   `yaml:"behaviour" json:"behaviour"`
	Outputs    Outputs                     `yaml:"outputs,omitempty" json:"outputs,omitempty"`
	Regimes    []policy.Regime             `yaml:"-" json:"-"`
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

// GroupNames are the population groups' names, in order.
func (c *Config) GroupNames() []string {
	names := make([]string, len(c.Population.Groups))
	for i, g := range c.Population.Groups {
		names[i] = g.Name
	}
	return names
}

// NewRecognizer makes the recognizer a scenario asks for (recognizer.New):
// published-rates here, the pipeline modes where package sim/facerec is
// linked in.
func NewRecognizer(c *Config) (recognizer.Recognizer, error) {
	return recognizer.New(c.Recognizer, c.GroupNames())
}
