package city_test

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"vigie/city"
	"vigie/scenarios"
	"vigie/sim"
)

// gonumNext is a reference next-hop table from gonum's Dijkstra, laid out
// by origin (u*n+v), as the city computed it before its own search.
func gonumNext(s *city.Streets, cost func(e int) float64) []int32 {
	n := len(s.Nodes)
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := range s.Nodes {
		g.AddNode(simple.Node(int64(i)))
	}
	edgeOf := map[[2]int32]int32{}
	for e, ed := range s.Edges {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(ed.A)), T: simple.Node(int64(ed.B)), W: cost(e)})
		edgeOf[[2]int32{ed.A, ed.B}] = city.DirEdge(e, false)
		edgeOf[[2]int32{ed.B, ed.A}] = city.DirEdge(e, true)
	}
	next := make([]int32, n*n)
	for v := 0; v < n; v++ {
		tree := path.DijkstraFrom(simple.Node(int64(v)), g)
		for u := 0; u < n; u++ {
			next[u*n+v] = -1
			if u != v {
				p, _ := tree.To(int64(u))
				next[u*n+v] = edgeOf[[2]int32{int32(u), int32(p[len(p)-2].ID())}]
			}
		}
	}
	return next
}

// The city's own Dijkstra gives the very routes gonum's does, on the
// default grid, on a walled old town with closed lanes, and with the
// camera penalties of camera-avoiding routes, whatever the core count.
func TestNextTableMatchesGonum(t *testing.T) {
	oldTown := scenarios.Defaults()
	oldTown.City.WidthM, oldTown.City.HeightM = 3000, 2400
	oldTown.City.OldTown = city.OldTown{X: 0.4, Y: 0.5, RadiusM: 700, Gates: 5, Closed: 0.3}
	oldTown.City.Places = append(oldTown.City.Places, city.PlaceCount{Kind: "market", Count: 2, Where: "old_town"})
	// the default city serves two cases: built once
	defaultCity := sync.OnceValues(func() (*city.City, error) { return city.Build(spec(scenarios.Defaults(), 300)) })
	for _, tc := range []struct {
		name    string
		build   func() (*city.City, error)
		penalty float64
	}{
		{"default", defaultCity, 0},
		{"old-town", func() (*city.City, error) { return city.Build(spec(oldTown, 300)) }, 0},
		{"avoiding-cameras", defaultCity, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			s := c.Streets
			cost := func(e int) float64 {
				cams := len(c.Passes[city.DirEdge(e, false)]) + len(c.Passes[city.DirEdge(e, true)])
				return s.Edges[e].Len + tc.penalty*float64(cams)
			}
			want := gonumNext(s, cost)
			n := len(s.Nodes)
			if tc.penalty == 0 {
				for u := 0; u < n; u++ {
					for v := 0; v < n; v++ {
						if h := s.Next(int32(u), int32(v)); h != want[u*n+v] {
							t.Fatalf("walking route %d->%d takes edge %d, gonum's %d", u, v, h, want[u*n+v])
						}
					}
				}
			}
			for _, procs := range []int{1, 2} {
				old := runtime.GOMAXPROCS(procs)
				got := s.NextTable(cost)
				runtime.GOMAXPROCS(old)
				for u := 0; u < n; u++ {
					for v := 0; v < n; v++ {
						if h := city.Hop(got, n, int32(u), int32(v)); h != want[u*n+v] {
							t.Fatalf("GOMAXPROCS=%d: hop %d->%d is edge %d, gonum's is %d", procs, u, v, h, want[u*n+v])
						}
					}
				}
			}
		})
	}
}

// On a grid without jitter many routes tie; the table still gives shortest
// routes (the Manhattan distance) and the same table on one core or two.
func TestNextTableOnAPerfectGrid(t *testing.T) {
	d := scenarios.Defaults()
	d.City.Jitter = 0
	d.City.WidthM, d.City.HeightM = 2000, 2000
	c, err := city.Build(spec(d, 200))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Streets
	length := func(e int) float64 { return s.Edges[e].Len }
	old := runtime.GOMAXPROCS(1)
	one := s.NextTable(length)
	runtime.GOMAXPROCS(2)
	two := s.NextTable(length)
	runtime.GOMAXPROCS(old)
	if !slices.Equal(one, two) {
		t.Fatal("the table differs between one core and two")
	}
	for u := range s.Nodes {
		for v := range s.Nodes {
			a, b := s.Nodes[u], s.Nodes[v]
			manhattan := math.Abs(a.X-b.X) + math.Abs(a.Y-b.Y)
			if got := s.RouteLength(one, int32(u), int32(v)); math.Abs(got-manhattan) > 1e-6 {
				t.Fatalf("route %d->%d is %.1f m, Manhattan distance %.1f m", u, v, got, manhattan)
			}
		}
	}
}

func spec(d sim.Config, size int) city.Spec {
	d.Population.Size = size
	return city.Spec{Seed: 11, City: d.City, Population: d.Population, Activities: d.Activities, Cameras: d.Cameras}
}

// BenchmarkNextTable makes the walking routing table of the default city
// (441 intersections) with the city's search and with gonum's, which the
// city used before; and of the million scenario's 12 x 12 km city (3,721
// intersections) with the city's search.
func BenchmarkNextTable(b *testing.B) {
	million := scenarios.Defaults()
	million.City.WidthM, million.City.HeightM = 12000, 12000
	for _, tc := range []struct {
		name string
		cfg  sim.Config
		ref  bool
	}{
		{"default/city", scenarios.Defaults(), false},
		{"default/gonum", scenarios.Defaults(), true},
		{"million/city", million, false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c, err := city.Build(spec(tc.cfg, 100))
			if err != nil {
				b.Fatal(err)
			}
			s := c.Streets
			length := func(e int) float64 { return s.Edges[e].Len }
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if tc.ref {
					gonumNext(s, length)
				} else {
					s.NextTable(length)
				}
			}
		})
	}
}
