package faces

import "testing"

// Outside their reach the eyes and mouth leave the material exactly as it
// was, so that skipping them there changes no pixel. If a change to the
// features' shapes breaks this, widen eyeReach or mouthReach.
func TestFeatureReach(t *testing.T) {
	for seed := uint64(0); seed < 60; seed++ {
		a := Attributes{Age: 5 + int(seed*13)%90, Sex: Sex(seed % 2), MonkTone: 1 + int(seed)%10}
		id := NewIdentity(seed, a)
		c, _ := Conditions("frontal")
		s := newScene(&id.p, c.withDefaults())
		base := material{alb: [3]float64{0.3, 0.2, 0.1}, ks: 0.035, gloss: 28, wrap: true}
		for i := 0; i <= 240; i++ {
			x := -0.8 + 1.6*float64(i)/240
			for j := 0; j <= 1200; j++ {
				y := -1.2 + 2*float64(j)/1200
				if !s.eyes.has(y) {
					m := base
					s.eye(x, y, &m)
					if m != base {
						t.Fatalf("seed %d: eye paints (%.3f, %.4f) outside its reach %+v", seed, x, y, s.eyes)
					}
				}
				if !s.lips.has(y) {
					m := base
					s.mouth(x, y, &m)
					if m != base {
						t.Fatalf("seed %d: mouth paints (%.3f, %.4f) outside its reach %+v", seed, x, y, s.lips)
					}
				}
			}
		}
	}
}
