package facerec

import (
	"image"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"vigie/city"
	"vigie/scenarios"
	"vigie/sim"
	"vigie/sim/recognition"
	"vigie/sim/recognizer"
)

// benchCity is a small city and a realistic mix of its sightings: the
// conditions of its camera passes over the day, light included.
func benchCity(b *testing.B) (*sim.Config, *city.City, []recognizer.Probe) {
	sc, err := scenarios.LoadBytes("bench.yaml", []byte("name: bench\nseed: 4\npopulation: {size: 300}\nregimes: [none]\n"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := sc.Config()
	c, err := city.Build(city.Spec{Seed: cfg.Seed, City: cfg.City, Population: cfg.Population, Activities: cfg.Activities, Cameras: cfg.Cameras})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var probes []recognizer.Probe
	for len(probes) < 256 {
		edge := c.Passes[r.IntN(len(c.Passes))]
		if len(edge) == 0 {
			continue
		}
		cond := c.Capture(edge[r.IntN(len(edge))], 360+r.Float64()*1080, cfg.Cameras.Optics)
		i := r.IntN(len(c.Citizens))
		probes = append(probes, recognizer.Probe{Citizen: i, Group: int(c.Citizens[i].Group), Conditions: cond, Gallery: 100, Threshold: 0.4})
	}
	return cfg, c, probes
}

func benchExact(b *testing.B, cached bool) {
	if _, err := recognition.ModelDir(""); err != nil {
		b.Skip(err)
	}
	cfg, c, probes := benchCity(b)
	x := NewExact(cfg.Recognizer, cfg.GroupNames(), cached, generatedSource)
	members := []int{}
	for i := 0; i < len(c.Citizens); i += 10 {
		members = append(members, i)
	}
	if err := x.Prepare(c, cfg.Seed, []recognizer.Watchlist{{Regime: "bench", Members: members, Size: 100}}); err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		rng := rand.New(rand.NewPCG(uint64(next.Add(1)), 7))
		for pb.Next() {
			x.Search(probes[int(next.Add(1))%len(probes)], rng)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sightings/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkExactSightings: sightings per second through the whole
// pipeline, on as many pipelines as -cpu says.
func BenchmarkExactSightings(b *testing.B) { benchExact(b, false) }

// BenchmarkCachedSightings: the same mix with one embedding per citizen
// and condition bin; 256 sightings of 300 citizens, so most are misses at
// first and hits later.
func BenchmarkCachedSightings(b *testing.B) { benchExact(b, true) }

// BenchmarkExactStages times each stage of one sighting on one core, and
// reports each stage's share of the time.
func BenchmarkExactStages(b *testing.B) {
	if _, err := recognition.ModelDir(""); err != nil {
		b.Skip(err)
	}
	cfg, c, probes := benchCity(b)
	p, err := recognition.Open("", recognition.Options{IntraOpThreads: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	src := NewGenerated(c, cfg.Seed)
	gal := recognition.NewGallery(recognition.DescriptorDim)
	gal.Workers = 1
	r := rand.New(rand.NewPCG(3, 3))
	for k := 0; k < 100; k++ {
		d := make([]float32, recognition.DescriptorDim)
		for j := range d {
			d[j] = float32(r.NormFloat64() * 0.09)
		}
		gal.Add(fillerID(k), d)
	}
	var stage [5]time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		pr := probes[n%len(probes)]
		t0 := time.Now()
		img, _ := src.Probe(pr.Citizen, pr.Conditions, uint64(n))
		t1 := time.Now()
		dets, _ := p.Detect(img)
		t2 := time.Now()
		stage[0] += t1.Sub(t0)
		stage[1] += t2.Sub(t1)
		if len(dets) == 0 {
			continue
		}
		lm, _ := p.Landmarks(img, dets[0])
		chip := recognition.Align(img, lm)
		t3 := time.Now()
		out, _ := p.Embed([]*image.RGBA{chip})
		t4 := time.Now()
		gal.Search(out[0][:], 1)
		t5 := time.Now()
		stage[2] += t3.Sub(t2)
		stage[3] += t4.Sub(t3)
		stage[4] += t5.Sub(t4)
	}
	total := stage[0] + stage[1] + stage[2] + stage[3] + stage[4]
	for i, name := range []string{"render%", "detect%", "landmarks%", "embed%", "search%"} {
		b.ReportMetric(100*float64(stage[i])/float64(total), name)
	}
}
