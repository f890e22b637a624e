package faces

import (
	"image"
	"testing"

	"vigie/sim/recognition"
)

func TestZZVariants(t *testing.T) {
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		t.Skip(err)
	}
	embed := func(id Identity, c Capture) [128]float32 {
		img, tr := Render(id, c)
		var lm [68]recognition.Point
		for i, q := range tr.Landmarks {
			lm[i] = recognition.Point{X: q.X, Y: q.Y}
		}
		d, _ := p.Embed([]*image.RGBA{recognition.Align(img, lm)})
		return d[0]
	}
	variants := map[string]func(*Identity, *Capture){
		"base":    func(*Identity, *Capture) {},
		"nohair":  func(id *Identity, c *Capture) { m := *id.mesh; m.parts = m.parts[:2]; id.mesh = &m },
		"flatlit": func(id *Identity, c *Capture) { c.LightAzDeg, c.LightElDeg = 0, 0 },
		"side":    func(id *Identity, c *Capture) { c.LightAzDeg, c.LightElDeg = 60, 20 },
	}
	for name, v := range variants {
		var ds [][128]float32
		for i := 0; i < 30; i++ {
			id := NewIdentity(uint64(500+i), Attributes{Age: 20 + (i*37)%60, Sex: Sex(i % 2), MonkTone: 1 + i%10})
			c, _ := Conditions("frontal")
			v(&id, &c)
			ds = append(ds, embed(id, c))
		}
		sum, n := 0.0, 0
		for i := range ds {
			for j := i + 1; j < len(ds); j++ {
				sum += float64(recognition.Distance(ds[i], ds[j]))
				n++
			}
		}
		t.Logf("%-8s impostor mean %.3f", name, sum/float64(n))
	}
}
