package city

// Config describes the city's streets and places.
type Config struct {
	// WidthM and HeightM are the city's extent in metres.
	WidthM  float64 `yaml:"width_m" json:"width_m" jsonschema:"minimum=200,maximum=50000,description=East-west extent of the city in metres"`
	HeightM float64 `yaml:"height_m" json:"height_m" jsonschema:"minimum=200,maximum=50000,description=North-south extent of the city in metres"`
	// BlockM is the spacing of the street grid before jitter.
	BlockM float64 `yaml:"block_m" json:"block_m" jsonschema:"minimum=50,maximum=2000,description=Street spacing in metres"`
	// Jitter moves intersections by up to this fraction of a block, so streets are not a perfect grid.
	Jitter float64 `yaml:"jitter" json:"jitter" jsonschema:"minimum=0,maximum=0.45,description=Random displacement of intersections as a fraction of a block"`
	// ArterialEvery makes every n-th street row and column an arterial road.
	ArterialEvery int `yaml:"arterial_every" json:"arterial_every" jsonschema:"minimum=2,maximum=50,description=Every n-th street is an arterial road"`
	// Districts is the number of districts (Voronoi cells around seeded centres).
	Districts int `yaml:"districts" json:"districts" jsonschema:"minimum=1,maximum=100,description=Number of districts"`
	// Places says how many places of each kind the city has.
	Places []PlaceCount `yaml:"places" json:"places" jsonschema:"description=How many places of each kind; homes and workplaces are sized from the population"`
	// OldTown makes a walled old centre of narrow, irregular lanes.
	OldTown OldTown `yaml:"old_town" json:"old_town"`
	// Sun sets the light of the day.
	Sun Sun `yaml:"sun" json:"sun"`
}

// OldTown is a walled medina: its centre as fractions of the city's width
// and height, its radius (0 for none), the gates in its wall, and the share
// of its lanes closed to make blocks irregular.
type OldTown struct {
	X       float64 `yaml:"x" json:"x" jsonschema:"minimum=0,maximum=1"`
	Y       float64 `yaml:"y" json:"y" jsonschema:"minimum=0,maximum=1"`
	RadiusM float64 `yaml:"radius_m" json:"radius_m" jsonschema:"minimum=0,maximum=20000"`
	Gates   int     `yaml:"gates" json:"gates" jsonschema:"minimum=0,maximum=64"`
	Closed  float64 `yaml:"closed" json:"closed" jsonschema:"minimum=0,maximum=0.9"`
}

// PlaceCount asks for Count places of a kind. Where says where they go.
type PlaceCount struct {
	Kind  string `yaml:"kind" json:"kind" jsonschema:"minLength=1,description=Place kind: transit_hub, market, stadium, worship, clinic, square, school, union_hall, or any name the scenario uses"`
	Count int    `yaml:"count" json:"count" jsonschema:"minimum=0,maximum=100000"`
	Where string `yaml:"where,omitempty" json:"where,omitempty" jsonschema:"enum=anywhere,enum=centre,enum=arterial,enum=edge,enum=old_town,enum=line,description=Where the places are put (default anywhere; line: evenly along the east-west street through the centre, as tram stops)"`
}

// Sun sets sunrise and sunset in hours after midnight; dusk lasts DuskHours
// either side of each.
type Sun struct {
	Sunrise   float64 `yaml:"sunrise" json:"sunrise" jsonschema:"minimum=0,maximum=24"`
	Sunset    float64 `yaml:"sunset" json:"sunset" jsonschema:"minimum=0,maximum=24"`
	DuskHours float64 `yaml:"dusk_hours" json:"dusk_hours" jsonschema:"minimum=0,maximum=3"`
}

// PopulationConfig describes who lives in the city.
type PopulationConfig struct {
	Size        int     `yaml:"size" json:"size" jsonschema:"minimum=1,maximum=5000000,description=Number of citizens"`
	ShareFemale float64 `yaml:"share_female" json:"share_female" jsonschema:"minimum=0,maximum=1"`
	// Groups are the demographic groups a scenario names, with their shares and skin tones.
	Groups []Group `yaml:"groups" json:"groups" jsonschema:"minItems=1"`
	// Wanted sets the share of residents who are wanted, by category.
	Wanted Wanted `yaml:"wanted" json:"wanted"`
}

// Group is a demographic group: a label, its share of the population, the
// range of Monk skin tones its members have, and how strongly its members
// respond to surveillance when deciding on a sensitive visit (1 = average).
type Group struct {
	Name     string  `yaml:"name" json:"name" jsonschema:"minLength=1"`
	Share    float64 `yaml:"share" json:"share" jsonschema:"exclusiveMinimum=0,maximum=1"`
	MonkMin  int     `yaml:"monk_min" json:"monk_min" jsonschema:"minimum=1,maximum=10"`
	MonkMax  int     `yaml:"monk_max" json:"monk_max" jsonschema:"minimum=1,maximum=10"`
	Response float64 `yaml:"response" json:"response" jsonschema:"minimum=0,maximum=5,description=Multiplier on how strongly members avoid sensitive places when they feel watched"`
}

// Wanted gives the share of residents in each category of the watchlists.
type Wanted struct {
	Serious float64 `yaml:"serious" json:"serious" jsonschema:"minimum=0,maximum=0.2,description=Share wanted for serious offences (4 years or more)"`
	Minor   float64 `yaml:"minor" json:"minor" jsonschema:"minimum=0,maximum=0.5,description=Share wanted for minor offences"`
	Missing float64 `yaml:"missing" json:"missing" jsonschema:"minimum=0,maximum=0.2,description=Share who are missing persons or victims sought"`
}

// ActivityConfig describes the day's errands and sensitive visits.
type ActivityConfig struct {
	WorkShare   float64 `yaml:"work_share" json:"work_share" jsonschema:"minimum=0,maximum=1,description=Share of adults who go to work"`
	ErrandRate  float64 `yaml:"errand_rate" json:"errand_rate" jsonschema:"minimum=0,maximum=5,description=Expected errands per citizen per day"`
	WalkSpeedMS float64 `yaml:"walk_speed_m_s" json:"walk_speed_m_s" jsonschema:"minimum=0.3,maximum=5"`
	// Sensitive are the kinds of visit a person may avoid when watched.
	Sensitive []SensitiveActivity `yaml:"sensitive" json:"sensitive"`
	// Crowds are events many citizens go to (a match, a market day), which
	// nobody avoids for fear of cameras.
	Crowds []Crowd `yaml:"crowds,omitempty" json:"crowds,omitempty"`
}

// Crowd is an event at a kind of place.
type Crowd struct {
	Kind        string     `yaml:"kind" json:"kind" jsonschema:"minLength=1"`
	Label       string     `yaml:"label,omitempty" json:"label,omitempty"`
	DailyRate   float64    `yaml:"daily_rate" json:"daily_rate" jsonschema:"minimum=0,maximum=1,description=Probability that a citizen goes"`
	Hours       [2]float64 `yaml:"hours" json:"hours" jsonschema:"description=Window of arrival times [from, to] in hours"`
	DurationMin float64    `yaml:"duration_min" json:"duration_min" jsonschema:"minimum=1,maximum=720"`
}

// SensitiveActivity is a kind of visit to a sensitive place.
type SensitiveActivity struct {
	Kind        string     `yaml:"kind" json:"kind" jsonschema:"minLength=1,description=Place kind visited (worship, clinic, square for demonstrations, union_hall...)"`
	Label       string     `yaml:"label,omitempty" json:"label,omitempty" jsonschema:"description=Name of the activity in reports (defaults to the kind)"`
	DailyRate   float64    `yaml:"daily_rate" json:"daily_rate" jsonschema:"minimum=0,maximum=1,description=Probability that a citizen plans this visit on the day"`
	Sensitivity float64    `yaml:"sensitivity" json:"sensitivity" jsonschema:"minimum=0,maximum=1,description=How much a fully perceived risk lowers the chance of going"`
	Hours       [2]float64 `yaml:"hours" json:"hours" jsonschema:"description=Window of start times [from, to] in hours"`
	DurationMin float64    `yaml:"duration_min" json:"duration_min" jsonschema:"minimum=1,maximum=720"`
}

// CameraConfig describes the camera network.
type CameraConfig struct {
	Placement []Placement `yaml:"placement" json:"placement"`
	Optics    Optics      `yaml:"optics" json:"optics"`
}

// Placement puts cameras by one strategy.
type Placement struct {
	Strategy string `yaml:"strategy" json:"strategy" jsonschema:"enum=transit_hubs,enum=arterials,enum=random,enum=places,enum=explicit"`
	// Count is the number of cameras (per place for transit_hubs and places).
	Count int `yaml:"count,omitempty" json:"count,omitempty" jsonschema:"minimum=0,maximum=100000"`
	// Kinds names the place kinds for the places strategy.
	Kinds []string `yaml:"kinds,omitempty" json:"kinds,omitempty"`
	// At lists explicit cameras.
	At []CameraAt `yaml:"at,omitempty" json:"at,omitempty"`
}

// CameraAt is an explicitly placed camera: a position in metres and the
// heading it looks along in degrees (0 = east, 90 = north).
type CameraAt struct {
	X          float64 `yaml:"x" json:"x"`
	Y          float64 `yaml:"y" json:"y"`
	HeadingDeg float64 `yaml:"heading_deg" json:"heading_deg" jsonschema:"minimum=-360,maximum=360"`
}

// Optics are the cameras' sensor and lens.
type Optics struct {
	WidthPx      int     `yaml:"width_px" json:"width_px" jsonschema:"minimum=160,maximum=8192"`
	HeightPx     int     `yaml:"height_px" json:"height_px" jsonschema:"minimum=120,maximum=8192"`
	HFOVDeg      float64 `yaml:"hfov_deg" json:"hfov_deg" jsonschema:"exclusiveMinimum=1,maximum=170"`
	MountHeightM float64 `yaml:"mount_height_m" json:"mount_height_m" jsonschema:"minimum=1,maximum=30"`
	RangeM       float64 `yaml:"range_m" json:"range_m" jsonschema:"minimum=1,maximum=200,description=Farthest distance at which a passer-by is captured"`
	// ExposureMS is the day exposure time; at night cameras expose longer (NightExposureMS).
	ExposureMS      float64 `yaml:"exposure_ms" json:"exposure_ms" jsonschema:"exclusiveMinimum=0,maximum=200"`
	NightExposureMS float64 `yaml:"night_exposure_ms" json:"night_exposure_ms" jsonschema:"exclusiveMinimum=0,maximum=500"`
}
