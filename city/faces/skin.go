package faces

import "math"

// The skin model: light crosses the epidermis (absorbed by melanin), is
// diffusely reflected by the dermis (absorbed by haemoglobin, scattered by
// collagen), and crosses the epidermis again; a few percent is reflected at
// the surface. Absorption figures are the published fits collected by
// S. Jacques ("Optical properties of biological tissues: a review", Phys.
// Med. Biol. 58, 2013): melanosome absorption 6.6e11 * lambda^-3.33 /cm,
// baseline tissue absorption, dermal reduced scattering
// 46 * (lambda/500nm)^-1.421 /cm, and haemoglobin's molar extinction
// (S. Prahl's tables) for whole blood at 150 g/L. Spectra from 400 to 700 nm
// are turned into linear sRGB with the CIE 1931 observer (Wyman, Sloan and
// Shirley's 2013 analytic fit), white-balanced to a perfect white.

// haemoglobin molar extinction (cm^-1/M), 400..700 nm every 10 nm.
var (
	hbO2 = [31]float64{266232, 466840, 480360, 246072, 102580, 62816, 44480, 33209, 26629, 23684, 20932, 20035, 24202, 39956, 53236, 43016, 32613, 44496, 50104, 14400, 3200, 1506, 942, 610, 442, 368, 320, 294, 277, 276, 290}
	hb   = [31]float64{223296, 303956, 407560, 528600, 413280, 103292, 23388, 16156, 14550, 16684, 20862, 25773, 31589, 39036, 46592, 53412, 53788, 45072, 37020, 28324, 14677, 9443, 6509, 5148, 4345, 3750, 3227, 2795, 2407, 2119, 1794}
)

const (
	epidermisCm = 0.006 // 60 micrometres
	// whole blood: 2.303 * 150 g/L / 64500 g/mol
	bloodMolar   = 2.303 * 150 / 64500
	surfaceRefl  = 0.03 // light reflected at the skin's surface
	diffusionFit = 5.5  // Rd = exp(-A sqrt(mua / 3(mua+musp)))
)

// cmf is the CIE 1931 2-degree observer at wavelength l (nm).
func cmf(l float64) (x, y, z float64) {
	g := func(m, s1, s2 float64) float64 {
		s := s2
		if l < m {
			s = s1
		}
		return math.Exp(-0.5 * sq((l-m)/s))
	}
	x = 1.056*g(599.8, 37.9, 31.0) + 0.362*g(442.0, 16.0, 26.7) - 0.065*g(501.1, 20.4, 26.2)
	y = 0.821*g(568.8, 46.9, 40.5) + 0.286*g(530.9, 16.3, 31.1)
	z = 1.217*g(437.0, 11.8, 36.0) + 0.681*g(459.0, 26.0, 13.8)
	return
}

// spectrumRGB integrates a reflectance spectrum (400..700 nm by 10) to
// linear sRGB, so that a flat reflectance of 1 gives (1, 1, 1).
func spectrumRGB(r *[31]float64) [3]float64 {
	var c, w [3]float64
	for i := range r {
		x, y, z := cmf(400 + 10*float64(i))
		for k, v := range xyzToRGB(x, y, z) {
			c[k] += v * r[i]
			w[k] += v
		}
	}
	return [3]float64{c[0] / w[0], c[1] / w[1], c[2] / w[2]}
}

func xyzToRGB(x, y, z float64) [3]float64 {
	return [3]float64{3.2406*x - 1.5372*y - 0.4986*z, -0.9689*x + 1.8758*y + 0.0415*z, 0.0557*x - 0.2040*y + 1.0570*z}
}

// skinSpectral is skin's reflectance at wavelength lam (nm) for epidermal
// melanin fraction mel and dermal blood fraction blood, with haemoglobin
// absorption muHb (/cm, whole blood).
func skinSpectral(lam, mel, blood, muHb float64) float64 {
	muMel := 6.6e11 * math.Pow(lam, -3.33)
	muBase := 0.244 + 85.3*math.Exp(-(lam-154)/66.2)
	t := math.Exp(-(mel*muMel + (1-mel)*muBase) * epidermisCm)
	muDerm := blood*muHb + (1-blood)*muBase
	musp := 46 * math.Pow(lam/500, -1.421)
	rd := math.Exp(-diffusionFit * math.Sqrt(muDerm/(3*(muDerm+musp))))
	return surfaceRefl + (1-surfaceRefl)*t*t*rd
}

// skinReflectance returns the diffuse reflectance (linear sRGB) of skin with
// melanin volume fraction mel and blood volume fraction blood (oxygen
// saturation 75%).
func skinReflectance(mel, blood float64) [3]float64 {
	var r [31]float64
	for i := range r {
		muHb := (0.75*hbO2[i] + 0.25*hb[i]) * bloodMolar
		r[i] = skinSpectral(400+10*float64(i), mel, blood, muHb)
	}
	c := spectrumRGB(&r)
	for i := range c {
		c[i] = math.Max(0.002, c[i])
	}
	return c
}

// skinIR is skin's reflectance near 850 nm, where melanin absorbs weakly and
// blood hardly at all.
func skinIR(mel float64) float64 { return skinSpectral(850, mel, 0.012, 4) }

// monkMelanin maps a Monk skin tone (1..10) to an epidermal melanin volume
// fraction. Published ranges run from about 1.3% for very light skin to
// about 43% and beyond for very dark skin; the scale is spaced evenly in log
// melanin.
func monkMelanin(tone int) float64 {
	t := float64(clampInt(tone, 1, 10)-1) / 9
	return 0.013 * math.Pow(0.5/0.013, t)
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// ITA returns the individual typology angle (degrees) of a linear sRGB
// colour: atan((L*-50)/b*), the dermatologists' measure of skin lightness;
// it falls as skin darkens.
func ITA(r, g, b float64) float64 {
	L, _, bb := linearToLab(r, g, b)
	return math.Atan2(L-50, bb) * 180 / math.Pi
}

// linearToLab converts linear sRGB (D65) to CIE L*a*b*.
func linearToLab(r, g, b float64) (L, A, B float64) {
	x := 0.4124*r + 0.3576*g + 0.1805*b
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := 0.0193*r + 0.1192*g + 0.9505*b
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	fx, fy, fz := f(x/0.95047), f(y), f(z/1.08883)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}
