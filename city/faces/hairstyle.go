package faces

import "math"

// drawHairStyle draws how a person wears their hair, from its own stream
// so that the parameters drawn before keep their values. Styles come in
// families, as people's do: worn down or cut short, parted to one side and
// combed across, cropped close (men), or curly with volume (more often in
// darker skin tones, as tightly curled hair is in the populations they
// come from). Women's hair pulled back, or curly hair cut short, made the
// age/gender network read a woman as a man far more often (sex 93.8% ->
// 82.5% on 40 identities): it leans on long hair, so those styles wait for
// faces whose other cues carry sex.
func (p *params) drawHairStyle(seed uint64, a Attributes) {
	r := stream(seed, "hairstyle")
	curlyP := 0.12 + 0.4*smoothstep(5, 9, float64(a.MonkTone))
	p.widowsPeak = math.Max(0, gauss(r, 0, 0.03))
	f := r.Float64()
	side := 1.0
	if r.Float64() < 0.5 {
		side = -1
	}
	switch {
	case f < curlyP:
		p.hairCurl = uni(r, 0.5, 1)
		p.hairVol = uni(r, 0.08, 0.2)
	case f < curlyP+0.25: // parted to one side, combed across
		p.hairPart = side * uni(r, 0.25, 0.6)
		p.hairSweep = uni(r, 0.2, 0.8)
	case f < curlyP+0.4 && a.Sex == Male: // cropped close
		p.hairVol = uni(r, 0.006, 0.02)
		p.bangs = 0
	}
}
