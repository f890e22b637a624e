package sim

import (
	"math"

	"vigie/city"
	"vigie/internal/detmath"
	"vigie/metrics"
	"vigie/policy"
)

// mind is what a citizen has heard: wrongful stops in their circles raise
// it, and it fades with a half-life.
type mind struct {
	heard float64
	at    float64 // minute it was last raised
}

// attendanceBinMin is the resolution of attendance through the day.
const attendanceBinMin = 15

// behaviour holds a world's state for citizens' responses to surveillance.
type behaviour struct {
	minds      []mind
	groupHeard []mind
	// activeCam[c]: camera c runs live or records under the regime; these
	// are the cameras people reckon with.
	activeCam []bool
	// avoidNext is the next-hop table of routes that avoid active cameras,
	// made the first time someone reroutes.
	avoidNext []int32
	// attendance[k][b] counts people at sensitive places of kind k in bin b.
	attendance [][]int
}

func newBehaviour(w *world) behaviour {
	b := behaviour{
		minds:      make([]mind, len(w.city.Citizens)),
		groupHeard: make([]mind, len(w.cfg.Population.Groups)),
		activeCam:  make([]bool, len(w.city.Cameras)),
		attendance: make([][]int, len(w.cfg.Activities.Sensitive)),
	}
	b.setActive(w.rules)
	bins := int(math.Ceil(w.cfg.Hours * 60 / attendanceBinMin))
	for k := range b.attendance {
		b.attendance[k] = make([]int, bins)
	}
	return b
}

// setActive marks the cameras the regime runs live or records with.
func (b *behaviour) setActive(rules *policy.Rules) {
	for c := range b.activeCam {
		b.activeCam[c] = rules.LiveCamera[c] || rules.RecordingCamera[c]
	}
	b.avoidNext = nil
}

// faded returns what remains at minute t of the day of a mind's heard risk.
func (w *world) faded(m mind, t float64) float64 {
	if m.heard == 0 {
		return 0
	}
	return m.heard * math.Exp2(-(w.dayStart+t-m.at)/(60*w.cfg.Behaviour.HalfLifeHours))
}

// raise adds to a mind's heard risk at minute t of the day; it remembers
// the minute since the run began, so that news fades across days.
func (w *world) raise(m *mind, by, t float64) {
	m.heard = w.faded(*m, t) + by
	m.at = w.dayStart + t
}

// hearOfWrongfulStop spreads news of citizen j's wrongful stop through
// j's household, workplace, neighbourhood and group.
func (w *world) hearOfWrongfulStop(j int, t float64) {
	bc := w.cfg.Behaviour
	ties := w.city.Ties
	for _, circle := range []struct {
		members []int32
		by      float64
	}{{ties.Household(j), bc.HeardHousehold}, {ties.Workplace(j), bc.HeardWorkplace}, {ties.Neighbourhood(j), bc.HeardNeighbourhood}} {
		for _, m := range circle.members {
			w.raise(&w.beh.minds[m], circle.by, t)
		}
	}
	w.raise(&w.beh.groupHeard[w.city.Citizens[j].Group], bc.HeardGroup, t)
}

// camerasOnRoute counts the distinct active cameras a walker passes on the
// shortest route between two intersections.
func (w *world) camerasOnRoute(from, to int32) int {
	var seen [32]int32
	n := 0
	streets := w.city.Streets
	for from != to {
		de := streets.Next(from, to)
		for _, p := range w.city.Passes[de] {
			if !w.beh.activeCam[p.Camera] || contains32(seen[:n], p.Camera) {
				continue
			}
			if n < len(seen) {
				seen[n] = p.Camera
				n++
			}
		}
		_, from = streets.Ends(de)
	}
	return n
}

func contains32(xs []int32, x int32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// PerceivedRisk is how watched citizen i feels at minute t on a trip from
// one intersection to place p, from 0 to 1. It grows with the active
// cameras they will see on the way and at the place, scaled by how well the
// public knows what the regime does; signage makes cameras plain to those
// who would not have noticed; and wrongful stops they heard of add to it.
func (w *world) perceivedRisk(i int, from int32, p int32, t float64) float64 {
	bc := w.cfg.Behaviour
	r := w.rules.Regime
	seen := w.camerasOnRoute(from, w.city.Places[p].Node) + w.rules.VisibleAt[p]
	// belief is the regime's publicity, or in a run of several days where
	// the regime changed, what the public has come to believe of it.
	risk := w.belief * (1 - detmath.Exp(-float64(seen)/bc.CameraScale))
	if r.Signage && seen > 0 {
		risk += bc.Signage
	}
	risk += w.faded(w.beh.minds[i], t) + w.faded(w.beh.groupHeard[w.city.Citizens[i].Group], t)
	return math.Min(1, risk)
}

// decideVisit decides whether citizen i, about to set out on a planned
// sensitive visit at minute t, feels watched enough to avoid it, and if so
// how: skip it, put it off, reroute around cameras, or cover their face.
//
// The uniform draws are keyed to (seed, citizen, leg) and shared by every
// regime (common random numbers): a visit avoided under a milder regime is
// also avoided under a harsher one, so differences between regimes are the
// regimes' effect, not noise.
func (w *world) decideVisit(i int, a *agent, legIndex int, leg city.Leg, t float64) (avoiding bool, how metrics.Response) {
	act := w.cfg.Activities.Sensitive[leg.Sensitive]
	group := w.cfg.Population.Groups[w.city.Citizens[i].Group]
	pAvoid := act.Sensitivity * w.perceivedRisk(i, a.node, leg.To, t) * group.Response
	if uniform(w.chill, uint64(i), uint64(legIndex)) >= pAvoid {
		return false, 0
	}
	rs := w.cfg.Behaviour.Responses
	weights := [4]float64{rs.Skip, rs.Reschedule, rs.Reroute, rs.Cover}
	if !w.rules.Regime.FaceCovering {
		weights[metrics.Cover] = 0
	}
	total := weights[0] + weights[1] + weights[2] + weights[3]
	if total == 0 {
		return true, metrics.Skip
	}
	u := uniform(w.chill, uint64(i), uint64(legIndex), 1) * total
	for k, wt := range weights {
		if u < wt {
			return true, metrics.Response(k)
		}
		u -= wt
	}
	return true, metrics.Skip
}

// avoidTable returns the next-hop table of camera-avoiding routes.
func (w *world) avoidTable() []int32 {
	if w.beh.avoidNext == nil {
		streets := w.city.Streets
		penalty := w.cfg.Behaviour.AvoidPenaltyM
		w.beh.avoidNext = streets.NextTable(func(e int) float64 {
			cams := 0
			for _, d := range []int32{city.DirEdge(e, false), city.DirEdge(e, true)} {
				for _, p := range w.city.Passes[d] {
					if w.beh.activeCam[p.Camera] {
						cams++
					}
				}
			}
			return streets.Edges[e].Len + penalty*float64(cams)
		})
	}
	return w.beh.avoidNext
}

// detour returns how much longer the camera-avoiding route is.
func (w *world) detour(from, to int32) float64 {
	s := w.city.Streets
	return s.RouteLength(w.avoidTable(), from, to) - s.Distance(from, to)
}

// attend records that someone was at a sensitive place of kind k from one
// minute to another, in every bin whose middle falls between them.
func (w *world) attend(k int8, from, to float64) {
	bins := w.beh.attendance[k]
	for b := int(math.Max(0, math.Floor(from/attendanceBinMin))); b < len(bins); b++ {
		mid := (float64(b) + 0.5) * attendanceBinMin
		if mid >= to {
			break
		}
		if mid >= from {
			bins[b]++
		}
	}
}

func (w *world) attendanceSeries() []metrics.Attendance {
	end := w.cfg.Hours * 60
	for i := range w.agents {
		if a := &w.agents[i]; a.stayKind >= 0 {
			w.attend(a.stayKind, a.arrived, end)
			a.stayKind = -1
		}
	}
	out := make([]metrics.Attendance, len(w.beh.attendance))
	for k, bins := range w.beh.attendance {
		out[k] = metrics.Attendance{Kind: activityLabel(w.cfg.Activities.Sensitive[k]), BinMinutes: attendanceBinMin, Present: bins}
	}
	return out
}
