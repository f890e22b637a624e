package recognizer

import (
	"math"
	"vigie/internal/detmath"

	"gonum.org/v1/gonum/stat/distuv"
)

// DeploymentLog is a programme of live deployments as a force or its
// reviewers published them, to replay through a profile: each deployment's
// faces scanned, watchlist and threshold give the false alerts the profile
// expects, compared with the false alerts published.
type DeploymentLog struct {
	Case   string `yaml:"case" json:"case" jsonschema:"minLength=1"`
	Source string `yaml:"source" json:"source" jsonschema:"minLength=1"`
	// Profile is the deployed system's profile: a bundled profile's name
	// or a profile written out.
	Profile     Profile      `yaml:"profile" json:"profile"`
	Deployments []Deployment `yaml:"deployments" json:"deployments" jsonschema:"minItems=1"`
}

// Deployment is one published deployment. Alerts, stops and arrests are
// recorded as published (nil where not) and printed beside the replay; the
// profile predicts only false alerts, since true alerts depend on how many
// wanted people passed, which no force publishes.
type Deployment struct {
	Date  string `yaml:"date" json:"date" jsonschema:"minLength=1"`
	Place string `yaml:"place,omitempty" json:"place,omitempty"`
	// Hours is how long the cameras ran, where published.
	Hours        float64 `yaml:"hours,omitempty" json:"hours,omitempty" jsonschema:"minimum=0"`
	FacesScanned int     `yaml:"faces_scanned" json:"faces_scanned" jsonschema:"minimum=1"`
	Watchlist    int     `yaml:"watchlist" json:"watchlist" jsonschema:"minimum=1"`
	// Threshold is the similarity threshold used; 0 means not published,
	// and the deployment is replayed at the profile's reference threshold
	// (ThresholdNote should say why that is a fair reading).
	Threshold     float64 `yaml:"threshold,omitempty" json:"threshold,omitempty" jsonschema:"minimum=0,maximum=1"`
	ThresholdNote string  `yaml:"threshold_note,omitempty" json:"threshold_note,omitempty"`
	FalseAlerts   int     `yaml:"false_alerts" json:"false_alerts" jsonschema:"minimum=0"`
	Alerts        *int    `yaml:"alerts,omitempty" json:"alerts,omitempty" jsonschema:"minimum=0"`
	Stops         *int    `yaml:"stops,omitempty" json:"stops,omitempty" jsonschema:"minimum=0"`
	Arrests       *int    `yaml:"arrests,omitempty" json:"arrests,omitempty" jsonschema:"minimum=0"`
	Source        string  `yaml:"source" json:"source" jsonschema:"minLength=1"`
}

// Replayed is one deployment, or the pooled programme, replayed: the false
// alerts published with the exact 95% Poisson interval of their mean, and
// those the profile expects; it passes when the expectation lies in the
// interval.
type Replayed struct {
	Name       string
	Faces      int
	Published  int
	CI         [2]float64
	Expected   float64
	Threshold  float64
	Watchlist  int
	Assumed    bool // the threshold was not published: the profile's reference
	Deployment *Deployment
	Pass       bool
}

// Replay replays every deployment through the profile, then the programme
// pooled (the sum of the expectations against the exact interval of the
// summed published count).
func Replay(log DeploymentLog) []Replayed {
	r := NewRates(log.Profile)
	var out []Replayed
	pooled := Replayed{Name: "pooled"}
	for i := range log.Deployments {
		d := &log.Deployments[i]
		t, assumed := d.Threshold, d.Threshold == 0
		if assumed {
			t = log.Profile.ReferenceThreshold
		}
		expected := float64(d.FacesScanned) * r.CrowdFPIR(t, d.Watchlist)
		rp := Replayed{Name: d.Date, Faces: d.FacesScanned, Published: d.FalseAlerts, Expected: expected,
			Threshold: t, Watchlist: d.Watchlist, Assumed: assumed, Deployment: d}
		rp.CI = PoissonInterval(d.FalseAlerts)
		rp.Pass = rp.CI[0] <= expected && expected <= rp.CI[1]
		out = append(out, rp)
		pooled.Faces += d.FacesScanned
		pooled.Published += d.FalseAlerts
		pooled.Expected += expected
	}
	pooled.CI = PoissonInterval(pooled.Published)
	pooled.Pass = pooled.CI[0] <= pooled.Expected && pooled.Expected <= pooled.CI[1]
	return append(out, pooled)
}

// CrowdFPIR is the false positive identification rate of a crowd at a
// threshold against a watchlist: the profile's published FPIR is a crowd
// average, so the crowd is taken as one whose per-comparison rate gives it
// at the reference point (the mix of groups changes the result only
// through the 1:N curve, by far less than a thousandth at these rates).
func (r *Rates) CrowdFPIR(threshold float64, watchlist int) float64 {
	p1 := -math.Expm1(math.Log1p(-r.c.FPIR)/float64(r.c.ReferenceWatchlist)) *
		detmath.Pow(10, -(threshold-r.c.ReferenceThreshold)/r.c.FMRDecade)
	return -math.Expm1(float64(watchlist) * math.Log1p(-math.Min(1, p1)))
}

// PoissonInterval is the exact (Garwood) 95% interval of a Poisson mean
// from one observed count.
func PoissonInterval(k int) [2]float64 {
	lo := 0.0
	if k > 0 {
		lo = distuv.ChiSquared{K: float64(2 * k)}.Quantile(0.025) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*k + 2)}.Quantile(0.975) / 2
	return [2]float64{lo, hi}
}
