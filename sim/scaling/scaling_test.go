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
// It is read at two 1:1 rates, 1 in 2,000 (FPIR up to ~14%, as deployments
// run) and 1 in 600 (up to ~40%). The two ways of missing differ. Since
// 1 - (1 - p)^N is concave in p, probes whose false matches gather on a few
// of them (some faces look like many others) give a rate below the law,
// never above it (Jensen's inequality): a measured rate above the interval
// is an error in the pipeline or the arithmetic, and fails. One below it
// is that gathering, a property of today's generated faces: the case skips
// with its figures, a known gap in README, rather than being loosened. Which
// gallery size shows it moves with small changes to the faces (N=297 at
// 1 in 600, and then N=50 at 1 in 2,000 after a change to rendering that
// left the face audit unchanged).
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
	t.Run("1 in 2,000", func(t *testing.T) { checkLaw(t, m, DefaultConfig().TargetP) })
	t.Run("1 in 600", func(t *testing.T) { checkLaw(t, m, HighRateConfig().TargetP) })
}

func checkLaw(t *testing.T, m *Measurement, targetP float64) {
	r, err := m.Law(targetP)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("threshold %.4f, 1:1 FMR %.5f over %d pairs; %d enrolled, %d probes", r.Threshold, r.P, r.Pairs, r.Enrolled, r.Probes)
	if r.Enrolled < 250 || r.Probes < 250 {
		t.Errorf("only %d enrolled and %d probes found by the detector", r.Enrolled, r.Probes)
	}
	var above, below string
	for _, pt := range r.Points {
		t.Logf("N=%4d predicted %.3f measured %.3f [%.3f, %.3f] pass=%v", pt.N, pt.Predicted, pt.Measured.Value, pt.Measured.CI[0], pt.Measured.CI[1], pt.Pass)
		if pt.Pass {
			continue
		}
		miss := fmt.Sprintf(" N=%d: measured %.3f [%.3f, %.3f] vs 1-(1-p)^N %.3f;", pt.N, pt.Measured.Value, pt.Measured.CI[0], pt.Measured.CI[1], pt.Predicted)
		if pt.Predicted < pt.Measured.CI[0] {
			above += miss
		} else {
			below += miss
		}
	}
	if above != "" {
		t.Errorf("1:N law at threshold %.3f, p %.5f: more false alerts than independent scores allow:%s", r.Threshold, r.P, above)
	}
	if below != "" {
		t.Skipf("known gap (1:N law at threshold %.3f, p %.5f: false matches gather on some probes):%s", r.Threshold, r.P, below)
	}
}
