package faces

import (
	"fmt"
	"testing"
)

func TestZZStages(t *testing.T) {
	id := NewIdentity(1, Attributes{Age: 30, Sex: Female, MonkTone: 5})
	for _, name := range []string{"cctv-day", "cctv-dusk", "cctv-ir", "frontal"} {
		c, _ := Conditions(name)
		c = c.withDefaults()
		var st [8]float64
		const n = 40
		for it := 0; it < n; it++ {
			c.NoiseSeed = uint64(it)
			t0 := cpuSeconds()
			p := &id.p
			ss := superSample(c.FacePx)
			cam := newCamera(p, c, ss)
			sc := newScene(p, c)
			parts := id.mesh.parts
			buf := getBuffers()
			tp := buf.parts(len(parts))
			for i := range parts {
				transformPart(&tp[i], &cam, &parts[i])
				if c.FacePx < 48 && tp[i].shadowT != nil {
					tp[i].t = tp[i].shadowT
				}
			}
			t1 := cpuSeconds()
			fw, fh := c.FrameW*ss, c.FrameH*ss
			r := reached(tp, fw, fh, ss)
			fr := buf.frame(fw, fh, r)
			for i := range parts {
				if !parts[i].cull && !fr.farOK {
					fr.closeTiles()
				}
				fr.raster(&tp[i], i)
			}
			t2 := cpuSeconds()
			sm := buildShadowMap(tp, sc.keyDir, buf)
			t3 := cpuSeconds()
			out := sc.shadeFrame(fr, tp, parts, sm, ss, true, buf)
			t4 := cpuSeconds()
			finish(out, c, sc, buf)
			t5 := cpuSeconds()
			bufferPool.Put(buf)
			st[0] += t1 - t0
			st[1] += t2 - t1
			st[2] += t3 - t2
			st[3] += t4 - t3
			st[4] += t5 - t4
			if it == 0 {
				fmt.Printf("%s region %v frame %dx%d\n", name, r, fw, fh)
			}
		}
		fmt.Printf("%s ms: setup+xform %.2f raster %.2f shadow %.2f shade %.2f finish %.2f\n", name, st[0]/n*1e3, st[1]/n*1e3, st[2]/n*1e3, st[3]/n*1e3, st[4]/n*1e3)
	}
}
