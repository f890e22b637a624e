// Package detmath computes e^x and x^y with the same float64 operations on
// every platform, so that the engine gives the same bytes on amd64 and in
// the browser (GOOS=js GOARCH=wasm, the explorer page).
//
// math.Exp is assembly on amd64 (a different algorithm, which also takes
// another path on CPUs with FMA) and portable Go elsewhere: the two differ
// in the last bit for about 3 inputs in 10,000 (measured on a million
// inputs in [-30, 10]), and math.Pow inherits that through Exp. math.Log
// and math.Hypot, assembly on amd64 too, follow the portable algorithms
// step by step and gave the same bits on the same million inputs, as Sqrt,
// Floor and the rest do by IEEE 754; this package uses them.
package detmath

import "math"

const (
	log2e = 1.44269504088896338700e+00
	// ln2Hi has its low bits zero, so that k*ln2Hi is exact for any k an
	// exponent can take; ln2Lo is the rest of ln 2.
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	// Beyond these e^x overflows, or underflows to zero.
	maxArg = 7.09782712893383973096e+02
	minArg = -7.45133219101941108420e+02
)

// invFactorial[i] is 1/i!, the Taylor coefficients of e^r.
var invFactorial = func() [15]float64 {
	var c [15]float64
	f := 1.0
	for i := range c {
		if i > 0 {
			f *= float64(i)
		}
		c[i] = 1 / f
	}
	return c
}()

// Exp returns e^x within two units in the last place, the same bits on
// every platform. It writes x = k ln2 + r with |r| <= ln2/2 and sums e^r's
// Taylor series to r^14 (the first term left out is below 2^-60 of the
// result). Every product is converted to float64 explicitly so that no
// compiler fuses a multiply and an add (which the Go specification allows
// and arm64 does), which would round differently.
func Exp(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x > maxArg:
		return math.Inf(1)
	case x < minArg:
		return 0
	}
	k := math.Round(float64(x * log2e))
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	sum := invFactorial[len(invFactorial)-1]
	for i := len(invFactorial) - 2; i >= 0; i-- {
		sum = float64(sum*r) + invFactorial[i]
	}
	return math.Ldexp(sum, int(k))
}

// Pow returns x^y, the same bits on every platform, within a few units in
// the last place for the engine's thresholds, decades and growth laws. Zero,
// negative, infinite and NaN arguments are math.Pow's (whose answers for
// them are exact or use no e^x). It splits y into its whole part n and fraction f:
// x^n by repeated squaring (exact roundings, the same everywhere) and x^f as
// e^(f ln x), with the rounding error of f ln x, found exactly by math.FMA
// (correctly rounded everywhere, in hardware or not), added back.
func Pow(x, y float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) || math.IsInf(y, 0) || math.IsNaN(y) {
		return math.Pow(x, y)
	}
	n, f := math.Modf(y)
	l := math.Log(x)
	p := float64(f * l)
	frac := Exp(p)
	if frac != 0 && !math.IsInf(frac, 0) {
		frac += float64(frac * math.FMA(f, l, -p))
	}
	whole, base := 1.0, x
	for k := uint64(math.Abs(n)); k > 0; k >>= 1 {
		if k&1 == 1 {
			whole *= base
		}
		base *= base
	}
	if n < 0 {
		return frac / whole
	}
	return frac * whole
}
