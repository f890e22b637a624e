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
	"fmt"
	"image"
	"math"
	"runtime"
	"sort"
	"sync"

	"vigie/city/faces"
	"vigie/city/faces/audit"
	"vigie/metrics"
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
// and a threshold at a 1:1 false match rate of 1 in 600, so the false
// positive identification rate would climb to about 40% at N = 300.
func DefaultConfig() Config {
	return Config{Gallery: 300, Probes: 300, Sizes: []int{25, 50, 100, 200, 300}, TargetP: 1.0 / 600, Seed: 1}
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
	maxN := 0
	for _, n := range c.Sizes {
		maxN = max(maxN, n)
	}
	if maxN > c.Gallery || c.Probes < 1 || c.TargetP <= 0 {
		return nil, fmt.Errorf("scaling: sizes up to %d need a gallery that large, and probes and a target rate", maxN)
	}
	gal, err := embedIdentities(p, c.Seed, 0, c.Gallery)
	if err != nil {
		return nil, err
	}
	probes, err := embedIdentities(p, c.Seed, c.Gallery, c.Probes)
	if err != nil {
		return nil, err
	}
	// Every probe against every enrolled identity: the impostor distances.
	dist := make([][]float32, len(probes))
	var all []float64
	for i, pr := range probes {
		dist[i] = make([]float32, len(gal))
		for j, g := range gal {
			d := recognition.Distance(pr, g)
			dist[i][j] = d
			all = append(all, float64(d))
		}
	}
	sort.Float64s(all)
	k := int(c.TargetP * float64(len(all)))
	if k < 1 || k >= len(all) {
		return nil, fmt.Errorf("scaling: %d impostor pairs are too few for a 1:1 rate of %g", len(all), c.TargetP)
	}
	// The threshold sits between the k-th and k+1-th smallest distances, so
	// exactly k pairs match: p is measured, not assumed.
	t := (all[k-1] + all[k]) / 2
	r := &Result{Threshold: t, P: float64(k) / float64(len(all)), Pairs: len(all), Probes: len(probes), Enrolled: len(gal)}
	for _, n := range c.Sizes {
		n = min(n, len(gal))
		hits := 0
		for i := range probes {
			for j := 0; j < n; j++ {
				if float64(dist[i][j]) < t {
					hits++
					break
				}
			}
		}
		pred := 1 - math.Pow(1-r.P, float64(n))
		m := metrics.NewRate(hits, len(probes))
		r.Points = append(r.Points, Point{N: n, Predicted: pred, Measured: m, Pass: pred >= m.CI[0] && pred <= m.CI[1]})
	}
	return r, nil
}

// embedIdentities renders identities first..first+n-1 in a good frontal
// capture (rendering on every core) and embeds the faces the detector
// finds; faces it misses are left out, as they could be neither enrolled
// nor searched. The pipeline is called from one goroutine.
func embedIdentities(p *recognition.Pipeline, seed uint64, first, n int) ([][recognition.DescriptorDim]float32, error) {
	imgs := make([]*image.RGBA, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				idx := first + i
				id := faces.NewIdentity(seed*1_000_003+uint64(idx), audit.Attrs(idx))
				imgs[i], _ = faces.Render(id, audit.GoodCapture(idx, 0))
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
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
	return recognition.Align(img, lm), nil
}
