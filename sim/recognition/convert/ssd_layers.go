package convert

import (
	"fmt"

	"vigie/sim/recognition/onnx"
)

// This file holds the TensorFlow-to-ONNX layer helpers shared by the
// SsdMobilenetv1, FaceLandmark68Net and AgeGenderNet converters. face-api's
// weights are TensorFlow-shaped (NHWC activations, HWIO filters, "same"
// padding that puts the odd pixel at the bottom/right); the graphs here run
// NCHW with explicit pads, so every spatial size is tracked while building.

// tfTensor is one dequantised weight with its TensorFlow shape.
type tfTensor struct {
	Shape []int
	Data  []float32
}

// tfNet builds a graph from named TF weights. The first missing or
// misshapen weight is kept in err and later calls become no-ops, so a
// converter reads as straight-line code and checks err once at the end.
type tfNet struct {
	g     *onnx.Graph
	w     map[string]tfTensor
	model string // for error messages
	err   error
}

// fmap is an NCHW activation: its value name and sizes.
type fmap struct {
	v       string
	c, h, w int
}

// weight returns the named weight after checking its shape.
func (n *tfNet) weight(name string, shape ...int) []float32 {
	if n.err != nil {
		return nil
	}
	t, ok := n.w[name]
	if !ok {
		n.err = fmt.Errorf("%s: weight %q is missing from the manifest", n.model, name)
		return nil
	}
	if !sameShape(t.Shape, shape) {
		n.err = fmt.Errorf("%s: weight %q has shape %v, want %v", n.model, name, t.Shape, shape)
		return nil
	}
	return t.Data
}

// shapeOf returns a weight's shape, or nil (recording the error) if absent.
func (n *tfNet) shapeOf(name string) []int {
	if n.err != nil {
		return nil
	}
	t, ok := n.w[name]
	if !ok {
		n.err = fmt.Errorf("%s: weight %q is missing from the manifest", n.model, name)
		return nil
	}
	return t.Shape
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// samePads is TensorFlow's "same" padding along one axis: the output has
// ceil(in/stride) positions and any odd padding pixel goes at the end.
func samePads(in, k, stride int) (begin, end, out int) {
	out = (in + stride - 1) / stride
	total := max((out-1)*stride+k-in, 0)
	return total / 2, total - total/2, out
}

// hwioToOIHW reorders a TF conv filter [kh, kw, in, out] for ONNX.
func hwioToOIHW(d []float32, kh, kw, ci, co int) []float32 {
	out := make([]float32, len(d))
	for y := range kh {
		for x := range kw {
			for i := range ci {
				for o := range co {
					out[((o*ci+i)*kh+y)*kw+x] = d[((y*kw+x)*ci+i)*co+o]
				}
			}
		}
	}
	return out
}

// nhwcInput declares the image input [N, size, size, 3] (pixel values
// 0..255, RGB, as face-api's batch tensors) and returns its value.
func (n *tfNet) nhwcInput(size int) string {
	return n.g.Input("input", onnx.Float, -1, int64(size), int64(size), 3)
}

// toNCHW transposes the normalised NHWC input for the convolutions.
func (n *tfNet) toNCHW(x string, size int) fmap {
	return fmap{v: n.g.Transpose(x, 0, 3, 1, 2), c: 3, h: size, w: size}
}

// conv is tf.conv2d(x, filters, stride, 'same'), plus the bias weight
// biasName unless it is "".
func (n *tfNet) conv(x fmap, filtName, biasName string, stride int) fmap {
	s := n.shapeOf(filtName)
	if n.err != nil {
		return x
	}
	if len(s) != 4 || s[2] != x.c {
		n.err = fmt.Errorf("%s: filter %q has shape %v for %d input channels", n.model, filtName, s, x.c)
		return x
	}
	kh, kw, co := s[0], s[1], s[3]
	f := n.weight(filtName, kh, kw, x.c, co)
	var bias []float32
	if biasName != "" {
		bias = n.weight(biasName, co)
	}
	if n.err != nil {
		return x
	}
	w := n.g.Const(filtName, []int64{int64(co), int64(x.c), int64(kh), int64(kw)}, hwioToOIHW(f, kh, kw, x.c, co))
	b := ""
	if bias != nil {
		b = n.g.Const(biasName, []int64{int64(co)}, bias)
	}
	return n.convOp(x, w, b, kh, kw, co, stride, 1)
}

// convOp adds the ONNX Conv with TF "same" pads made explicit.
func (n *tfNet) convOp(x fmap, w, b string, kh, kw, co, stride, group int) fmap {
	top, bottom, oh := samePads(x.h, kh, stride)
	left, right, ow := samePads(x.w, kw, stride)
	v := n.g.Conv(x.v, w, b, onnx.ConvOpts{
		Strides: []int64{int64(stride), int64(stride)},
		Pads:    []int64{int64(top), int64(left), int64(bottom), int64(right)},
		Group:   int64(group),
	})
	return fmap{v: v, c: co, h: oh, w: ow}
}

// depthwise is tf.depthwiseConv2d(x, filters [kh, kw, c, 1], stride, 'same').
func (n *tfNet) depthwise(x fmap, filtName string, stride int) fmap {
	s := n.shapeOf(filtName)
	if n.err != nil {
		return x
	}
	if len(s) != 4 || s[2] != x.c || s[3] != 1 {
		n.err = fmt.Errorf("%s: depthwise filter %q has shape %v for %d channels", n.model, filtName, s, x.c)
		return x
	}
	kh, kw := s[0], s[1]
	f := n.weight(filtName, kh, kw, x.c, 1)
	// [kh, kw, c, 1] to [c, 1, kh, kw]: the same reordering with in=c, out=1
	// seen as out=c, in=1.
	w := n.g.Const(filtName, []int64{int64(x.c), 1, int64(kh), int64(kw)}, hwioToOIHW(f, kh, kw, 1, x.c))
	return n.convOp(x, w, "", kh, kw, x.c, stride, x.c)
}

// separable is face-api's depthwiseSeparableConv: depthwise (with the
// stride) then pointwise, then the bias (prefix/depthwise_filter,
// prefix/pointwise_filter, prefix/bias).
func (n *tfNet) separable(x fmap, prefix string, stride int) fmap {
	d := n.depthwise(x, prefix+"/depthwise_filter", stride)
	return n.conv(d, prefix+"/pointwise_filter", prefix+"/bias", 1)
}

// batchNorm is tf.batchNorm with the given weight names and epsilon.
func (n *tfNet) batchNorm(x fmap, mean, variance, offset, scale string, eps float32) fmap {
	m, v := n.weight(mean, x.c), n.weight(variance, x.c)
	o, s := n.weight(offset, x.c), n.weight(scale, x.c)
	if n.err != nil {
		return x
	}
	dim := []int64{int64(x.c)}
	x.v = n.g.BatchNorm(x.v, n.g.Const(scale, dim, s), n.g.Const(offset, dim, o),
		n.g.Const(mean, dim, m), n.g.Const(variance, dim, v), eps)
	return x
}

// unary applies a one-input op (Relu, Relu6, ...) unless building failed.
func (n *tfNet) unary(x fmap, f func(string) string) fmap {
	if n.err != nil {
		return x
	}
	x.v = f(x.v)
	return x
}

// add is element-wise a + b of same-shaped maps.
func (n *tfNet) add(a, b fmap) fmap {
	if n.err != nil {
		return a
	}
	if a.c != b.c || a.h != b.h || a.w != b.w {
		n.err = fmt.Errorf("%s: adding %dx%dx%d to %dx%dx%d", n.model, a.c, a.h, a.w, b.c, b.h, b.w)
		return a
	}
	a.v = n.g.Add(a.v, b.v)
	return a
}

// maxPoolSame is tf.maxPool(x, k, stride, 'same'); ONNX MaxPool ignores
// padded cells as TF does.
func (n *tfNet) maxPoolSame(x fmap, k, stride int) fmap {
	if n.err != nil {
		return x
	}
	top, bottom, oh := samePads(x.h, k, stride)
	left, right, ow := samePads(x.w, k, stride)
	v := n.g.MaxPool(x.v, onnx.PoolOpts{
		Kernel: []int64{int64(k), int64(k)}, Strides: []int64{int64(stride), int64(stride)},
		Pads: []int64{int64(top), int64(left), int64(bottom), int64(right)},
	})
	return fmap{v: v, c: x.c, h: oh, w: ow}
}

// avgPoolValid is tf.avgPool(x, k, stride, 'valid').
func (n *tfNet) avgPoolValid(x fmap, k, stride int) fmap {
	if n.err != nil {
		return x
	}
	v := n.g.AveragePool(x.v, onnx.PoolOpts{
		Kernel: []int64{int64(k), int64(k)}, Strides: []int64{int64(stride), int64(stride)},
	})
	return fmap{v: v, c: x.c, h: (x.h-k)/stride + 1, w: (x.w-k)/stride + 1}
}

// dense is face-api's fullyConnectedLayer on a flattened [N, in] value:
// x times weights [in, out] plus bias [out].
func (n *tfNet) dense(x string, in int, prefix string) (string, int) {
	s := n.shapeOf(prefix + "/weights")
	if n.err != nil {
		return x, 0
	}
	if len(s) != 2 || s[0] != in {
		n.err = fmt.Errorf("%s: %s/weights has shape %v for %d inputs", n.model, prefix, s, in)
		return x, 0
	}
	out := s[1]
	w := n.weight(prefix+"/weights", in, out)
	b := n.weight(prefix+"/bias", out)
	if n.err != nil {
		return x, 0
	}
	return n.g.Gemm(x, n.g.Const(prefix+"/weights", []int64{int64(in), int64(out)}, w),
		n.g.Const(prefix+"/bias", []int64{int64(out)}, b)), out
}

// faceNetInput declares the NHWC image input, applies face-api's
// normalisation for the 112x112 face nets ((x - mean RGB) / 255) and
// returns it as NCHW.
func (n *tfNet) faceNetInput(size int) fmap {
	x := n.nhwcInput(size)
	mean := n.g.Const("mean_rgb", []int64{1, 1, 1, 3}, []float32{122.782, 117.001, 104.298})
	x = n.g.Div(n.g.Sub(x, mean), n.g.Scalar(255))
	return n.toNCHW(x, size)
}
