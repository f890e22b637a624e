package detmath

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"testing"
)

// ulps is how many representable float64s lie between a and b.
func ulps(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	if d < 0 {
		d = -d
	}
	return d
}

func TestExpIsAccurate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	worst := int64(0)
	for range 200000 {
		x := r.Float64()*1400 - 700
		if u := ulps(Exp(x), math.Exp(x)); u > worst {
			worst = u
		}
	}
	t.Logf("largest difference from math.Exp: %d ulp", worst)
	if worst > 2 {
		t.Errorf("Exp is %d ulp from math.Exp; at most 2", worst)
	}
	for _, tt := range []struct{ x, want float64 }{
		{0, 1}, {1, math.E}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0}, {800, math.Inf(1)}, {-800, 0}, {-1e-300, 1},
	} {
		if got := Exp(tt.x); got != tt.want && ulps(got, tt.want) > 1 {
			t.Errorf("Exp(%g) = %g, want %g", tt.x, got, tt.want)
		}
	}
	if !math.IsNaN(Exp(math.NaN())) {
		t.Error("Exp(NaN) is not NaN")
	}
	if got := Exp(-740); got <= 0 || got > 1e-320 {
		t.Errorf("Exp(-740) = %g, want a subnormal near 4e-322", got)
	}
}

func TestPowIsAccurate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		x, y := 10.0, r.Float64()*8-4
		if r.IntN(2) == 0 {
			x = r.Float64()*1000 + 1e-3
			y = r.Float64()*2 - 1
		}
		if u := ulps(Pow(x, y), math.Pow(x, y)); u > 8 {
			t.Fatalf("Pow(%g, %g) = %g, math.Pow %g: %d ulp apart", x, y, Pow(x, y), math.Pow(x, y), u)
		}
	}
}

func TestPowSpecialValues(t *testing.T) {
	for _, tt := range [][2]float64{{0, 0.5}, {0, -1}, {-2, 3}, {-2, 0.5}, {5, 0}, {1e300, 2}, {1e-300, 2}, {2, math.Inf(1)}, {math.Inf(1), -1}, {math.NaN(), 1}, {1, 123.4}} {
		got, want := Pow(tt[0], tt[1]), math.Pow(tt[0], tt[1])
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) && ulps(got, want) > 8 {
			t.Errorf("Pow(%g, %g) = %g, math.Pow %g", tt[0], tt[1], got, want)
		}
	}
}

// TestSameBitsEverywhere hashes the bits of Exp, Pow and the math
// functions the package relies on for fixed inputs; the hash is the one
// amd64 gives, and GOOS=js GOARCH=wasm go test ./internal/detmath (with
// go_js_wasm_exec on PATH, from $(go env GOROOT)/lib/wasm) must give it too.
func TestSameBitsEverywhere(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	h := sha256.New()
	var b [8]float64
	for range 100000 {
		x := r.Float64()*60 - 50
		b = [8]float64{Exp(x), Pow(10, x/10), Pow(r.Float64()*100, r.Float64()), math.Log(r.Float64() * 1e6),
			math.Hypot(r.Float64()*8000-4000, r.Float64()*8000-4000), math.Log1p(-r.Float64()), math.Expm1(x / 60), math.Sqrt(r.Float64())}
		binary.Write(h, binary.LittleEndian, b)
	}
	const want = "051941845c8a77e813c6ceaffbfa78b84cb26e2e306b4e4d50023e9349adaa26"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("the bits hash to %s, want %s (amd64's)", got, want)
	}
}
