package city

import "fmt"

// Light is the kind of light a capture is made in: the city's cameras see
// by day, dusk and street light; the face generator (package faces) also
// renders under a camera's infrared illuminator.
type Light uint8

// Kinds of light, from daylight to an infrared illuminator at night.
const (
	Day Light = iota
	Dusk
	Night // street lighting
	Infrared
)

var lightNames = [...]string{"day", "dusk", "night", "infrared"}

func (l Light) String() string {
	if int(l) < len(lightNames) {
		return lightNames[l]
	}
	return fmt.Sprintf("light(%d)", l)
}

// Lights lists every kind of light, for messages that say what is allowed.
func Lights() []Light { return []Light{Day, Dusk, Night, Infrared} }

// Typical illuminance of each light, in lux: overcast daylight, civil
// twilight, and a lit street (EN 13201 classes give 10-50 lux).
var lightLux = [...]float64{Day: 10000, Dusk: 200, Night: 20}

// LightAt returns the light at a minute of the day and its illuminance.
func (s Sun) LightAt(minute float64) (Light, float64) {
	h := minute / 60
	for h >= 24 {
		h -= 24
	}
	switch {
	case h >= s.Sunrise+s.DuskHours && h < s.Sunset-s.DuskHours:
		return Day, lightLux[Day]
	case h >= s.Sunrise-s.DuskHours && h < s.Sunset+s.DuskHours:
		return Dusk, lightLux[Dusk]
	}
	return Night, lightLux[Night]
}

// Conditions are how a face was captured.
type Conditions struct {
	FacePx       float64
	YawDeg       float64
	PitchDeg     float64
	Light        Light
	Lux          float64
	MotionBlurPx float64
	// Covered says the citizen covered their face (mask, scarf, hood).
	Covered bool
}

// Capture returns the conditions of a pass at a minute of the day, given the
// cameras' day and night exposure times.
func (c *City) Capture(p Pass, minute float64, o Optics) Conditions {
	light, lux := c.Sun.LightAt(minute)
	exp := o.ExposureMS
	if light != Day {
		exp = o.NightExposureMS
	}
	return Conditions{FacePx: float64(p.FacePx), YawDeg: float64(p.YawDeg), PitchDeg: float64(p.PitchDeg),
		Light: light, Lux: lux, MotionBlurPx: float64(p.BlurPxPerMS) * exp}
}
