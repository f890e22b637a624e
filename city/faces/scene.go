package faces

import "math"

// scene holds a capture's lights and the identity's colours under them.
type scene struct {
	p       *params
	ir      bool
	keyDir  [3]float64 // toward the key light, camera space
	half    [3]float64 // Blinn-Phong half vector of keyDir and the view
	keyE    float64    // key irradiance
	ambE    float64    // sky irradiance
	fillE   float64    // light bounced from in front of the face (no shadows)
	light   [3]float64 // light colour after white balance, unit luminance
	skin    [3][3][3]float64
	pal     palette
	occ     Occluder
	bgSeed  uint64
	bgColor [3]float64
	// the heights outside which the eyes and mouth paint nothing
	eyes, lips reach
	// Noise cells last read, per use and octave: the scene belongs to one
	// render, and low-frequency noise is read many times per cell.
	wallCells [3]lattice
	// the wall's pattern on a grid of wallCols columns (see wallGrid)
	wall     []float64
	wallCols int
	wallW    int // the frame's width in samples
	// the wall's pattern along the edges of grid cell row wallJ-1 at every
	// sample column (see wallRow); wallJ is 0 until one is computed
	wallTop, wallBot []float64
	wallJ            int
	hairCells        lattice
}

// palette is the reflectance of each material under the capture's light
// (visible colour, or the same value in all channels under infrared).
type palette struct {
	hair, iris, sclera, cloth, clothes, lens [3]float64
}

// lightKinds are each light's typical key, sky and frontal fill irradiance
// (arbitrary units: daylight key = 2.2) and colour temperature.
var lightKinds = [...]struct{ key, amb, fill, kelvin float64 }{
	Day:      {2.2, 0.5, 0.7, 5600},
	Dusk:     {0.07, 0.09, 0.02, 4000},
	Night:    {0.028, 0.003, 0.002, 3000},
	Infrared: {0.06, 0.002, 0, 0},
}

// skin LUT axes: multipliers of the identity's melanin and blood.
var (
	melAxis   = [3]float64{0.7, 1, 1.4}
	bloodAxis = [3]float64{0.5, 1, 5}
)

func newScene(p *params, c Capture) *scene {
	k := lightKinds[c.Light]
	s := &scene{p: p, ir: c.Light == Infrared, occ: c.Occluder, eyes: eyeReach(p), lips: mouthReach(p)}
	s.keyE = k.key * c.LightLevel
	s.ambE = k.amb * c.LightLevel * c.SkyLevel
	s.fillE = k.fill * c.LightLevel * c.FillLevel
	az, el := c.LightAzDeg*math.Pi/180, c.LightElDeg*math.Pi/180
	if c.Light == Infrared {
		az, el = 0, 0.05 // the illuminator rings the lens
	}
	s.keyDir = norm([3]float64{math.Sin(az) * math.Cos(el), math.Sin(el), math.Cos(az) * math.Cos(el)})
	s.half = norm([3]float64{s.keyDir[0], s.keyDir[1], s.keyDir[2] + 1})
	kelvin := c.ColourTempK
	if kelvin == 0 {
		kelvin = k.kelvin
	}
	s.light = [3]float64{1, 1, 1}
	if !s.ir {
		s.light = whiteBalanced(kelvin)
	}
	for i, mf := range melAxis {
		for j, bf := range bloodAxis {
			if s.ir {
				v := skinIR(p.mel * mf)
				s.skin[i][j] = [3]float64{v, v, v}
			} else {
				s.skin[i][j] = skinReflectance(p.mel*mf, p.blood*bf)
			}
		}
	}
	s.pal = palette{hair: p.hair, iris: p.iris, sclera: [3]float64{0.62, 0.58, 0.55}, cloth: scale3(p.clothes, 0.6), clothes: p.clothes, lens: [3]float64{0.02, 0.02, 0.025}}
	s.bgSeed = p.backgroundSeed
	h := float64(p.bgHue%1000) / 1000
	s.bgColor = [3]float64{0.18 + 0.2*h, 0.2 + 0.1*math.Sin(6*h), 0.22 + 0.15*(1-h)}
	if s.ir {
		g := func(v [3]float64, lift float64) [3]float64 {
			m := lift + 0.6*(v[0]+v[1]+v[2])/3
			return [3]float64{m, m, m}
		}
		// Melanin absorbs little in the near infrared: irises and hair read
		// lighter than in colour.
		s.pal = palette{hair: g(p.hair, 0.15), iris: [3]float64{0.3, 0.3, 0.3}, sclera: [3]float64{0.55, 0.55, 0.55}, cloth: g(p.clothes, 0.3), clothes: g(p.clothes, 0.3), lens: [3]float64{0.2, 0.2, 0.2}}
		s.bgColor = g(s.bgColor, 0.2)
	}
	return s
}

func scale3(v [3]float64, k float64) [3]float64 { return [3]float64{v[0] * k, v[1] * k, v[2] * k} }

// whiteBalanced is the light's colour after the camera's automatic white
// balance, which removes about 80% of a colour cast (in log terms), scaled
// to unit luminance.
func whiteBalanced(kelvin float64) [3]float64 {
	c := blackbodyRGB(kelvin)
	for i := range c {
		c[i] = math.Pow(c[i], 0.2)
	}
	l := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	return scale3(c, 1/l)
}

// blackbodyRGB approximates a Planckian light's linear sRGB colour
// (Tanner Helland's fit to the CIE 1964 colour matching of blackbodies).
func blackbodyRGB(kelvin float64) [3]float64 {
	t := clamp(kelvin, 1000, 40000) / 100
	var r, g, b float64
	if t <= 66 {
		r = 255
		g = 99.4708025861*math.Log(t) - 161.1195681661
	} else {
		r = 329.698727446 * math.Pow(t-60, -0.1332047592)
		g = 288.1221695283 * math.Pow(t-60, -0.0755148492)
	}
	switch {
	case t >= 66:
		b = 255
	case t <= 19:
		b = 0
	default:
		b = 138.5177312231*math.Log(t-10) - 305.0447927307
	}
	f := func(v float64) float64 { return srgbToLinear(clamp(v, 1, 255) / 255) }
	return [3]float64{f(r), f(g), f(b)}
}

func srgbToLinear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func linearToSRGB(v float64) float64 {
	if v <= 0.0031308 {
		return 12.92 * v
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

// skinAt interpolates the skin LUT at melanin factor mf and blood factor bf.
func (s *scene) skinAt(mf, bf float64) [3]float64 {
	i, ti := axisPos(melAxis, mf)
	j, tj := axisPos(bloodAxis, bf)
	var c [3]float64
	for k := 0; k < 3; k++ {
		a := lerp(s.skin[i][j][k], s.skin[i+1][j][k], ti)
		b := lerp(s.skin[i][j+1][k], s.skin[i+1][j+1][k], ti)
		c[k] = lerp(a, b, tj)
	}
	return c
}

func axisPos(ax [3]float64, v float64) (int, float64) {
	if v <= ax[1] {
		return 0, clamp((v-ax[0])/(ax[1]-ax[0]), -0.3, 1)
	}
	return 1, clamp((v-ax[1])/(ax[2]-ax[1]), 0, 1.3)
}
