package sim

import (
	"math"
	"math/rand/v2"

	"vigie/city"
	"vigie/internal/seeds"
	"vigie/metrics"
	"vigie/policy"
	"vigie/sim/recognizer"
)

// agent is one citizen's movement state in one regime's world.
type agent struct {
	leg   int32 // next leg of the plan to start
	node  int32 // node the citizen is at, or the from-node of Edge
	dest  int32 // node of the destination while moving
	edge  int32 // directed edge being walked, or -1 when at a place
	pos   float64
	place int32 // place the citizen is at or going to
	// A citizen guarding against cameras on the way to and from a
	// sensitive place: by a camera-avoiding route, or with a covered face,
	// until they reach a place other than guardPlace.
	avoid, covered bool
	guardPlace     int32
	// deferUntil holds a rescheduled visit (leg deferLeg) until a minute.
	deferUntil float64
	deferLeg   int32
	// stayKind is the sensitive activity of the stay in progress (-1 for
	// none), begun at minute arrived.
	stayKind, goingKind int8
	// due is when leg starts by plan, kept here so that a step need not
	// read the plans of citizens with nothing to do.
	due     float32
	arrived float64
}

// record is a face kept in stored footage, for retrospective search. It
// names the camera pass (directed edge and index in its passes) rather than
// holding the capture's conditions, which the pass and minute give again:
// 24 bytes a face, for millions of stored faces a day.
type record struct {
	minute     float64
	citizen    int32
	edge, pass int32
	covered    bool
}

// conditions returns how the recorded face was captured.
func (w *world) conditions(f record) (city.Pass, city.Conditions) {
	p := w.city.Passes[f.edge][f.pass]
	cond := w.city.Capture(p, f.minute, w.cfg.Cameras.Optics)
	cond.Covered = f.covered
	return p, cond
}

// world is one regime applied to the shared city, or in runs of several
// days a schedule of regimes (days.go): its own agents, random streams,
// events and tally.
type world struct {
	// index is the regime in force: its place in the scenario's regimes,
	// and the watchlist the recognizer searches for it.
	index int
	city  *city.City
	cfg   *Config
	rules *policy.Rules
	// th are the thresholds the regime runs at, as calibrated; rules keep
	// the regime's own.
	th     Thresholds
	rec    recognizer.Recognizer
	agents []agent
	rng    *rand.Rand // recognizer, review and stops
	chill  uint64     // key of the common random numbers for visits
	col    *metrics.Collector
	events []Event
	// keepEvents and keepSightings say which events are kept (Outputs.Events).
	keepEvents, keepSightings bool
	footage                   []record
	// stills marks the citizens a camera recorded with an uncovered face,
	// for a scraped-gallery regime's searches (nil without one).
	stills []bool
	// recorded counts the faces stored, searched or not.
	recorded int
	// pending stops from retrospective hits: reached at a later minute.
	pending []pendingStop
	beh     behaviour
	result  *metrics.RegimeResult
	// searched marks footage already searched (index into footage).
	searched              int
	nextSearch            float64
	liveFaces, liveAlerts int
	step                  int
	days                  // runs of several days (days.go)
}

type pendingStop struct {
	minute  float64
	alert   int
	citizen int32
}

func newWorld(name string, c *city.City, cfg *Config, setups []regimeSetup, byDay []int, rec recognizer.Recognizer, groups, kinds []string) *world {
	first := setups[byDay[0]]
	rules := first.rules
	groupOf := make([]int, len(c.Citizens))
	wanted := make([]bool, len(c.Citizens))
	for i, cz := range c.Citizens {
		groupOf[i] = int(cz.Group)
		for _, k := range distinct(byDay) {
			wanted[i] = wanted[i] || setups[k].rules.OnWatchlist[i] || setups[k].rules.Searchable[i]
		}
	}
	stream := "regime/" + rules.Regime.Name
	if name != rules.Regime.Name {
		stream = "schedule/" + name
	}
	w := &world{
		index:  byDay[0],
		city:   c,
		cfg:    cfg,
		rules:  rules,
		th:     first.th,
		rec:    rec,
		agents: make([]agent, len(c.Citizens)),
		rng:    seeds.Stream(cfg.Seed, stream),
		chill:  cfg.Seed,
		col:    metrics.NewCollector(groups, groupOf, wanted, cfg.Hours, kinds),
		days:   days{name: name, setups: setups, byDay: byDay, belief: rules.Regime.Publicity},
	}
	w.keepEvents = cfg.Outputs.Events != EventsNone
	w.keepSightings = cfg.Outputs.Events == "" || cfg.Outputs.Events == EventsAll
	w.homeAgents()
	w.beh = newBehaviour(w)
	if rules.Regime.Gallery != nil {
		w.stills = make([]bool, len(c.Citizens))
	}
	r := rules.Regime.Retrospective
	w.nextSearch = math.Inf(1)
	if r.Enabled {
		w.nextSearch = 60 * r.AuthorisationDelayHours
	}
	if len(byDay) > 1 {
		w.col.SetDay(1)
	}
	return w
}

// homeAgents puts every citizen at home, before their day's first leg.
func (w *world) homeAgents() {
	for i, cz := range w.city.Citizens {
		w.agents[i] = agent{node: w.city.Places[cz.Home].Node, edge: -1, place: cz.Home, guardPlace: -1, deferLeg: -1, stayKind: -1, goingKind: -1}
		w.agents[i].due = w.due(i, &w.agents[i])
	}
}

// stepSize returns the step length in minutes.
func (w *world) stepSize() float64 { return w.cfg.StepSeconds / 60 }

// advance moves every citizen through one time step starting at minute t.
func (w *world) advance(t float64) {
	dt := w.stepSize()
	speed := w.cfg.Activities.WalkSpeedMS * 60 // metres per minute
	for i := range w.agents {
		a := &w.agents[i]
		if a.edge < 0 {
			// Most citizens stay put most minutes: the agent alone says
			// whether anything is due, without reading the plan.
			if float64(a.due) >= t+dt || a.deferUntil >= t+dt {
				continue
			}
			walking := w.depart(i, a, t, t+dt)
			a.due = w.due(i, a)
			if !walking {
				continue
			}
		}
		w.walk(i, a, t, speed*dt, speed)
	}
	w.searchFootage(t + dt)
	w.reachPending(t + dt)
	w.step++
}

// due returns when the citizen's next leg is planned to start (+Inf when
// the day's legs are done).
func (w *world) due(i int, a *agent) float32 {
	if plan := w.city.Plan(i); int(a.leg) < len(plan) {
		return plan[a.leg].Depart
	}
	return float32(math.Inf(1))
}

// depart starts the citizen's next leg if it is due by minute until, and
// reports whether the citizen is now walking. t is the step's start.
func (w *world) depart(i int, a *agent, t, until float64) bool {
	plan := w.city.Plan(i)
	for int(a.leg) < len(plan) && float64(plan[a.leg].Depart) < until && a.deferUntil < until {
		leg := plan[a.leg]
		leave := math.Max(t, math.Max(float64(leg.Depart), a.deferUntil))
		if leg.Sensitive >= 0 {
			if a.deferLeg == a.leg {
				// A put-off visit keeps its planned length.
				if int(a.leg)+1 < len(plan) {
					a.deferUntil = leave + float64(plan[a.leg+1].Depart-leg.Depart)
				}
			} else {
				switch w.setOut(i, a, int(a.leg), leg, leave) {
				case skipVisit:
					a.leg++
					continue
				case waitVisit:
					return false
				}
			}
		}
		a.leg++
		if a.stayKind >= 0 {
			w.attend(a.stayKind, a.arrived, leave)
			a.stayKind = -1
		}
		dest := w.city.Places[leg.To].Node
		a.place, a.goingKind = leg.To, leg.Sensitive
		if dest == a.node {
			w.arrive(a, leave)
			continue
		}
		if a.avoid {
			w.col.Detour(w.detour(a.node, dest))
		}
		a.dest, a.edge, a.pos = dest, w.next(a, a.node, dest), 0
		return true
	}
	return false
}

// visitPlan is what a citizen does now about a sensitive visit.
type visitPlan uint8

const (
	goNow visitPlan = iota
	skipVisit
	waitVisit
)

// setOut decides a sensitive visit and sets the citizen up for it.
func (w *world) setOut(i int, a *agent, legIndex int, leg city.Leg, leave float64) visitPlan {
	avoiding, resp := w.decideVisit(i, a, legIndex, leg, leave)
	w.col.SensitiveVisit(i, int(leg.Sensitive), !avoiding || resp != metrics.Skip)
	if !avoiding {
		return goNow
	}
	w.col.Responded(resp, 0)
	switch resp {
	case metrics.Skip:
		w.note(Event{Minute: leave, Kind: EvSkipVisit, Citizen: int32(i), Camera: -1})
		return skipVisit
	case metrics.Reschedule:
		a.deferLeg, a.deferUntil = int32(legIndex), leave+60*w.cfg.Behaviour.RescheduleHours
		return waitVisit
	case metrics.Reroute:
		a.avoid, a.guardPlace = true, leg.To
	case metrics.Cover:
		a.covered, a.guardPlace = true, leg.To
	}
	return goNow
}

// arrive puts a citizen at their destination place at a minute.
func (w *world) arrive(a *agent, minute float64) {
	a.edge = -1
	if a.guardPlace >= 0 && a.place != a.guardPlace {
		a.avoid, a.covered, a.guardPlace = false, false, -1
	}
	if a.goingKind >= 0 {
		a.stayKind, a.arrived = a.goingKind, minute
	}
}

// next returns the next directed edge from u towards v on the citizen's
// kind of route.
func (w *world) next(a *agent, u, v int32) int32 {
	if a.avoid {
		return city.Hop(w.avoidTable(), len(w.city.Streets.Nodes), u, v)
	}
	return w.city.Streets.Next(u, v)
}

// walk moves a citizen budget metres along their route, capturing camera
// passes on the way, starting at minute t.
func (w *world) walk(i int, a *agent, t, budget, speed float64) {
	streets := w.city.Streets
	walked := 0.0
	for budget > 0 {
		length := streets.Edges[a.edge/2].Len
		end := math.Min(length, a.pos+budget)
		for k, p := range w.city.Passes[a.edge] {
			if p.S >= a.pos && p.S < end {
				w.sighting(i, a, k, t+(walked+p.S-a.pos)/speed)
			}
		}
		if a.pos+budget < length {
			a.pos += budget
			return
		}
		budget -= length - a.pos
		walked += length - a.pos
		_, a.node = streets.Ends(a.edge)
		if a.node == a.dest {
			w.arrive(a, t+walked/speed)
			return
		}
		a.edge, a.pos = w.next(a, a.node, a.dest), 0
	}
}

// sighting handles a citizen passing in view of the k-th camera pass of the
// street they walk, at a minute.
func (w *world) sighting(i int, a *agent, k int, minute float64) {
	p := w.city.Passes[a.edge][k]
	cam := p.Camera
	live := w.rules.LiveCamera[cam] && w.rules.LiveAt(minute)
	if !live && !w.rules.RecordingCamera[cam] {
		return
	}
	cond := w.city.Capture(p, minute, w.cfg.Cameras.Optics)
	cond.Covered = a.covered
	if w.rules.RecordingCamera[cam] {
		w.recorded++
		if w.stills != nil && !a.covered {
			w.stills[i] = true
		}
		// Stored faces are kept only for a regime that searches them.
		if w.rules.Regime.Retrospective.Enabled {
			w.footage = append(w.footage, record{minute: minute, citizen: int32(i), edge: a.edge, pass: int32(k), covered: a.covered})
		}
	}
	if !live {
		return
	}
	out := w.search(i, cond, w.rules.OnWatchlist[i])
	w.col.Sighting(i, out.Detected)
	if cond.Covered {
		w.col.CoveredSighting()
	}
	if w.keepSightings || out.Alert {
		w.note(Event{Minute: minute, Kind: EvSighting, Citizen: int32(i), Camera: cam,
			Detected: out.Detected, Alert: out.Alert, Correct: out.Correct,
			FacePx: p.FacePx, YawDeg: p.YawDeg, Light: cond.Light})
	}
	if out.Detected {
		w.liveFaces++
	}
	if !out.Alert {
		return
	}
	w.liveAlerts++
	c := w.city.Cameras[cam]
	alert := w.col.Alert(i, minute, c.X, c.Y, out.Correct)
	w.note(Event{Minute: minute, Kind: EvAlert, Citizen: int32(i), Camera: cam, Correct: out.Correct})
	if w.review(i, alert, minute, cam, out.Correct) && w.rng.Float64() < w.rules.Regime.Stop.Rate {
		w.stop(i, alert, minute, cam, out.Correct)
	}
}

func (w *world) search(i int, cond city.Conditions, mated bool) recognizer.Outcome {
	cz := &w.city.Citizens[i]
	return w.rec.Search(recognizer.Probe{
		Citizen: i, Group: int(cz.Group), Sex: cz.Sex, MonkTone: int(cz.MonkTone), Age: int(cz.Age),
		Conditions: cond, Mated: mated, List: w.index, Gallery: w.rules.WatchlistSize, Threshold: w.th.Group[cz.Group],
	}, w.rng)
}

// note keeps an event, unless the scenario keeps none.
func (w *world) note(ev Event) {
	if w.keepEvents {
		ev.Minute += w.dayStart
		w.events = append(w.events, ev)
	}
}

// review puts an alert before a human operator, if the regime has one.
func (w *world) review(i, alert int, minute float64, cam int32, correct bool) bool {
	r := w.rules.Regime.Review
	confirmed := true
	if r.Enabled {
		p := r.ConfirmFalse
		if correct {
			p = r.ConfirmTrue
		}
		confirmed = w.rng.Float64() < p
	}
	w.col.Reviewed(alert, confirmed)
	w.note(Event{Minute: minute, Kind: EvReview, Citizen: int32(i), Camera: cam, Correct: correct, Confirmed: confirmed})
	return confirmed
}

func (w *world) stop(i, alert int, minute float64, cam int32, correct bool) {
	w.col.Stopped(alert, i, minute)
	w.note(Event{Minute: minute, Kind: EvStop, Citizen: int32(i), Camera: cam, Correct: correct})
	if !correct {
		w.hearOfWrongfulStop(i, minute)
	}
	if correct {
		w.note(Event{Minute: minute, Kind: EvLocated, Citizen: int32(i), Camera: cam, Correct: true})
	}
}

// searchFootage runs the retrospective searches due by minute now: every
// stored face since the last search is searched against the warrant's list.
func (w *world) searchFootage(now float64) {
	r := w.rules.Regime.Retrospective
	for w.nextSearch <= now {
		at := w.nextSearch
		w.note(Event{Minute: at, Kind: EvSearch, Citizen: -1, Camera: -1})
		for _, f := range w.footage[w.searched:] {
			i := int(f.citizen)
			p, cond := w.conditions(f)
			out := w.search(i, cond, w.rules.Searchable[i])
			w.col.Sighting(i, out.Detected)
			w.searched++
			if !out.Alert {
				continue
			}
			c := w.city.Cameras[p.Camera]
			alert := w.col.Alert(i, at, c.X, c.Y, out.Correct)
			w.note(Event{Minute: at, Kind: EvAlert, Citizen: f.citizen, Camera: p.Camera, Correct: out.Correct})
			if w.review(i, alert, at, p.Camera, out.Correct) && w.rng.Float64() < w.rules.Regime.Stop.Rate {
				w.pending = append(w.pending, pendingStop{minute: at + 60*r.FollowUpHours, alert: alert, citizen: f.citizen})
			}
		}
		if r.SearchEveryHours <= 0 {
			w.nextSearch = math.Inf(1)
			break
		}
		w.nextSearch += 60 * r.SearchEveryHours
	}
}

// reachPending carries out the follow-up stops due by minute now.
func (w *world) reachPending(now float64) {
	k := 0
	for _, p := range w.pending {
		if p.minute > now {
			w.pending[k] = p
			k++
			continue
		}
		w.stop(int(p.citizen), p.alert, p.minute, -1, w.rules.Searchable[p.citizen] && w.col.AlertTrue(p.alert))
	}
	w.pending = w.pending[:k]
}

// finish tallies records retained and returns the regime's result; later
// calls return the same result.
func (w *world) finish() metrics.RegimeResult {
	if w.result != nil {
		return *w.result
	}
	w.closeDay()
	for _, b := range w.batches {
		w.col.Retained(b.records, b.days)
	}
	w.col.SetAttendance(w.attendanceSeries())
	m, alerts, timeline, kinds := w.col.Finish()
	r := w.rules.Regime
	res := metrics.RegimeResult{
		Name: r.Name, Description: r.Description, Threshold: w.th.Global, Watchlist: w.rules.WatchlistSize,
		Live: r.Live.Enabled, Sources: r.Sources, Metrics: m, Alerts: alerts, Timeline: timeline, Sensitive: kinds,
		Behaviour: w.col.FinishBehaviour(),
	}
	w.describeDays(&res)
	w.result = &res
	for g, grp := range w.cfg.Population.Groups {
		if t := w.th.Group[g]; t != w.th.Global {
			res.Thresholds = append(res.Thresholds, metrics.GroupValue{Group: grp.Name, Value: t})
		}
	}
	return res
}
