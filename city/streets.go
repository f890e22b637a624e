package city

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Node is a street intersection.
type Node struct {
	X, Y     float64
	Arterial bool
	OldTown  bool
	District int
}

// Edge is a street segment between two intersections.
type Edge struct {
	A, B     int32
	Len      float64
	Arterial bool
}

// Streets is the street graph with its routing table.
type Streets struct {
	Nodes []Node
	Edges []Edge
	// Out lists each node's outgoing directed edges (see DirEdge).
	Out [][]int32
	// next[u*n+v] is the directed edge to take from u towards v (-1 at v).
	next []int32
	// Centre is the node nearest the city's centre.
	Centre int
}

// DirEdge numbers directed edges: 2*e runs A->B, 2*e+1 runs B->A.
func DirEdge(e int, reverse bool) int32 {
	if reverse {
		return int32(2*e + 1)
	}
	return int32(2 * e)
}

// Ends returns the from and to nodes of directed edge d.
func (s *Streets) Ends(d int32) (from, to int32) {
	e := s.Edges[d/2]
	if d%2 == 0 {
		return e.A, e.B
	}
	return e.B, e.A
}

// Next returns the directed edge to take from u towards v, or -1 when u == v.
func (s *Streets) Next(u, v int32) int32 { return s.next[int(u)*len(s.Nodes)+int(v)] }

// Distance returns the length of the shortest route between two nodes.
func (s *Streets) Distance(u, v int32) float64 { return s.RouteLength(s.next, u, v) }

func buildStreets(cfg Config, rng *rand.Rand) (*Streets, error) {
	nx := int(cfg.WidthM/cfg.BlockM) + 1
	ny := int(cfg.HeightM/cfg.BlockM) + 1
	if nx < 2 || ny < 2 {
		return nil, fmt.Errorf("city of %gx%g m with %g m blocks has fewer than two streets each way", cfg.WidthM, cfg.HeightM, cfg.BlockM)
	}
	s := &Streets{Nodes: make([]Node, 0, nx*ny)}
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			x := float64(i) * cfg.WidthM / float64(nx-1)
			y := float64(j) * cfg.HeightM / float64(ny-1)
			// Jitter inner intersections only, so the city keeps its edges.
			if i > 0 && i < nx-1 {
				x += (rng.Float64()*2 - 1) * cfg.Jitter * cfg.BlockM
			}
			if j > 0 && j < ny-1 {
				y += (rng.Float64()*2 - 1) * cfg.Jitter * cfg.BlockM
			}
			art := i%cfg.ArterialEvery == 0 || j%cfg.ArterialEvery == 0
			s.Nodes = append(s.Nodes, Node{X: x, Y: y, Arterial: art})
		}
	}
	id := func(i, j int) int32 { return int32(j*nx + i) }
	var grid []Edge
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			if i+1 < nx {
				grid = append(grid, Edge{A: id(i, j), B: id(i+1, j), Arterial: j%cfg.ArterialEvery == 0})
			}
			if j+1 < ny {
				grid = append(grid, Edge{A: id(i, j), B: id(i, j+1), Arterial: i%cfg.ArterialEvery == 0})
			}
		}
	}
	if cfg.OldTown.RadiusM > 0 {
		grid = s.wallOldTown(cfg, grid, rng)
	}
	for _, e := range grid {
		s.addEdge(e.A, e.B, e.Arterial)
	}
	s.Centre = s.nearestNode(cfg.WidthM/2, cfg.HeightM/2)
	s.assignDistricts(cfg, rng)
	s.route()
	return s, nil
}

func (s *Streets) addEdge(a, b int32, arterial bool) {
	na, nb := s.Nodes[a], s.Nodes[b]
	e := len(s.Edges)
	s.Edges = append(s.Edges, Edge{A: a, B: b, Len: math.Hypot(nb.X-na.X, nb.Y-na.Y), Arterial: arterial})
	for len(s.Out) < len(s.Nodes) {
		s.Out = append(s.Out, nil)
	}
	s.Out[a] = append(s.Out[a], DirEdge(e, false))
	s.Out[b] = append(s.Out[b], DirEdge(e, true))
}

func (s *Streets) nearestNode(x, y float64) int {
	best, bestD := 0, math.Inf(1)
	for i, n := range s.Nodes {
		if d := math.Hypot(n.X-x, n.Y-y); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// assignDistricts gives each node the district of the nearest of a few seeded
// district centres (a Voronoi partition); district 0 is the centre.
func (s *Streets) assignDistricts(cfg Config, rng *rand.Rand) {
	cx := make([]float64, cfg.Districts)
	cy := make([]float64, cfg.Districts)
	cx[0], cy[0] = s.Nodes[s.Centre].X, s.Nodes[s.Centre].Y
	for d := 1; d < cfg.Districts; d++ {
		cx[d], cy[d] = rng.Float64()*cfg.WidthM, rng.Float64()*cfg.HeightM
	}
	for i := range s.Nodes {
		best, bestD := 0, math.Inf(1)
		for d := range cx {
			if dd := math.Hypot(s.Nodes[i].X-cx[d], s.Nodes[i].Y-cy[d]); dd < bestD {
				best, bestD = d, dd
			}
		}
		s.Nodes[i].District = best
	}
}

// route fills the next-hop table for walking the shortest way.
func (s *Streets) route() {
	s.next = s.NextTable(func(e int) float64 { return s.Edges[e].Len })
}

// NextTable computes, with gonum's Dijkstra, a next-hop table for routes
// that minimise the given cost of each edge: the entry at u*n+v is the
// directed edge to take from u towards v (-1 at v). People avoiding cameras
// route with a cost that adds a penalty for every camera on a street.
//
// Intersections are jittered, so ties between routes of exactly equal cost
// do not arise in practice; the routing tree of a Dijkstra from each
// destination is in any case deterministic, as gonum visits nodes in order.
func (s *Streets) NextTable(cost func(e int) float64) []int32 {
	n := len(s.Nodes)
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := range s.Nodes {
		g.AddNode(simple.Node(int64(i)))
	}
	edgeOf := make(map[[2]int32]int32, 2*len(s.Edges))
	for e, ed := range s.Edges {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(ed.A)), T: simple.Node(int64(ed.B)), W: cost(e)})
		edgeOf[[2]int32{ed.A, ed.B}] = DirEdge(e, false)
		edgeOf[[2]int32{ed.B, ed.A}] = DirEdge(e, true)
	}
	next := make([]int32, n*n)
	for v := 0; v < n; v++ {
		tree := path.DijkstraFrom(simple.Node(int64(v)), g)
		for u := 0; u < n; u++ {
			if u == v {
				next[u*n+v] = -1
				continue
			}
			p, _ := tree.To(int64(u)) // v ... u; the step before u is u's next hop towards v
			prev := int32(p[len(p)-2].ID())
			next[u*n+v] = edgeOf[[2]int32{int32(u), prev}]
		}
	}
	return next
}

// RouteLength returns the length of the route from u to v that a next-hop
// table (from NextTable) gives.
func (s *Streets) RouteLength(next []int32, u, v int32) float64 {
	d, n := 0.0, int32(len(s.Nodes))
	for u != v {
		de := next[u*n+v]
		d += s.Edges[de/2].Len
		_, u = s.Ends(de)
	}
	return d
}

// wallOldTown turns the streets within the old town's radius into a walled
// medina: no arterials inside, a share of its lanes closed (dead ends and
// irregular blocks), and the wall crossed only at its gates. Closures never
// cut the street graph in two: a union-find keeps every lane that is the
// last link between two parts of the city.
func (s *Streets) wallOldTown(cfg Config, grid []Edge, rng *rand.Rand) []Edge {
	ot := cfg.OldTown
	cx, cy := ot.X*cfg.WidthM, ot.Y*cfg.HeightM
	inside := func(n int32) bool {
		return math.Hypot(s.Nodes[n].X-cx, s.Nodes[n].Y-cy) < ot.RadiusM
	}
	for i := range s.Nodes {
		if inside(int32(i)) {
			s.Nodes[i].Arterial = false
			s.Nodes[i].OldTown = true
		}
	}
	// Gates: the wall crossings nearest to evenly spaced bearings.
	gate := map[int]bool{}
	for g := 0; g < ot.Gates; g++ {
		bearing := 2*math.Pi*float64(g)/float64(ot.Gates) + 0.3
		best, bestD := -1, math.Inf(1)
		for k, e := range grid {
			if inside(e.A) == inside(e.B) {
				continue
			}
			mx, my := (s.Nodes[e.A].X+s.Nodes[e.B].X)/2, (s.Nodes[e.A].Y+s.Nodes[e.B].Y)/2
			d := math.Hypot(mx-(cx+ot.RadiusM*math.Cos(bearing)), my-(cy+ot.RadiusM*math.Sin(bearing)))
			if d < bestD {
				best, bestD = k, d
			}
		}
		if best >= 0 {
			gate[best] = true
		}
	}
	uf := newUnionFind(len(s.Nodes))
	var keep, candidates []Edge
	for k, e := range grid {
		in, wall := inside(e.A) && inside(e.B), inside(e.A) != inside(e.B)
		switch {
		case wall && !gate[k]:
			candidates = append(candidates, Edge{A: e.A, B: e.B, Len: 1})
		case in:
			e.Arterial = false
			candidates = append(candidates, e)
		default:
			keep = append(keep, e)
			uf.union(e.A, e.B)
		}
	}
	rng.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	for _, e := range candidates {
		wall := e.Len == 1 // marked above: a wall crossing that is not a gate
		close := wall || rng.Float64() < ot.Closed
		if close && uf.find(e.A) != uf.find(e.B) {
			close = false // the last link: keep it open
		}
		if !close {
			keep = append(keep, Edge{A: e.A, B: e.B})
			uf.union(e.A, e.B)
		}
	}
	// Keep the grid's order so that the city does not depend on the shuffle.
	sort.Slice(keep, func(i, j int) bool {
		if keep[i].A != keep[j].A {
			return keep[i].A < keep[j].A
		}
		return keep[i].B < keep[j].B
	})
	return keep
}

type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(x int32) int32 {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int32) { u[u.find(a)] = u.find(b) }
