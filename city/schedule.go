package city

import (
	"math"
	"math/rand/v2"

	"vigie/internal/detmath"
)

// Leg is one trip of a citizen's day: at minute Depart the citizen leaves
// where they are for place To. Sensitive is the index of the sensitive
// activity (in ActivityConfig.Sensitive) the trip is for, or -1.
type Leg struct {
	Depart    float32
	To        int32
	Sensitive int8
}

// stay is a span of the day spent at a place, used to build legs.
type stay struct {
	place     int32
	from, to  float64
	sensitive int8
}

// Plan returns citizen i's legs for the day, in time order.
func (c *City) Plan(i int) []Leg { return c.legs[c.planStart[i]:c.planStart[i+1]] }

func (c *City) schedule(act ActivityConfig, rng *rand.Rand) {
	c.planStart = make([]int32, len(c.Citizens)+1)
	c.legs = c.legs[:0]
	markets := c.PlacesOf(KindMarket)
	if len(markets) == 0 {
		markets = c.PlacesOf(KindWork)
	}
	var stays []stay
	for i := range c.Citizens {
		stays = c.dayStays(i, act, markets, rng, stays[:0])
		c.planStart[i] = int32(len(c.legs))
		for k := 1; k < len(stays); k++ {
			if stays[k].place == stays[k-1].place {
				continue
			}
			c.legs = append(c.legs, Leg{Depart: float32(stays[k-1].to), To: stays[k].place, Sensitive: stays[k].sensitive})
		}
	}
	c.planStart[len(c.Citizens)] = int32(len(c.legs))
}

// dayStays lays out a citizen's day as stays: home, work or school, errands,
// and occasional sensitive visits, in minutes after midnight.
func (c *City) dayStays(i int, act ActivityConfig, markets []int32, rng *rand.Rand, stays []stay) []stay {
	cz := &c.Citizens[i]
	const day = 24 * 60
	stays = append(stays, stay{place: cz.Home, from: 0, to: day, sensitive: -1})
	works := cz.Work >= 0 && (cz.Age < 18 || rng.Float64() < act.WorkShare)
	if works {
		var start, end float64
		if cz.Age < 18 {
			start, end = 450+rng.NormFloat64()*15, 930+rng.NormFloat64()*30
		} else {
			start, end = 420+rng.Float64()*120, 990+rng.Float64()*120
		}
		stays = insertStay(stays, stay{place: cz.Work, from: start, to: end, sensitive: -1})
	}
	// Errands: a Poisson number of market trips of about half an hour, in
	// the day's open hours.
	for n := poisson(act.ErrandRate, rng); n > 0; n-- {
		start := 540 + rng.Float64()*600
		if works && cz.Age >= 18 && rng.Float64() < 0.7 {
			start = 1080 + rng.Float64()*120 // after work
		}
		m := markets[rng.IntN(len(markets))]
		stays = insertStay(stays, stay{place: m, from: start, to: start + 20 + rng.Float64()*30, sensitive: -1})
	}
	for _, cr := range act.Crowds {
		places := c.PlacesOf(cr.Kind)
		if len(places) == 0 || rng.Float64() >= cr.DailyRate {
			continue
		}
		start := 60 * (cr.Hours[0] + rng.Float64()*(cr.Hours[1]-cr.Hours[0]))
		stays = insertStay(stays, stay{place: places[rng.IntN(len(places))], from: start, to: start + cr.DurationMin, sensitive: -1})
	}
	for k, s := range act.Sensitive {
		if rng.Float64() >= s.DailyRate {
			continue
		}
		places := c.PlacesOf(s.Kind)
		if len(places) == 0 {
			continue
		}
		p := c.nearbyPlace(cz.Home, places, rng)
		start := 60 * (s.Hours[0] + rng.Float64()*(s.Hours[1]-s.Hours[0]))
		stays = insertStay(stays, stay{place: p, from: start, to: start + s.DurationMin, sensitive: int8(k)})
	}
	return stays
}

// insertStay puts a visit into the day, splitting the stay it falls in; the
// citizen returns to that stay's place afterwards.
func insertStay(stays []stay, v stay) []stay {
	for k := range stays {
		s := stays[k]
		if v.from < s.from || v.from >= s.to {
			continue
		}
		v.to = math.Min(v.to, s.to)
		before := stay{place: s.place, from: s.from, to: v.from, sensitive: s.sensitive}
		after := stay{place: s.place, from: v.to, to: s.to, sensitive: -1}
		out := append(stays[:k:k], before, v)
		if after.to > after.from {
			out = append(out, after)
		}
		return append(out, stays[k+1:]...)
	}
	return stays
}

// nearbyPlace picks one of the three places of a kind nearest to home, as
// people tend to use their local place of worship or clinic.
func (c *City) nearbyPlace(home int32, places []int32, rng *rand.Rand) int32 {
	h := c.Places[home]
	best := [3]int32{-1, -1, -1}
	bestD := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
	for _, p := range places {
		d := math.Hypot(c.Places[p].X-h.X, c.Places[p].Y-h.Y)
		for j := 0; j < 3; j++ {
			if d < bestD[j] {
				copy(best[j+1:], best[j:2])
				copy(bestD[j+1:], bestD[j:2])
				best[j], bestD[j] = p, d
				break
			}
		}
	}
	n := 0
	for n < 3 && best[n] >= 0 {
		n++
	}
	return best[rng.IntN(n)]
}

func poisson(lambda float64, rng *rand.Rand) int {
	l, k, p := detmath.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
