package city

// Light is the kind of light a capture is made in.
type Light uint8

// Kinds of light through the day.
const (
	Day Light = iota
	Dusk
	Night // street lighting
)

func (l Light) String() string {
	return [...]string{"day", "dusk", "night"}[l]
}

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
