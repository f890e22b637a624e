package faceaudit

import (
	"fmt"
	"math"
	"strings"
)

// knownGap is a gate the generator does not reach yet. Its test does not
// skip: it holds the generator to the figures recorded here, measured with
// `vigie faces audit --n 500` (500 identities x 2 captures, seed 1) on the
// generator as committed, and fails when the figures get worse.
type knownGap struct {
	// worse says how r falls short of the recorded figures ("" if it does
	// not), allowing for the noise of an audit of n identities.
	worse func(r *Report) string
}

var knownGaps = map[string]knownGap{
	"identity": {worse: identityWorse},
}

// identityRecord is the identity gate's figures as last measured, on the
// generator with per-person appearance, hair styles and occasions, the
// eyes' catch-light and lash line, and the audit's captures each by a
// camera of its own under the light of its own day (see README, "Known
// gaps", for what was tried and what each change bought). Before the
// cameras and light: impostor mean 0.577, FMR 60.0%, genuine mean 0.236,
// participation ratio 9.8; before the first attempt: impostor mean 0.552,
// FMR 69.6%, genuine mean 0.172. MobileFaceNet, the second judge, agreed
// before them that generated faces are too alike (TestJudgesBaseline:
// impostor gap to the photographs 0.281 for dlib, 0.837 for MobileFaceNet,
// on 60 identities); on 500 its gap is now 0.218 (dlib 0.179), closed
// mostly by the captures, at the cost of a 77% FNMR at its threshold.
var identityRecord = struct {
	impostor, fmr, genuine, directions float64
}{impostor: 0.585, fmr: 0.570, genuine: 0.296, directions: 10.0}

// identityWorse compares an audit's identity figures with the record: the
// impostor mean and the participation ratio must not fall, the FMR must
// not rise, and the genuine mean must not move further from the gate's
// band. The allowance is about three standard errors of each figure on an
// audit of r.Config.N identities (0.01 for the means, 2 points of FMR and
// 0.5 directions at 500; sqrt(500/200) = 1.6 times those on the 200 that
// go test audits).
func identityWorse(r *Report) string {
	all := r.Rows[0]
	noise := math.Sqrt(500 / float64(max(r.Config.N, 1)))
	rec := identityRecord
	var w []string
	if all.Impostor < rec.impostor-0.01*noise {
		w = append(w, fmt.Sprintf("impostor mean %.3f < recorded %.3f", all.Impostor, rec.impostor))
	}
	if all.FMR > rec.fmr+0.02*noise {
		w = append(w, fmt.Sprintf("FMR %.1f%% > recorded %.1f%%", 100*all.FMR, 100*rec.fmr))
	}
	if bandGap(all.Genuine) > bandGap(rec.genuine)+0.01*noise {
		w = append(w, fmt.Sprintf("genuine mean %.3f further from %.2f-%.2f than recorded %.3f", all.Genuine, minGenuineMean, maxGenuine, rec.genuine))
	}
	if r.Directions > 0 && r.Directions < rec.directions-0.5*noise {
		w = append(w, fmt.Sprintf("participation ratio %.1f < recorded %.1f", r.Directions, rec.directions))
	}
	return strings.Join(w, "; ")
}

// bandGap is how far a genuine mean lies outside the gate's band.
func bandGap(g float64) float64 {
	return math.Max(0, math.Max(minGenuineMean-g, g-maxGenuine))
}
