package report

import (
	"math"

	"vigie/metrics"
)

// Captions: one plain sentence per chart, computed from the results. Every
// generator reads right for the cases that make careless sentences say
// nonsense: nothing scanned, nobody located, ties, a single regime, no
// alert, every alert false (TestDegenerateCaptions feeds each of them, in
// every language).

// scanning returns the regimes that scanned at least one face.
func scanning(rs []metrics.RegimeResult) []metrics.RegimeResult {
	var out []metrics.RegimeResult
	for _, r := range rs {
		if r.Metrics.FacesScanned > 0 {
			out = append(out, r)
		}
	}
	return out
}

// busiest returns the index of the regime with the most alerts (the first
// on ties), or -1 when no regime raised any.
func busiest(rs []metrics.RegimeResult) int {
	best := -1
	for i, r := range rs {
		if r.Metrics.Alerts > 0 && (best < 0 || r.Metrics.Alerts > rs[best].Metrics.Alerts) {
			best = i
		}
	}
	return best
}

// falseShareSentence is the headline: "Under “mass”, 5 in 10 alerts pointed
// at the wrong person (206 of 437)."
func (in tongue) falseShareSentence(r metrics.RegimeResult) string {
	m, name := r.Metrics, in.quote(r.Name)
	switch {
	case m.Alerts == 0:
		return in.T("headline.no_alert", name)
	case m.Alerts == 1 && m.FalseAlerts == 1:
		return in.T("headline.only_false", name)
	case m.Alerts == 1:
		return in.T("headline.only_true", name)
	case m.Alerts == 2 && m.FalseAlerts == 2:
		return in.T("headline.both_false", name)
	case m.FalseAlerts == m.Alerts:
		return in.T("headline.all_false", name, in.count(m.Alerts))
	case m.FalseAlerts == 0:
		return in.T("headline.none_false", name, in.count(m.Alerts))
	}
	return in.T("headline.share", name, in.inTen(float64(m.FalseAlerts)/float64(m.Alerts)), in.count(m.FalseAlerts), in.count(m.Alerts))
}

// names quotes regimes' names for running text: "“a”", "“a” and “b”".
func (in tongue) names(rs []metrics.RegimeResult) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = in.quote(r.Name)
	}
	return in.list(q)
}

// theRegimes says "the “a” regime" or "the “a” and “b” regimes".
func (in tongue) theRegimes(rs []metrics.RegimeResult) string {
	return in.T("fmt.the_regimes", len(rs), in.names(rs))
}

// outOf says how many of the wanted persons on the lists were located:
// "12 of 20", or for several regimes "12 of 20 each" or "12 of 20 and
// 12 of 45".
func (in tongue) outOf(rs []metrics.RegimeResult) string {
	same := true
	for _, r := range rs {
		same = same && r.Metrics.WantedTotal == rs[0].Metrics.WantedTotal
	}
	m := rs[0].Metrics
	if same {
		if len(rs) > 1 {
			return in.T("fmt.out_of_each", in.count(m.WantedLocated), in.count(m.WantedTotal))
		}
		return in.T("fmt.out_of", in.count(m.WantedLocated), in.count(m.WantedTotal))
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = in.T("fmt.out_of", in.count(r.Metrics.WantedLocated), in.count(r.Metrics.WantedTotal))
	}
	return in.list(parts)
}

// where keeps the regimes for which keep is true.
func where(rs []metrics.RegimeResult, keep func(metrics.RegimeMetrics) bool) []metrics.RegimeResult {
	var out []metrics.RegimeResult
	for _, r := range rs {
		if keep(r.Metrics) {
			out = append(out, r)
		}
	}
	return out
}

// regimesCaption contrasts the regimes that located the most wanted
// persons with those that made the fewest stops of innocent people.
func (in tongue) regimesCaption(rs []metrics.RegimeResult) string {
	sc := scanning(rs)
	if len(sc) == 0 {
		return in.T("regimes.none_scanned")
	}
	if len(sc) == 1 {
		r := sc[0]
		name, stops := in.quote(r.Name), in.madeStops(r.Metrics.FalseStops)
		switch {
		case r.Metrics.WantedLocated == 0 && len(rs) > 1:
			return in.T("regimes.only_single_none", r.Metrics.WantedTotal, name, stops)
		case r.Metrics.WantedLocated == 0:
			return in.T("regimes.single_none", r.Metrics.WantedTotal, name, stops)
		case len(rs) > 1:
			return in.T("regimes.only_single", name, in.outOf(sc), stops)
		}
		return in.T("regimes.single", name, in.outOf(sc), stops)
	}
	mostLocated, fewestStops := 0, math.MaxInt
	for _, r := range sc {
		mostLocated = max(mostLocated, r.Metrics.WantedLocated)
		fewestStops = min(fewestStops, r.Metrics.FalseStops)
	}
	if mostLocated == 0 {
		stoppers := where(sc, func(m metrics.RegimeMetrics) bool { return m.FalseStops > 0 })
		switch len(stoppers) {
		case 0:
			return in.T("regimes.nobody_no_stops")
		case 1:
			return in.T("regimes.nobody_one_stopper", in.theRegimes(stoppers), in.madeStops(stoppers[0].Metrics.FalseStops))
		}
		parts := make([]string, len(stoppers))
		for i, r := range stoppers {
			parts[i] = in.T("fmt.name_count", in.quote(r.Name), in.count(r.Metrics.FalseStops))
		}
		return in.T("regimes.nobody_stoppers", in.list(parts))
	}
	best := where(sc, func(m metrics.RegimeMetrics) bool { return m.WantedLocated == mostLocated })
	fewestAmongBest := math.MaxInt
	for _, r := range best {
		fewestAmongBest = min(fewestAmongBest, r.Metrics.FalseStops)
	}
	best = where(best, func(m metrics.RegimeMetrics) bool { return m.FalseStops == fewestAmongBest })
	who := sentence(in.theRegimes(best))
	if fewestAmongBest == fewestStops {
		if fewestStops == 0 {
			return in.T("regimes.best_none_stopped", len(best), who, in.outOf(best))
		}
		return in.T("regimes.best_fewest", len(best), who, in.outOf(best), in.count(fewestStops))
	}
	gentle := where(sc, func(m metrics.RegimeMetrics) bool { return m.FalseStops == fewestStops })
	tiedOnStops := len(gentle)
	mostAmongGentle := 0
	for _, r := range gentle {
		mostAmongGentle = max(mostAmongGentle, r.Metrics.WantedLocated)
	}
	gentle = where(gentle, func(m metrics.RegimeMetrics) bool { return m.WantedLocated == mostAmongGentle })
	fewest := in.T("regimes.fewest_none")
	if fewestStops > 0 {
		fewest = in.count(fewestStops)
	}
	gentleClause := in.T("regimes.gentle_none", len(gentle), in.theRegimes(gentle), fewest)
	switch {
	case mostAmongGentle > 0 && tiedOnStops > len(gentle):
		// Several regimes share the fewest stops: name the one(s) among
		// them that located the most, and say it was chosen among them.
		// With no stop at all, "the fewest such stops (none)" would read as a
		// regime named none: say that these regimes stopped nobody.
		gentleClause = in.T("regimes.gentle_found_among", len(gentle), in.theRegimes(gentle), fewest, in.outOf(gentle), tiedOnStops)
		if fewestStops == 0 {
			gentleClause = in.T("regimes.gentle_found_among_unstopped", len(gentle), in.theRegimes(gentle), fewest, in.outOf(gentle), tiedOnStops)
		}
	case mostAmongGentle > 0:
		gentleClause = in.T("regimes.gentle_found", len(gentle), in.theRegimes(gentle), fewest, in.outOf(gentle))
	}
	return in.T("regimes.best_vs_gentle", len(best), who, in.outOf(best), in.stopsOf(fewestAmongBest), gentleClause)
}

// frontier returns the indices of the points no other point beats on both
// security (more located) and liberty (fewer innocent stops).
func frontier(pts []point) []int {
	var out []int
	for i, p := range pts {
		dominated := false
		for j, q := range pts {
			if j != i && q.located >= p.located && q.stopped <= p.stopped && (q.located > p.located || q.stopped < p.stopped) {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, i)
		}
	}
	return out
}

// point is one regime (or sweep point) on the trade-off chart.
type point struct {
	name             string
	located, stopped int
	records          int
	sweep            bool
}

// spot is one place on the trade-off chart and the regimes standing there.
type spot struct {
	names            []string
	located, stopped int
}

// frontierSpots groups the frontier's regimes by where they stand, in the
// order they first appear; names come quoted.
func (in tongue) frontierSpots(regimes []point) []spot {
	var out []spot
	at := map[[2]int]int{}
	for _, i := range frontier(regimes) {
		p := regimes[i]
		k := [2]int{p.located, p.stopped}
		if j, ok := at[k]; ok {
			out[j].names = append(out[j].names, in.quote(p.name))
			continue
		}
		at[k] = len(out)
		out = append(out, spot{names: []string{in.quote(p.name)}, located: p.located, stopped: p.stopped})
	}
	return out
}

// spotName says "“a”" or "“a” (or “b”, at the same point)".
func (in tongue) spotName(s spot) string {
	if len(s.names) == 1 {
		return s.names[0]
	}
	return in.T("frontier.same_point", s.names[0], in.list(s.names[1:]))
}

func (in tongue) frontierCaption(pts []point) string {
	var regimes []point
	for _, p := range pts {
		if !p.sweep {
			regimes = append(regimes, p)
		}
	}
	switch len(regimes) {
	case 0:
		return in.T("frontier.none")
	case 1:
		p := regimes[0]
		return in.T("frontier.one", p.located, in.quote(p.name), in.madeStops(p.stopped), in.T("n.wanted", p.located))
	}
	spots := in.frontierSpots(regimes)
	if len(spots) == 1 {
		s := spots[0]
		who := in.T("fmt.the_regimes", len(s.names), in.list(s.names))
		if s.located == 0 {
			if s.stopped == 0 {
				return in.T("frontier.nobody_no_stops", len(s.names), who)
			}
			return in.T("frontier.nobody_fewest", len(s.names), who, in.count(s.stopped))
		}
		if len(s.names) == len(regimes) {
			return in.T("frontier.all_same", len(regimes), in.T("n.wanted_located", s.located), in.stopsOf(s.stopped))
		}
		return in.T("frontier.dominates", len(s.names), sentence(who), in.T("n.wanted_located", s.located), in.stopsOf(s.stopped))
	}
	most, least := spots[0], spots[0]
	var all []string
	for _, s := range spots {
		all = append(all, s.names...)
		if s.located > most.located {
			most = s
		}
		if s.stopped < least.stopped {
			least = s
		}
	}
	return in.T("frontier.tradeoff", in.spotName(least), in.spotName(most), in.T("n.more_wanted", most.located-least.located),
		in.T("n.more_stops", most.stopped-least.stopped), in.list(all))
}

// groupSpread is the largest ratio between two groups' false positive
// identification rates under one regime.
type groupSpread struct {
	regime       string
	high, low    metrics.GroupMetrics
	ratio        float64
	comparable   bool
	falseMatches int
}

func widestSpread(rs []metrics.RegimeResult) groupSpread {
	var best groupSpread
	for _, r := range rs {
		gs := r.Metrics.ByGroup
		var hi, lo *metrics.GroupMetrics
		searched := 0
		for i := range gs {
			g := &gs[i]
			if g.NonMatedSearches == 0 {
				continue
			}
			searched++
			if hi == nil || g.FPIR > hi.FPIR {
				hi = g
			}
			if lo == nil || g.FPIR < lo.FPIR {
				lo = g
			}
		}
		if searched < 2 || lo.FPIR <= 0 {
			if hi != nil && r.Metrics.FalseAlerts > best.falseMatches && !best.comparable {
				best = groupSpread{regime: r.Name, falseMatches: r.Metrics.FalseAlerts}
				if searched >= 2 {
					best.high, best.low = *hi, *lo
				}
			}
			continue
		}
		ratio := hi.FPIR / lo.FPIR
		if !best.comparable || ratio > best.ratio {
			best = groupSpread{regime: r.Name, high: *hi, low: *lo, ratio: ratio, comparable: true, falseMatches: r.Metrics.FalseAlerts}
		}
	}
	return best
}

func (in tongue) groupsCaption(rs []metrics.RegimeResult) string {
	s := widestSpread(rs)
	if !s.comparable {
		if s.falseMatches == 0 {
			return in.T("groups.no_false_match")
		}
		if s.high.Group == "" {
			return in.T("groups.one_group", in.quote(s.regime))
		}
		// The lowest group had none: its rate is a bound, not a number.
		return in.T("groups.bound", s.falseMatches, in.quote(s.regime), s.high.Group, in.percent(s.high.FPIR), in.count(s.high.FalseAlerts),
			in.count(s.high.NonMatedSearches), s.low.Group, in.count(s.low.NonMatedSearches))
	}
	if s.ratio < 1.05 {
		return in.T("groups.same", in.quote(s.regime), in.percent(s.low.FPIR), in.percent(s.high.FPIR))
	}
	args := []any{in.quote(s.regime), s.high.Group, in.times(s.ratio), s.low.Group, in.percent(s.high.FPIR), in.percent(s.low.FPIR)}
	if s.high.FPIRCI[0] <= s.low.FPIRCI[1] {
		return in.T("groups.ratio_overlap", args...)
	}
	return in.T("groups.ratio_apart", args...)
}

// funnelCaption follows the busiest regime's faces to its stops. Faces,
// alerts and stops count events (one person can be scanned, flagged and
// stopped more than once); wanted persons found count people.
func (in tongue) funnelCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return in.T("funnel.no_alert")
	}
	m := rs[i].Metrics
	name, faces, alerts := in.quote(rs[i].Name), in.T("n.faces_scanned", m.FacesScanned), in.T("n.alerts", m.Alerts)
	if m.Stops == 0 {
		return in.T("funnel.no_stop", name, faces, alerts)
	}
	trueStops := m.Stops - m.FalseStops
	stops, innocent := in.T("n.stops", m.Stops), in.stopsOf(m.FalseStops)
	switch {
	case trueStops == 0:
		return in.T("funnel.none_wanted", name, faces, alerts, stops, innocent)
	case trueStops == m.WantedLocated:
		return in.T("funnel.found", name, faces, alerts, stops, innocent, in.T("n.stops_found", trueStops), in.T("n.wanted", m.WantedLocated))
	}
	return in.T("funnel.repeat", name, faces, alerts, stops, innocent, in.T("n.stops_wanted", trueStops), in.T("n.different_people", m.WantedLocated))
}

func (in tongue) mapCaption(rs []metrics.RegimeResult, cameras int) string {
	i := busiest(rs)
	if i < 0 {
		return in.T("map.no_alert", cameras)
	}
	places := map[[2]float64]bool{}
	var falses, trues int
	for _, a := range rs[i].Alerts {
		places[[2]float64{math.Round(a.X), math.Round(a.Y)}] = true
		if a.True {
			trues++
		} else {
			falses++
		}
	}
	return in.T("map.alerts", in.quote(rs[i].Name), in.T("n.false_alerts", falses), in.T("n.true_alerts", trues),
		in.T("n.spots", len(places)), in.T("n.cameras", cameras))
}

// hourSpan names one hour of the day: "08:00–09:00".
func hourSpan(h int) string { return twoDigits(h) + ":00–" + twoDigits((h+1)%24) + ":00" }

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func (in tongue) timelineCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return in.T("timeline.no_alert")
	}
	var peaks []metrics.TimelineBin
	top := 0
	for _, b := range rs[i].Timeline {
		n := b.TrueAlerts + b.FalseAlerts
		switch {
		case n > top:
			top, peaks = n, []metrics.TimelineBin{b}
		case n == top && n > 0:
			peaks = append(peaks, b)
		}
	}
	name := in.quote(rs[i].Name)
	if top == 0 {
		return in.T("timeline.outside", name)
	}
	if top == 1 {
		return in.fewAlertsTimeline(rs[i])
	}
	falses := 0
	var spans []string
	for _, b := range peaks {
		falses += b.FalseAlerts
		spans = append(spans, hourSpan(b.Hour))
	}
	which := in.T("timeline.k_false", falses)
	switch falses {
	case 0:
		which = in.T("timeline.none_false")
	case top * len(peaks):
		which = in.T("timeline.all_false")
	}
	switch {
	case len(peaks) == 1:
		return in.T("timeline.peak", name, twoDigits(peaks[0].Hour)+":00", twoDigits((peaks[0].Hour+1)%24)+":00", in.T("n.alerts", top), which)
	case len(peaks) > 3:
		return in.T("timeline.flat", name, in.count(len(peaks)), in.T("n.alerts", top))
	}
	return in.T("timeline.peaks", name, in.list(spans), in.T("n.alerts", top), which)
}

// fewAlertsTimeline speaks of a day with at most one alert in any hour,
// where no hour can be said to peak.
func (in tongue) fewAlertsTimeline(r metrics.RegimeResult) string {
	var spans []string
	falses, n := 0, 0
	for _, b := range r.Timeline {
		if b.TrueAlerts+b.FalseAlerts > 0 {
			spans = append(spans, hourSpan(b.Hour))
			falses += b.FalseAlerts
			n += b.TrueAlerts + b.FalseAlerts
		}
	}
	name := in.quote(r.Name)
	which := in.T("timeline.k_false_short", falses)
	switch {
	case n == 1 && falses == 1:
		return in.T("timeline.only_false", name, spans[0])
	case n == 1:
		return in.T("timeline.only_true", name, spans[0])
	case falses == n && n == 2:
		which = in.T("timeline.both_false")
	case falses == n:
		which = in.T("timeline.all_false_short")
	case falses == 0 && n == 2:
		which = in.T("timeline.both_true")
	case falses == 0:
		which = in.T("timeline.none_false_short")
	}
	if len(spans) > 4 {
		return in.T("timeline.scattered", name, in.count(n), in.count(len(spans)), which)
	}
	return in.T("timeline.one_an_hour", name, in.count(n), in.list(spans), which)
}

// madeStops says what a regime did to innocent people: "stopped no
// innocent person", "made 1 stop of an innocent person", "made 90 stops of
// innocent people". Stops are events: one person can be stopped twice.
func (in tongue) madeStops(n int) string { return in.T("n.made_stops", n) }

// stopsOf counts stops of innocent people: "no stop of an innocent person".
func (in tongue) stopsOf(n int) string { return in.T("n.innocent_stops", n) }
