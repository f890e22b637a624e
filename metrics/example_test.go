package metrics_test

import (
	"fmt"

	"vigie/metrics"
)

// Every rate carries its counts and a 95% interval: 3 false matches in
// 10,000 scans is 0.03%, and the interval says how little 3 events pin it.
func ExampleNewRate() {
	r := metrics.NewRate(3, 10000)
	fmt.Printf("%d/%d = %.2f%%, 95%% interval %.3f%%-%.3f%%\n", r.Events, r.Trials, 100*r.Value, 100*r.CI[0], 100*r.CI[1])
	// Output: 3/10000 = 0.03%, 95% interval 0.010%-0.088%
}

// The Wilson interval stays inside [0, 1] even with no event at all, where
// the normal approximation collapses to a single point.
func ExampleWilson() {
	lo, hi := metrics.Wilson(0, 500)
	fmt.Printf("0 of 500: %.4f to %.4f\n", lo, hi)
	// Output: 0 of 500: 0.0000 to 0.0076
}
