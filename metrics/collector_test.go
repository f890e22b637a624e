package metrics

import "testing"

// A hand-worked day: four citizens in two groups; citizen 3 is wanted.
//
//	citizen 0 (a): passes twice, one face missed; one false alert, confirmed, stopped
//	citizen 1 (a): passes once; no alert
//	citizen 2 (b): passes twice; two false alerts, neither confirmed
//	citizen 3 (b, wanted): passes once; true alert, confirmed, stopped at minute 90
func TestCollectorHandCase(t *testing.T) {
	c := NewCollector([]string{"a", "b"}, []int{0, 0, 1, 1}, []bool{false, false, false, true}, 24, []string{"worship"})
	c.Sighting(0, true)
	c.Sighting(0, false)
	a0 := c.Alert(0, 60, 1, 1, false)
	c.Reviewed(a0, true)
	c.Stopped(a0, 0, 61)
	c.Sighting(1, true)
	c.Sighting(2, true)
	c.Sighting(2, true)
	c.Reviewed(c.Alert(2, 120, 2, 2, false), false)
	c.Reviewed(c.Alert(2, 130, 2, 2, false), false)
	c.Sighting(3, true)
	a3 := c.Alert(3, 90, 3, 3, true)
	c.Reviewed(a3, true)
	c.Stopped(a3, 3, 90)
	c.SensitiveVisit(0, 0, true)
	c.SensitiveVisit(2, 0, false)
	c.Retained(4, 30)

	m, alerts, timeline, kinds := c.Finish()
	want := map[string][2]int{
		"passers": {m.PassersBy, 4}, "sightings": {m.Sightings, 6}, "scanned": {m.FacesScanned, 5},
		"missed": {m.FacesMissed, 1}, "alerts": {m.Alerts, 4}, "true": {m.TrueAlerts, 1}, "false": {m.FalseAlerts, 3},
		"confirmed": {m.Confirmed, 2}, "confirmed false": {m.ConfirmedFalse, 1}, "stops": {m.Stops, 2},
		"false stops": {m.FalseStops, 1}, "located": {m.WantedLocated, 1}, "wanted": {m.WantedTotal, 1},
		"wanted passed": {m.WantedPassed, 1}, "wanted alerted": {m.WantedAlerted, 1},
		"visits": {m.SensitiveVisits, 1}, "baseline": {m.BaselineSensitiveVisits, 2},
	}
	for name, v := range want {
		if v[0] != v[1] {
			t.Errorf("%s = %d, want %d", name, v[0], v[1])
		}
	}
	// Non-mated searches: citizen 0 once (one face missed), 1 once, 2 twice = 4.
	if m.FPIRPerFace.Trials != 4 || m.FPIRPerFace.Events != 3 {
		t.Errorf("FPIR per face = %d/%d, want 3/4", m.FPIRPerFace.Events, m.FPIRPerFace.Trials)
	}
	// Innocent passers-by: 0, 1, 2; falsely alerted: 0 and 2.
	if m.FPIRPerPasser.Trials != 3 || m.FPIRPerPasser.Events != 2 {
		t.Errorf("FPIR per passer = %d/%d, want 2/3", m.FPIRPerPasser.Events, m.FPIRPerPasser.Trials)
	}
	if m.FalseAlertShare.Value != 0.75 {
		t.Errorf("false alert share = %g, want 0.75", m.FalseAlertShare.Value)
	}
	if !near(m.InnocentStoppedPer100k, 1e5/3, 1e-9) {
		t.Errorf("innocent stopped per 100k = %g, want %g", m.InnocentStoppedPer100k, 1e5/3)
	}
	if m.MedianMinutesToLocate == nil || *m.MedianMinutesToLocate != 90 {
		t.Errorf("median minutes to locate = %v, want 90", m.MedianMinutesToLocate)
	}
	if m.SensitiveVisitChange != -0.5 || kinds[0].Change != -0.5 {
		t.Errorf("sensitive visit change = %g / %g, want -0.5", m.SensitiveVisitChange, kinds[0].Change)
	}
	if m.RecordDays != 120 || m.RecordsRetained != 4 {
		t.Errorf("records = %d, record-days = %g; want 4 and 120", m.RecordsRetained, m.RecordDays)
	}
	// Group a: 1 false alert in 2 non-mated searches; group b: 2 in 2.
	ga, gb := m.ByGroup[0], m.ByGroup[1]
	if ga.FPIR != 0.5 || gb.FPIR != 1 || ga.NonMatedSearches != 2 || gb.NonMatedSearches != 2 {
		t.Errorf("group FPIR a=%g (%d), b=%g (%d)", ga.FPIR, ga.NonMatedSearches, gb.FPIR, gb.NonMatedSearches)
	}
	if m.FPIRDifferential == nil || *m.FPIRDifferential != 2 {
		t.Errorf("FPIR differential = %v, want 2", m.FPIRDifferential)
	}
	if alerts[0].Minute != 60 || alerts[1].Minute != 90 || !alerts[0].Stopped {
		t.Errorf("alerts not in time order or stop not marked: %+v", alerts)
	}
	if timeline[1].FalseAlerts != 1 || timeline[1].TrueAlerts != 1 || timeline[1].Stops != 2 || timeline[2].FalseAlerts != 2 {
		t.Errorf("timeline hours 1-2 = %+v %+v", timeline[1], timeline[2])
	}
}

func TestDifferentialUndefined(t *testing.T) {
	gs := []GroupMetrics{{NonMatedSearches: 10, FPIR: 0}, {NonMatedSearches: 10, FPIR: 0.1}}
	if d := differential(gs, func(g GroupMetrics) float64 { return g.FPIR }); d != nil {
		t.Errorf("differential with a zero lowest rate = %v, want undefined", *d)
	}
}

// Wanted people are counted as people: one who passes twice and is found
// twice counts once, one who passes unfound counts as passed, not found.
func TestCollectorCountsWantedPeopleOnce(t *testing.T) {
	c := NewCollector([]string{"a"}, []int{0, 0, 0}, []bool{true, true, false}, 24, nil)
	for i := 0; i < 2; i++ {
		c.Sighting(0, true)
		c.Alert(0, float64(60+i), 0, 0, true)
	}
	c.Sighting(1, true)
	c.Sighting(2, true)
	m, _, _, _ := c.Finish()
	if m.WantedPassed != 2 || m.WantedAlerted != 1 || m.TrueAlerts != 2 {
		t.Errorf("wanted passed %d (want 2), alerted %d (want 1), true alerts %d (want 2)", m.WantedPassed, m.WantedAlerted, m.TrueAlerts)
	}
}
