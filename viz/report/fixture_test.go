package report

import (
	"math"

	"vigie/metrics"
)

// Hostile names: the report must show them as text.
const (
	evilScenario = `<script>alert(1)</script>`
	evilGroup    = `<img src=http://evil.invalid/x.png onerror=alert(2)>`
	evilRegime   = `</script><b>mass</b>`
)

// sampleResults builds a small, fully specified results document: a 4x4
// street grid, four cameras, three groups and three regimes whose numbers
// the tests know.
func sampleResults(hostile bool) metrics.Results {
	scenario, group3, mass := "sample", "group-c", "mass"
	if hostile {
		scenario, group3, mass = evilScenario, evilGroup, evilRegime
	}
	groups := []string{"group-a", "group-b", group3}
	res := metrics.Results{
		SchemaVersion: metrics.SchemaVersion,
		Manifest: metrics.Manifest{VigieVersion: "test", ScenarioName: scenario, ScenarioSHA256: "abc123", Seed: 7,
			Recognizer: "published-rates", RecognizerSource: "NPL 2023", ModelSHA256: map[string]string{"embed.onnx": "ffee"}},
		Scenario: metrics.ScenarioInfo{Name: scenario, Description: "A test city.", Population: 1000, Cameras: 4,
			Hours: 24, StepSeconds: 60, Groups: groups},
		City: metrics.CityMap{Width: 300, Height: 300},
	}
	for i := 0; i <= 3; i++ {
		v := float64(i) * 100
		res.City.Streets = append(res.City.Streets,
			metrics.Segment{X1: 0, Y1: v, X2: 300, Y2: v, Arterial: i == 1},
			metrics.Segment{X1: v, Y1: 0, X2: v, Y2: 300})
	}
	for i, p := range [][2]float64{{100, 100}, {200, 100}, {100, 200}, {200, 200}} {
		res.City.Cameras = append(res.City.Cameras, metrics.CameraDot{X: p[0], Y: p[1], HeadingDeg: float64(90 * i), FOVDeg: 60, RangeM: 25})
	}
	res.City.Places = []metrics.PlaceDot{{X: 150, Y: 150, Kind: "clinic"}}
	res.Regimes = []metrics.RegimeResult{
		regime("none", groups, 0, 0, 0, 0, 0),
		regime("targeted", groups, 2000, 10, 2, 0, 6),
		regime(mass, groups, 5000, 100, 90, 40, 12),
	}
	return res
}

// regime makes one regime's results with the given counts; false alerts
// fall on the groups in the ratio 1:2:3.
func regime(name string, groups []string, faces, alerts, falses, falseStops, located int) metrics.RegimeResult {
	m := metrics.RegimeMetrics{FacesScanned: faces, Alerts: alerts, TrueAlerts: alerts - falses, FalseAlerts: falses,
		Confirmed: alerts / 2, Stops: falseStops + located, FalseStops: falseStops, WantedLocated: located, WantedTotal: 20,
		RecordsRetained: faces, SensitiveVisits: 1000 - faces/100, BaselineSensitiveVisits: 1000}
	m.FalseAlertShare = metrics.NewRate(falses, max(alerts, 0))
	m.SensitiveVisitChange = float64(m.SensitiveVisits-1000) / 1000
	if located > 0 {
		med := 120.0 * float64(located)
		m.MedianMinutesToLocate = &med
	}
	r := metrics.RegimeResult{Name: name, Threshold: 0.6, Watchlist: 1000, Live: true, Sources: []string{"a source"}}
	for gi, g := range groups {
		n := faces / 3
		k := falses * (gi + 1) / 6
		lo, hi := metrics.Wilson(k, n)
		gm := metrics.GroupMetrics{Group: g, FacesScanned: n, NonMatedSearches: n, FalseAlerts: k, FPIRCI: [2]float64{lo, hi}}
		if n > 0 {
			gm.FPIR = float64(k) / float64(n)
		}
		m.ByGroup = append(m.ByGroup, gm)
	}
	r.Metrics = m
	for i := 0; i < alerts; i++ {
		cam := i % 4
		x, y := 100+100*float64(cam%2), 100+100*float64(cam/2)
		r.Alerts = append(r.Alerts, metrics.AlertPoint{Minute: 480 + float64(i), X: x + 5, Y: y + 5, True: i >= falses, Group: groups[i%3]})
	}
	for h := 0; h < 24; h++ {
		b := metrics.TimelineBin{Hour: h}
		for _, a := range r.Alerts {
			if int(math.Floor(a.Minute/60)) == h {
				if a.True {
					b.TrueAlerts++
				} else {
					b.FalseAlerts++
				}
			}
		}
		r.Timeline = append(r.Timeline, b)
	}
	r.Sensitive = []metrics.SensitiveKind{{Kind: "clinic", Visits: m.SensitiveVisits, Baseline: 1000, Change: m.SensitiveVisitChange}}
	return r
}

// evilBin is a hostile condition-bin name (bins come from the user's YAML).
const evilBin = `px40-80/<svg onload=alert(3)>`

// withPipeline adds what a fitted recognizer would report on generated
// faces: rates for every scanning regime and group, and two fits per group.
// The pipeline falsely matches the groups in the ratio 1:2:4 (published
// 1:1.5:3), at 1,000 impostor pairs per group.
func withPipeline(res metrics.Results) metrics.Results {
	rep := &metrics.RecognizerReport{Mode: "fitted", Source: "distances measured by the real pipeline, fitted per group and bin",
		Scale: metrics.ScaleDistance, FaceSource: metrics.FacesGenerated,
		Sample: metrics.SampleInfo{Identities: 300, Captures: 1200, Detected: 1150, Enrolled: 300, GenuinePairs: 850, ImpostorPairs: 3000},
		Notes:  []string{"a note from the recognizer: " + evilGroup}}
	bins := []string{"px80-200/yaw0-20/day", evilBin}
	if res.Scenario.Name == "sample" {
		bins[1] = "px40-80/yaw0-20/night"
	}
	for gi, g := range res.Scenario.Groups {
		for bi, b := range bins {
			rep.Fits = append(rep.Fits, metrics.ScoreFit{Group: g, Bin: b, Detected: metrics.NewRate(95-10*bi, 100),
				Genuine:  metrics.DistFit{Family: "lognormal", Params: map[string]float64{"mu": -1.6, "sigma": 0.3}, N: 90, Mean: 0.21, SD: 0.06, KS: 0.05, KSP: 0.6},
				Impostor: metrics.DistFit{Family: "normal", Params: map[string]float64{"mu": 0.5 - 0.02*float64(gi), "sigma": 0.07}, N: 500, Mean: 0.5 - 0.02*float64(gi), SD: 0.07, KS: 0.02, KSP: 0.3}})
		}
	}
	for _, r := range res.Regimes {
		if r.Metrics.FacesScanned == 0 {
			continue
		}
		for gi, g := range res.Scenario.Groups {
			k := []int{5, 10, 20}[gi%3]
			pub := []float64{1e-5, 1.5e-5, 3e-5}[gi%3]
			rep.Groups = append(rep.Groups, metrics.GroupRates{Regime: r.Name, Group: g, Threshold: 0.42,
				FMR: metrics.NewRate(k, 1000), FPIR: float64(k) / 2000, FNIR: 0.1,
				PublishedFMR: pub, PublishedFPIR: pub * 100})
		}
	}
	res.Recognizer = rep
	res.Manifest.Recognizer = "fitted"
	return res
}
