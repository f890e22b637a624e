package seeds

import (
	"math"
	"testing"
)

// TestSameKeysSameNumbers: a derivation depends on its keys alone.
func TestSameKeysSameNumbers(t *testing.T) {
	a, b := Stream(7, "streets", 3), Stream(7, "streets", 3)
	for i := 0; i < 100; i++ {
		if x, y := a.Uint64(), b.Uint64(); x != y {
			t.Fatalf("draw %d: %d then %d from the same seed, name and index", i, x, y)
		}
	}
	mixes, derived := map[uint64]bool{}, map[uint64]bool{}
	for i := 0; i < 2; i++ {
		mixes[Mix(1, 2, 3)] = true
		derived[Derive(9, "probe", 4, 5)] = true
	}
	if len(mixes) != 1 || len(derived) != 1 {
		t.Fatal("Mix or Derive gave two values for the same keys")
	}
}

// TestEveryKeyCounts: changing any one key (seed, name, index, key order)
// gives another stream or value.
func TestEveryKeyCounts(t *testing.T) {
	first := func(seed uint64, name string, index ...uint64) uint64 { return Stream(seed, name, index...).Uint64() }
	base := first(7, "streets", 3)
	for _, other := range []struct {
		what string
		v    uint64
	}{
		{"seed", first(8, "streets", 3)},
		{"name", first(7, "places", 3)},
		{"index", first(7, "streets", 4)},
		{"no index", first(7, "streets")},
		{"a second index", first(7, "streets", 3, 0)},
	} {
		if other.v == base {
			t.Errorf("another %s gave the same first draw", other.what)
		}
	}
	if Mix(1, 2) == Mix(2, 1) {
		t.Error("Mix ignores the order of its keys")
	}
	if Derive(1, "a", 2) == Derive(1, "b", 2) || Derive(1, "a", 2) == Derive(2, "a", 2) || Derive(1, "a", 2) == Derive(1, "a", 3) {
		t.Error("Derive ignores one of seed, name or index")
	}
}

// TestConsecutiveKeysSpread: the children of consecutive indices (identity
// i of an experiment) are spread evenly, the property the inline schemes
// (seed+i) did not give: mean and variance of Uniform over consecutive
// keys match the uniform law's, and no two of them share their top bits.
func TestConsecutiveKeysSpread(t *testing.T) {
	const n = 20000
	var sum, sum2 float64
	seen := map[uint64]bool{}
	for i := uint64(0); i < n; i++ {
		u := Uniform(42, i)
		if u < 0 || u >= 1 {
			t.Fatalf("Uniform(42, %d) = %v, outside [0, 1)", i, u)
		}
		sum += u
		sum2 += u * u
		seen[Derive(42, "identity", i)>>40] = true
	}
	mean, variance := sum/n, sum2/n-(sum/n)*(sum/n)
	// standard errors: 1/sqrt(12n) for the mean, about 1/sqrt(180n) for the variance
	if math.Abs(mean-0.5) > 4/math.Sqrt(12*n) || math.Abs(variance-1.0/12) > 4/math.Sqrt(180*n) {
		t.Errorf("mean %.4f, variance %.5f over consecutive keys; uniform: 0.5, 0.08333", mean, variance)
	}
	// 20,000 draws of 24 bits: about 12 collisions expected by chance
	if n-len(seen) > 40 {
		t.Errorf("%d collisions in the top 24 bits of %d consecutive children", n-len(seen), n)
	}
}

// TestToUnit: the ends of the range.
func TestToUnit(t *testing.T) {
	if ToUnit(0) != 0 || ToUnit(math.MaxUint64) >= 1 {
		t.Errorf("ToUnit(0) = %v, ToUnit(max) = %v; want 0 and below 1", ToUnit(0), ToUnit(math.MaxUint64))
	}
}
