package faces

import "math"

// face is the head's skin with its painted features: eyes, lids and lashes,
// brows, lips, nostrils, facial hair, wrinkles, and any worn occluder.
func (s *scene) face(o *surf) material {
	p := s.p
	x, y, fr := o.fx, o.fy, o.front
	ax := math.Abs(x)
	mf := o.skin.mel
	if p.freckles > 0 {
		f := noise2(x*60, y*60, p.skinSeed+1)
		mf += p.freckles * 8 * math.Max(0, f-0.8) * gauss2(ax-0.25, y+0.25, 0.25, 0.2)
	}
	bf := o.skin.blood
	if p.ap.nMoles > 0 {
		if a := p.moleAt(x, y); a > 0 {
			mf *= 1 + 2.5*a
			bf *= 1 - 0.5*a
		}
	}
	alb := s.skinAt(mf, bf)
	// Women's lower face keeps smooth skin: coarse texture there reads as
	// stubble.
	pa := p.pores
	if p.smoothLower {
		pa = lerp(pa, math.Min(pa, 0.04), smoothstep(p.noseTipY+0.05, p.noseTipY-0.1, y))
	}
	pore := 1 + pa*2*(noise2(x*p.poreFreq, y*p.poreFreq, p.skinSeed+2)-0.5)
	alb = scale3(alb, pore)
	m := material{alb: alb, ks: o.skin.shine, gloss: 28, wrap: true}
	if fr < 0.2 {
		return s.wear(o, m)
	}
	m.alb = scale3(m.alb, o.skin.shade)
	s.wrinkles(x, y, &m)
	s.brow(x, y, &m)
	if s.eyes.has(y) {
		s.eye(x, y, &m)
	}
	if s.lips.has(y) {
		s.mouth(x, y, &m)
	}
	// nostrils
	nd := gauss2(math.Abs(x-p.asymNose)-p.noseW*0.3, y-(p.noseTipY-0.055), 0.022, 0.01)
	m.alb = scale3(m.alb, 1-0.45*nd)
	s.facialHair(x, y, &m)
	return s.wear(o, m)
}

// skinVert is the skin's slowly varying colouring at one vertex of the
// head. It depends on the identity alone, and varies over several vertex
// spacings, so it is computed once with the mesh and interpolated across
// triangles like the normals, rather than evaluated for every pixel of
// every render.
type skinVert struct {
	mel, blood float64 // factors of the identity's melanin and blood
	shine      float64 // specular strength
	shade      float64 // darkening around the eyes
}

// skinField computes skinVert at each vertex of the head: melanin in
// blotches; blood flushing the cheeks, nose and ears; a shinier T-zone; and
// the darker, thinner skin around the eyes.
func (p *params) skinField(vs []vert) []skinVert {
	out := make([]skinVert, len(vs))
	var cells, rcells [3]lattice
	for i := range vs {
		x, y, fr := vs[i].fx, vs[i].fy, vs[i].front
		ax := math.Abs(x)
		bf := 1 + p.flush*0.7*gauss2(ax-0.3, y+0.3, 0.12, 0.12)*fr + 0.4*gauss2(x, y-p.noseTipY, 0.08, 0.06)*fr
		if fr < 0.5 {
			bf += 0.5 * (1 - fr) * gauss2(y-p.earY, 0, 0.2, 1)
		}
		out[i] = skinVert{
			mel:   1 + p.blotch*2*fbmLattice(x*5, y*5, p.skinSeed, cells[:]),
			blood: bf,
			shine: 0.035 + 0.035*gauss2(x, y-0.05, 0.12, 0.5),
			shade: 1 - 0.1*gauss2(ax-p.eyeSep, y-p.eyeY+0.04, 0.12, 0.07),
		}
		if fr > 0 {
			rm, rb, rs := p.regionalSkin(x, y, fr, rcells[:])
			out[i].mel *= rm
			out[i].blood *= rb
			out[i].shade *= rs
		}
	}
	return out
}

func (s *scene) wrinkles(x, y float64, m *material) {
	p := s.p
	if p.wrinkles <= 0 {
		return
	}
	ax := math.Abs(x)
	w := 0.0
	// forehead lines, crow's feet and nasolabial folds
	// (the lines' powers only where their Gaussians are not 0)
	if g := gauss2(x, y-(p.browY+0.2), 0.3, 0.1); g != 0 {
		w += g * pow8(math.Sin(y*70))
	}
	if g := gauss2(ax-(p.eyeSep+p.eyeW+0.06), y-p.eyeY, 0.04, 0.05); g != 0 {
		w += g * pow8(math.Sin((y+ax*0.5)*90))
	}
	if y < p.noseTipY && y > p.mouthY-0.05 {
		// exp(-(fold/0.012)^2), through gauss2 to skip Exp far from the fold
		fold := math.Abs((ax - p.noseW*0.8) - 0.35*(p.noseTipY-y))
		w += 1.5 * gauss2(fold, 0, 0.012/math.Sqrt2, 1)
	}
	// bags under the eyes
	w += 0.8 * gauss2(ax-p.eyeSep, y-(p.eyeY-p.eyeH-0.05), p.eyeW*0.8, 0.025)
	if w != 0 {
		m.alb = scale3(m.alb, 1-0.6*p.wrinkles*math.Min(1, w))
	}
}

// pow8 is v to the eighth power, by squaring.
func pow8(v float64) float64 {
	v *= v
	v *= v
	return v * v
}

func (s *scene) brow(x, y float64, m *material) {
	p := s.p
	by, half, ok := p.browLine(x)
	if !ok {
		return
	}
	d := math.Abs(y-by) / half
	if d >= 1.3 {
		return
	}
	// The hairs grow up and out at the brow's head and lie flatter toward
	// its tail: strands are streaks across that direction.
	inner := p.eyeSep - p.eyeW*1.05 + p.ap.browGap
	u := clamp((math.Abs(x)-inner)/(p.eyeW*(1.3*p.browLen+1.05)-p.ap.browGap), 0, 1)
	ang := lerp(1.1, 0.25, u) + p.ap.browSlant
	along := math.Abs(x)*math.Cos(ang) + (y-by)*math.Sin(ang)
	across := -math.Abs(x)*math.Sin(ang) + (y-by)*math.Cos(ang)
	side := uint64(0)
	if x > 0 {
		side = 1
	}
	strands := 0.85 + 1.3*(noise2(across*120, along*20, p.hairSeed+3+side)-0.5)
	a := p.browDensity * (1 - smoothstep(0.7, 1.3, d)) * clamp(strands, 0, 1)
	bc := scale3(s.pal.hair, p.ap.browDark)
	for i := range m.alb {
		m.alb[i] = lerp(m.alb[i], bc[i], a)
	}
}

func (s *scene) eye(x, y float64, m *material) {
	p := s.p
	b, up, low, ok := p.eyeLids(x)
	if !ok {
		return
	}
	ax := math.Abs(x)
	u := (ax - p.eyeSep) / p.eyeW
	switch {
	case y > low && y < up:
		// the eyeball: sclera, iris, pupil; shaded under the upper lid
		dx, dy := ax-p.eyeSep, y-(b+0.004)
		r := math.Hypot(dx, dy)
		ap := &p.ap
		ri := p.eyeW * ap.irisSize
		var c [3]float64
		switch {
		case r < ri*0.4:
			c = [3]float64{0.012, 0.012, 0.014}
		case r < ri:
			t := 0.75 + 0.5*noise2(math.Atan2(dy, dx)*ap.irisFreq, r*200, p.skinSeed+4)
			t *= 1 - ap.irisRing*smoothstep(0.8, 1, r/ri)
			c = scale3(s.pal.iris, t)
			if !s.ir && r < ri*0.65 {
				w := smoothstep(0.65, 0.45, r/ri)
				for i := range c {
					c[i] *= lerp(1, ap.irisInner[i], w)
				}
			}
		default:
			c = scale3(s.pal.sclera, 1-0.35*u*u)
			c[0] *= 1 + 0.15*u*u
			if u < -0.7 && !s.ir {
				// the caruncle: pink flesh in the inner corner
				car := s.skinAt(1, 4)
				c = lerp3(c, car, smoothstep(-0.7, -0.9, u))
			}
		}
		// the upper lid and lashes shade the top of the eyeball
		lid := 0.25 + 0.75*smoothstep(0, 0.55, (up-y)/(up-low))
		m.alb = scale3(c, lid)
		m.ks, m.gloss, m.wrap = 0.6, 300, false
		if !s.ir {
			// the catch-light: the key light mirrored in the cornea
			hx := s.keyDir[0] * math.Copysign(1, -x) * ri * 0.5
			hy := s.keyDir[1] * ri * 0.5
			if d := math.Hypot(dx-hx, dy-hy); d < ri*0.22 {
				a := smoothstep(ri*0.22, ri*0.1, d)
				m.alb = lerp3(m.alb, [3]float64{2.5, 2.5, 2.5}, a)
			}
		}
	case y >= up && y < up+p.ap.lashLen+0.01*p.eyeliner:
		// lashes along the upper lid, and eyeliner
		a := p.ap.lashDens * (1 - (y-up)/(p.ap.lashLen+0.01*p.eyeliner)) * (0.6 + 0.4*(1-u*u))
		a = math.Min(0.95, a+0.5*p.eyeliner)
		lc := scale3(s.pal.hair, 0.25)
		for i := range m.alb {
			m.alb[i] = lerp(m.alb[i], lc[i], a)
		}
	case y <= low && y > low-0.007:
		m.alb = scale3(m.alb, p.ap.lowerLid)
	}
	s.lashLine(u, y, up, low, m)
	// the lid crease
	crease := b + p.eyeH*p.ap.creaseH*(1-u*u*0.6)
	m.alb = scale3(m.alb, 1-p.ap.creaseDepth*math.Exp(-sq((y-crease)/0.009))*(1-u*u))
}

// lashLine darkens the upper lid's margin, where the lashes root and the
// lid's edge shades the eye, darkest and thickest toward the outer corner;
// and, more lightly, the lower lashes. Without it the eye's outline read
// as painted: a soft edge between eyeball and lid.
func (s *scene) lashLine(u, y, up, low float64, m *material) {
	p := s.p
	t := 0.004 + 0.003*smoothstep(-0.5, 0.8, u)
	if d := y - up; d > -0.002 && d < t {
		a := 0.85 * (1 - smoothstep(t*0.5, t, d)) * (0.5 + 0.5*p.ap.lashDens)
		lc := scale3(s.pal.hair, 0.15)
		for i := range m.alb {
			m.alb[i] = lerp(m.alb[i], lc[i], a)
		}
	}
	if d := low - y; d > 0 && d < 0.004 && u > -0.4 {
		m.alb = scale3(m.alb, 1-0.3*p.ap.lashDens*(1-d/0.004))
	}
}

func (s *scene) mouth(x, y float64, m *material) {
	p := s.p
	top, bottom, ok := p.lipLines(x)
	if !ok {
		return
	}
	edge := math.Min(top-y, y-bottom)
	if edge > -0.006 {
		a := smoothstep(-0.006, 0.006, edge)
		lc := s.skinAt(p.ap.lipMel, p.lipBlood+p.ap.lipBlood-2*p.wrinkles)
		for i := range m.alb {
			m.alb[i] = lerp(m.alb[i], lc[i], a)
		}
		m.ks, m.gloss = 0.06, 40
		if p.lipstick > 0 {
			red := [3]float64{0.45, 0.05, 0.08}
			for i := range m.alb {
				m.alb[i] = lerp(m.alb[i], red[i]*math.Sqrt(s.skin[1][1][0]/0.5), a*p.lipstick*0.8)
			}
			m.ks = 0.12
		}
	}
	m.alb = scale3(m.alb, 1-0.75*math.Exp(-sq((y-p.mouthAt(x))/0.006)))
}

// facialHair darkens beard, moustache and stubble areas with hair colour.
func (s *scene) facialHair(x, y float64, m *material) {
	p := s.p
	if p.beard == 0 && p.moustache == 0 && p.stubble == 0 {
		return
	}
	ax := math.Abs(x)
	cheekLine := -0.3 - 0.25*(1-ax/0.6)
	inBeard := y < cheekLine && y < p.noseTipY-0.04
	inMous := y > p.mouthY && y < p.noseTipY-0.06 && ax < p.mouthW*1.15
	dens := 0.0
	if inBeard {
		dens = math.Max(p.beard, p.stubble*0.35)
	}
	if inMous {
		dens = math.Max(dens, math.Max(p.moustache, p.stubble*0.35))
	}
	if dens == 0 {
		return
	}
	// (the lips, tested after the cheaper regions)
	top, bottom, onLip := p.lipLines(x)
	if onLip && y < top+0.004 && y > bottom-0.004 {
		return
	}
	n := noise2(x*120, y*120, p.hairSeed+5)
	a := clamp(dens*(0.5+0.7*n), 0, 0.95)
	hc := scale3(s.pal.hair, 0.8)
	for i := range m.alb {
		m.alb[i] = lerp(m.alb[i], hc[i], a)
	}
	m.wrap = m.wrap && a < 0.5
}

// wear paints occluders that sit on the face: glasses, masks, scarves, and
// the cap's band.
func (s *scene) wear(o *surf, m material) material {
	p := s.p
	x, y := o.fx, o.fy
	ax := math.Abs(x)
	switch s.occ {
	case Glasses, Sunglasses:
		if o.front < 0.2 && ax < 0.5 {
			return m
		}
		rx, ry := p.eyeW*1.6, p.eyeH*2.6+0.02
		cy := p.eyeY - 0.005
		e := math.Hypot((ax-p.eyeSep)/rx, (y-cy)/ry)
		frameC := [3]float64{0.03, 0.03, 0.03}
		switch {
		case e < 0.88 && o.front >= 0.2:
			if s.occ == Sunglasses {
				return material{alb: s.pal.lens, ks: 0.5, gloss: 200}
			}
			m.alb = scale3(m.alb, 0.9)
			m.ks, m.gloss = math.Max(m.ks, 0.3), 200
		case e < 1.05 && o.front >= 0.2:
			return material{alb: frameC, ks: 0.3, gloss: 80}
		case ax < p.eyeSep-rx*0.9 && math.Abs(y-(cy+0.02)) < 0.01 && o.front >= 0.2:
			return material{alb: frameC, ks: 0.3, gloss: 80} // bridge
		case ax > p.eyeSep+rx*0.95 && math.Abs(y-(cy+0.03)) < 0.011 && y > p.earY:
			return material{alb: frameC, ks: 0.3, gloss: 80} // temple arms
		}
	case Mask:
		topY := p.noseTipY + 0.17 - 0.25*sq(ax/0.6)
		if y < topY && y > p.chinY-0.1 && (o.front > 0.15 || y > p.earY-0.2 && y < p.earY+0.05 && math.Abs(y-p.earY+0.08) < 0.008) {
			pleat := 1 - 0.12*math.Pow(math.Abs(math.Sin(y*45)), 6)
			return material{alb: scale3([3]float64{0.42, 0.58, 0.68}, pleat), ks: 0.01, gloss: 6}
		}
	case Scarf:
		if y < p.noseTipY-0.03-0.05*sq(ax/0.6) {
			return material{alb: scale3(s.pal.cloth, 0.85+0.3*noise2(x*50, y*50, s.bgSeed)), ks: 0.01, gloss: 6}
		}
	case Cap:
		if y > p.browY+0.2 {
			return material{alb: s.pal.cloth, ks: 0.02, gloss: 8}
		}
	case Hood:
		if y > p.browY+0.25 || o.front < 0.25 {
			return material{alb: s.pal.cloth, ks: 0.01, gloss: 6}
		}
	}
	return m
}

func lerp3(a, b [3]float64, t float64) [3]float64 {
	return [3]float64{lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)}
}
