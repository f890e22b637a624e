package facerec

import (
	"fmt"
	"math"

	"vigie/city"
	"vigie/sim/recognizer"
)

// lights are the city's light kinds, a bin dimension of their own.
var lights = []city.Light{city.Day, city.Dusk, city.Night}

var lightNames = map[city.Light]string{city.Day: "day", city.Dusk: "dusk", city.Night: "night"}

// luxOf is a typical level of each light kind, for a bin's conditions.
var luxOf = map[city.Light]float64{city.Day: 10000, city.Dusk: 200, city.Night: 20}

// Bins sort sightings by capture conditions: face height, absolute yaw and
// light, plus one bin for covered faces whatever their other conditions.
type Bins struct {
	px, yaw []float64
}

// NewBins reads the scenario's bin edges (validated by the scenarios
// loader: ascending, face heights from 12 px).
func NewBins(c recognizer.BinsConfig) Bins {
	return Bins{px: c.FacePx, yaw: c.YawDeg}
}

// Count is the number of bins, the covered bin last.
func (b Bins) Count() int { return b.open() + 1 }

func (b Bins) open() int { return len(b.px) * (len(b.yaw) + 1) * len(lights) }

// Covered is the covered faces' bin.
func (b Bins) Covered() int { return b.open() }

// Of returns the bin of a sighting's conditions, or -1 for a face smaller
// than the first edge: too small to render, so never detected.
func (b Bins) Of(c city.Conditions) int {
	if c.FacePx < b.px[0] {
		return -1
	}
	if c.Covered {
		return b.Covered()
	}
	return b.index(edgeIndex(b.px, c.FacePx), edgeIndex(b.yaw, math.Abs(c.YawDeg))+1, lightIndex(c.Light))
}

func (b Bins) index(px, yaw, light int) int {
	return (px*(len(b.yaw)+1)+yaw)*len(lights) + light
}

func (b Bins) split(i int) (px, yaw, light int) {
	light = i % len(lights)
	i /= len(lights)
	return i / (len(b.yaw) + 1), i % (len(b.yaw) + 1), light
}

// edgeIndex is the number of edges at or below v, less one: the bin of v
// among bins that start at each edge.
func edgeIndex(edges []float64, v float64) int {
	k := 0
	for k < len(edges) && v >= edges[k] {
		k++
	}
	return k - 1
}

func lightIndex(l city.Light) int {
	for i, x := range lights {
		if x == l {
			return i
		}
	}
	return len(lights) - 1
}

// Good is the bin of the best captures: the largest faces, frontal, by day.
func (b Bins) Good() int { return b.index(len(b.px)-1, 0, 0) }

// Name names a bin, as in "px24-40/yaw0-25/day".
func (b Bins) Name(i int) string {
	if i == b.Covered() {
		return "covered"
	}
	px, yaw, light := b.split(i)
	return fmt.Sprintf("px%s/yaw%s/%s", span(b.px, px, 0), span(b.yaw, yaw-1, 0), lightNames[lights[light]])
}

// span writes the range of bin k among bins starting at the edges ("24-40",
// "80+"); k = -1 is the range below the first edge, from lo.
func span(edges []float64, k int, lo float64) string {
	from := lo
	if k >= 0 {
		from = edges[k]
	}
	if k+1 >= len(edges) {
		return fmt.Sprintf("%g+", from)
	}
	return fmt.Sprintf("%g-%g", from, edges[k+1])
}

// Centre returns a bin's representative conditions: the middle of its
// face heights (geometric) and yaws, its light; covered faces are seen at
// the best bin's conditions, covered.
func (b Bins) Centre(i int) city.Conditions {
	if i == b.Covered() {
		c := b.Centre(b.Good())
		c.Covered = true
		return c
	}
	px, yaw, light := b.split(i)
	l := lights[light]
	c := city.Conditions{Light: l, Lux: luxOf[l]}
	if px+1 < len(b.px) {
		c.FacePx = math.Sqrt(b.px[px] * b.px[px+1])
	} else {
		c.FacePx = math.Min(200, 1.5*b.px[px])
	}
	lo, hi := 0.0, 30.0
	if yaw > 0 {
		lo = b.yaw[yaw-1]
		hi = math.Min(90, lo+20)
	}
	if yaw < len(b.yaw) {
		hi = b.yaw[yaw]
	}
	c.YawDeg = (lo + hi) / 2
	return c
}

// larger is the bin of the next larger face height with the same yaw and
// light, or -1: where a bin with too few faces borrows its fits from.
func (b Bins) larger(i int) int {
	if i == b.Covered() {
		return -1
	}
	px, yaw, light := b.split(i)
	if px+1 >= len(b.px) {
		return -1
	}
	return b.index(px+1, yaw, light)
}
