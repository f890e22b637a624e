package faces

import "math"

// vary changes the usual look drawn by drawParams into the look on occ.
// Each change is drawn from the person's own seed and the day, so one
// person's days differ from each other, and two people's days differ in
// different ways. What each day may change, and how often, follows what
// people do: a smile in about a third of photographs, make-up and glasses
// worn some days and not others, hair worn another way or cut, a man's
// stubble or beard grown or shaved; over years, weight drifts.
func (p *params) vary(seed uint64, occ Occasion, a Attributes) {
	r := stream(seed, "occasion", occ.Day)
	m := a.Sex == Male
	age := float64(a.Age)

	// expression: mostly neutral, a smile (wider mouth, raised corners,
	// narrowed eyes, raised cheeks) in some; brows a little up or down
	if r.Float64() < 0.45 && !occ.Custody {
		p.smile = uni(r, 0.3, 1)
	}
	p.mouthW *= 1 + 0.12*p.smile
	p.lipUp *= 1 - 0.2*p.smile
	p.eyeH *= 1 - 0.18*p.smile
	p.cheekFull += 0.012 * p.smile
	p.cheekbone += 0.008 * p.smile
	p.browY += gauss(r, 0, 0.008)

	// hair: worn another way (parting, brushing), sometimes cut or grown,
	// a fringe cut or grown out
	p.hairSeed ^= r.Uint64()
	p.hairVol = clamp(p.hairVol*math.Exp(gauss(r, 0, 0.25)), 0.02, 0.14)
	if m {
		p.hairLen = math.Max(0, p.hairLen+gauss(r, 0, 0.05))
	} else {
		p.hairLen = clamp(p.hairLen+gauss(r, 0, 0.2), 0.3, 1.8)
	}
	if p.hairPart != 0 && r.Float64() < 0.3 {
		p.hairPart = -p.hairPart // parted on the other side
	}
	p.hairSweep = clamp(p.hairSweep+gauss(r, 0, 0.2), 0, 0.9)
	if r.Float64() < 0.2 {
		if p.bangs > 0 {
			p.bangs = 0
		} else {
			p.bangs = uni(r, 0.5, 1)
		}
	}

	// another day, another place and other clothes; a little more or less
	// sun on the skin, more or less flushed
	if !occ.Custody {
		p.backgroundSeed, p.bgHue = r.Uint64(), r.Uint64()
		p.clothes = [3]float64{uni(r, 0.03, 0.5), uni(r, 0.03, 0.5), uni(r, 0.03, 0.5)}
	}
	p.mel *= math.Exp(gauss(r, 0, 0.05))
	p.blood *= math.Exp(gauss(r, 0, 0.1))
	p.flush = clamp(p.flush+gauss(r, 0, 0.3), 0, 1)

	// make-up some days, not others
	if !m && age >= 16 {
		if r.Float64() < 0.5 {
			p.lipstick = 0
			if r.Float64() < 0.6 {
				p.lipstick = uni(r, 0.3, 1)
			}
		}
		if r.Float64() < 0.5 {
			p.eyeliner = 0
			if r.Float64() < 0.65 {
				p.eyeliner = uni(r, 0.3, 1)
			}
		}
	}

	// facial hair: shaved, a few days' growth, or a beard grown or
	// trimmed; the longer the time apart, the likelier a change of style
	if m && age >= 18 {
		switch f := r.Float64(); {
		case f < 0.5: // as usual, a day's difference in growth
			p.stubble = clamp(p.stubble+gauss(r, 0, 0.15), 0, 1)
		case f < 0.75: // clean-shaven that day
			p.stubble = 0
			if p.beard > 0 && r.Float64() < 0.3+0.1*math.Abs(occ.Years) {
				p.beard, p.moustache = 0, 0
			}
		default: // a few days' growth, or a beard grown
			p.stubble = uni(r, 0.5, 1)
			if p.beard == 0 && r.Float64() < 0.1+0.05*math.Abs(occ.Years) {
				p.beard = uni(r, 0.4, 1)
				p.moustache = uni(r, 0.5, 1)
			}
		}
	}

	// glasses: a fifth of people wear them some days; a cap now and then
	if ur := stream(seed, "glasses").Float64(); ur < 0.2 {
		p.glasses = r.Float64() < 0.6
	}
	p.cap = r.Float64() < 0.05
	if occ.Custody {
		p.glasses, p.cap = false, false
	}

	// weight drifts with the years
	w := gauss(r, 0, 0.3+0.15*math.Sqrt(math.Abs(occ.Years)))
	p.cheekFull = math.Max(-0.02, p.cheekFull+0.012*w)
	p.jawW = clamp(p.jawW*(1+0.025*w), 0.3, p.cheekW)
	p.jowl += 0.01 * math.Max(0, w)
}

// worn is what covers the face in a capture whose own occluder is o: o
// where the capture has one, else the glasses or cap worn that day.
func (p *params) worn(o Occluder) Occluder {
	switch {
	case o != NoOccluder:
		return o
	case p.cap:
		return Cap
	case p.glasses:
		return Glasses
	}
	return o
}
