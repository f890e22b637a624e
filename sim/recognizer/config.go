package recognizer

// RecognizerConfig picks and configures the recognizer.
type RecognizerConfig struct {
	Mode Mode `yaml:"mode" json:"mode" jsonschema:"enum=published-rates,enum=exact,enum=cached,enum=fitted,enum=calibrated,description=How sightings become search results: published-rates draws from a deployed system's published error rates (the profile); calibrated takes the profile's operating point as the level and the pipeline's measured ratios between groups and capture conditions as the shape (each with a bootstrap interval; the profile's figure where too uncertain); exact runs every sighting through the real pipeline; cached reuses a citizen's embedding per condition bin; fitted draws from score distributions fitted on a sample run through the pipeline"`
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
