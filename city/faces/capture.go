package faces

import (
	"fmt"
	"sort"
	"strings"

	"vigie/city"
)

// Light is the city's kind of light (one type for sightings and the faces
// rendered for them), named here for the generator's code.
type Light = city.Light

// Light kinds, from daylight to an infrared illuminator at night.
const (
	Day      = city.Day
	Dusk     = city.Dusk
	Night    = city.Night // street lighting
	Infrared = city.Infrared
)

// Occluder is something worn that hides part of the face.
type Occluder uint8

// Occluders a capture may add.
const (
	NoOccluder Occluder = iota
	Glasses
	Sunglasses
	Cap
	Hood
	Mask
	Scarf
)

var occluderNames = [...]string{"none", "glasses", "sunglasses", "cap", "hood", "mask", "scarf"}

func (o Occluder) String() string {
	if int(o) < len(occluderNames) {
		return occluderNames[o]
	}
	return fmt.Sprintf("occluder(%d)", o)
}

// Capture says how a camera sees a face. Zero values take the defaults noted.
type Capture struct {
	// FacePx is the face's height in output pixels, chin to mid-forehead, as
	// it would be seen frontally (12..400).
	FacePx         float64
	FrameW, FrameH int // output size; 0 = 320x320
	// Pose of the head relative to the camera, degrees: yaw turns the face
	// toward image right, pitch tilts the chin down, roll tilts clockwise.
	YawDeg, PitchDeg, RollDeg float64
	Light                     Light
	// LightLevel scales the light kind's typical level (0 = 1).
	LightLevel float64
	// SkyLevel and FillLevel scale the light kind's sky light and its
	// frontal fill against its key light (0 = 1): a room, a street, a
	// cloudy or a sunny day light a face in other proportions.
	SkyLevel, FillLevel float64
	// LightAzDeg and LightElDeg give the key light's direction: azimuth from
	// the camera axis (positive = from image right) and elevation.
	LightAzDeg, LightElDeg float64
	ColourTempK            float64 // 0 = the light kind's usual temperature
	MotionBlurPx           float64 // length of a horizontal motion smear
	DefocusPx              float64 // radius of the defocus blur
	JPEGQuality            int     // 1..100; 0 = no JPEG compression
	Occluder               Occluder
	NoiseSeed              uint64
	OffsetX, OffsetY       float64 // face centre offset from the frame centre, px
	// Camera, when not 0, names the camera and processing that make the
	// picture (see cameraLook): photographs of one person on two days, or
	// of two people, come from cameras that render tone, colour and
	// sharpness each their own way. 0 is the plain pipeline (the sRGB
	// curve, no processing), which the presets use.
	Camera uint64
	// FixedGain replaces auto-exposure with a fixed gain when above zero
	// (for measurements that must not adapt to the scene, like skin colour).
	FixedGain float64
}

// Validate says what is wrong with c, naming what is allowed.
func (c Capture) Validate() error {
	switch {
	case c.FacePx < 12 || c.FacePx > 400:
		return fmt.Errorf("face height %g px out of range: allowed 12..400", c.FacePx)
	case c.FrameW < 0 || c.FrameH < 0 || c.FrameW > 4096 || c.FrameH > 4096:
		return fmt.Errorf("frame %dx%d out of range: allowed 1..4096 each (0 = 320)", c.FrameW, c.FrameH)
	case c.Light > Infrared:
		return fmt.Errorf("light %d unknown: allowed %v", c.Light, city.Lights())
	case c.Occluder > Scarf:
		return fmt.Errorf("occluder %d unknown: allowed %s", c.Occluder, strings.Join(occluderNames[:], ", "))
	case c.JPEGQuality < 0 || c.JPEGQuality > 100:
		return fmt.Errorf("JPEG quality %d out of range: allowed 0 (none) or 1..100", c.JPEGQuality)
	case c.LightLevel < 0 || c.SkyLevel < 0 || c.FillLevel < 0 || c.MotionBlurPx < 0 || c.DefocusPx < 0 || c.ColourTempK < 0:
		return fmt.Errorf("light levels, blur and colour temperature must not be negative")
	case abs(c.YawDeg) > 90 || abs(c.PitchDeg) > 60 || abs(c.RollDeg) > 90:
		return fmt.Errorf("pose yaw %g, pitch %g, roll %g out of range: allowed |yaw|<=90, |pitch|<=60, |roll|<=90", c.YawDeg, c.PitchDeg, c.RollDeg)
	}
	return nil
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// presets are named capture conditions. Each is a starting point: callers
// vary pose, light and noise seed per capture.
var presets = map[string]Capture{
	// frontal: a good, well-lit frontal photograph.
	"frontal": {FacePx: 160, LightLevel: 1, LightAzDeg: 20, LightElDeg: 30},
	// custody: an enrolment photograph: frontal, even light, large face.
	"custody": {FacePx: 200, LightLevel: 1, LightAzDeg: 0, LightElDeg: 15, FrameW: 360, FrameH: 400},
	// cctv-day: a street camera by day: small, seen from above, compressed.
	"cctv-day": {FacePx: 48, PitchDeg: 15, LightLevel: 1, LightAzDeg: -40, LightElDeg: 50, MotionBlurPx: 1, JPEGQuality: 70},
	// cctv-dusk: the same at dusk.
	"cctv-dusk": {FacePx: 40, PitchDeg: 15, Light: Dusk, LightLevel: 1, LightAzDeg: -60, LightElDeg: 10, MotionBlurPx: 1.5, JPEGQuality: 70},
	// cctv-night: the same at night under a street light.
	"cctv-night": {FacePx: 40, PitchDeg: 15, Light: Night, LightLevel: 1, LightAzDeg: 10, LightElDeg: 60, MotionBlurPx: 2, JPEGQuality: 60},
	// cctv-ir: at night under the camera's infrared illuminator.
	"cctv-ir": {FacePx: 40, PitchDeg: 15, Light: Infrared, LightLevel: 1, MotionBlurPx: 1, JPEGQuality: 70},
}

// Conditions returns the named capture preset.
func Conditions(name string) (Capture, error) {
	c, ok := presets[name]
	if !ok {
		return Capture{}, fmt.Errorf("unknown condition %q: allowed %s", name, strings.Join(ConditionNames(), ", "))
	}
	if c.FrameW == 0 {
		c.FrameW, c.FrameH = 320, 320
	}
	return c, nil
}

// ConditionNames lists the presets Conditions knows, sorted.
func ConditionNames() []string {
	n := make([]string, 0, len(presets))
	for k := range presets {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
