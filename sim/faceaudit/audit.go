// Package faceaudit measures how real Vigie's synthetic faces look to the real
// recognition networks: whether the detector finds them in every skin-tone
// band, whether the landmark network puts its points where the generator
// put its own, whether the descriptor tells identities apart and recognises
// each across captures, whether the age/gender network reads the requested
// age and sex, whether rendered skin darkens steadily along the Monk scale,
// and whether recognition degrades steadily as captures get smaller, darker
// and more turned. Each measure has a gate; Report.Pass says whether all
// hold.
package faceaudit

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"runtime"
	"slices"

	"vigie/city"
	"vigie/city/faces"
	"vigie/internal/parallel"
	"vigie/internal/seeds"
	"vigie/sim/recognition"
)

// Threshold is the descriptor distance below which two faces match (dlib's).
const Threshold = 0.6

// Config sizes an audit.
type Config struct {
	N        int    // identities (at least 10)
	Captures int    // good captures per identity (at least 2)
	Seed     uint64 // first identity seed
	// SweepN is how many identities the condition sweeps use (0: min(N, 60)).
	SweepN int
	// SkipSweeps and SkipSkin leave those measures out (quick tuning runs);
	// their gates then fail.
	SkipSweeps, SkipSkin bool
}

// Validate says what is wrong with c.
func (c Config) Validate() error {
	if c.N < 10 {
		return fmt.Errorf("audit needs at least 10 identities, got %d", c.N)
	}
	if c.Captures < 2 {
		return fmt.Errorf("audit needs at least 2 captures per identity, got %d", c.Captures)
	}
	if c.SweepN < 0 || c.SweepN > c.N {
		return fmt.Errorf("sweep size %d out of range: allowed 0..%d (the identity count)", c.SweepN, c.N)
	}
	return nil
}

// Attrs gives identity i of an audit its attributes: skin tones cycle
// through the Monk scale, sexes alternate every ten, ages spread over 18-80.
func Attrs(i int) faces.Attributes {
	return faces.Attributes{Age: 18 + (i*37)%63, Sex: city.Sex((i / 10) % 2), MonkTone: 1 + i%10}
}

// IdentitySeed is the face seed of audit identity i under the audit's seed.
func IdentitySeed(seed uint64, i int) uint64 { return seeds.Derive(seed, "audit identity", uint64(i)) }

// GoodCapture is capture k of identity i: the frontal preset with a little
// change of pose between captures, the light of another day and place
// (lightOfTheDay), each taken by a camera of its own (faces.Capture.Camera).
func GoodCapture(i, k int) faces.Capture {
	c, _ := faces.Conditions("frontal")
	h := seeds.Mix(seeds.Name("audit capture"), uint64(i), uint64(k))
	f := func(shift uint) float64 { return float64((h>>shift)%1001)/500 - 1 } // -1..1
	c.YawDeg = 6 * f(3)
	c.PitchDeg = 4 * f(13)
	c.RollDeg = 3 * f(23)
	c.LightAzDeg += 15 * f(33)
	c.LightElDeg += 8 * f(43)
	c.NoiseSeed = h
	lightOfTheDay(&c, h)
	// each capture by another camera, as photographs on two days are
	c.Camera = (h ^ 0xD1B54A32D192ED03) | 1
	return c
}

// lightOfTheDay varies a good capture's light as two days and two places
// do: the key light's direction a further 20 degrees of azimuth and 10 of
// elevation (standard deviations), and the sky and fill light against the
// key by about half (log-normal). On the audit's first 60 identities the
// genuine mean rose from 0.242 to 0.276 with the impostor mean unmoved
// (0.585 to 0.589) and sex recovered 88.3% to 89.2%; varying the light
// 15 degrees more each way, before, had cost sex (85.0%).
func lightOfTheDay(c *faces.Capture, h uint64) {
	r := seeds.Stream(h, "light of the day")
	c.LightAzDeg = clampDeg(c.LightAzDeg+20*r.NormFloat64(), -70, 70)
	c.LightElDeg = clampDeg(c.LightElDeg+10*r.NormFloat64(), 0, 70)
	c.SkyLevel = math.Exp(0.5 * r.NormFloat64())
	c.FillLevel = math.Exp(0.58 * r.NormFloat64())
}

func clampDeg(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// GoodOccasion is the day of capture k of audit identity i: each capture
// is made on another day, so that two captures of one person differ as two
// photographs of a person taken on different days do (expression, hair,
// make-up, glasses, shaving, another place), not only in pose and light.
// (Capture 0 taken up to six years before changed the genuine mean by
// nothing measurable on 40 identities, 0.233 -> 0.232, and cost age
// error: the audit keeps both captures in one year.)
func GoodOccasion(k int) faces.Occasion { return faces.Occasion{Day: uint64(k) + 1} }

// Face is what the pipeline made of one rendered capture.
type Face struct {
	Identity, Capture int
	Attrs             faces.Attributes
	Found             bool
	Score             float64
	LandmarkErr       float64 // mean distance to the true landmarks / inter-ocular distance
	Desc              [recognition.DescriptorDim]float32
	// Mobile is MobileFaceNet's embedding (nil when the models folder
	// lacks it or the face was not found).
	Mobile []float32
	Age    float64
	Gender string
	// Landmarks are the network's points, Truth the generator's.
	Landmarks, Truth [68]recognition.Point
	IOD              float64
}

// analyse renders nothing: it runs the pipeline on one image whose truth is
// known. A face counts as found when a detection overlaps the true box.
func analyse(p *recognition.Pipeline, img image.Image, tr faces.Truth) (Face, *image.RGBA, error) {
	var f Face
	dets, err := p.Detect(img)
	if err != nil {
		return f, nil, err
	}
	truthBox := recognition.Rect{X: tr.Box.X0, Y: tr.Box.Y0, W: tr.Box.X1 - tr.Box.X0, H: tr.Box.Y1 - tr.Box.Y0}
	best, bestIoU := -1, 0.3
	for i, d := range dets {
		if iou := d.Box.IoU(truthBox); iou > bestIoU {
			best, bestIoU = i, iou
		}
	}
	if best < 0 {
		return f, nil, nil
	}
	f.Found, f.Score = true, dets[best].Score
	lm, err := p.Landmarks(img, dets[best])
	if err != nil {
		return f, nil, err
	}
	truth := truthPoints(tr)
	sum := 0.0
	for i := range lm {
		sum += pointDistance(lm[i], truth[i])
	}
	f.LandmarkErr = sum / 68 / tr.IOD
	f.Landmarks, f.Truth, f.IOD = lm, truth, tr.IOD
	ag, err := p.AgeGenderAt(img, [][68]recognition.Point{lm})
	if err != nil {
		return f, nil, err
	}
	f.Age, f.Gender = ag[0].Age, ag[0].Gender
	return f, recognition.Align(img, lm), nil
}

// truthPoints converts the generator's landmarks to the pipeline's type.
func truthPoints(tr faces.Truth) [68]recognition.Point {
	var lm [68]recognition.Point
	for i, q := range tr.Landmarks {
		lm[i] = recognition.Point{X: q.X, Y: q.Y}
	}
	return lm
}

// job is one render to make.
type job struct {
	id  faces.Identity
	cap faces.Capture
}

type rendered struct {
	img *image.RGBA
	tr  faces.Truth
}

// renderAll renders jobs on every core; results keep the jobs' order, so
// the outcome does not depend on scheduling.
func renderAll(jobs []job) []rendered {
	out := make([]rendered, len(jobs))
	parallel.For(context.Background(), len(jobs), runtime.GOMAXPROCS(0), func(_, i int) error {
		img, tr := faces.Render(jobs[i].id, jobs[i].cap)
		out[i] = rendered{img, tr}
		return nil
	})
	return out
}

// Run renders the audit's faces, runs the pipeline on them and measures
// every gate.
func Run(p *recognition.Pipeline, cfg Config) (*Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if p == nil || p.FaceNets == nil {
		return nil, errors.New("audit needs the full pipeline (detector, landmarks, age/gender): run `make models`")
	}
	if cfg.SweepN == 0 {
		cfg.SweepN = min(cfg.N, 60)
	}
	// Only the sweeps' identities are kept, and each chunk's captured faces
	// are drawn when the chunk is rendered: an identity holds its mesh, and
	// all of them at once held gigabytes (11.7 GB at 500 identities).
	ids := make([]faces.Identity, cfg.SweepN)
	for i := range ids {
		ids[i] = faces.NewIdentity(IdentitySeed(cfg.Seed, i), Attrs(i))
	}
	r := &Report{Config: cfg}
	const chunk = 64
	total := cfg.N * cfg.Captures
	for start := 0; start < total; start += chunk {
		end := min(start+chunk, total)
		jobs := make([]job, 0, end-start)
		for n := start; n < end; n++ {
			i, k := n/cfg.Captures, n%cfg.Captures
			on := faces.NewIdentityOn(IdentitySeed(cfg.Seed, i), Attrs(i), GoodOccasion(k))
			jobs = append(jobs, job{on, GoodCapture(i, k)})
		}
		imgs := renderAll(jobs)
		var chips []*image.RGBA
		var mobileChips [][]float32
		var at []int
		for j, im := range imgs {
			n := start + j
			f, chip, err := analyse(p, im.img, im.tr)
			if err != nil {
				return nil, err
			}
			f.Identity, f.Capture = n/cfg.Captures, n%cfg.Captures
			f.Attrs = jobs[j].id.Attrs
			r.Faces = append(r.Faces, f)
			if chip != nil {
				chips = append(chips, chip)
				at = append(at, len(r.Faces)-1)
				if p.HasMobileFaceNet() {
					mobileChips = append(mobileChips, recognition.AlignMobileChip(im.img, f.Landmarks))
				}
			}
		}
		if len(chips) > 0 {
			d, err := p.Embed(chips)
			if err != nil {
				return nil, err
			}
			for j, k := range at {
				r.Faces[k].Desc = d[j]
			}
		}
		if len(mobileChips) > 0 {
			m, err := p.EmbedMobile(mobileChips)
			if err != nil {
				return nil, err
			}
			for j, k := range at {
				r.Faces[k].Mobile = m[j][:]
			}
		}
	}
	photos, nPhotos, err := PhotoEmbedded(p)
	if err != nil {
		return nil, err
	}
	r.PhotoFaces = nPhotos
	if !cfg.SkipSweeps {
		if r.Sweeps, err = sweeps(p, ids[:cfg.SweepN]); err != nil {
			return nil, err
		}
	}
	if !cfg.SkipSkin {
		r.Skin = skinITA(cfg.Seed)
	}
	r.summarise()
	r.judges(photos)
	return r, nil
}

// Sweep is mean genuine distance (to a good frontal capture) at each level
// of one capture condition.
type Sweep struct {
	Name    string
	Levels  []string
	Genuine []float64
	Found   []float64 // share of faces the detector found at that level
}

// sweeps measures how recognition degrades with face size, light and yaw.
// Chips are aligned on the generator's true landmarks, so a face the
// detector misses still yields the descriptor's own degradation.
func sweeps(p *recognition.Pipeline, ids []faces.Identity) ([]Sweep, error) {
	type level struct {
		name string
		mod  func(*faces.Capture)
	}
	defs := []struct {
		name   string
		levels []level
	}{
		{"face height (px)", []level{
			{"160", func(c *faces.Capture) {}},
			{"80", func(c *faces.Capture) { c.FacePx = 80 }},
			{"40", func(c *faces.Capture) { c.FacePx = 40 }},
			{"24", func(c *faces.Capture) { c.FacePx = 24 }},
			{"16", func(c *faces.Capture) { c.FacePx = 16 }},
		}},
		{"light", []level{
			{"day", func(c *faces.Capture) {}},
			{"dusk", func(c *faces.Capture) { c.Light = faces.Dusk }},
			{"night-street", func(c *faces.Capture) { c.Light = faces.Night; c.LightElDeg = 60 }},
			{"night-street-dim", func(c *faces.Capture) { c.Light = faces.Night; c.LightElDeg = 60; c.LightLevel = 0.25 }},
		}},
		{"yaw (deg)", []level{
			{"0", func(c *faces.Capture) { c.YawDeg = 0 }},
			{"20", func(c *faces.Capture) { c.YawDeg = 20 }},
			{"40", func(c *faces.Capture) { c.YawDeg = 40 }},
			{"60", func(c *faces.Capture) { c.YawDeg = 60 }},
		}},
	}
	// references: capture 0 of each identity, aligned on the truth
	refJobs := make([]job, len(ids))
	for i := range ids {
		refJobs[i] = job{ids[i], GoodCapture(i, 0)}
	}
	refs, _, err := embedTruth(p, refJobs)
	if err != nil {
		return nil, err
	}
	// Each sweep's first level is the same good capture (160 px, day,
	// yaw 0): a level whose captures were measured already is read back,
	// not rendered and embedded again (same faces, same figures).
	type measured struct {
		caps             []faces.Capture
		genuine, foundAt float64
	}
	var done []measured
	var out []Sweep
	for _, d := range defs {
		s := Sweep{Name: d.name}
		for _, l := range d.levels {
			jobs := make([]job, len(ids))
			caps := make([]faces.Capture, len(ids))
			for i := range ids {
				c := GoodCapture(i, 1)
				c.YawDeg, c.PitchDeg, c.RollDeg = 0, 0, 0
				l.mod(&c)
				jobs[i], caps[i] = job{ids[i], c}, c
			}
			k := slices.IndexFunc(done, func(m measured) bool { return slices.Equal(m.caps, caps) })
			if k < 0 {
				desc, found, err := embedTruth(p, jobs)
				if err != nil {
					return nil, err
				}
				sum := 0.0
				for i := range desc {
					sum += float64(recognition.Distance(refs[i], desc[i]))
				}
				done = append(done, measured{caps, sum / float64(len(desc)), found})
				k = len(done) - 1
			}
			s.Levels = append(s.Levels, l.name)
			s.Genuine = append(s.Genuine, done[k].genuine)
			s.Found = append(s.Found, done[k].foundAt)
		}
		out = append(out, s)
	}
	return out, nil
}

// embedTruth renders jobs, aligns each on its true landmarks and embeds it;
// it also reports the share the detector finds.
func embedTruth(p *recognition.Pipeline, jobs []job) ([][recognition.DescriptorDim]float32, float64, error) {
	imgs := renderAll(jobs)
	chips := make([]*image.RGBA, len(imgs))
	found := 0
	for i, im := range imgs {
		chips[i] = recognition.Align(im.img, truthPoints(im.tr))
		f, _, err := analyse(p, im.img, im.tr)
		if err != nil {
			return nil, 0, err
		}
		if f.Found {
			found++
		}
	}
	d, err := p.Embed(chips)
	return d, float64(found) / float64(len(jobs)), err
}

// skinITA measures the cheek's individual typology angle per Monk tone under
// neutral frontal light with fixed exposure, averaged over 32 identities a
// tone: with 4, which identities were drawn decided whether Monk 1 read
// lighter than Monk 2 (50 against 42 on one draw, 33 against 39 on another;
// 41 against 38 with 32, and 46 against 39 with 32 under seed 2).
func skinITA(seed uint64) [10]float64 {
	var out [10]float64
	const per = 32
	for tone := 1; tone <= 10; tone++ {
		for s := 0; s < per; s++ {
			id := faces.NewIdentity(seeds.Derive(seed, "skin ramp", uint64(tone), uint64(s)), faces.Attributes{Age: 35, Sex: city.Sex(s % 2), MonkTone: tone})
			out[tone-1] += CheekITA(id) / per
		}
	}
	return out
}

// CheekITA renders id frontally under neutral (6500 K, on-axis) light at a
// fixed gain, and returns the ITA of the mean linear colour of a patch of
// cheek between the lower eyelid and the mouth corner.
func CheekITA(id faces.Identity) float64 {
	c, _ := faces.Conditions("frontal")
	c.LightAzDeg, c.LightElDeg, c.ColourTempK, c.FixedGain = 0, 0, 6500, 0.3
	img, tr := faces.Render(id, c)
	l := tr.Landmarks
	cx, cy := (l[41].X+l[48].X)/2-0.05*tr.IOD, (l[41].Y+l[48].Y)/2
	r := 0.08 * tr.IOD
	var sum [3]float64
	n := 0.0
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			k := img.PixOffset(x, y)
			for i := 0; i < 3; i++ {
				sum[i] += srgbToLinear(float64(img.Pix[k+i]) / 255)
			}
			n++
		}
	}
	return faces.ITA(sum[0]/n, sum[1]/n, sum[2]/n)
}

func srgbToLinear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}
