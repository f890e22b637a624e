package main

import "testing"

// Small rates print with significant digits, never as 0.0000.
func TestNumKeepsSmallRates(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{0, "0"}, {2470, "2470"}, {9.04, "9.04"}, {0.8897, "0.8897"}, {0.0012345, "0.0012"},
		{1.0 / 6000, "0.000167"}, {1.0 / 60000, "0.0000167"}, {1.67e-6, "0.00000167"}, {3e-9, "3e-09"}, {-0.00025, "-0.000250"}} {
		if got := num(tc.x); got != tc.want {
			t.Errorf("num(%g) = %q, want %q", tc.x, got, tc.want)
		}
	}
}
