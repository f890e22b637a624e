package live

import (
	"image/color"
	"math"
)

// Window layout, in pixels. The map fills a square on the left; the panel
// of counters sits on the right.
const (
	WinW, WinH = 1280, 800
	MapX, MapY = 16, 16
	MapSize    = 768
	PanelX     = 800
	PanelW     = WinW - PanelX
)

// Alert colours, shared with the report: true alerts green, false red.
var (
	ColTrue  = color.RGBA{0x1a, 0x98, 0x50, 0xff}
	ColFalse = color.RGBA{0xd7, 0x30, 0x1f, 0xff}
)

// Config says what to show and how to run.
type Config struct {
	Source  Source
	Map     Map
	Regimes []string
	Groups  []string
	Title   string
	// StepSeconds is the length of a time step, for the speed read-out.
	StepSeconds float64
	// Speed is the number of time steps per frame at the start (default 1).
	Speed int
	// Regime is the regime shown at the start (0 = the first).
	Regime int
	// Frames, when positive, runs that many frames with no person and saves
	// the last one to Screenshot.
	Frames     int
	Screenshot string
}

// Projection turns metres (y north) into window pixels.
type Projection struct {
	Scale, ox, oy, height float64
}

// NewProjection fits the map into the window's map square, north up.
func NewProjection(m Map) Projection {
	w, h := math.Max(m.Width, 1), math.Max(m.Height, 1)
	s := MapSize / math.Max(w, h)
	return Projection{Scale: s, ox: MapX + (MapSize-w*s)/2, oy: MapY + (MapSize-h*s)/2, height: h}
}

// At returns the window pixel of a point in metres.
func (p Projection) At(x, y float64) (float32, float32) {
	return float32(p.ox + x*p.Scale), float32(p.oy + (p.height-y)*p.Scale)
}
