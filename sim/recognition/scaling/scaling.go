// Package scaling measures how the real pipeline's false positive
// identification rate grows with the size of the watchlist, on generated
// faces, and compares it with the 1:N law P_N = 1 - (1 - p)^N (Daugman),
// where p is the 1:1 false match rate at the same threshold.
//
// The law assumes a probe's impostor scores against different people are
// independent. Real systems are known to depart from it (some probes look
// like many people); this experiment says whether, and how far, the dlib
// descriptor on Vigie's generated faces does.
package scaling

import (
	"context"
	"fmt"
	"image"
	"math"
	"runtime"
	"sort"

	"vigie/city/faces"
	"vigie/internal/parallel"
	"vigie/internal/seeds"
	"vigie/metrics"
	"vigie/sim/faceaudit"
	"vigie/sim/recognition"
)

// Config sizes the experiment: Gallery enrolled identities, Probes other
// identities searched against the first N of them for each N in Sizes, at
// the threshold whose 1:1 false match rate is TargetP.
type Config struct {
	Gallery, Probes int
	Sizes           []int
	TargetP         float64
	Seed            uint64
}

// DefaultConfig is the bundled case: 300 enrolled identities, 300 probes,
// and a threshold at a 1:1 false match rate of 1 in 2,000, so the false
// positive identification rate climbs to about 14% at N = 300: the low
// rates at which deployments run and the law is used to scale watchlists.
func DefaultConfig() Config {
	return Config{Gallery: 300, Probes: 300, Sizes: []int{25, 50, 100, 200, 300}, TargetP: 1.0 / 2000, Seed: 1}
}

// HighRateConfig is the same experiment at a 1:1 rate of 1 in 600, where
// the law predicts about 40% at N = 300: far above any deployment's rate,
// it shows where false matches that gather on some probes bend the law.
func HighRateConfig() Config {
	c := DefaultConfig()
	c.TargetP = 1.0 / 600
	return c
}

// Point is the measured and predicted rate at one gallery size.
type Point struct {
	N         int
	Predicted float64 // 1 - (1 - p)^N
	Measured  metrics.Rate
	Pass      bool // the prediction lies in the measured 95% interval
}

// Result is the whole experiment.
type Result struct {
	Threshold float64 // descriptor distance
	P         float64 // measured 1:1 false match rate at Threshold
	Pairs     int
	Probes    int // probes whose face was found and embedded
	Enrolled  int
	Points    []Point
}

// Run renders the identities, embeds them with the real pipeline, and
// measures the false positive identification rate against growing galleries.
func Run(p *recognition.Pipeline, c Config) (*Result, error) {
	m, err := Measure(p, c)
	if err != nil {
		return nil, err
	}
	return m.Law(c.TargetP)
}

// Measurement is every probe's distance to every enrolled identity.
type Measurement struct {
	c    Config
	dist [][]float32 // [probe][enrolled]
	all  []float64   // every distance, sorted
}

// Measure renders and embeds the experiment's identities once; Law then
// reads the 1:N law off it at any 1:1 rate.
func Measure(p *recognition.Pipeline, c Config) (*Measurement, error) {
	maxN := 0
	for _, n := range c.Sizes {
		maxN = max(maxN, n)
	}
	if maxN > c.Gallery || c.Probes < 1 {
		return nil, fmt.Errorf("scaling: sizes up to %d need a gallery that large, and probes", maxN)
	}
	gal, err := embedIdentities(p, c.Seed, 0, c.Gallery)
	if err != nil {
		return nil, err
	}
	probes, err := embedIdentities(p, c.Seed, c.Gallery, c.Probes)
	if err != nil {
		return nil, err
	}
	m := &Measurement{c: c, dist: make([][]float32, len(probes))}
	for i, pr := range probes {
		m.dist[i] = make([]float32, len(gal))
		for j, g := range gal {
			d := recognition.Distance(pr, g)
			m.dist[i][j] = d
			m.all = append(m.all, float64(d))
		}
	}
	sort.Float64s(m.all)
	return m, nil
}

// Law sets the threshold whose measured 1:1 false match rate is targetP
// and compares the false positive identification rate at each gallery
// size with 1 - (1 - p)^N.
func (m *Measurement) Law(targetP float64) (*Result, error) {
	all := m.all
	k := int(targetP * float64(len(all)))
	if k < 1 || k >= len(all) {
		return nil, fmt.Errorf("scaling: %d impostor pairs are too few for a 1:1 rate of %g", len(all), targetP)
	}
	// The threshold sits between the k-th and k+1-th smallest distances, so
	// exactly k pairs match: p is measured, not assumed.
	t := (all[k-1] + all[k]) / 2
	enrolled := 0
	if len(m.dist) > 0 {
		enrolled = len(m.dist[0])
	}
	r := &Result{Threshold: t, P: float64(k) / float64(len(all)), Pairs: len(all), Probes: len(m.dist), Enrolled: enrolled}
	for _, n := range m.c.Sizes {
		n = min(n, enrolled)
		hits := 0
		for i := range m.dist {
			for j := 0; j < n; j++ {
				if float64(m.dist[i][j]) < t {
					hits++
					break
				}
			}
		}
		pred := 1 - math.Pow(1-r.P, float64(n))
		mr := metrics.NewRate(hits, len(m.dist))
		r.Points = append(r.Points, Point{N: n, Predicted: pred, Measured: mr, Pass: pred >= mr.CI[0] && pred <= mr.CI[1]})
	}
	return r, nil
}

// embedIdentities renders identities first..first+n-1 in a good frontal
// capture (rendering on every core) and embeds the faces the detector
// finds; faces it misses are left out, as they could be neither enrolled
// nor searched. The pipeline is called from one goroutine.
func embedIdentities(p *recognition.Pipeline, seed uint64, first, n int) ([][recognition.DescriptorDim]float32, error) {
	imgs := make([]*image.RGBA, n)
	parallel.For(context.Background(), n, runtime.GOMAXPROCS(0), func(_, i int) error {
		idx := first + i
		id := faces.NewIdentity(seeds.Derive(seed, "scaling identity", uint64(idx)), faceaudit.Attrs(idx))
		imgs[i], _ = faces.Render(id, faceaudit.GoodCapture(idx, 0))
		return nil
	})
	var found []*image.RGBA
	for _, img := range imgs {
		chip, err := chipOf(p, img)
		if err != nil {
			return nil, err
		}
		if chip != nil {
			found = append(found, chip)
		}
	}
	return p.Embed(found)
}

// chipOf detects the most confident face and aligns it as face-api does;
// nil when no face is found.
func chipOf(p *recognition.Pipeline, img image.Image) (*image.RGBA, error) {
	dets, err := p.Detect(img)
	if err != nil || len(dets) == 0 {
		return nil, err
	}
	best := 0
	for i, d := range dets {
		if d.Score > dets[best].Score {
			best = i
		}
	}
	lm, err := p.Landmarks(img, dets[best])
	if err != nil {
		return nil, err
	}
	return recognition.AlignDetected(img, dets[best], lm), nil
}
