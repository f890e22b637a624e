package city

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"vigie/internal/detmath"
)

// Kinds of place the city always has; scenarios may name others.
const (
	KindHome       = "home"
	KindWork       = "work"
	KindSchool     = "school"
	KindTransitHub = "transit_hub"
	KindMarket     = "market"
	KindStadium    = "stadium"
	KindWorship    = "worship"
	KindClinic     = "clinic"
	KindSquare     = "square"
	KindUnionHall  = "union_hall"
)

// Place is somewhere citizens go; it sits at a street intersection.
type Place struct {
	Kind string
	Node int32
	X, Y float64
}

// citizensPerHome and citizensPerWorkplace size the homes and workplaces
// from the population, so that a scenario need only name the rarer places.
const (
	citizensPerHome      = 30
	citizensPerWorkplace = 60
	citizensPerSchool    = 1200
)

func (c *City) placePlaces(cfg Config, popSize int, rng *rand.Rand) error {
	counts := append([]PlaceCount{
		{Kind: KindHome, Count: max(1, popSize/citizensPerHome), Where: "anywhere"},
		{Kind: KindWork, Count: max(1, popSize/citizensPerWorkplace), Where: "centre"},
	}, cfg.Places...)
	if !hasKind(cfg.Places, KindSchool) {
		counts = append(counts, PlaceCount{Kind: KindSchool, Count: max(1, popSize/citizensPerSchool)})
	}
	c.byKind = map[string][]int32{}
	for _, pc := range counts {
		for i := 0; i < pc.Count; i++ {
			node, err := c.pickNode(pc.Where, rng)
			if err != nil {
				return fmt.Errorf("placing %s: %w", pc.Kind, err)
			}
			n := c.Streets.Nodes[node]
			// Offset homes and workplaces a little from the corner so that
			// a map shows them as a cloud rather than one dot.
			c.byKind[pc.Kind] = append(c.byKind[pc.Kind], int32(len(c.Places)))
			c.Places = append(c.Places, Place{Kind: pc.Kind, Node: node, X: n.X, Y: n.Y})
		}
	}
	return nil
}

func hasKind(pcs []PlaceCount, kind string) bool {
	for _, p := range pcs {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// pickNode chooses an intersection for a place: "centre" favours the middle
// of the city, "arterial" an arterial crossing, "edge" the outskirts.
func (c *City) pickNode(where string, rng *rand.Rand) (int32, error) {
	nodes := c.Streets.Nodes
	switch where {
	case "", "anywhere":
		return int32(rng.IntN(len(nodes))), nil
	case "arterial":
		var arts []int32
		for i, n := range nodes {
			if n.Arterial {
				arts = append(arts, int32(i))
			}
		}
		return arts[rng.IntN(len(arts))], nil
	case "old_town":
		var in []int32
		for i, n := range nodes {
			if n.OldTown {
				in = append(in, int32(i))
			}
		}
		if len(in) == 0 {
			return 0, fmt.Errorf("the city has no old town (set city.old_town.radius_m)")
		}
		return in[rng.IntN(len(in))], nil
	case "line":
		return c.nextOnLine(), nil
	case "centre", "edge":
		ctr := nodes[c.Streets.Centre]
		scale := math.Max(c.Width, c.Height) / 4
		for tries := 0; tries < 10000; tries++ {
			i := rng.IntN(len(nodes))
			r := math.Hypot(nodes[i].X-ctr.X, nodes[i].Y-ctr.Y) / scale
			p := detmath.Exp(-r * r / 2)
			if where == "edge" {
				p = 1 - p
			}
			if rng.Float64() < p {
				return int32(i), nil
			}
		}
		return int32(c.Streets.Centre), nil
	}
	return 0, fmt.Errorf("unknown place location %q (allowed: anywhere, centre, arterial, edge, old_town, line)", where)
}

// nextOnLine returns the next stop along the east-west street through the
// centre, as a tram line's stops are placed: evenly, 600 m apart.
func (c *City) nextOnLine() int32 {
	ctr := c.Streets.Nodes[c.Streets.Centre]
	k := c.lineStops
	c.lineStops++
	// Alternate east and west of the centre: 0, +1, -1, +2, -2...
	step := float64((k+1)/2) * 600
	if k%2 == 0 {
		step = -step
	}
	x := math.Max(0, math.Min(c.Width, ctr.X+step))
	return int32(c.Streets.nearestNode(x, ctr.Y))
}

// PlacesOf returns the indices of the places of a kind, in creation order.
func (c *City) PlacesOf(kind string) []int32 { return c.byKind[kind] }

// Kinds returns every place kind in the city, sorted.
func (c *City) Kinds() []string {
	ks := make([]string, 0, len(c.byKind))
	for k := range c.byKind {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
