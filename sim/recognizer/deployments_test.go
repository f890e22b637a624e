package recognizer

import (
	"math"
	"testing"
)

// The exact Poisson interval matches published tables (Garwood 1936).
func TestPoissonInterval(t *testing.T) {
	for _, tc := range []struct {
		k      int
		lo, hi float64
	}{{0, 0, 3.689}, {1, 0.0253, 5.572}, {2, 0.2422, 7.225}, {10, 4.795, 18.39}} {
		got := PoissonInterval(tc.k)
		if math.Abs(got[0]-tc.lo) > 5e-4 || math.Abs(got[1]-tc.hi)/tc.hi > 5e-4 {
			t.Errorf("k=%d: %v, want [%g, %g]", tc.k, got, tc.lo, tc.hi)
		}
	}
}

// A log replays at the profile's reference point to its published rate,
// scales with faces, watchlist and threshold, pools, and fails where the
// published count is far from what the profile expects.
func TestReplayDeploymentLog(t *testing.T) {
	p := testRates()
	r := NewRates(p)
	if got := r.CrowdFPIR(0.6, 10000); math.Abs(got-1.0/6000) > 1e-12 {
		t.Fatalf("crowd FPIR at the reference point %g, want 1/6000", got)
	}
	if ratio := r.CrowdFPIR(0.6, 10000) / r.CrowdFPIR(0.63, 10000); math.Abs(ratio-10) > 0.01 {
		t.Errorf("one fmr_decade stricter cuts the rate %g-fold, want 10", ratio)
	}
	log := DeploymentLog{Profile: p, Deployments: []Deployment{
		{Date: "a", FacesScanned: 60000, Watchlist: 10000, FalseAlerts: 9},
		{Date: "b", FacesScanned: 60000, Watchlist: 1000, Threshold: 0.6, FalseAlerts: 1},
		{Date: "c", FacesScanned: 600000, Watchlist: 10000, Threshold: 0.6, FalseAlerts: 0},
	}}
	rows := Replay(log)
	if len(rows) != 4 || rows[3].Deployment != nil {
		t.Fatalf("want three deployments and the pool, got %+v", rows)
	}
	if math.Abs(rows[0].Expected-10) > 1e-6 || !rows[0].Assumed || !rows[0].Pass {
		t.Errorf("a: %+v, want 10 expected at the assumed reference threshold, passing", rows[0])
	}
	if math.Abs(rows[1].Expected-1) > 0.01 || rows[1].Assumed || !rows[1].Pass {
		t.Errorf("b: %+v, want about 1 expected, passing", rows[1])
	}
	if math.Abs(rows[2].Expected-100) > 1e-6 || rows[2].Pass {
		t.Errorf("c: %+v, want 100 expected against 0 published, failing", rows[2])
	}
	if rows[3].Published != 10 || math.Abs(rows[3].Expected-111) > 0.01 || rows[3].Pass || rows[3].Faces != 720000 {
		t.Errorf("pool: %+v", rows[3])
	}
}
