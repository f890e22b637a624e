package live

import (
	"math"

	"vigie/city"
	"vigie/metrics"
	"vigie/sim"
)

// Source is the running simulation the view observes. *sim.Engine
// satisfies it.
type Source interface {
	// Step advances the day by one time step; false when the day is over.
	Step() bool
	// Minute is the simulated time, in minutes after midnight.
	Minute() float64
	Positions(r int, dst []sim.Position) []sim.Position
	AlertsSince(r int, minute float64) []metrics.AlertPoint
	Counters(r int) sim.Counters
}

// Camera is a camera on the map: where it stands, where it looks and how
// far and wide it sees.
type Camera struct {
	X, Y       float64
	HeadingDeg float64
	HalfFOVDeg float64
	RangeM     float64
}

// Map is the static city the view draws under the citizens, in metres
// with y pointing north.
type Map struct {
	Width, Height float64
	Streets       []metrics.Segment
	Cameras       []Camera
}

// MapOf reads the map from a built city.
func MapOf(c *city.City) Map {
	m := Map{Width: c.Width, Height: c.Height}
	for _, e := range c.Streets.Edges {
		a, b := c.Streets.Nodes[e.A], c.Streets.Nodes[e.B]
		m.Streets = append(m.Streets, metrics.Segment{X1: a.X, Y1: a.Y, X2: b.X, Y2: b.Y, Arterial: e.Arterial})
	}
	half := c.Geometry.HalfFOV * 180 / math.Pi
	for _, cam := range c.Cameras {
		m.Cameras = append(m.Cameras, Camera{X: cam.X, Y: cam.Y, HeadingDeg: cam.HeadingDeg, HalfFOVDeg: half, RangeM: c.Geometry.RangeM})
	}
	return m
}

// Key is an action a person asks for.
type Key int

// The keys the view understands.
const (
	KeyRegime1 Key = iota // 1..5 choose the regime shown
	KeyRegime2
	KeyRegime3
	KeyRegime4
	KeyRegime5
	KeyPause  // space
	KeyFaster // +
	KeySlower // -
	KeyHelp   // H
	KeyGroups // G: colour citizens by group
)

// MaxSpeed is the most time steps run per frame.
const MaxSpeed = 64

// FlashFrames is how long an alert flashes, in frames (1.5 s at 60 fps),
// whatever the speed, so a viewer can see it.
const FlashFrames = 90

// flash is an alert that is flashing.
type flash struct {
	alert metrics.AlertPoint
	born  int // frame it appeared
}

// View is what the window shows: which regime, how fast, and what
// happened. Tick advances it; the ebiten game only draws it.
type View struct {
	src     Source
	Regimes []string
	Groups  []string

	Regime  int
	Paused  bool
	Speed   int // time steps per frame
	Help    bool
	ByGroup bool
	Over    bool // the day has ended
	Frame   int

	seen    []int // alerts taken from each regime so far
	flashes [][]flash
	marks   [][]metrics.AlertPoint // every alert of the day, per regime
	pos     []sim.Position
}

// NewView starts a view on src.
func NewView(src Source, regimes, groups []string) *View {
	n := len(regimes)
	v := &View{src: src, Regimes: regimes, Groups: groups, Speed: 1, ByGroup: true,
		seen: make([]int, n), flashes: make([][]flash, n), marks: make([][]metrics.AlertPoint, n)}
	v.collect()
	return v
}

// Press applies one key.
func (v *View) Press(k Key) {
	switch {
	case k >= KeyRegime1 && k <= KeyRegime5:
		if r := int(k - KeyRegime1); r < len(v.Regimes) {
			v.Regime = r
		}
	case k == KeyPause:
		v.Paused = !v.Paused
	case k == KeyFaster:
		v.Speed = min(MaxSpeed, v.Speed*2)
	case k == KeySlower:
		v.Speed = max(1, v.Speed/2)
	case k == KeyHelp:
		v.Help = !v.Help
	case k == KeyGroups:
		v.ByGroup = !v.ByGroup
	}
}

// Tick runs one frame: Speed steps unless paused or over, then picks up
// new alerts and the shown regime's positions.
func (v *View) Tick() {
	v.Frame++
	if !v.Paused && !v.Over {
		for i := 0; i < v.Speed; i++ {
			if !v.src.Step() {
				v.Over = true
				break
			}
		}
	}
	v.collect()
}

// collect takes the alerts raised since the last frame (the collector only
// appends, so the ones past those seen are new) and drops old flashes.
func (v *View) collect() {
	for r := range v.Regimes {
		all := v.src.AlertsSince(r, math.Inf(-1))
		for _, a := range all[min(v.seen[r], len(all)):] {
			v.flashes[r] = append(v.flashes[r], flash{alert: a, born: v.Frame})
			v.marks[r] = append(v.marks[r], a)
		}
		v.seen[r] = len(all)
		keep := v.flashes[r][:0]
		for _, f := range v.flashes[r] {
			if v.Frame-f.born < FlashFrames {
				keep = append(keep, f)
			}
		}
		v.flashes[r] = keep
	}
	if len(v.Regimes) > 0 {
		v.pos = v.src.Positions(v.Regime, v.pos[:0])
	}
}

// Flashing returns the shown regime's flashing alerts and how far through
// its flash each is (0 new, 1 gone).
func (v *View) Flashing() ([]metrics.AlertPoint, []float64) {
	if len(v.Regimes) == 0 {
		return nil, nil
	}
	fs := v.flashes[v.Regime]
	alerts, ages := make([]metrics.AlertPoint, len(fs)), make([]float64, len(fs))
	for i, f := range fs {
		alerts[i], ages[i] = f.alert, float64(v.Frame-f.born)/FlashFrames
	}
	return alerts, ages
}

// Marks returns every alert of the day so far under the shown regime.
func (v *View) Marks() []metrics.AlertPoint {
	if len(v.Regimes) == 0 {
		return nil
	}
	return v.marks[v.Regime]
}

// Positions returns the shown regime's citizens.
func (v *View) Positions() []sim.Position { return v.pos }

// Counters returns regime r's running totals.
func (v *View) Counters(r int) sim.Counters { return v.src.Counters(r) }

// Minute returns the simulated time.
func (v *View) Minute() float64 { return v.src.Minute() }
