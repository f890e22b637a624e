package faces

import (
	"math"
	"math/rand/v2"

	"vigie/internal/seeds"
)

// stream returns an independent random stream per named use (package
// seeds), so that adding a draw for one part of a face never shifts the
// numbers of another. (The generator's parameters are often called seed,
// which hides the package's name.)
func stream(seed uint64, name string, index ...uint64) *rand.Rand {
	return seeds.Stream(seed, name, index...)
}

// uni draws uniformly in [lo, hi).
func uni(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// gauss draws a normal value clipped to 2.5 standard deviations, so that no
// identity gets a grotesque feature from a tail draw.
func gauss(r *rand.Rand, mean, sd float64) float64 {
	v := r.NormFloat64()
	v = math.Max(-2.5, math.Min(2.5, v))
	return mean + sd*v
}

// hash3 maps integer lattice coordinates and a seed to [0,1), for value noise.
func hash3(x, y int32, seed uint64) float64 {
	h := seed ^ uint64(uint32(x))*0x9E3779B97F4A7C15 ^ uint64(uint32(y))*0xC2B2AE3D27D4EB4F
	h ^= h >> 33
	h *= 0xFF51AFD7ED558CCD
	h ^= h >> 33
	h *= 0xC4CEB9FE1A85EC53
	h ^= h >> 33
	return float64(h>>11) / (1 << 53)
}

// noise2 is smooth value noise in [0,1) at frequency 1 per unit.
func noise2(x, y float64, seed uint64) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int32(fx), int32(fy)
	a := hash3(ix, iy, seed)
	b := hash3(ix+1, iy, seed)
	c := hash3(ix, iy+1, seed)
	d := hash3(ix+1, iy+1, seed)
	return blend(a, b, c, d, x-fx, y-fy)
}

// blend interpolates a lattice cell's corner values a, b (bottom), c, d
// (top) smoothly at fractional position (tx, ty).
func blend(a, b, c, d, tx, ty float64) float64 {
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// fbm sums octaves (at most 8) of value noise, centred on zero (range
// about -0.5..0.5). Where it is read many times, fbmLattice with lasting
// cells saves the hashing.
func fbm(x, y float64, seed uint64, octaves int) float64 {
	var cells [8]lattice
	return fbmLattice(x, y, seed, cells[:octaves])
}

// lattice remembers the corner hashes of the last cell it read, for noise
// swept across a plane in steps much smaller than a cell (the background's
// cells span dozens of pixels).
type lattice struct {
	ix, iy     int32
	seed       uint64
	ok         bool
	a, b, c, d float64
}

// noise2 is the package's noise2, with the cell's hashes reused.
func (l *lattice) noise2(x, y float64, seed uint64) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int32(fx), int32(fy)
	if !l.ok || ix != l.ix || iy != l.iy || seed != l.seed {
		l.ix, l.iy, l.seed, l.ok = ix, iy, seed, true
		l.a, l.b = hash3(ix, iy, seed), hash3(ix+1, iy, seed)
		l.c, l.d = hash3(ix, iy+1, seed), hash3(ix+1, iy+1, seed)
	}
	return blend(l.a, l.b, l.c, l.d, x-fx, y-fy)
}

// fbmLattice is fbm with one lattice per octave, which keeps its cells
// between calls.
func fbmLattice(x, y float64, seed uint64, lat []lattice) float64 {
	s, amp, norm := 0.0, 1.0, 0.0
	for i := range lat {
		s += amp * (lat[i].noise2(x, y, seed+uint64(i)*7919) - 0.5)
		norm += amp
		amp *= 0.5
		x, y = x*2.03, y*2.03
	}
	return s / norm
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

func smoothstep(e0, e1, x float64) float64 {
	t := clamp((x-e0)/(e1-e0), 0, 1)
	return t * t * (3 - 2*t)
}

func lerp(a, b, t float64) float64 { return a + (b-a)*t }

// gauss2 is an unnormalised 2D Gaussian. Beyond gaussCut (about 9 standard
// deviations, where it is below 5e-18) it returns 0 without calling Exp:
// every use scales it by less than one and adds it to values of order 0.01
// or more, which so small a term leaves unchanged or moves by a last bit.
// Most of the face lies that far from most features.
func gauss2(dx, dy, sx, sy float64) float64 {
	q := 0.5 * (dx*dx/(sx*sx) + dy*dy/(sy*sy))
	if q > gaussCut {
		return 0
	}
	return math.Exp(-q)
}

const gaussCut = 40
