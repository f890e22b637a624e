package live_test

import (
	"testing"

	"vigie/viz/live"
	"vigie/viz/live/livetest"
)

func TestPress(t *testing.T) {
	tests := []struct {
		name  string
		keys  []live.Key
		check func(v *live.View) bool
	}{
		{"regime 2", []live.Key{live.KeyRegime2}, func(v *live.View) bool { return v.Regime == 1 }},
		{"no regime 5 in a two-regime city", []live.Key{live.KeyRegime2, live.KeyRegime5}, func(v *live.View) bool { return v.Regime == 1 }},
		{"pause and resume", []live.Key{live.KeyPause, live.KeyPause}, func(v *live.View) bool { return !v.Paused }},
		{"faster twice", []live.Key{live.KeyFaster, live.KeyFaster}, func(v *live.View) bool { return v.Speed == 4 }},
		{"never slower than 1", []live.Key{live.KeySlower, live.KeySlower}, func(v *live.View) bool { return v.Speed == 1 }},
		{"never faster than the cap", []live.Key{live.KeyFaster, live.KeyFaster, live.KeyFaster, live.KeyFaster, live.KeyFaster, live.KeyFaster, live.KeyFaster, live.KeyFaster},
			func(v *live.View) bool { return v.Speed == live.MaxSpeed }},
		{"help", []live.Key{live.KeyHelp}, func(v *live.View) bool { return v.Help }},
		{"groups off", []live.Key{live.KeyGroups}, func(v *live.View) bool { return !v.ByGroup }},
	}
	for _, tt := range tests {
		v := live.NewView(livetest.NewCity(10), []string{"a", "b"}, nil)
		for _, k := range tt.keys {
			v.Press(k)
		}
		if !tt.check(v) {
			t.Errorf("%s: view %+v", tt.name, *v)
		}
	}
}

func TestTickPicksUpAlertsOnceAndFlashesThemForAWhile(t *testing.T) {
	src := livetest.NewCity(1000)
	v := live.NewView(src, []string{"a", "b"}, nil)
	v.Press(live.KeyRegime2)
	for i := 0; i < 3; i++ {
		v.Tick()
	}
	alerts, ages := v.Flashing()
	if len(alerts) != 1 || alerts[0].X != livetest.FalseAlert.X || ages[0] != 0 {
		t.Fatalf("after step 3: flashing %v ages %v", alerts, ages)
	}
	for i := 0; i < 3; i++ {
		v.Tick()
	}
	if alerts, _ := v.Flashing(); len(alerts) != 2 {
		t.Fatalf("after step 6: %d alerts flashing, want 2", len(alerts))
	}
	for i := 0; i < live.FlashFrames; i++ {
		v.Tick()
	}
	if alerts, _ := v.Flashing(); len(alerts) != 0 {
		t.Errorf("%d alerts still flash after %d frames", len(alerts), live.FlashFrames)
	}
	if n := len(v.Marks()); n != 2 {
		t.Errorf("%d alerts marked for the day, want 2 (each once)", n)
	}
	v.Press(live.KeyRegime1)
	if n := len(v.Marks()); n != 0 {
		t.Errorf("regime 1 shows %d alerts, want none", n)
	}
}

func TestPauseStopsTheClockAndTheDayEnds(t *testing.T) {
	src := livetest.NewCity(5)
	v := live.NewView(src, []string{"a"}, nil)
	v.Press(live.KeyPause)
	v.Tick()
	if src.Steps() != 0 {
		t.Errorf("paused view stepped to %d", src.Steps())
	}
	v.Press(live.KeyPause)
	v.Press(live.KeyFaster)
	v.Press(live.KeyFaster)
	v.Tick()
	v.Tick()
	if src.Steps() != 5 || !v.Over {
		t.Errorf("step %d over %v, want 5 and over", src.Steps(), v.Over)
	}
}

func TestProjectionKeepsNorthUpAndFitsTheMap(t *testing.T) {
	p := live.NewProjection(live.Map{Width: 2000, Height: 1000})
	tests := []struct {
		x, y   float64
		sx, sy float32
	}{
		{0, 1000, live.MapX, live.MapY + live.MapSize/4},
		{2000, 0, live.MapX + live.MapSize, live.MapY + 3*live.MapSize/4},
		{1000, 500, live.MapX + live.MapSize/2, live.MapY + live.MapSize/2},
	}
	for _, tt := range tests {
		sx, sy := p.At(tt.x, tt.y)
		if sx != tt.sx || sy != tt.sy {
			t.Errorf("(%g, %g) -> (%g, %g), want (%g, %g)", tt.x, tt.y, sx, sy, tt.sx, tt.sy)
		}
	}
}
