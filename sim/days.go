package sim

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"vigie/metrics"
	"vigie/policy"
)

// minutesPerDay is a calendar day: a run's day may simulate fewer hours
// (Config.Hours), but news fades and retention counts in calendar days.
const minutesPerDay = 24 * 60

// regimeSetup is a compiled regime and the thresholds it runs at.
type regimeSetup struct {
	rules *policy.Rules
	th    Thresholds
}

// days is a world's state across the days of a run: which regime holds
// each day, what the public believes of the cameras, the records held
// under each day's retention rules and the figures of the days gone by.
type days struct {
	// name is the world's: its regime's, or its schedule's; description
	// is the schedule's.
	name, description string
	setups            []regimeSetup
	// byDay[d] is the regime (an index into setups, and the recognizer's
	// list) in force on day d, counting from 0.
	byDay []int
	day   int
	// dayStart is the minute since the run began at which today began.
	dayStart float64
	// belief is the publicity that weighs on citizens' visits today.
	belief float64
	// marks are the running totals when today began.
	marks   dayMarks
	batches []retainedBatch
	figures []metrics.DayFigures
}

// dayMarks are running totals, to tell one day's counts from the run's.
type dayMarks struct {
	totals                        metrics.RunningTotals
	planned, made                 int
	liveFaces, liveAlerts, stored int
	batches                       int
}

// retainedBatch is the face records of one kind made on one day, kept for
// the days the regime then in force retains them.
type retainedBatch struct {
	day     int
	records int
	days    float64
}

// schedulePlan returns the regime in force on each of n days for a
// schedule, given the index of each regime by name.
func schedulePlan(s Schedule, n int, index map[string]int) ([]int, error) {
	first, ok := index[s.Start]
	if !ok {
		return nil, fmt.Errorf("schedule %s: start regime %q is not among the scenario's regimes", s.Name, s.Start)
	}
	plan := make([]int, n)
	for d := range plan {
		plan[d] = first
	}
	last := 1
	for _, c := range s.Changes {
		k, ok := index[c.Regime]
		if !ok {
			return nil, fmt.Errorf("schedule %s: regime %q (day %d) is not among the scenario's regimes", s.Name, c.Regime, c.Day)
		}
		if c.Day <= last || c.Day > n {
			return nil, fmt.Errorf("schedule %s: day %d must come after day %d and no later than day %d", s.Name, c.Day, last, n)
		}
		for d := c.Day - 1; d < n; d++ {
			plan[d] = k
		}
		last = c.Day
	}
	return plan, nil
}

func constantPlan(regime, n int) []int {
	plan := make([]int, n)
	for d := range plan {
		plan[d] = regime
	}
	return plan
}

// distinct returns the values of xs, each once, in order of first
// appearance.
func distinct(xs []int) []int {
	var out []int
	for _, x := range xs {
		seen := false
		for _, y := range out {
			seen = seen || x == y
		}
		if !seen {
			out = append(out, x)
		}
	}
	return out
}

// dayKey is the key of the common random numbers of visits on a day: the
// seed itself on the first day, so that a one-day run draws as it always
// has; every world shares it, so regimes still differ by their effect.
func dayKey(seed uint64, day int) uint64 {
	if day == 0 {
		return seed
	}
	return uint64(uniform(seed, uint64(day), 0x646179) * (1 << 53))
}

// nextDay closes today and sets the world up for the next: citizens start
// again from home, stays in progress end, follow-up stops and searches
// due later keep their time, and the regime of the new day comes in.
func (w *world) nextDay() {
	w.closeDay()
	end := w.cfg.Hours * 60
	for i := range w.agents {
		if a := &w.agents[i]; a.stayKind >= 0 {
			w.attend(a.stayKind, a.arrived, end)
		}
	}
	w.day++
	w.dayStart = float64(w.day) * minutesPerDay
	w.chill = dayKey(w.cfg.Seed, w.day)
	w.col.SetDay(w.day + 1)
	w.homeAgents()
	for k := range w.pending {
		w.pending[k].minute -= minutesPerDay
	}
	// Searched footage is done with: only its count is kept (batches).
	w.footage = append(w.footage[:0], w.footage[w.searched:]...)
	w.searched = 0
	w.enterRegime(w.byDay[w.day])
}

// enterRegime puts a day's regime in force and moves the public's belief
// towards its publicity: fast when it is harsher than believed, slowly
// when it is milder (behaviour.trust).
func (w *world) enterRegime(k int) {
	if k != w.index {
		w.index = k
		w.rules, w.th = w.setups[k].rules, w.setups[k].th
		w.beh.setActive(w.rules)
	}
	target := w.rules.Regime.Publicity
	tr := w.cfg.Behaviour.Trust
	if target > w.belief {
		w.belief += tr.LossPerDay * (target - w.belief)
	} else {
		w.belief -= tr.RecoveryPerDay * (w.belief - target)
	}
	r := w.rules.Regime.Retrospective
	switch {
	case !r.Enabled:
		w.nextSearch = math.Inf(1)
		w.footage = w.footage[:0]
	case !math.IsInf(w.nextSearch, 1):
		// A search still to come keeps its time.
		w.nextSearch -= minutesPerDay
	default:
		// A regime that searched once and is done, or one just come in,
		// searches the new day's footage once its warrant's delay has run.
		w.nextSearch = 60 * r.AuthorisationDelayHours
	}
}

// closeDay records today's figures and the records made today, once.
func (w *world) closeDay() {
	if len(w.figures) > w.day {
		return
	}
	ret := w.rules.Regime.Retention
	live, alerts, stored := w.liveFaces-w.marks.liveFaces, w.liveAlerts-w.marks.liveAlerts, w.recorded-w.marks.stored
	keep := func(records int, days float64) {
		w.batches = append(w.batches, retainedBatch{day: w.day, records: records, days: days})
	}
	if w.rules.Regime.Live.Enabled {
		keep(alerts, ret.MatchDays)
		if ret.NonMatchDays > 0 {
			keep(live-alerts, ret.NonMatchDays)
		}
	}
	if stored > 0 && ret.FootageDays > 0 {
		keep(stored, ret.FootageDays)
	}
	now := w.col.Running()
	planned, made := w.col.Visits()
	was := w.marks.totals
	fig := metrics.DayFigures{Day: w.day + 1, Regime: w.rules.Regime.Name,
		FacesScanned: now.FacesScanned - was.FacesScanned, Alerts: now.Alerts - was.Alerts,
		TrueAlerts: now.TrueAlerts - was.TrueAlerts, FalseAlerts: now.FalseAlerts - was.FalseAlerts,
		Stops: now.Stops - was.Stops, FalseStops: now.FalseStops - was.FalseStops, WantedLocated: now.Located - was.Located,
		SensitivePlanned: planned - w.marks.planned, SensitiveMade: made - w.marks.made, Belief: w.belief}
	if fig.SensitivePlanned > 0 {
		fig.Chilling = 1 - float64(fig.SensitiveMade)/float64(fig.SensitivePlanned)
	}
	for _, b := range w.batches[w.marks.batches:] {
		fig.RecordsNew += b.records
	}
	fig.RecordsHeld = w.recordsHeld(w.day)
	w.figures = append(w.figures, fig)
	w.marks = dayMarks{totals: now, planned: planned, made: made, liveFaces: w.liveFaces, liveAlerts: w.liveAlerts,
		stored: w.recorded, batches: len(w.batches)}
}

// recordsHeld counts the records held at the end of a day: a record made
// on day b is held at the end of day d while d - b is under its retention
// in days (a record kept 0 days is never held overnight).
func (w *world) recordsHeld(d int) int {
	held := 0
	for _, b := range w.batches {
		if b.day <= d && float64(d-b.day) < b.days {
			held += b.records
		}
	}
	return held
}

// describeDays adds the day-by-day figures, and a schedule's regimes, to a
// result of a run of several days; a one-day result is left as it was.
func (w *world) describeDays(res *metrics.RegimeResult) {
	if len(w.byDay) < 2 {
		return
	}
	res.Days = w.figures
	if res.Name == w.name {
		return
	}
	res.Name = w.name
	var stretches []string
	for d, k := range w.byDay {
		if d == 0 || k != w.byDay[d-1] {
			res.Schedule = append(res.Schedule, metrics.RegimeChange{Day: d + 1, Regime: w.setups[k].rules.Regime.Name})
			stretches = append(stretches, fmt.Sprintf("%s from day %d", w.setups[k].rules.Regime.Name, d+1))
		}
	}
	res.Description = cmp.Or(w.description, strings.Join(stretches, "; ")+".")
	// The world is described by the most searching of its regimes: live if
	// any was, with the largest watchlist and that regime's threshold.
	res.Live, res.Sources = false, nil
	most := -1
	for _, k := range distinct(w.byDay) {
		r := w.setups[k]
		res.Live = res.Live || r.rules.Regime.Live.Enabled
		res.Sources = append(res.Sources, r.rules.Regime.Sources...)
		if most < 0 || r.rules.WatchlistSize > w.setups[most].rules.WatchlistSize {
			most = k
		}
	}
	res.Watchlist, res.Threshold = w.setups[most].rules.WatchlistSize, w.setups[most].th.Global
}
