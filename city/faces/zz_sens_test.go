package faces

import (
	"image"
	"math"
	"reflect"
	"sort"
	"testing"
	"unsafe"

	"vigie/sim/recognition"
)

func TestZZSensitivity(t *testing.T) {
	p, err := recognition.Open("", recognition.Options{})
	if err != nil {
		t.Skip(err)
	}
	type res struct {
		name string
		d    float64
	}
	acc := map[string]float64{}
	c, _ := Conditions("frontal")
	embed := func(id Identity) [128]float32 {
		img, tr := Render(id, c)
		var lm [68]recognition.Point
		for i, q := range tr.Landmarks {
			lm[i] = recognition.Point{X: q.X, Y: q.Y}
		}
		d, _ := p.Embed([]*image.RGBA{recognition.Align(img, lm)})
		return d[0]
	}
	for s := 0; s < 3; s++ {
		base := NewIdentity(uint64(77+s), Attributes{Age: 35, Sex: Sex(s % 2), MonkTone: 3 + 2*s})
		b := embed(base)
		v := reflect.ValueOf(&base.p).Elem()
		ty := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Kind() != reflect.Float64 {
				continue
			}
			id := base
			fv := reflect.ValueOf(&id.p).Elem().Field(i)
			pv := reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Elem()
			old := pv.Float()
			delta := math.Max(0.3*math.Abs(old), 0.03)
			pv.SetFloat(old + delta)
			id.mesh = buildMesh(&id.p)
			e := embed(id)
			acc[ty.Field(i).Name] += float64(recognition.Distance(b, e)) / 3
		}
	}
	var rs []res
	for k, v := range acc {
		rs = append(rs, res{k, v})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	for _, r := range rs {
		t.Logf("%-14s %.3f", r.name, r.d)
	}
}
