package faces

import "math"

// surf is what shading knows about one visible sample.
type surf struct {
	q, n          [3]float64
	fx, fy, front float64
	ao            float64
	mat           uint8
	skin          skinVert // on the head
}

// material is a sample's optical behaviour.
type material struct {
	alb   [3]float64
	ks    float64 // specular strength
	gloss float64 // Blinn-Phong exponent, a whole number
	wrap  bool    // light scatters under the surface (skin)
}

// shadeFrame lights the frame and averages each output pixel's ss x ss
// samples, returning linear radiance (three values per output pixel) in
// buf's memory. With msaa, the samples of one pixel that fall on the same
// part are shaded once and weighted by their count: silhouettes stay as
// smooth as with every sample shaded, at a fraction of the cost. The shaded
// sample is the group's first, except that with an odd ss the pixel's
// centre sample stands for its group. Without msaa every sample is shaded
// (the tests compare the two).
func (s *scene) shadeFrame(f *frame, tp []xformed, parts []part, sm *shadowMap, ss int, msaa bool, buf *buffers) []float64 {
	ow, oh := f.fw/ss, f.fh/ss
	buf.wall = s.wallGrid(f.fw, f.fh, buf.wall)
	s.wallTop, s.wallBot = buf.wallTop, buf.wallBot
	defer func() { buf.wallTop, buf.wallBot = s.wallTop, s.wallBot }()
	buf.out = grow(buf.out, 3*ow*oh)
	out := buf.out
	inv := 1 / float64(ss*ss)
	px0, px1, py0, py1 := f.r.x0/ss, f.r.x1/ss, f.r.y0/ss, f.r.y1/ss
	rx0, ry0, rw, part := f.r.x0, f.r.y0, f.w, f.part
	mid := -1 // the centre sample's offset in a pixel, for odd ss
	if ss%2 == 1 {
		mid = ss / 2
	}
	var o surf
	var groups [16]struct {
		part   int8
		k, n   int
		sx, sy int // the shaded sample's frame coordinates
	}
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			if y < py0 || y >= py1 || x < px0 || x >= px1 {
				// the wall alone, up to the region or the row's end
				end := ow
				if y >= py0 && y < py1 && x < px0 {
					end = px0
				}
				s.wallRun(out[3*(y*ow+x):3*(y*ow+end)], x, y, ss, msaa, inv)
				x = end - 1
				continue
			}
			var c [3]float64
			ng, uniform := 0, false
			k0 := (ss*y-ry0)*rw + ss*x - rx0
			if msaa && ss == 2 {
				// most pixels lie inside one part: one group of four
				pi := part[k0]
				if part[k0+1] == pi && part[k0+rw] == pi && part[k0+rw+1] == pi {
					groups[0].part, groups[0].k, groups[0].n = pi, k0, 4
					groups[0].sx, groups[0].sy = 2*x, 2*y
					ng, uniform = 1, true
				}
			} else if msaa {
				// the same for ss x ss samples
				pi := part[k0]
				uniform = true
				for sy := 0; sy < ss && uniform; sy++ {
					for _, q := range part[k0+sy*rw : k0+sy*rw+ss] {
						if q != pi {
							uniform = false
							break
						}
					}
				}
				if uniform {
					groups[0].part, groups[0].k, groups[0].n = pi, k0, ss*ss
					groups[0].sx, groups[0].sy = ss*x, ss*y
					ng = 1
				}
			}
			for sy := 0; sy < ss && !uniform; sy++ {
				for sx := 0; sx < ss; sx++ {
					gx, gy := x*ss+sx, y*ss+sy
					k := (gy-ry0)*rw + gx - rx0
					pi := part[k]
					g := -1
					if msaa {
						for i := 0; i < ng; i++ {
							if groups[i].part == pi {
								g = i
								break
							}
						}
					}
					if g < 0 {
						groups[ng].part, groups[ng].k, groups[ng].n = pi, k, 0
						groups[ng].sx, groups[ng].sy = gx, gy
						g = ng
						ng++
					}
					groups[g].n++
				}
			}
			if msaa && mid >= 0 {
				// the centre sample stands for its group
				k := k0 + mid*rw + mid
				for i := 0; i < ng; i++ {
					if groups[i].part == part[k] {
						groups[i].k, groups[i].sx, groups[i].sy = k, ss*x+mid, ss*y+mid
						break
					}
				}
			}
			for i := 0; i < ng; i++ {
				gr := &groups[i]
				var v [3]float64
				if gr.part < 0 {
					v = s.background(gr.sx, gr.sy)
				} else {
					s.sample(&o, f, gr.k, &tp[gr.part], &parts[gr.part])
					v = s.shade(&o, sm)
				}
				w := float64(gr.n) * inv
				c[0] += v[0] * w
				c[1] += v[1] * w
				c[2] += v[2] * w
			}
			o := 3 * (y*ow + x)
			out[o], out[o+1], out[o+2] = c[0], c[1], c[2]
		}
	}
	return out
}

// wallRun fills out with the output pixels of row y from column x0 on
// where the frame shows only the wall. Each pixel is averaged over its
// samples in the same order and arithmetic as a pixel that shows the
// person too (see background): with msaa the pixel is one group of ss x ss
// samples, shaded at the first (or, for odd ss, the centre); without, each
// sample is shaded. Rows of samples run outermost, which keeps each pixel's
// order of additions.
func (s *scene) wallRun(out []float64, x0, y, ss int, msaa bool, inv float64) {
	e0 := s.wallLight()
	b0, b1, b2 := s.bgColor[0], s.bgColor[1], s.bgColor[2]
	l0, l1, l2 := s.light[0], s.light[1], s.light[2]
	if msaa {
		off := 0
		if ss%2 == 1 {
			off = ss / 2
		}
		top, bottom, ty := s.wallRow(ss*y + off)
		w := float64(ss*ss) * inv
		for o := 0; o < len(out); o += 3 {
			gx := ss*(x0+o/3) + off
			e := e0 * lerp(top[gx], bottom[gx], ty)
			out[o], out[o+1], out[o+2] = 0+b0*e*l0*w, 0+b1*e*l1*w, 0+b2*e*l2*w
		}
		return
	}
	clear(out)
	for sy := 0; sy < ss; sy++ {
		top, bottom, ty := s.wallRow(y*ss + sy)
		for o := 0; o < len(out); o += 3 {
			gx := (x0 + o/3) * ss
			for sx := 0; sx < ss; sx++ {
				e := e0 * lerp(top[gx+sx], bottom[gx+sx], ty)
				out[o] += b0 * e * l0 * inv
				out[o+1] += b1 * e * l1 * inv
				out[o+2] += b2 * e * l2 * inv
			}
		}
	}
}

// wallRow returns, for sample row gy, the wall's pattern interpolated
// along the top and bottom edges of its grid cells at every sample column
// (as wallE interpolates them), and gy's place between the two. Rows of
// samples in one cell share the edges, which are computed once per cell.
func (s *scene) wallRow(gy int) (top, bottom []float64, ty float64) {
	j, ty := wallCell(gy)
	if s.wallJ != j+1 {
		s.wallJ = j + 1
		s.wallTop, s.wallBot = grow(s.wallTop, s.wallW), grow(s.wallBot, s.wallW)
		for gx := range s.wallTop {
			i, tx := wallCell(gx)
			k := j*s.wallCols + i
			s.wallTop[gx] = lerp(s.wall[k], s.wall[k+1], tx)
			s.wallBot[gx] = lerp(s.wall[k+s.wallCols], s.wall[k+s.wallCols+1], tx)
		}
	}
	return s.wallTop, s.wallBot, ty
}

// sample interpolates a visible triangle's vertex attributes into o.
func (s *scene) sample(o *surf, f *frame, k int, x *xformed, pt *part) {
	t := x.t[f.tri[k]]
	w1, w2 := float64(f.b1[k]), float64(f.b2[k])
	w0 := 1 - w1 - w2
	va, vb, vc := &pt.v[t[0]], &pt.v[t[1]], &pt.v[t[2]]
	qa, qb, qc := &x.q[t[0]], &x.q[t[1]], &x.q[t[2]]
	na, nb, nc := &x.n[t[0]], &x.n[t[1]], &x.n[t[2]]
	for i := 0; i < 3; i++ {
		o.q[i] = w0*qa[i] + w1*qb[i] + w2*qc[i]
		o.n[i] = w0*na[i] + w1*nb[i] + w2*nc[i]
	}
	o.n = norm(o.n)
	if o.n[2] < 0 && !pt.cull {
		o.n = scale3(o.n, -1) // the inside of hair or a hood
	}
	o.fx = w0*va.fx + w1*vb.fx + w2*vc.fx
	o.fy = w0*va.fy + w1*vb.fy + w2*vc.fy
	o.front = w0*va.front + w1*vb.front + w2*vc.front
	o.ao = w0*va.ao + w1*vb.ao + w2*vc.ao
	o.mat = pt.mat
	if pt.skin != nil {
		sa, sb, sc := &pt.skin[t[0]], &pt.skin[t[1]], &pt.skin[t[2]]
		o.skin = skinVert{
			mel:   w0*sa.mel + w1*sb.mel + w2*sc.mel,
			blood: w0*sa.blood + w1*sb.blood + w2*sc.blood,
			shine: w0*sa.shine + w1*sb.shine + w2*sc.shine,
			shade: w0*sa.shade + w1*sb.shade + w2*sc.shade,
		}
	} else {
		o.skin = skinVert{}
	}
}

// wrapAmount is how far light wraps past the terminator in each channel:
// red light travels furthest under the skin.
var wrapAmount = [3]float64{0.42, 0.24, 0.18}

// shade lights one sample: wrapped diffuse key light with soft shadows, sky
// light occluded by the face's relief, and a Blinn-Phong highlight.
func (s *scene) shade(o *surf, sm *shadowMap) [3]float64 {
	m := s.material(o)
	l := s.keyDir
	ndl := dot(o.n, l)
	vis := 0.0
	if ndl > 0 || (m.wrap && ndl > -wrapAmount[0]) {
		// (elsewhere no key light reaches the sample, shadowed or not:
		// red wraps furthest)
		vis = sm.lit(o.q, l)
	}
	sky := s.ambE*o.ao*(0.75+0.25*o.n[1]) + s.fillE*max(0, o.n[2])*(0.5+0.5*o.ao)
	var c [3]float64
	for i := 0; i < 3; i++ {
		d := max(0, ndl)
		if m.wrap {
			w := wrapAmount[i]
			d = max(0, (ndl+w)/(1+w))
		}
		c[i] = m.alb[i] * (s.keyE*d*vis + sky) * s.light[i]
	}
	if ndh := dot(o.n, s.half); m.ks > 0 && ndl > 0 && (1-ndh)*m.gloss < 7 {
		// (skipped where the highlight is below 1/1000 of its peak)
		sp := m.ks * powInt(ndh, int(m.gloss)) * s.keyE * vis * (m.gloss + 8) / 40
		for i := 0; i < 3; i++ {
			c[i] += sp * s.light[i]
		}
	}
	return c
}

// powInt is x to the power n >= 0, by repeated squaring: the materials'
// exponents are whole numbers, and math.Pow was a twentieth of a render.
func powInt(x float64, n int) float64 {
	r := 1.0
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
	}
	return r
}

// wallStep is the spacing, in samples, of the grid on which the wall's
// pattern is computed; between grid points it is interpolated. The
// pattern's finest octave spans about 40 samples at 2x2 supersampling, so
// the grid follows it closely (within 0.5%) with one noise evaluation per
// 4x4 pixels.
const wallStep = 8

// wallGrid computes the wall's brightness pattern (texture and a gradient
// darkening toward the floor) at every wallStep-th sample of a w x h frame,
// into buf.
func (s *scene) wallGrid(w, h int, buf []float64) []float64 {
	cols, rows := w/wallStep+2, h/wallStep+2
	buf = grow(buf, cols*rows)
	for j := 0; j < rows; j++ {
		v := float64(j*wallStep) / float64(h)
		for i := 0; i < cols; i++ {
			u := float64(i*wallStep) / float64(w)
			n := 0.85 + 0.4*fbmLattice(u*4, v*4, s.bgSeed, s.wallCells[:])
			buf[j*cols+i] = n * (1.1 - 0.3*v)
		}
	}
	s.wall, s.wallCols, s.wallW, s.wallJ = buf, cols, w, 0
	return buf
}

// background is a plain, softly textured wall behind the person, lit by the
// same light, at sample (x, y).
func (s *scene) background(x, y int) [3]float64 {
	i, tx := wallCell(x)
	j, ty := wallCell(y)
	e := s.wallE(s.wallLight(), j*s.wallCols+i, tx, ty)
	return [3]float64{s.bgColor[0] * e * s.light[0], s.bgColor[1] * e * s.light[1], s.bgColor[2] * e * s.light[2]}
}

// wallCell is the wall grid's cell holding sample coordinate v, and v's
// place across it.
func wallCell(v int) (int, float64) {
	i := v / wallStep
	return i, float64(v-i*wallStep) / wallStep
}

// wallLight is the light falling on the wall.
func (s *scene) wallLight() float64 { return s.keyE*0.5*max(0, s.keyDir[2]) + s.ambE }

// wallE is the wall's brightness under light e0 in grid cell k, at (tx, ty)
// across it.
func (s *scene) wallE(e0 float64, k int, tx, ty float64) float64 {
	top := lerp(s.wall[k], s.wall[k+1], tx)
	bottom := lerp(s.wall[k+s.wallCols], s.wall[k+s.wallCols+1], tx)
	return e0 * lerp(top, bottom, ty)
}

// material returns the optical behaviour at a sample from its material and
// its place on the face.
func (s *scene) material(o *surf) material {
	switch o.mat {
	case matHair:
		if s.occ == Cap && o.fy > s.p.browY+0.2 {
			return material{alb: s.pal.cloth, ks: 0.02, gloss: 8}
		}
		var alb [3]float64
		if c := s.p.hairCurl; c > 0 {
			// curls: short streaks in every direction
			n := s.hairCells.noise2(o.fx*(40-15*c), o.fy*(3+25*c), s.p.hairSeed)
			alb = scale3(s.pal.hair, 0.45+1.1*n)
		} else {
			// strands fall from the parting: slanted away from it
			fx := o.fx
			if s.p.hairPart != 0 {
				fx += 0.25 * (o.fy - 0.6) * math.Copysign(1, o.fx-s.p.hairPart)
			}
			strand := s.hairCells.noise2(fx*40, o.fy*3, s.p.hairSeed)
			alb = scale3(s.pal.hair, 0.55+0.9*strand)
			if s.p.hairPart != 0 && o.fy > 0.5 && math.Abs(o.fx-s.p.hairPart) < 0.025 {
				alb = scale3(alb, 0.6) // the parting's line
			}
		}
		return material{alb: alb, ks: 0.06, gloss: 30}
	case matCloth:
		weave := 0.9 + 0.2*noise2(o.fx*60, o.fy*60, s.bgSeed)
		return material{alb: scale3(s.pal.cloth, weave), ks: 0.01, gloss: 6}
	case matBody:
		neckline := -1.45 - 0.25*max(0, o.n[2])
		if o.fy < neckline || (s.occ == Scarf && o.fy < -0.5) || (s.occ == Hood && o.fy < -1.1) {
			alb := s.pal.clothes
			if s.occ == Scarf {
				alb = s.pal.cloth
			}
			return material{alb: scale3(alb, 0.9+0.2*noise2(o.fx*30, o.fy*30, s.bgSeed)), ks: 0.01, gloss: 6}
		}
		sk := s.skinAt(1, 1)
		ao := 0.55 + 0.45*smoothstep(-0.2, -0.9, o.fy)
		return material{alb: scale3(sk, ao), ks: 0.02, gloss: 20, wrap: true}
	}
	return s.face(o)
}
