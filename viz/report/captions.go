package report

import (
	"fmt"
	"math"

	"vigie/metrics"
)

// Captions: one plain sentence per chart, computed from the results. Every
// generator reads right for the cases that make careless sentences say
// nonsense: nothing scanned, nobody located, ties, a single regime, no
// alert, every alert false (TestDegenerateCaptions feeds each of them).

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
func falseShareSentence(r metrics.RegimeResult) string {
	m := r.Metrics
	switch {
	case m.Alerts == 0:
		return fmt.Sprintf("Under %s, no alert was raised.", quote(r.Name))
	case m.Alerts == 1 && m.FalseAlerts == 1:
		return fmt.Sprintf("Under %s, the only alert pointed at the wrong person.", quote(r.Name))
	case m.Alerts == 1:
		return fmt.Sprintf("Under %s, the only alert pointed at a wanted person.", quote(r.Name))
	case m.Alerts == 2 && m.FalseAlerts == 2:
		return fmt.Sprintf("Under %s, both alerts pointed at the wrong person.", quote(r.Name))
	case m.FalseAlerts == m.Alerts:
		return fmt.Sprintf("Under %s, every one of the %s alerts pointed at the wrong person.", quote(r.Name), count(m.Alerts))
	case m.FalseAlerts == 0:
		return fmt.Sprintf("Under %s, none of the %s alerts pointed at the wrong person.", quote(r.Name), count(m.Alerts))
	}
	return fmt.Sprintf("Under %s, %s alerts pointed at the wrong person (%s of %s).",
		quote(r.Name), inTen(float64(m.FalseAlerts)/float64(m.Alerts)), count(m.FalseAlerts), count(m.Alerts))
}

// names quotes regimes' names for running text: "“a”", "“a” and “b”".
func names(rs []metrics.RegimeResult) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = quote(r.Name)
	}
	return list(q)
}

// theRegimes says "the “a” regime" or "the “a” and “b” regimes".
func theRegimes(rs []metrics.RegimeResult) string {
	if len(rs) == 1 {
		return "the " + names(rs) + " regime"
	}
	return "the " + names(rs) + " regimes"
}

// outOf says how many of the wanted persons on the lists were located:
// "12 of 20", or for several regimes "12 of 20 each" or "12 of 20 and
// 12 of 45".
func outOf(rs []metrics.RegimeResult) string {
	same := true
	for _, r := range rs {
		same = same && r.Metrics.WantedTotal == rs[0].Metrics.WantedTotal
	}
	m := rs[0].Metrics
	if same {
		s := fmt.Sprintf("%s of %s", count(m.WantedLocated), count(m.WantedTotal))
		if len(rs) > 1 {
			s += " each"
		}
		return s
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s of %s", count(r.Metrics.WantedLocated), count(r.Metrics.WantedTotal))
	}
	return list(parts)
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
func regimesCaption(rs []metrics.RegimeResult) string {
	sc := scanning(rs)
	if len(sc) == 0 {
		return "No regime scanned any face, so none located anyone and none stopped anyone."
	}
	if len(sc) == 1 {
		r := sc[0]
		lead := "The " + quote(r.Name) + " regime"
		if len(rs) > 1 {
			lead = "Only the " + quote(r.Name) + " regime scanned faces: it"
		}
		if r.Metrics.WantedLocated == 0 {
			return fmt.Sprintf("%s located none of the %s and %s.", lead, plural(r.Metrics.WantedTotal, "wanted person on its list", "wanted persons on its list"), madeStops(r.Metrics.FalseStops))
		}
		return fmt.Sprintf("%s located %s wanted persons and %s.", lead, outOf(sc), madeStops(r.Metrics.FalseStops))
	}
	mostLocated, fewestStops := 0, math.MaxInt
	for _, r := range sc {
		mostLocated = max(mostLocated, r.Metrics.WantedLocated)
		fewestStops = min(fewestStops, r.Metrics.FalseStops)
	}
	if mostLocated == 0 {
		s := "No regime located any wanted person"
		stoppers := where(sc, func(m metrics.RegimeMetrics) bool { return m.FalseStops > 0 })
		switch len(stoppers) {
		case 0:
			return s + ", and none stopped an innocent person."
		case 1:
			return fmt.Sprintf("%s, yet %s %s.", s, theRegimes(stoppers), madeStops(stoppers[0].Metrics.FalseStops))
		}
		parts := make([]string, len(stoppers))
		for i, r := range stoppers {
			parts[i] = fmt.Sprintf("%s (%s)", quote(r.Name), count(r.Metrics.FalseStops))
		}
		return fmt.Sprintf("%s, yet innocent people were stopped under %s.", s, list(parts))
	}
	best := where(sc, func(m metrics.RegimeMetrics) bool { return m.WantedLocated == mostLocated })
	fewestAmongBest := math.MaxInt
	for _, r := range best {
		fewestAmongBest = min(fewestAmongBest, r.Metrics.FalseStops)
	}
	best = where(best, func(m metrics.RegimeMetrics) bool { return m.FalseStops == fewestAmongBest })
	head := fmt.Sprintf("%s located the most wanted persons (%s)", sentence(theRegimes(best)), outOf(best))
	if fewestAmongBest == fewestStops {
		if fewestStops == 0 {
			return head + " and stopped no innocent person."
		}
		return fmt.Sprintf("%s and made the fewest stops of innocent people (%s).", head, count(fewestStops))
	}
	gentle := where(sc, func(m metrics.RegimeMetrics) bool { return m.FalseStops == fewestStops })
	mostAmongGentle := 0
	for _, r := range gentle {
		mostAmongGentle = max(mostAmongGentle, r.Metrics.WantedLocated)
	}
	gentle = where(gentle, func(m metrics.RegimeMetrics) bool { return m.WantedLocated == mostAmongGentle })
	fewest := "none"
	if fewestStops > 0 {
		fewest = count(fewestStops)
	}
	found := "located none of its wanted persons"
	if len(gentle) > 1 {
		found = "located none of theirs"
	}
	if mostAmongGentle > 0 {
		found = "located " + outOf(gentle)
	}
	return fmt.Sprintf("%s and %s; %s made the fewest such stops (%s) and %s.",
		head, madeStops(fewestAmongBest), theRegimes(gentle), fewest, found)
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
	name              string
	located, stopped  int
	records           int
	sweep             bool
	wantedTotal       int
	sensitiveChangePc float64
}

// spot is one place on the trade-off chart and the regimes standing there.
type spot struct {
	names            []string
	located, stopped int
}

// frontierSpots groups the frontier's regimes by where they stand, in the
// order they first appear.
func frontierSpots(regimes []point) []spot {
	var out []spot
	at := map[[2]int]int{}
	for _, i := range frontier(regimes) {
		p := regimes[i]
		k := [2]int{p.located, p.stopped}
		if j, ok := at[k]; ok {
			out[j].names = append(out[j].names, quote(p.name))
			continue
		}
		at[k] = len(out)
		out = append(out, spot{names: []string{quote(p.name)}, located: p.located, stopped: p.stopped})
	}
	return out
}

// theNames says "the “a” regime" or "the “a” and “b” regimes" of quoted
// names.
func theNames(quoted []string) string {
	if len(quoted) == 1 {
		return "the " + quoted[0] + " regime"
	}
	return "the " + list(quoted) + " regimes"
}

// spotName says "“a”" or "“a” (with “b”, at the same point)".
func spotName(s spot) string {
	if len(s.names) == 1 {
		return s.names[0]
	}
	return fmt.Sprintf("%s (or %s, at the same point)", s.names[0], list(s.names[1:]))
}

func frontierCaption(pts []point) string {
	var regimes []point
	for _, p := range pts {
		if !p.sweep {
			regimes = append(regimes, p)
		}
	}
	switch len(regimes) {
	case 0:
		return "There is no regime to compare."
	case 1:
		p := regimes[0]
		return fmt.Sprintf("With one regime there is no trade-off to draw: %s located %s and %s.",
			quote(p.name), plural(p.located, "wanted person", "wanted persons"), madeStops(p.stopped))
	}
	spots := frontierSpots(regimes)
	if len(spots) == 1 {
		s := spots[0]
		if s.located == 0 {
			who := theNames(s.names)
			if s.stopped == 0 {
				return fmt.Sprintf("No regime located a wanted person, so there is no security to weigh against liberty; %s stopped no innocent person.", who)
			}
			return fmt.Sprintf("No regime located a wanted person, so there is no security to weigh against liberty; the fewest stops of innocent people (%s) came under %s.", count(s.stopped), who)
		}
		if len(s.names) == len(regimes) {
			return fmt.Sprintf("All %d regimes ended at the same point (%s located, %s), so none trades security for liberty.",
				len(regimes), plural(s.located, "wanted person", "wanted persons"), stopsOf(s.stopped))
		}
		return fmt.Sprintf("%s did at least as well as every other regime on both counts: %s located and %s.",
			sentence(theNames(s.names)), plural(s.located, "wanted person", "wanted persons"), stopsOf(s.stopped))
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
	return fmt.Sprintf("No regime wins on both counts: going from %s to %s locates %s at the cost of %s (frontier: %s).",
		spotName(least), spotName(most), plural(most.located-least.located, "more wanted person", "more wanted persons"),
		plural(most.stopped-least.stopped, "more stop of an innocent person", "more stops of innocent people"), list(all))
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

func groupsCaption(rs []metrics.RegimeResult) string {
	s := widestSpread(rs)
	if !s.comparable {
		if s.falseMatches == 0 {
			return "No regime made a false match, so false positive rates cannot be compared between groups."
		}
		if s.high.Group == "" {
			return fmt.Sprintf("Under %s, faces of only one group were scanned, so groups' rates cannot be compared.", quote(s.regime))
		}
		// The lowest group had none: its rate is a bound, not a number.
		return fmt.Sprintf("Under %s, group %s was falsely matched in %s of faces scanned (%s of %s) and group %s in none of %s, a rate below 1 in %s; %s too few to compare the groups.",
			quote(s.regime), s.high.Group, percent(s.high.FPIR), count(s.high.FalseAlerts), count(s.high.NonMatedSearches),
			s.low.Group, count(s.low.NonMatedSearches), count(s.low.NonMatedSearches), plural(s.falseMatches, "false match is", "false matches are"))
	}
	overlap := s.high.FPIRCI[0] <= s.low.FPIRCI[1]
	tail := "; their 95% intervals do not overlap."
	if overlap {
		tail = "; their 95% intervals overlap, so the gap may be chance."
	}
	if s.ratio < 1.05 {
		return fmt.Sprintf("Under %s, every group was falsely matched at about the same rate (%s to %s of faces scanned).",
			quote(s.regime), percent(s.low.FPIR), percent(s.high.FPIR))
	}
	return fmt.Sprintf("Under %s, people in group %s were falsely matched %s as often as people in group %s (%s vs %s of faces scanned)%s",
		quote(s.regime), s.high.Group, times(s.ratio), s.low.Group, percent(s.high.FPIR), percent(s.low.FPIR), tail)
}

// funnelCaption follows the busiest regime's faces to its stops. Faces,
// alerts and stops count events (one person can be scanned, flagged and
// stopped more than once); wanted persons found count people.
func funnelCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return "No regime raised an alert, so no one was stopped."
	}
	m := rs[i].Metrics
	s := fmt.Sprintf("Under %s, %s led to %s", quote(rs[i].Name), plural(m.FacesScanned, "face scanned", "faces scanned"), plural(m.Alerts, "alert", "alerts"))
	if m.Stops == 0 {
		return s + " and no stop."
	}
	trueStops := m.Stops - m.FalseStops
	s += fmt.Sprintf(" and %s: %s", plural(m.Stops, "stop", "stops"), stopsOf(m.FalseStops))
	switch {
	case trueStops == 0:
		return s + ", and none of a wanted person."
	case trueStops == m.WantedLocated:
		return s + fmt.Sprintf(", and %s %s.", plural(trueStops, "stop that found", "stops that found"), plural(m.WantedLocated, "wanted person", "wanted persons"))
	}
	return s + fmt.Sprintf(", and %s that found %s (one person can be stopped more than once).",
		plural(trueStops, "stop of a wanted person", "stops of wanted persons"), plural(m.WantedLocated, "different person", "different people"))
}

func mapCaption(rs []metrics.RegimeResult, cameras int) string {
	i := busiest(rs)
	if i < 0 {
		return fmt.Sprintf("The city's %s raised no alert on this day.", plural(cameras, "camera", "cameras"))
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
	return fmt.Sprintf("Under %s, %s (red) and %s (green) came from %s across the city's %s.",
		quote(rs[i].Name), pluralNone(falses, "no false alert", "false alert", "false alerts"), pluralNone(trues, "no true alert", "true alert", "true alerts"),
		plural(len(places), "spot", "spots"), plural(cameras, "camera", "cameras"))
}

func timelineCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return "No regime raised an alert at any hour of the day."
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
	if top == 0 {
		return fmt.Sprintf("Under %s, no alert falls in the day's hours.", quote(rs[i].Name))
	}
	if top == 1 {
		return fewAlertsTimeline(rs[i])
	}
	falses := 0
	var spans []string
	for _, b := range peaks {
		falses += b.FalseAlerts
		spans = append(spans, fmt.Sprintf("%02d:00–%02d:00", b.Hour, (b.Hour+1)%24))
	}
	which := fmt.Sprintf("%s of them false", count(falses))
	switch falses {
	case 0:
		which = "none of them false"
	case top * len(peaks):
		which = "all of them false"
	}
	if len(peaks) == 1 {
		return fmt.Sprintf("Under %s, alerts peaked between %02d:00 and %02d:00 with %s, %s.", quote(rs[i].Name), peaks[0].Hour, (peaks[0].Hour+1)%24, plural(top, "alert", "alerts"), which)
	}
	if len(peaks) > 3 {
		return fmt.Sprintf("Under %s, no hour stood out: %d hours had %s each, the most in any hour.", quote(rs[i].Name), len(peaks), plural(top, "alert", "alerts"))
	}
	return fmt.Sprintf("Under %s, alerts peaked equally in the hours %s, with %s each, %s.", quote(rs[i].Name), list(spans), plural(top, "alert", "alerts"), which)
}

// fewAlertsTimeline speaks of a day with at most one alert in any hour,
// where no hour can be said to peak.
func fewAlertsTimeline(r metrics.RegimeResult) string {
	var spans []string
	falses, n := 0, 0
	for _, b := range r.Timeline {
		if b.TrueAlerts+b.FalseAlerts > 0 {
			spans = append(spans, fmt.Sprintf("%02d:00–%02d:00", b.Hour, (b.Hour+1)%24))
			falses += b.FalseAlerts
			n += b.TrueAlerts + b.FalseAlerts
		}
	}
	which := fmt.Sprintf("%s of them false", count(falses))
	switch {
	case n == 1 && falses == 1:
		return fmt.Sprintf("Under %s, the day's only alert came at %s; it was false.", quote(r.Name), spans[0])
	case n == 1:
		return fmt.Sprintf("Under %s, the day's only alert came at %s; it was true.", quote(r.Name), spans[0])
	case falses == n && n == 2:
		which = "both false"
	case falses == n:
		which = "all false"
	case falses == 0 && n == 2:
		which = "both true"
	case falses == 0:
		which = "none false"
	}
	if len(spans) > 4 {
		return fmt.Sprintf("Under %s, the day's %d alerts came one an hour in %d different hours, %s.", quote(r.Name), n, len(spans), which)
	}
	return fmt.Sprintf("Under %s, the day's %d alerts came one an hour, at %s, %s.", quote(r.Name), n, list(spans), which)
}

// madeStops says what a regime did to innocent people: "stopped no
// innocent person", "made 1 stop of an innocent person", "made 90 stops of
// innocent people". Stops are events: one person can be stopped twice.
func madeStops(n int) string {
	if n == 0 {
		return "stopped no innocent person"
	}
	return "made " + stopsOf(n)
}

// stopsOf counts stops of innocent people: "no stop of an innocent person".
func stopsOf(n int) string {
	return pluralNone(n, "no stop of an innocent person", "stop of an innocent person", "stops of innocent people")
}
