package scenarios

import (
	"vigie/city"
	"vigie/sim"
	"vigie/sim/recognizer"
)

// Defaults returns the values a scenario starts from; a file overrides any
// of them. They describe a mid-sized city district on a working day, and
// each figure taken from a publication names its source in the README.
func Defaults() sim.Config {
	return sim.Config{
		Name:        "unnamed",
		Seed:        1,
		Hours:       24,
		StepSeconds: 60,
		Days:        1,
		City: city.Config{
			WidthM: 4000, HeightM: 4000, BlockM: 200, Jitter: 0.25, ArterialEvery: 4, Districts: 6,
			Places: []city.PlaceCount{
				{Kind: city.KindTransitHub, Count: 10, Where: "arterial"},
				{Kind: city.KindMarket, Count: 6},
				{Kind: city.KindStadium, Count: 1, Where: "edge"},
				{Kind: city.KindWorship, Count: 12},
				{Kind: city.KindClinic, Count: 4},
				{Kind: city.KindSquare, Count: 1, Where: "centre"},
				{Kind: city.KindUnionHall, Count: 2, Where: "centre"},
			},
			Sun: city.Sun{Sunrise: 6.5, Sunset: 19, DuskHours: 0.5},
		},
		Population: city.PopulationConfig{
			Size:        20000,
			ShareFemale: 0.5,
			Groups: []city.Group{
				{Name: "monk-1-3", Share: 0.2, MonkMin: 1, MonkMax: 3, Response: 1},
				{Name: "monk-4-7", Share: 0.6, MonkMin: 4, MonkMax: 7, Response: 1},
				{Name: "monk-8-10", Share: 0.2, MonkMin: 8, MonkMax: 10, Response: 1.2},
			},
			Wanted: city.Wanted{Serious: 0.002, Minor: 0.01, Missing: 0.0005},
		},
		Activities: city.ActivityConfig{
			WorkShare: 0.7, ErrandRate: 0.8, WalkSpeedMS: 1.3,
			Sensitive: []city.SensitiveActivity{
				{Kind: city.KindWorship, DailyRate: 0.15, Sensitivity: 0.15, Hours: [2]float64{12, 14}, DurationMin: 60},
				{Kind: city.KindClinic, DailyRate: 0.03, Sensitivity: 0.2, Hours: [2]float64{9, 17}, DurationMin: 45},
				{Kind: city.KindSquare, Label: "demonstration", DailyRate: 0.02, Sensitivity: 0.55, Hours: [2]float64{17, 19}, DurationMin: 90},
				{Kind: city.KindUnionHall, Label: "union_meeting", DailyRate: 0.01, Sensitivity: 0.25, Hours: [2]float64{18, 20}, DurationMin: 90},
			},
		},
		Cameras: city.CameraConfig{
			Placement: []city.Placement{
				{Strategy: "transit_hubs", Count: 3},
				{Strategy: "arterials", Count: 36},
				{Strategy: "places", Kinds: []string{city.KindSquare, city.KindStadium, city.KindMarket}, Count: 2},
			},
			Optics: city.Optics{WidthPx: 1920, HeightPx: 1080, HFOVDeg: 60, MountHeightM: 4, RangeM: 25, ExposureMS: 4, NightExposureMS: 33},
		},
		Recognizer: recognizer.RecognizerConfig{
			Mode:       recognizer.PublishedRates,
			Profile:    defaultProfile(),
			Faces:      recognizer.FacesConfig{Source: "generated"},
			Bins:       recognizer.BinsConfig{FacePx: []float64{12, 30, 60}, YawDeg: []float64{30}},
			Fit:        recognizer.FitConfig{IdentitiesPerGroup: 20},
			MaxGallery: 20000,
		},
		Behaviour: sim.Behaviour{
			CameraScale: 3, Signage: 0.15,
			HeardHousehold: 0.3, HeardWorkplace: 0.1, HeardNeighbourhood: 0.05, HeardGroup: 0.002,
			HalfLifeHours:   72,
			Responses:       sim.Responses{Skip: 0.5, Reschedule: 0.2, Reroute: 0.2, Cover: 0.1},
			RescheduleHours: 2, AvoidPenaltyM: 300,
			Trust: sim.Trust{LossPerDay: 0.5, RecoveryPerDay: 0.05},
		},
	}
}

// defaultProfile is the bundled default profile; the bundled files are
// checked by the tests, so failing to read one is a programming error.
func defaultProfile() recognizer.Profile {
	p, err := Profile(DefaultProfile)
	if err != nil {
		panic(err)
	}
	return p
}
