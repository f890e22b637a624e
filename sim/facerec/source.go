package facerec

import (
	"image"
	"math"

	"vigie/city"
	"vigie/city/faces"
	"vigie/internal/seeds"
)

// FaceSource gives the faces the pipeline sees: a citizen's face under a
// sighting's conditions, the photograph a watchlist enrols, and the faces
// of non-residents that fill a watchlist up to its size.
type FaceSource interface {
	// Name is "generated" or "folder:<name>".
	Name() string
	// Probe is the citizen's face under the conditions; variant picks the
	// small differences between two sightings in the same conditions.
	Probe(citizen int, cond city.Conditions, variant uint64) (image.Image, error)
	// Enrolment is the citizen's watchlist photograph.
	Enrolment(citizen int) (image.Image, error)
	// Filler is the k-th non-resident on a watchlist.
	Filler(k int) (image.Image, error)
}

// generated draws every face with city/faces: a citizen's identity is a
// function of their face seed, age, sex and skin tone.
type generated struct {
	c    *city.City
	seed uint64
}

// NewGenerated is the generator's face source for a built city.
func NewGenerated(c *city.City, seed uint64) FaceSource { return &generated{c: c, seed: seed} }

func (g *generated) Name() string { return "generated" }

// identity is citizen i's face on one occasion.
func (g *generated) identity(i int, on faces.Occasion) faces.Identity {
	cz := &g.c.Citizens[i]
	return faces.NewIdentityOn(cz.FaceSeed, faces.Attributes{Age: int(cz.Age), Sex: cz.Sex, MonkTone: int(cz.MonkTone)}, on)
}

// Probe shows the citizen as they look on the day of the sighting: the
// variant picks the day as well as the capture's small differences, so
// two sightings differ in expression, hair, glasses, make-up or shaving
// as well as in pose and light.
func (g *generated) Probe(i int, cond city.Conditions, variant uint64) (image.Image, error) {
	img, _ := faces.Render(g.identity(i, faces.Occasion{Day: seeds.Derive(variant, "sighting day")}), Capture(cond, variant))
	return img, nil
}

// Enrolment is the citizen's custody photograph, taken on a day of its
// own some years before (custodyOccasion).
func (g *generated) Enrolment(i int) (image.Image, error) {
	img, _ := faces.Render(g.identity(i, custodyOccasion(g.c.Citizens[i].FaceSeed, int(g.c.Citizens[i].Age))), custody())
	return img, nil
}

// Filler k is a new person: a fresh seed, and the age, sex and tone of a
// resident picked by k, so the list's mix is the city's.
func (g *generated) Filler(k int) (image.Image, error) {
	r := seeds.Stream(g.seed, "filler", uint64(k))
	cz := &g.c.Citizens[r.IntN(len(g.c.Citizens))]
	seed := r.Uint64()
	id := faces.NewIdentityOn(seed, faces.Attributes{Age: int(cz.Age), Sex: cz.Sex, MonkTone: int(cz.MonkTone)}, custodyOccasion(seed, int(cz.Age)))
	img, _ := faces.Render(id, custody())
	return img, nil
}

// maxCustodyYears is how old a watchlist's custody photographs may be:
// each was taken between 0 and this many years before the run, evenly
// spread, so a watchlist holds recent and older photographs as police
// files do.
const maxCustodyYears = 8

// custodyOccasion is the day the custody photograph of a person aged age
// today was taken: a day of its own, some years before (never before 16),
// drawn from the face seed.
func custodyOccasion(faceSeed uint64, age int) faces.Occasion {
	h := seeds.Derive(faceSeed, "custody photograph")
	years := maxCustodyYears * seeds.ToUnit(h)
	return faces.Occasion{Day: h, Years: -min(years, max(0, float64(age-16))), Custody: true}
}

func custody() faces.Capture {
	c, err := faces.Conditions("custody")
	if err != nil {
		panic(err) // a preset of the package: cannot be missing
	}
	return c
}

// Capture turns a sighting's conditions into the generator's capture:
// face height, pose, light, motion blur, a covering where the citizen
// covered their face, and JPEG compression as a street camera stores it.
// The variant jitters pose and the key light a little, as two passes
// under one camera differ.
func Capture(cond city.Conditions, variant uint64) faces.Capture {
	r := seeds.Stream(variant, "capture jitter")
	c := faces.Capture{
		FacePx:       math.Min(400, math.Max(12, cond.FacePx)),
		YawDeg:       clamp(cond.YawDeg+3*r.NormFloat64(), -90, 90),
		PitchDeg:     clamp(cond.PitchDeg+2*r.NormFloat64(), -60, 60),
		RollDeg:      clamp(3*r.NormFloat64(), -90, 90),
		Light:        cond.Light,
		LightLevel:   1,
		LightAzDeg:   -60 + 120*r.Float64(),
		LightElDeg:   20 + 40*r.Float64(),
		MotionBlurPx: math.Max(0, cond.MotionBlurPx),
		JPEGQuality:  75,
		NoiseSeed:    variant,
	}
	if cond.Covered {
		c.Occluder = []faces.Occluder{faces.Mask, faces.Scarf, faces.Hood}[r.IntN(3)]
	}
	return c
}

func clamp(v, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, v)) }
