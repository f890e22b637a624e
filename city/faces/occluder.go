package faces

import "math"

// occluderPart returns extra geometry an occluder needs: a cap's brim, or a
// hood around the head. Painted occluders (glasses, masks, scarves) need none.
func occluderPart(p *params, o Occluder) (part, bool) {
	switch o {
	case Cap:
		return capBrim(p), true
	case Hood:
		return hood(p), true
	}
	return part{}, false
}

// capBrim is a flat, slightly drooping half disc standing out over the brows.
func capBrim(p *params) part {
	const rings, segs = 6, 24
	pt := part{mat: matCloth}
	y0 := p.browY + 0.22
	z0 := p.frontZ(0, y0) - 0.25
	for i := 0; i <= rings; i++ {
		r := float64(i) / rings
		for j := 0; j <= segs; j++ {
			a := -math.Pi/2 + math.Pi*float64(j)/segs
			x := 0.62 * math.Sin(a) * (0.7 + 0.3*r)
			z := z0 + (0.25+0.55*r)*math.Cos(a)
			y := y0 - 0.06*r*r
			pt.v = append(pt.v, vert{p: [3]float64{x, y, z}, fx: x * 10, fy: z * 10, ao: 1})
		}
	}
	pt.t = gridTris(rings+1, segs+1, false)
	smoothNormals(&pt)
	return pt
}

// hood is a fabric shell over the head and down the sides, open at the face.
func hood(p *params) part {
	const rows, cols = 40, 48
	pt := part{mat: matCloth}
	keep := make([]bool, 0, rows*cols)
	for i := 0; i < rows; i++ {
		y := lerp(-1.5, p.crownY+0.12, float64(i)/(rows-1))
		for j := 0; j < cols; j++ {
			a := -math.Pi + 2*math.Pi*(float64(j)+0.5)/cols
			hy := clamp(y, -0.2, p.crownY-1e-3)
			w, zf, zb, zc := p.section(hy)
			w += 0.16
			st, ct := math.Sin(a), math.Cos(a)
			x := w * st
			z := zc + (zf-zc+0.14)*ct
			if ct < 0 {
				z = zc + (zc-zb+0.16)*ct
			}
			if y > p.crownY-1e-3 {
				x, z = x*0.5, zc+(z-zc)*0.5
			}
			open := math.Abs(a) < 0.95 && y < p.browY+0.3
			pt.v = append(pt.v, vert{p: [3]float64{x, y, z}, fx: a * 3, fy: y, ao: 1})
			keep = append(keep, !open)
		}
	}
	for _, t := range gridTris(rows, cols, true) {
		if keep[t[0]] && keep[t[1]] && keep[t[2]] {
			pt.t = append(pt.t, t)
		}
	}
	smoothNormals(&pt)
	return pt
}
