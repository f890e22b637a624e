package faces

import (
	"fmt"
	"testing"
)

func TestZZWall(t *testing.T) {
	id := NewIdentity(1, Attributes{Age: 30, Sex: Female, MonkTone: 5})
	c, _ := Conditions("cctv-dusk")
	c = c.withDefaults()
	sc := newScene(&id.p, c)
	const n = 100
	var buf []float64
	t0 := cpuSeconds()
	for i := 0; i < n; i++ {
		buf = sc.wallGrid(960, 960, buf)
	}
	t1 := cpuSeconds()
	out := make([]float64, 3*320)
	for i := 0; i < n; i++ {
		for y := 0; y < 320; y++ {
			sc.wallRun(out, 0, y, 3, true, 1.0/9)
		}
	}
	t2 := cpuSeconds()
	for i := 0; i < n; i++ {
		newScene(&id.p, c)
	}
	t3 := cpuSeconds()
	fmt.Printf("ms: wallGrid %.2f wallRun(all rows) %.2f newScene %.2f\n", (t1-t0)/n*1e3, (t2-t1)/n*1e3, (t3-t2)/n*1e3)
}
