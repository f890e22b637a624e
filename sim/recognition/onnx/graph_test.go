package onnx

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	ort "github.com/yalue/onnxruntime_go"

	"vigie/internal/testenv"
)

// ortLibrary finds libonnxruntime.so.1 the way the pipeline does: in
// $VIGIE_MODELS, else in a models/ folder above the working directory.
func ortLibrary(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("VIGIE_MODELS"); d != "" {
		if p := filepath.Join(d, "libonnxruntime.so.1"); exists(p) {
			return p
		}
	}
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if p := filepath.Join(d, "models", "libonnxruntime.so.1"); exists(p) {
			return p
		}
		if filepath.Dir(d) == d {
			testenv.MissingModels(t, "ONNX Runtime library not found")
		}
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

var envOnce sync.Once

// runModel evaluates a serialised model on one float input under ONNX Runtime.
func runModel(t *testing.T, model []byte, in []float32, inShape []int64, outName string, outShape []int64) []float32 {
	t.Helper()
	lib := ortLibrary(t)
	envOnce.Do(func() {
		ort.SetSharedLibraryPath(lib)
		if err := ort.InitializeEnvironment(); err != nil {
			t.Fatalf("initialise ONNX Runtime: %v", err)
		}
	})
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(model, []string{"x"}, []string{outName}, nil)
	if err != nil {
		t.Fatalf("ONNX Runtime refused the model: %v", err)
	}
	defer s.Destroy()
	x, err := ort.NewTensor(ort.NewShape(inShape...), in)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Destroy()
	y, err := ort.NewEmptyTensor[float32](ort.NewShape(outShape...))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Destroy()
	if err := s.Run([]ort.Value{x}, []ort.Value{y}); err != nil {
		t.Fatalf("run: %v", err)
	}
	return append([]float32(nil), y.GetData()...)
}

func randSlice(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.NormFloat64())
	}
	return s
}

// convRef is a direct NCHW convolution with zero padding, for checking.
func convRef(x []float32, n, c, h, w int, wt []float32, o, k, stride, pad, group int, bias []float32) ([]float32, int, int) {
	oh, ow := (h+2*pad-k)/stride+1, (w+2*pad-k)/stride+1
	cg, og := c/group, o/group
	y := make([]float32, n*o*oh*ow)
	for b := 0; b < n; b++ {
		for oc := 0; oc < o; oc++ {
			gi := oc / og
			for i := 0; i < oh; i++ {
				for j := 0; j < ow; j++ {
					s := float64(bias[oc])
					for ic := 0; ic < cg; ic++ {
						for u := 0; u < k; u++ {
							for v := 0; v < k; v++ {
								yy, xx := i*stride+u-pad, j*stride+v-pad
								if yy < 0 || xx < 0 || yy >= h || xx >= w {
									continue
								}
								s += float64(x[((b*c+gi*cg+ic)*h+yy)*w+xx]) * float64(wt[((oc*cg+ic)*k+u)*k+v])
							}
						}
					}
					y[((b*o+oc)*oh+i)*ow+j] = float32(s)
				}
			}
		}
	}
	return y, oh, ow
}

func closeAll(t *testing.T, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d", len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i] - want[i])); d > tol*(1+math.Abs(float64(want[i]))) || math.IsNaN(float64(got[i])) {
			t.Fatalf("value %d: got %g, want %g", i, got[i], want[i])
		}
	}
}

// TestConvChain writes Conv (plain and depthwise) -> Relu -> AveragePool ->
// Reshape -> MatMul -> Sub/Div -> Sigmoid, runs it under ONNX Runtime with a
// dynamic batch, and checks it against the same arithmetic in Go.
func TestConvChain(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, c, h, w, o = 3, 2, 6, 6, 4
	x := randSlice(r, n*c*h*w)
	w1, b1 := randSlice(r, o*c*3*3), randSlice(r, o)
	wd, bd := randSlice(r, o*1*3*3), randSlice(r, o)
	fc := randSlice(r, o*3*3*5)

	g := NewGraph("chain")
	in := g.Input("x", Float, -1, c, h, w)
	y := g.Conv(in, g.Const("w1", []int64{o, c, 3, 3}, w1), g.Const("b1", []int64{o}, b1), ConvOpts{Pads: []int64{1, 1, 1, 1}})
	y = g.Relu(y)
	y = g.Conv(y, g.Const("wd", []int64{o, 1, 3, 3}, wd), g.Const("bd", []int64{o}, bd), ConvOpts{Strides: []int64{1, 1}, Group: o})
	y = g.AveragePool(y, PoolOpts{Kernel: []int64{2, 2}, Strides: []int64{1, 1}})
	y = g.Reshape(y, 0, -1)
	y = g.MatMul(y, g.Const("fc", []int64{o * 3 * 3, 5}, fc))
	y = g.Div(g.Sub(y, g.Scalar(0.5)), g.Scalar(4))
	y = g.Sigmoid(y)
	g.Output("y", y, Float, -1, 5)
	got := runModel(t, g.Marshal("test", ""), x, []int64{n, c, h, w}, "y", []int64{n, 5})

	a, _, _ := convRef(x, n, c, h, w, w1, o, 3, 1, 1, 1, b1)
	for i := range a {
		a[i] = max(a[i], 0)
	}
	d, dh, dw := convRef(a, n, o, h, w, wd, o, 3, 1, 0, o, bd) // 4x4
	ph, pw := dh-1, dw-1
	want := make([]float32, n*5)
	for b := 0; b < n; b++ {
		for k := 0; k < 5; k++ {
			s := 0.0
			for ch := 0; ch < o; ch++ {
				for i := 0; i < ph; i++ {
					for j := 0; j < pw; j++ {
						at := func(u, v int) float64 { return float64(d[((b*o+ch)*dh+u)*dw+v]) }
						p := (at(i, j) + at(i+1, j) + at(i, j+1) + at(i+1, j+1)) / 4
						s += p * float64(fc[((ch*ph+i)*pw+j)*5+k])
					}
				}
			}
			want[b*5+k] = float32(1 / (1 + math.Exp(-(s-0.5)/4)))
		}
	}
	closeAll(t, got, want, 1e-5)
}

// TestShapeOps checks Transpose, Concat, Clip, MaxPool, Mul/Add broadcasting,
// Slice, Pad and Softmax on a small input.
func TestShapeOps(t *testing.T) {
	x := []float32{-2, 7, 1, 3, 0.5, -1, 4, 9} // shape [1,2,2,2]
	g := NewGraph("shape")
	in := g.Input("x", Float, -1, 2, 2, 2)
	tr := g.Transpose(in, 0, 2, 3, 1)                                                   // [1,2,2,2] NHWC
	cc := g.Concat(3, tr, g.Relu6(tr))                                                  // [1,2,2,4]
	mp := g.MaxPool(g.Pad(cc, 0, 0, 0, 0, 0, 0, 0, 0), PoolOpts{Kernel: []int64{2, 2}}) // over (2,4) -> [1,2,1,3]
	sl := g.Slice(mp, []int64{1}, []int64{3}, []int64{3})                               // [1,2,1,2]
	ms := g.Add(g.Mul(sl, g.Const("m", []int64{2}, []float32{2, -1})), g.Scalar(1))
	sm := g.Softmax(g.Reshape(ms, 0, -1), 1) // [1,4]
	g.Output("y", sm, Float, -1, 4)
	got := runModel(t, g.Marshal("test", ""), x, []int64{1, 2, 2, 2}, "y", []int64{1, 4})

	// NHWC view: h,w,c -> tr[h][w][c] = x[c][h][w]; cc = [tr, relu6(tr)] on c.
	at := func(h, w, c int) float64 {
		v := float64(x[(c%2)*4+h*2+w])
		if c >= 2 {
			v = math.Min(math.Max(v, 0), 6)
		}
		return v
	}
	var logits []float64
	for h := 0; h < 2; h++ { // max over axes 2,3 windows of size 2: w in {0,1}, c window pairs
		for cw := 1; cw < 3; cw++ {
			m := math.Inf(-1)
			for w := 0; w < 2; w++ {
				for c := cw; c < cw+2; c++ {
					m = math.Max(m, at(h, w, c))
				}
			}
			logits = append(logits, m*[]float64{2, -1}[cw-1]+1)
		}
	}
	var sum float64
	for _, l := range logits {
		sum += math.Exp(l)
	}
	want := make([]float32, 4)
	for i, l := range logits {
		want[i] = float32(math.Exp(l) / sum)
	}
	closeAll(t, got, want, 1e-5)
}

func TestMarshalDeterministic(t *testing.T) {
	build := func() []byte {
		g := NewGraph("d")
		in := g.Input("x", Float, -1, 3)
		g.Output("y", g.Add(in, g.Const("c", []int64{3}, []float32{1, 2, 3})), Float, -1, 3)
		return g.Marshal("test", "doc")
	}
	if a, b := build(), build(); !bytes.Equal(a, b) || len(a) == 0 {
		t.Fatalf("two builds differ or are empty (%d, %d bytes)", len(a), len(b))
	}
}

func TestBuilderMisuse(t *testing.T) {
	cases := []struct {
		name string
		f    func(g *Graph)
	}{
		{"const size", func(g *Graph) { g.Const("c", []int64{2, 2}, []float32{1, 2, 3}) }},
		{"undefined input", func(g *Graph) { g.Relu("nope") }},
		{"duplicate name", func(g *Graph) { g.Input("x", Float, 1); g.Input("x", Float, 1) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			c.f(NewGraph("bad"))
		})
	}
}
