package faces

import (
	"math"
	"testing"
)

// TestWarpInverse checks that the truth landmarks land where the warped
// features are drawn: the inverse of the field maps back exactly, and the
// field stays a gentle bend (its slope under 1, so no fold).
func TestWarpInverse(t *testing.T) {
	old := warpAmp
	warpAmp = 0.012
	defer func() { warpAmp = old }()
	for s := uint64(1); s <= 20; s++ {
		id := NewIdentity(s, Attributes{Age: 35, Sex: Sex(s % 2), MonkTone: 5})
		w := &id.p.warp
		for y := -1.0; y <= 0.4; y += 0.05 {
			for x := -0.5; x <= 0.5; x += 0.05 {
				sx, sy := w.inverse(x, y)
				fx, fy := w.at(sx, sy)
				if math.Hypot(fx-x, fy-y) > 1e-6 {
					t.Fatalf("seed %d: inverse of (%.2f, %.2f) maps back to (%.6f, %.6f)", s, x, y, fx, fy)
				}
				const h = 1e-5
				ax, ay := w.offset(x+h, y)
				bx, by := w.offset(x, y)
				cx, cy := w.offset(x, y+h)
				if g := math.Max(math.Hypot(ax-bx, ay-by), math.Hypot(cx-bx, cy-by)) / h; g >= 1 {
					t.Fatalf("seed %d: the field's slope at (%.2f, %.2f) is %.2f", s, x, y, g)
				}
			}
		}
	}
}
