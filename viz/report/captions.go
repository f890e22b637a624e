package report

import (
	"fmt"
	"math"

	"vigie/metrics"
)

// Captions: one plain sentence per chart, computed from the results.

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
	if m.Alerts == 0 {
		return fmt.Sprintf("Under %s, no alert was raised.", quote(r.Name))
	}
	return fmt.Sprintf("Under %s, %s alerts pointed at the wrong person (%s of %s).",
		quote(r.Name), inTen(float64(m.FalseAlerts)/float64(m.Alerts)), count(m.FalseAlerts), count(m.Alerts))
}

// regimesCaption contrasts the regime that located the most wanted persons
// with the one that stopped the fewest innocent people.
func regimesCaption(rs []metrics.RegimeResult) string {
	sec, lib := -1, -1
	for i, r := range rs {
		m := r.Metrics
		if m.FacesScanned == 0 {
			continue
		}
		if sec < 0 || m.WantedLocated > rs[sec].Metrics.WantedLocated {
			sec = i
		}
		if lib < 0 || m.FalseStops < rs[lib].Metrics.FalseStops ||
			(m.FalseStops == rs[lib].Metrics.FalseStops && m.WantedLocated > rs[lib].Metrics.WantedLocated) {
			lib = i
		}
	}
	if sec < 0 {
		return "No regime scanned any face, so none located anyone and none stopped anyone."
	}
	s := rs[sec].Metrics
	out := fmt.Sprintf("The %s regime located the most wanted persons (%s of %s) and stopped %s.",
		quote(rs[sec].Name), count(s.WantedLocated), count(s.WantedTotal), innocents(s.FalseStops))
	if lib != sec {
		l := rs[lib].Metrics
		out = fmt.Sprintf("The %s regime located %s of %s wanted persons and stopped %s; the %s regime located %s of %s and stopped %s.",
			quote(rs[sec].Name), count(s.WantedLocated), count(s.WantedTotal), innocents(s.FalseStops),
			quote(rs[lib].Name), count(l.WantedLocated), count(l.WantedTotal), innocents(l.FalseStops))
	}
	return out
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

func frontierCaption(pts []point) string {
	var regimes []point
	for _, p := range pts {
		if !p.sweep {
			regimes = append(regimes, p)
		}
	}
	front := frontier(regimes)
	if len(front) == 0 {
		return "There is no regime to compare."
	}
	if len(front) == 1 {
		p := regimes[front[0]]
		return fmt.Sprintf("The %s regime did at least as well as every other regime on both counts: %s located and %s stopped.",
			quote(p.name), plural(p.located, "wanted person", "wanted persons"), innocents(p.stopped))
	}
	var names []string
	most, least := regimes[front[0]], regimes[front[0]]
	for _, i := range front {
		p := regimes[i]
		names = append(names, quote(p.name))
		if p.located > most.located {
			most = p
		}
		if p.stopped < least.stopped {
			least = p
		}
	}
	return fmt.Sprintf("No regime wins on both counts: going from %s to %s locates %s more wanted persons at the cost of %s more innocent people stopped (frontier: %s).",
		quote(least.name), quote(most.name), count(most.located-least.located), count(most.stopped-least.stopped), list(names))
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
		for i := range gs {
			g := &gs[i]
			if g.NonMatedSearches == 0 {
				continue
			}
			if hi == nil || g.FPIR > hi.FPIR {
				hi = g
			}
			if lo == nil || g.FPIR < lo.FPIR {
				lo = g
			}
		}
		if hi == nil || lo == nil || lo.FPIR <= 0 || hi == lo {
			if hi != nil && r.Metrics.FalseAlerts > best.falseMatches && !best.comparable {
				best = groupSpread{regime: r.Name, falseMatches: r.Metrics.FalseAlerts}
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
		return fmt.Sprintf("Under %s, too few false matches (%s) fell in every group to compare groups' rates.",
			quote(s.regime), count(s.falseMatches))
	}
	overlap := s.high.FPIRCI[0] <= s.low.FPIRCI[1]
	tail := "; their 95% intervals do not overlap."
	if overlap {
		tail = "; their 95% intervals overlap, so the gap may be chance."
	}
	return fmt.Sprintf("Under %s, people in group %s were falsely matched %s as often as people in group %s (%s vs %s of faces scanned)%s",
		quote(s.regime), s.high.Group, times(s.ratio), s.low.Group, percent(s.high.FPIR), percent(s.low.FPIR), tail)
}

func funnelCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return "No regime raised an alert, so no one was stopped."
	}
	m := rs[i].Metrics
	return fmt.Sprintf("Under %s, %s scanned led to %s, %s and %s found, while %s stopped.",
		quote(rs[i].Name), plural(m.FacesScanned, "face", "faces"), plural(m.Alerts, "alert", "alerts"),
		plural(m.Stops, "stop", "stops"), plural(m.WantedLocated, "wanted person", "wanted persons"), wereStopped(m.FalseStops))
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
		quote(rs[i].Name), plural(falses, "false alert", "false alerts"), plural(trues, "true alert", "true alerts"),
		plural(len(places), "spot", "spots"), plural(cameras, "camera", "cameras"))
}

func timelineCaption(rs []metrics.RegimeResult) string {
	i := busiest(rs)
	if i < 0 {
		return "No regime raised an alert at any hour of the day."
	}
	var peak metrics.TimelineBin
	for _, b := range rs[i].Timeline {
		if b.TrueAlerts+b.FalseAlerts > peak.TrueAlerts+peak.FalseAlerts {
			peak = b
		}
	}
	n := peak.TrueAlerts + peak.FalseAlerts
	return fmt.Sprintf("Under %s, alerts peaked between %02d:00 and %02d:00 with %s, %s of them false.",
		quote(rs[i].Name), peak.Hour, (peak.Hour+1)%24, plural(n, "alert", "alerts"), count(peak.FalseAlerts))
}

// wereStopped says who was stopped wrongly: "no innocent person was",
// "90 innocent people were".
func wereStopped(n int) string {
	if n == 0 || n == 1 {
		return innocents(n) + " was"
	}
	return innocents(n) + " were"
}
