// Package livetest provides a small, fully known city for testing the live
// view: a 1 km square of streets, citizens walking east, and two alerts at
// known places and steps.
package livetest

import (
	"vigie/metrics"
	"vigie/sim"
	"vigie/viz/live"
)

// City is a Source with a known day: a 1 km square, citizens walking
// along the streets, and two alerts at known places and steps.
type City struct {
	step, steps int
	alerts      [][]metrics.AlertPoint // per regime, as raised so far
	plan        []planned
}

type planned struct {
	regime, step int
	alert        metrics.AlertPoint
}

// Known alerts: a false one at (300, 700) on step 3 and a true one at
// (700, 300) on step 6, both under regime 1.
var (
	FalseAlert = metrics.AlertPoint{X: 300, Y: 700, True: false, Group: "a"}
	TrueAlert  = metrics.AlertPoint{X: 700, Y: 300, True: true, Group: "b"}
)

func NewCity(steps int) *City {
	return &City{steps: steps, alerts: make([][]metrics.AlertPoint, 2),
		plan: []planned{{1, 3, FalseAlert}, {1, 6, TrueAlert}}}
}

func (f *City) Step() bool {
	if f.step >= f.steps {
		return false
	}
	f.step++
	for _, p := range f.plan {
		if p.step == f.step {
			a := p.alert
			a.Minute = f.Minute()
			f.alerts[p.regime] = append(f.alerts[p.regime], a)
		}
	}
	return true
}

func (f *City) Minute() float64 { return 420 + float64(f.step) }

// Positions puts 300 citizens on the horizontal streets, walking east.
func (f *City) Positions(r int, dst []sim.Position) []sim.Position {
	for i := 0; i < 300; i++ {
		x := float64((i*37+f.step*5)%1000) + 0.5
		y := float64(100 * (1 + i%9))
		dst = append(dst, sim.Position{X: x, Y: y, Group: i % 3, Moving: i%4 != 0})
	}
	return dst
}

func (f *City) AlertsSince(r int, minute float64) []metrics.AlertPoint {
	var out []metrics.AlertPoint
	for _, a := range f.alerts[r] {
		if a.Minute >= minute {
			out = append(out, a)
		}
	}
	return out
}

func (f *City) Counters(r int) sim.Counters {
	c := sim.Counters{FacesScanned: 100 * f.step}
	for _, a := range f.alerts[r] {
		c.Alerts++
		if a.True {
			c.TrueAlerts++
		} else {
			c.FalseAlerts++
		}
	}
	return c
}

func NewMap() live.Map {
	m := live.Map{Width: 1000, Height: 1000}
	for i := 0; i <= 10; i++ {
		v := float64(100 * i)
		m.Streets = append(m.Streets, metrics.Segment{X1: 0, Y1: v, X2: 1000, Y2: v, Arterial: i == 5},
			metrics.Segment{X1: v, Y1: 0, X2: v, Y2: 1000, Arterial: i == 5})
	}
	for i, p := range [][2]float64{{200, 200}, {500, 500}, {800, 800}, {200, 800}} {
		m.Cameras = append(m.Cameras, live.Camera{X: p[0], Y: p[1], HeadingDeg: float64(90 * i), HalfFOVDeg: 30, RangeM: 25})
	}
	return m
}

// Steps returns how many steps the city has run.
func (f *City) Steps() int { return f.step }
