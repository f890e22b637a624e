package faces

import "math"

// appearance is what makes one person's face look like theirs beyond its
// shape: the texture and colour of the skin region by region, moles, the
// brows' shape and hair, the lids, lashes and irises, the lips' colour.
// Face-recognition networks read these more than 3D shape, above all
// around the eyes; faces that differ in shape alone look alike to them.
type appearance struct {
	// brows: where the inner end starts (+ further from the midline), where
	// the arch peaks along the brow (0 inner, 1 outer), how much it thins
	// toward the tail, how much it rises along its length, how dark it is
	// against the hair, and the slant of its hairs
	browGap, browPeak, browTaper, browSlope, browDark, browSlant float64
	// lids and lashes: the crease's height (in eye heights) and depth, the
	// lashes' length and density, the lower lid's line
	creaseH, creaseDepth, lashLen, lashDens, lowerLid float64
	// irises: size (in eye widths), darkness of the limbal ring, how many
	// radial streaks, and a second colour toward the pupil
	irisSize, irisRing, irisFreq float64
	irisInner                    [3]float64
	// skin, region by region: melanin factors of the forehead, cheeks,
	// mouth and jaw, and nose; blood factors of the cheeks, nose and chin;
	// darkness under the eyes; the scale and strength of the mottling
	regionMel   [4]float64
	regionBlood [3]float64
	underEye    float64
	mottleFreq  float64
	mottleAmp   float64
	// lips: melanin factor and blood offset of the lips against the skin's
	lipMel, lipBlood float64
	// moles: up to eight, at frontal (x, y) with a radius
	moles  [8][3]float64
	nMoles int
}

// appearanceSpread scales the spread between people of the appearance
// parameters: the population prior, tuned with the descriptor in the loop
// (on 40 identities, two captures each on two occasions: impostor mean
// 0.582 at 1 and 0.592 at 2, participation ratio 10.5 and 11.3, sex
// recovered 91.2% and 88.8%, landmark error 6.6% at both). It is a
// variable, like spread, so that k*sd is rounded at run time.
var appearanceSpread = 2.0

// drawAppearance draws a person's appearance from their own stream, so
// that the shape parameters drawn before it keep their values.
func drawAppearance(seed uint64, a Attributes, age float64) appearance {
	m := 0.0
	if a.Sex == Male {
		m = 1
	}
	tone := float64(a.MonkTone)
	r := stream(seed, "appearance")
	var ap appearance
	k := appearanceSpread
	ap.browGap = gauss(r, 0, k*0.015)
	ap.browPeak = clamp(gauss(r, 0.6, k*0.12), 0.35, 0.85)
	ap.browTaper = clamp(gauss(r, 0.6, k*0.15), 0.25, 0.9)
	ap.browSlope = gauss(r, 0, k*0.015)
	ap.browDark = clamp(gauss(r, 0.7, k*0.15), 0.35, 1.1)
	ap.browSlant = gauss(r, 0, k*0.25)

	ap.creaseH = clamp(gauss(r, 1.75, k*0.3), 1.25, 2.5)
	ap.creaseDepth = clamp(gauss(r, 0.18, k*0.08), 0.04, 0.4)
	ap.lashLen = clamp(gauss(r, 0.016-0.002*m, 0.004), 0.008, 0.026)
	ap.lashDens = clamp(gauss(r, 0.85-0.1*m, 0.12), 0.4, 1)
	ap.lowerLid = clamp(gauss(r, 0.8, 0.07), 0.6, 0.95)

	ap.irisSize = clamp(gauss(r, 0.43, 0.025), 0.36, 0.5)
	ap.irisRing = clamp(gauss(r, 0.45, 0.15), 0.1, 0.8)
	ap.irisFreq = uni(r, 4, 12)
	// a warmer or lighter colour round the pupil (central heterochromia)
	ap.irisInner = [3]float64{uni(r, 0.8, 1.6), uni(r, 0.8, 1.4), uni(r, 0.7, 1.1)}

	// Regional colour: sun on the forehead and nose, darker skin round the
	// mouth and on the jaw in men (more so in darker skin), redder cheeks
	// in lighter skin; each person's mix is their own. (A darker jaw on
	// women reads as beard shadow to the age/gender network.)
	dark := smoothstep(3, 9, tone)
	ap.regionMel = [4]float64{
		math.Exp(gauss(r, 0.03, k*0.08)),
		math.Exp(gauss(r, 0, k*0.07)),
		math.Exp(gauss(r, m*(0.04+0.08*dark), k*(0.08-0.03*(1-m)))),
		math.Exp(gauss(r, 0.02, k*0.07)),
	}
	ap.regionBlood = [3]float64{
		math.Exp(gauss(r, 0.1*(1-dark), k*0.3)),
		math.Exp(gauss(r, 0.1, k*0.3)),
		math.Exp(gauss(r, 0, k*0.25)),
	}
	ap.underEye = clamp(gauss(r, 0.1+0.05*dark+0.05*smoothstep(25, 70, age), k*0.05), 0, 0.3)
	ap.mottleFreq = uni(r, 2.5, 5) // (finer mottling would need more than the vertex field)
	ap.mottleAmp = k * uni(r, 0.02, 0.1)

	ap.lipMel = 1.2 * math.Exp(gauss(r, 0.15*dark, k*0.15))
	ap.lipBlood = gauss(r, 0, k*0.8)

	ap.nMoles = int(math.Max(0, gauss(r, 1.5, 2)))
	ap.nMoles = min(ap.nMoles, len(ap.moles))
	for i := 0; i < ap.nMoles; i++ {
		ap.moles[i] = [3]float64{uni(r, -0.5, 0.5), uni(r, -0.85, 0.45), uni(r, 0.006, 0.014)}
	}
	return ap
}

// regionalSkin is the appearance's melanin and blood factors at frontal
// (x, y) on the face (fr: how much the point faces forward), and how much
// darker the skin is there (under the eyes).
func (p *params) regionalSkin(x, y, fr float64, cells []lattice) (mel, blood, shade float64) {
	ap := &p.ap
	ax := math.Abs(x)
	fore := smoothstep(p.browY+0.02, p.browY+0.15, y)
	cheek := gauss2(ax-0.3, y+0.3, 0.14, 0.14)
	jaw := smoothstep(p.noseTipY-0.05, p.mouthY-0.05, y) * smoothstep(0.55, 0.2, ax)
	nose := gauss2(x, y-(p.noseTipY+0.12), p.noseW*0.8, 0.2)
	lm := fore*math.Log(ap.regionMel[0]) + cheek*math.Log(ap.regionMel[1]) +
		jaw*math.Log(ap.regionMel[2]) + nose*math.Log(ap.regionMel[3])
	lm += ap.mottleAmp * fbmLattice(x*ap.mottleFreq+7, y*ap.mottleFreq, p.skinSeed+9, cells)
	lb := cheek*math.Log(ap.regionBlood[0]) + gauss2(x, y-p.noseTipY, 0.07, 0.07)*math.Log(ap.regionBlood[1]) +
		gauss2(x, y-(p.chinY+0.15), 0.12, 0.06)*math.Log(ap.regionBlood[2])
	shade = 1 - ap.underEye*gauss2(ax-p.eyeSep, y-(p.eyeY-p.eyeH-0.03), p.eyeW*0.9, 0.04)
	// (faded out round the sides, where the front coordinates no longer
	// place the face's regions; fading in step with front itself, which
	// turns quickly at the cheeks' edge, would put that edge in the field)
	w := smoothstep(0, 0.2, fr)
	return math.Exp(lm * w), math.Exp(lb * w), shade
}

// moleAt is how much of a mole covers frontal (x, y): 0 where none.
func (p *params) moleAt(x, y float64) float64 {
	a := 0.0
	for i := 0; i < p.ap.nMoles; i++ {
		mo := &p.ap.moles[i]
		dx, dy := x-mo[0], y-mo[1]
		if dx*dx+dy*dy < 4*mo[2]*mo[2] {
			a = math.Max(a, 1-smoothstep(0.6, 1.2, math.Hypot(dx, dy)/mo[2]))
		}
	}
	return a
}
