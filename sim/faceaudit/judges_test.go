package faceaudit

import (
	"math"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

func TestIdentityStats(t *testing.T) {
	// identities 0 and 1, two captures each; 2 has one. Unit vectors on
	// axes: impostors sqrt(2) apart, genuine captures 0 or 0.1 apart.
	desc := [][]float32{{1, 0, 0}, {1, 0.1, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}}
	ids := []int{0, 0, 1, 1, 2}
	s := identityStats(desc, ids, 0.05)
	if s.ImpostN != 3 || math.Abs(s.ImpostorMean-math.Sqrt2) > 1e-6 || s.ImpostorSD > 1e-6 || s.FMR != 0 {
		t.Errorf("impostors: %+v", s)
	}
	if s.GenuineN != 2 || math.Abs(s.GenuineMean-0.05) > 1e-6 || s.FNMR != 0.5 {
		t.Errorf("genuine: %+v", s)
	}
	if math.Abs(s.Directions-2) > 1e-6 { // three points spread in a plane, evenly
		t.Errorf("participation ratio %.3f, want 2", s.Directions)
	}
}

func TestImpostorGap(t *testing.T) {
	photo := IdentityStats{ImpostorMean: 0.7, ImpostorSD: 0.1}
	cases := []struct {
		gen  IdentityStats
		want float64
	}{
		{IdentityStats{ImpostorMean: 0.7, ImpostorSD: 0.1}, 0},
		{IdentityStats{ImpostorMean: 0.35, ImpostorSD: 0.1}, 0.5},
		{IdentityStats{ImpostorMean: 0.7, ImpostorSD: 0.15}, 0.5},
		{IdentityStats{ImpostorMean: 1.05, ImpostorSD: 0.05}, 1},
	}
	for _, c := range cases {
		if got := ImpostorGap(c.gen, photo); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("gap of %+v: %.3f, want %.3f", c.gen, got, c.want)
		}
	}
	if ImpostorGap(photo, IdentityStats{}) != 0 {
		t.Error("no photographs should give 0")
	}
}

func TestMatchOperatingPoint(t *testing.T) {
	ref := []float64{0.5, 0.9, 0.55, 0.8} // 2 below 0.6
	dist := []float64{0.3, 0.1, 0.2, 0.4} // sorted 0.1 0.2 0.3 0.4
	th, k, err := MatchOperatingPoint(ref, 0.6, dist)
	if err != nil || k != 2 || math.Abs(th-0.25) > 1e-12 {
		t.Errorf("threshold %.3f k %d err %v, want 0.25, 2", th, k, err)
	}
	if _, _, err := MatchOperatingPoint(ref, 0.4, dist); err == nil {
		t.Error("a reference that matches nothing should fail")
	}
	if _, _, err := MatchOperatingPoint(ref, 0.6, dist[:3]); err == nil {
		t.Error("pairs of different counts should fail")
	}
}

// TestMobileFaceNetThreshold re-derives MobileFaceNet's threshold from the
// photographs and requires recognition.MobileFaceNetThreshold to be it.
// The rule: on the impostor pairs of the demo photographs' faces (all
// different people), the threshold lets through as many pairs as dlib's
// published 0.6 does on the same pairs, so both networks sit at one
// operating point.
func TestMobileFaceNetThreshold(t *testing.T) {
	p := openPipeline(t)
	defer p.Close()
	if !p.HasMobileFaceNet() {
		t.Fatalf("%s lacks %s: run `make models`", p.Dir(), recognition.MobileFaceNetModelFile)
	}
	e, n, err := PhotoEmbedded(p)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		testenv.MissingModels(t, "only %d photographed faces found", n)
	}
	dl, mo := ImpostorDistances(e.Dlib), ImpostorDistances(e.Mobile)
	th, k, err := MatchOperatingPoint(dl, Threshold, mo)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d photographed faces, %d impostor pairs: dlib's %.2f lets %d through (FMR %.1f%%); MobileFaceNet's matching threshold %.5f (constant %.5f)",
		n, len(dl), Threshold, k, 100*float64(k)/float64(len(dl)), th, recognition.MobileFaceNetThreshold)
	if math.Abs(th-recognition.MobileFaceNetThreshold) > 0.02*th {
		t.Errorf("calibrated threshold %.5f, recognition.MobileFaceNetThreshold %.5f: update the constant and its comment", th, recognition.MobileFaceNetThreshold)
	}
}

// Today's generator's impostor gap to the photographs (ImpostorGap) for
// each network, measured by TestJudgesBaseline on its 60 identities. The
// issue's MobileFaceNet gate asks for at most half of the MobileFaceNet
// figure; the test fails if either grows.
var baselineGap = map[string]float64{
	Dlib:          0.281,
	MobileFaceNet: 0.837,
}

// TestJudgesBaseline measures both networks' identity figures on 60
// generated identities (two good captures each; the first 60 of the gates'
// audit, which it shares with TestGates) beside the demo
// photographs', logs the side-by-side table, and compares each network's
// impostor gap with the generator's baseline: it fails when a gap grows
// past its baseline, and says whether MobileFaceNet's has halved (the
// issue's gate). The photographs' figures rest on 22 faces, so the gap is
// noisy in its second decimal.
func TestJudgesBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the gates' audit of hundreds of identities")
	}
	p := openPipeline(t)
	defer p.Close()
	if !p.HasMobileFaceNet() {
		t.Fatalf("%s lacks %s: run `make models`", p.Dir(), recognition.MobileFaceNetModelFile)
	}
	// the gates' audit holds these 60 identities' faces (same seed, same
	// captures): its first 60, judged on their own
	r := gatesReport(t).firstIdentities(60)
	photos, n, err := PhotoEmbedded(p)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		testenv.MissingModels(t, "only %d photographed faces", n)
	}
	r.judges(photos)
	var b strings.Builder
	r.writeJudges(&b)
	t.Log("\n" + b.String())
	// (what a change to the generator must not cost, beside the identity
	// figures: this test is the quick loop before the full audit)
	all := r.Rows[0]
	t.Logf("landmark error %.1f%% of the eye-centre distance, sex recovered %.1f%%, age error %.1f years, participation ratio %.1f",
		100*all.LandmarkErr, 100*all.SexAcc, all.AgeMAE, r.Directions)
	if len(r.Judges) != 2 {
		t.Fatalf("%d networks judged, want dlib and MobileFaceNet", len(r.Judges))
	}
	for _, j := range r.Judges {
		base := baselineGap[j.Network]
		t.Logf("%s: impostor gap %.3f (baseline %.3f; the gate asks <= %.3f)", j.Network, j.Gap, base, base/2)
		if j.Gap > base+0.01 {
			t.Errorf("%s: impostor gap to the photographs grew to %.3f from %.3f", j.Network, j.Gap, base)
		}
	}
}
