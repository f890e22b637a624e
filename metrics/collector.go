package metrics

import (
	"math"
	"sort"
)

// Collector tallies one regime's events as the simulation produces them and
// turns them into RegimeMetrics at the end. It is not safe for concurrent
// use: each regime owns one.
type Collector struct {
	groups     []string
	groupOf    []int // citizen -> group index
	population []int
	kinds      []string

	passed         []bool // citizen passed an active camera
	falselyAlerted []bool // innocent citizen drew at least one false alert
	trulyAlerted   []bool // wanted citizen drew at least one correct alert
	onWatchlist    []bool
	tally          []groupTally
	m              RegimeMetrics
	matedSearches  int
	falseOnWanted  int
	locateMinutes  []float64
	located        []bool
	alerts         []AlertPoint
	timeline       []TimelineBin
	sensitivePlan  []int // by kind
	sensitiveMade  []int // by kind
	// by group x kind, for the chilling index
	planGK, madeGK []int
	behaviour      Behaviour
	covered        int
	// day is the day alerts are stamped with (SetDay), 0 in one-day runs.
	day int
}

type groupTally struct {
	passers, innocentPassers, falselyAlerted   int
	scanned, nonMated, falseAlerts, falseStops int
	sensitivePlanned, sensitiveMade            int
}

// NewCollector makes a collector for a population whose citizen i belongs to
// group groupOf[i], over a day of the given number of hours, counting visits
// to the given kinds of sensitive place. onWatchlist[i] says whether citizen
// i is a wanted person on this regime's watchlist.
func NewCollector(groups []string, groupOf []int, onWatchlist []bool, hours float64, sensitiveKinds []string) *Collector {
	c := &Collector{
		groups:         groups,
		groupOf:        groupOf,
		population:     make([]int, len(groups)),
		kinds:          sensitiveKinds,
		passed:         make([]bool, len(groupOf)),
		falselyAlerted: make([]bool, len(groupOf)),
		trulyAlerted:   make([]bool, len(groupOf)),
		onWatchlist:    onWatchlist,
		tally:          make([]groupTally, len(groups)),
		located:        make([]bool, len(groupOf)),
		timeline:       make([]TimelineBin, int(math.Ceil(hours))),
		sensitivePlan:  make([]int, len(sensitiveKinds)),
		sensitiveMade:  make([]int, len(sensitiveKinds)),
		planGK:         make([]int, len(groups)*len(sensitiveKinds)),
		madeGK:         make([]int, len(groups)*len(sensitiveKinds)),
	}
	for i := range c.timeline {
		c.timeline[i].Hour = i
	}
	for i, g := range groupOf {
		c.population[g]++
		if onWatchlist[i] {
			c.m.WantedTotal++
		}
	}
	return c
}

// Sighting records a citizen passing in view of an active camera; detected
// says whether a face probe came of it.
func (c *Collector) Sighting(citizen int, detected bool) {
	g := c.groupOf[citizen]
	c.m.Sightings++
	if !c.passed[citizen] {
		c.passed[citizen] = true
		c.tally[g].passers++
		if !c.onWatchlist[citizen] {
			c.tally[g].innocentPassers++
		} else {
			c.m.WantedPassed++
		}
	}
	if !detected {
		c.m.FacesMissed++
		return
	}
	c.m.FacesScanned++
	c.tally[g].scanned++
	if c.onWatchlist[citizen] {
		c.matedSearches++
	} else {
		c.tally[g].nonMated++
	}
}

// Alert records an alert on the probe of citizen at the given minute and
// place; correct says whether it named the right person. It returns the
// alert's index, for Reviewed and Stopped.
func (c *Collector) Alert(citizen int, minute, x, y float64, correct bool) int {
	g := c.groupOf[citizen]
	c.m.Alerts++
	if correct {
		c.m.TrueAlerts++
		if !c.trulyAlerted[citizen] {
			c.trulyAlerted[citizen] = true
			c.m.WantedAlerted++
		}
	} else {
		c.m.FalseAlerts++
		if c.onWatchlist[citizen] {
			// A wanted person named as someone else: not a non-mated search.
			c.falseOnWanted++
		} else {
			c.tally[g].falseAlerts++
		}
		if !c.onWatchlist[citizen] && !c.falselyAlerted[citizen] {
			c.falselyAlerted[citizen] = true
			c.tally[g].falselyAlerted++
		}
	}
	c.bin(minute, correct, false)
	c.alerts = append(c.alerts, AlertPoint{Minute: minute, X: x, Y: y, True: correct, Group: c.groups[g], Day: c.day})
	return len(c.alerts) - 1
}

// Reviewed records a human operator's verdict on an alert.
func (c *Collector) Reviewed(alert int, confirmed bool) {
	if !confirmed {
		return
	}
	c.m.Confirmed++
	if !c.alerts[alert].True {
		c.m.ConfirmedFalse++
	}
}

// Stopped records that the person behind an alert was stopped by officers.
// A true stop locates a wanted person (the first time only).
func (c *Collector) Stopped(alert, citizen int, minute float64) {
	a := &c.alerts[alert]
	a.Stopped = true
	c.m.Stops++
	c.bin(minute, a.True, true)
	if !a.True {
		c.m.FalseStops++
		c.tally[c.groupOf[citizen]].falseStops++
		return
	}
	c.Located(citizen, minute)
}

// Located records that a wanted citizen was found at the given minute, by a
// live stop or a retrospective search; repeats are ignored.
func (c *Collector) Located(citizen int, minute float64) {
	if c.located[citizen] {
		return
	}
	c.located[citizen] = true
	c.m.WantedLocated++
	c.locateMinutes = append(c.locateMinutes, minute)
}

// Retained records person-location records kept, and for how many days.
func (c *Collector) Retained(records int, days float64) {
	c.m.RecordsRetained += records
	c.m.RecordDays += float64(records) * days
	c.m.RetentionDays = math.Max(c.m.RetentionDays, days)
}

// SensitiveVisit records a planned visit to a sensitive place of the given
// kind (an index into the kinds given to NewCollector), and whether the
// citizen made it.
func (c *Collector) SensitiveVisit(citizen, kind int, made bool) {
	g := c.groupOf[citizen]
	c.sensitivePlan[kind]++
	c.tally[g].sensitivePlanned++
	c.planGK[g*len(c.kinds)+kind]++
	if made {
		c.sensitiveMade[kind]++
		c.tally[g].sensitiveMade++
		c.madeGK[g*len(c.kinds)+kind]++
	}
}

// Response is what a citizen did about a sensitive visit they felt watched on.
type Response uint8

// The responses to feeling watched.
const (
	Skip Response = iota
	Reschedule
	Reroute
	Cover
)

// Responded records a response, and for a detour its extra distance.
func (c *Collector) Responded(r Response, extraM float64) {
	switch r {
	case Skip:
		c.behaviour.Skipped++
	case Reschedule:
		c.behaviour.Rescheduled++
	case Reroute:
		c.behaviour.Rerouted++
	case Cover:
		c.behaviour.Covered++
	}
	c.behaviour.ExtraDistanceM += extraM
}

// Detour adds the extra distance of a later trip made by an avoiding route.
func (c *Collector) Detour(extraM float64) { c.behaviour.ExtraDistanceM += extraM }

// CoveredSighting records that a live sighting's face was covered.
func (c *Collector) CoveredSighting() { c.covered++ }

// SetAttendance stores the attendance series of the sensitive places.
func (c *Collector) SetAttendance(a []Attendance) { c.behaviour.Attendance = a }

func (c *Collector) bin(minute float64, correct, stop bool) {
	h := int(minute / 60)
	if h < 0 || h >= len(c.timeline) {
		return
	}
	switch {
	case stop:
		c.timeline[h].Stops++
	case correct:
		c.timeline[h].TrueAlerts++
	default:
		c.timeline[h].FalseAlerts++
	}
}

// Finish computes the regime's metrics from what was collected. It returns
// the metrics, the alerts in time order, the hourly timeline and the
// sensitive visits by kind.
func (c *Collector) Finish() (RegimeMetrics, []AlertPoint, []TimelineBin, []SensitiveKind) {
	m := c.m
	var innocentPassers, falselyAlerted, nonMated int
	for gi, t := range c.tally {
		m.PassersBy += t.passers
		innocentPassers += t.innocentPassers
		falselyAlerted += t.falselyAlerted
		nonMated += t.nonMated
		m.SensitiveVisits += t.sensitiveMade
		m.BaselineSensitiveVisits += t.sensitivePlanned
		m.ByGroup = append(m.ByGroup, c.groupMetrics(gi))
	}
	m.FalseAlertShare = NewRate(m.FalseAlerts, m.Alerts)
	m.FPIRPerFace = NewRate(m.FalseAlerts-c.falseOnWanted, nonMated)
	m.FPIRPerPasser = NewRate(falselyAlerted, innocentPassers)
	m.TPIR = NewRate(m.TrueAlerts, c.matedSearches)
	m.InnocentStoppedPer100k = per100k(m.FalseStops, innocentPassers)
	if med, ok := Median(c.locateMinutes); ok {
		m.MedianMinutesToLocate = &med
	}
	m.SensitiveVisitChange = change(m.SensitiveVisits, m.BaselineSensitiveVisits)
	m.FPIRDifferential = differential(m.ByGroup, func(g GroupMetrics) float64 { return g.FPIR })
	m.FalseStopDifferential = differential(m.ByGroup, func(g GroupMetrics) float64 { return g.FalseStopsPer100k })

	alerts := append([]AlertPoint(nil), c.alerts...)
	sort.SliceStable(alerts, func(i, j int) bool {
		if alerts[i].Day != alerts[j].Day {
			return alerts[i].Day < alerts[j].Day
		}
		return alerts[i].Minute < alerts[j].Minute
	})
	kinds := make([]SensitiveKind, len(c.kinds))
	for k, name := range c.kinds {
		kinds[k] = SensitiveKind{Kind: name, Visits: c.sensitiveMade[k], Baseline: c.sensitivePlan[k],
			Change: change(c.sensitiveMade[k], c.sensitivePlan[k])}
	}
	return m, alerts, append([]TimelineBin(nil), c.timeline...), kinds
}

// FinishBehaviour returns how citizens responded to the regime.
func (c *Collector) FinishBehaviour() Behaviour {
	b := c.behaviour
	b.CoveredShare = NewRate(c.covered, c.m.Sightings)
	for g, group := range c.groups {
		for k, kind := range c.kinds {
			planned, made := c.planGK[g*len(c.kinds)+k], c.madeGK[g*len(c.kinds)+k]
			r := NewRate(planned-made, planned)
			b.Chilling = append(b.Chilling, ChillingCell{Group: group, Kind: kind, Planned: planned, Made: made, Index: r.Value, CI: r.CI})
		}
	}
	return b
}

func (c *Collector) groupMetrics(gi int) GroupMetrics {
	t := c.tally[gi]
	fpir := NewRate(t.falseAlerts, t.nonMated)
	return GroupMetrics{
		Group:                   c.groups[gi],
		Population:              c.population[gi],
		PassersBy:               t.passers,
		FacesScanned:            t.scanned,
		NonMatedSearches:        t.nonMated,
		FalseAlerts:             t.falseAlerts,
		FalseStops:              t.falseStops,
		FPIR:                    fpir.Value,
		FPIRCI:                  fpir.CI,
		FPIRPerPasser:           NewRate(t.falselyAlerted, t.innocentPassers),
		FalseStopsPer100k:       per100k(t.falseStops, t.innocentPassers),
		SensitiveVisits:         t.sensitiveMade,
		BaselineSensitiveVisits: t.sensitivePlanned,
	}
}

func per100k(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return 1e5 * float64(k) / float64(n)
}

// change is the relative change of made against planned: -0.2 is a 20% drop.
func change(made, planned int) float64 {
	if planned == 0 {
		return 0
	}
	return float64(made-planned) / float64(planned)
}

// differential is the ratio of the highest group value to the lowest, the
// habit of NISTIR 8280. It is nil when it is undefined (fewer than two
// groups with data, or a lowest value of zero).
func differential(gs []GroupMetrics, value func(GroupMetrics) float64) *float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	n := 0
	for _, g := range gs {
		if g.NonMatedSearches == 0 {
			continue
		}
		v := value(g)
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		n++
	}
	if n < 2 || lo <= 0 {
		return nil
	}
	r := hi / lo
	return &r
}

func sortFloats(s []float64) { sort.Float64s(s) }

// AlertTrue says whether alert a named the right person.
func (c *Collector) AlertTrue(a int) bool { return c.alerts[a].True }

// AlertsSince returns the alerts raised at or after a minute, for live views.
func (c *Collector) AlertsSince(minute float64) []AlertPoint {
	var out []AlertPoint
	for _, a := range c.alerts {
		if a.Minute >= minute {
			out = append(out, a)
		}
	}
	return out
}

// Running returns the running totals so far.
func (c *Collector) Running() RunningTotals {
	return RunningTotals{FacesScanned: c.m.FacesScanned, Alerts: c.m.Alerts, TrueAlerts: c.m.TrueAlerts,
		FalseAlerts: c.m.FalseAlerts, Stops: c.m.Stops, FalseStops: c.m.FalseStops, Located: c.m.WantedLocated}
}

// RunningTotals are a regime's counts so far.
type RunningTotals struct {
	FacesScanned, Alerts, TrueAlerts, FalseAlerts, Stops, FalseStops, Located int
}

// SetDay stamps the alerts that follow with a day of a run of several days
// (from 1); the timeline's hours then add up over the days.
func (c *Collector) SetDay(day int) { c.day = day }

// Visits returns the sensitive visits planned and made so far.
func (c *Collector) Visits() (planned, made int) {
	for _, t := range c.tally {
		planned += t.sensitivePlanned
		made += t.sensitiveMade
	}
	return planned, made
}
