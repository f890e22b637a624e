package sim

import (
	"vigie/city"
	"vigie/policy"
	"vigie/recognizer"
)

// Config is a fully resolved scenario: everything a run needs.
type Config struct {
	Name        string  `yaml:"name" json:"name" jsonschema:"minLength=1"`
	Description string  `yaml:"description,omitempty" json:"description,omitempty"`
	Seed        uint64  `yaml:"seed" json:"seed"`
	Hours       float64 `yaml:"hours" json:"hours" jsonschema:"exclusiveMinimum=0,maximum=24,description=Length of the simulated day in hours"`
	StepSeconds float64 `yaml:"step_seconds" json:"step_seconds" jsonschema:"minimum=1,maximum=900,description=Length of one time step"`

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
