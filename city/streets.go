package city

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"

	"vigie/internal/parallel"
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
	// hop[v*n+u] is the directed edge to take from u towards v, as its
	// index in Out[u] (noHop at v): one byte an entry, so that a city of
	// thousands of intersections keeps its routes in the processor's cache.
	hop []uint8
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

// noHop marks the destination itself in Streets.hop.
const noHop = math.MaxUint8

// Next returns the directed edge to take from u towards v, or -1 when u == v.
func (s *Streets) Next(u, v int32) int32 {
	k := s.hop[int(v)*len(s.Nodes)+int(u)]
	if k == noHop {
		return -1
	}
	return s.Out[u][k]
}

// Hop reads a next-hop table made by NextTable for a street graph of n
// nodes: the directed edge to take from u towards v, or -1 when u == v.
// The table is laid out by destination (v*n+u), so that the hops of one
// route lie close together in memory.
func Hop(next []int32, n int, u, v int32) int32 { return next[int(v)*n+int(u)] }

// Distance returns the length of the shortest route between two nodes.
func (s *Streets) Distance(u, v int32) float64 {
	d := 0.0
	for u != v {
		de := s.Next(u, v)
		d += s.Edges[de/2].Len
		_, u = s.Ends(de)
	}
	return d
}

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
	for u, out := range s.Out {
		if len(out) >= noHop {
			return nil, fmt.Errorf("intersection %d has %d streets; routing allows at most %d", u, len(out), noHop-1)
		}
	}
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
	n := len(s.Nodes)
	s.hop = make([]uint8, n*n)
	s.searchAll(func(e int) float64 { return s.Edges[e].Len }, func(v int, hops []int32) {
		col := s.hop[v*n : (v+1)*n]
		for u, de := range hops {
			col[u] = noHop
			if de >= 0 {
				col[u] = uint8(slices.Index(s.Out[u], de))
			}
		}
	})
}

// NextTable computes a next-hop table (read it with Hop) for routes that
// minimise the given cost of each edge. People avoiding cameras route with a
// cost that adds a penalty for every camera on a street.
//
// It runs one Dijkstra search from each destination over the street graph;
// the node a search reached u from is u's next hop towards the destination.
// Destinations are split between GOMAXPROCS goroutines; each fills its own
// part of the table, so the table does not depend on the core count. A
// search relaxes an edge only when it strictly shortens a route, so of two
// routes of exactly equal cost the one found first is kept, and the order
// of the search is fixed by the node and edge numbering.
func (s *Streets) NextTable(cost func(e int) float64) []int32 {
	n := len(s.Nodes)
	next := make([]int32, n*n)
	s.searchAll(cost, func(v int, hops []int32) { copy(next[v*n:(v+1)*n], hops) })
	return next
}

// searchAll runs the search towards every destination v and hands fill the
// hops towards v (indexed by origin). fill is called from several
// goroutines at once, each time for a different v.
func (s *Streets) searchAll(cost func(e int) float64, fill func(v int, hops []int32)) {
	n := len(s.Nodes)
	w := make([]float64, len(s.Edges))
	for e := range w {
		w[e] = cost(e)
	}
	// Scratch space per goroutine, made on its first destination.
	workers := parallel.Workers(n, runtime.GOMAXPROCS(0))
	scratch := make([]*dijkstra, workers)
	hops := make([][]int32, workers)
	parallel.For(context.Background(), n, workers, func(k, v int) error {
		if scratch[k] == nil {
			scratch[k], hops[k] = newDijkstra(n), make([]int32, n)
		}
		scratch[k].hopsTo(s, w, int32(v), hops[k])
		fill(v, hops[k])
		return nil
	})
}

// dijkstra is one goroutine's scratch space for shortest-route searches.
type dijkstra struct {
	dist []float64
	done []bool
	heap []heapItem
}

type heapItem struct {
	dist float64
	node int32
}

func newDijkstra(n int) *dijkstra {
	return &dijkstra{dist: make([]float64, n), done: make([]bool, n)}
}

// hopsTo fills hops[u] with the directed edge to take from u towards v
// (-1 at v), searching outwards from v over edges of cost w.
func (d *dijkstra) hopsTo(s *Streets, w []float64, v int32, hops []int32) {
	for i := range d.dist {
		d.dist[i], d.done[i], hops[i] = math.Inf(1), false, -1
	}
	d.dist[v] = 0
	d.heap = append(d.heap[:0], heapItem{0, v})
	for len(d.heap) > 0 {
		top := d.pop()
		u := top.node
		if d.done[u] {
			continue // a stale entry: u was reached more cheaply since
		}
		d.done[u] = true
		for _, de := range s.Out[u] {
			_, x := s.Ends(de)
			if d.done[x] {
				continue
			}
			if alt := d.dist[u] + w[de/2]; alt < d.dist[x] {
				d.dist[x] = alt
				hops[x] = de ^ 1 // the same street walked from x towards u
				d.push(heapItem{alt, x})
			}
		}
	}
}

func (d *dijkstra) push(it heapItem) {
	h := append(d.heap, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].less(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	d.heap = h
}

func (d *dijkstra) pop() heapItem {
	h := d.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].less(h[m]) {
			m = l
		}
		if r < len(h) && h[r].less(h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	d.heap = h
	return top
}

// less orders the heap by distance, then node, so that equal distances pop
// in a fixed order.
func (a heapItem) less(b heapItem) bool {
	return a.dist < b.dist || (a.dist == b.dist && a.node < b.node)
}

// RouteLength returns the length of the route from u to v that a next-hop
// table (from NextTable) gives.
func (s *Streets) RouteLength(next []int32, u, v int32) float64 {
	d := 0.0
	for u != v {
		de := Hop(next, len(s.Nodes), u, v)
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
