package convert

import (
	"fmt"

	"vigie/sim/recognition/onnx"
)

// FaceRecognitionNet's graph interface, relied on by the recognition package.
const (
	FaceRecName      = "face_recognition"
	FaceRecInputSize = 150
	// FaceRecInput is [N, 150, 150, 3]: RGB pixel values 0..255, NHWC as
	// face-api's batch tensors. FaceRecOutput is [N, 128], the descriptor.
	FaceRecInput  = "input"
	FaceRecOutput = "descriptor"
	FaceRecDim    = 128
)

func init() {
	register(Network{
		Name:     FaceRecName,
		Manifest: "face_recognition_model-weights_manifest.json",
		Build:    buildFaceRec,
	})
}

// buildFaceRec writes face-api's FaceRecognitionNet (src/faceRecognitionNet),
// a ResNet-34-like network from dlib: (x - mean RGB) / 255; a 7x7 stride-2
// 'valid' conv and a 3x3 stride-2 max pool; residual stages of 32, 64, 128
// and 256 channels, each opened by a down-sampling block; a global average
// and a 256x128 fully connected layer. Every conv is followed by a
// per-channel scale layer, folded here into the conv's weights and bias.
func buildFaceRec(w map[string]tfTensor) (*onnx.Graph, error) {
	n := &tfNet{g: onnx.NewGraph(FaceRecName), w: w, model: FaceRecName}
	x := n.faceNetInput(FaceRecInputSize)
	x = n.scaledConv(x, "conv32_down", 2, true, false)
	x = n.maxPoolValid(x, 3, 2)
	for _, stage := range []struct {
		down string
		rest []string
	}{
		{"", []string{"conv32_1", "conv32_2", "conv32_3"}},
		{"conv64_down", []string{"conv64_1", "conv64_2", "conv64_3"}},
		{"conv128_down", []string{"conv128_1", "conv128_2"}},
		{"conv256_down", []string{"conv256_1", "conv256_2"}},
		{"conv256_down_out", nil},
	} {
		if stage.down != "" {
			x = n.residualDown(x, stage.down)
		}
		for _, p := range stage.rest {
			x = n.residual(x, p)
		}
	}
	fc := n.weight("fc", x.c, FaceRecDim)
	if n.err != nil {
		return nil, n.err
	}
	g := n.g
	avg := g.Reshape(g.GlobalAveragePool(x.v), 0, -1)
	out := g.MatMul(avg, g.Const("fc", []int64{int64(x.c), FaceRecDim}, fc))
	g.Output(FaceRecOutput, out, onnx.Float, -1, FaceRecDim)
	return g, nil
}

// scaledConv is face-api's convLayer: conv2d (stride 2 'valid' when down,
// else stride 1 'same'), + bias, * scale/weights + scale/biases, then ReLU
// if relu. The scale layer is folded: W' = W*s, b' = bias*s + t per output
// channel, which is the same arithmetic up to float rounding.
func (n *tfNet) scaledConv(x fmap, prefix string, stride int, relu, same bool) fmap {
	s := n.shapeOf(prefix + "/conv/filters")
	if n.err != nil {
		return x
	}
	if len(s) != 4 || s[0] != s[1] || s[2] != x.c {
		n.err = fmt.Errorf("%s: %s/conv/filters has shape %v for %d input channels", n.model, prefix, s, x.c)
		return x
	}
	k, co := s[0], s[3]
	f := n.weight(prefix+"/conv/filters", k, k, x.c, co)
	bias := n.weight(prefix+"/conv/bias", co)
	sw := n.weight(prefix+"/scale/weights", co)
	sb := n.weight(prefix+"/scale/biases", co)
	if n.err != nil {
		return x
	}
	wt := hwioToOIHW(f, k, k, x.c, co)
	per := len(wt) / co
	b := make([]float32, co)
	for o := range co {
		for i := o * per; i < (o+1)*per; i++ {
			wt[i] *= sw[o]
		}
		b[o] = bias[o]*sw[o] + sb[o]
	}
	wv := n.g.Const(prefix+"/conv/filters", []int64{int64(co), int64(x.c), int64(k), int64(k)}, wt)
	bv := n.g.Const(prefix+"/conv/bias", []int64{int64(co)}, b)
	var y fmap
	if same {
		y = n.convOp(x, wv, bv, k, k, co, stride, 1)
	} else {
		v := n.g.Conv(x.v, wv, bv, onnx.ConvOpts{Strides: []int64{int64(stride), int64(stride)}})
		y = fmap{v: v, c: co, h: (x.h-k)/stride + 1, w: (x.w-k)/stride + 1}
	}
	if relu {
		y.v = n.g.Relu(y.v)
	}
	return y
}

// maxPoolValid is tf.maxPool(x, k, stride, 'valid').
func (n *tfNet) maxPoolValid(x fmap, k, stride int) fmap {
	if n.err != nil {
		return x
	}
	v := n.g.MaxPool(x.v, onnx.PoolOpts{Kernel: []int64{int64(k), int64(k)}, Strides: []int64{int64(stride), int64(stride)}})
	return fmap{v: v, c: x.c, h: (x.h-k)/stride + 1, w: (x.w-k)/stride + 1}
}

// residual is conv+ReLU, conv, add the input, ReLU.
func (n *tfNet) residual(x fmap, prefix string) fmap {
	y := n.scaledConv(x, prefix+"/conv1", 1, true, true)
	y = n.scaledConv(y, prefix+"/conv2", 1, false, true)
	return n.unary(n.add(y, x), n.g.Relu)
}

// residualDown is face-api's residualDown: the main path down-samples with a
// stride-2 'valid' conv; the shortcut is a 2x2 average pool, padded with zero
// channels when the channel count grows. When the two disagree in size (odd
// inputs), the main path gets a zero row at the bottom and a zero column at
// the right, as face-api concatenates zeros there.
func (n *tfNet) residualDown(x fmap, prefix string) fmap {
	y := n.scaledConv(x, prefix+"/conv1", 2, true, false)
	y = n.scaledConv(y, prefix+"/conv2", 1, false, true)
	p := n.avgPoolValid(x, 2, 2)
	if n.err != nil {
		return x
	}
	if dh, dw := p.h-y.h, p.w-y.w; dh != 0 || dw != 0 {
		if dh != 1 || dw != 1 {
			n.err = fmt.Errorf("%s: %s: main path %dx%d vs shortcut %dx%d", n.model, prefix, y.h, y.w, p.h, p.w)
			return x
		}
		y = fmap{v: n.g.Pad(y.v, 0, 0, 0, 0, 0, 0, 1, 1), c: y.c, h: p.h, w: p.w}
	}
	if p.c < y.c {
		p = fmap{v: n.g.Pad(p.v, 0, 0, 0, 0, 0, int64(y.c-p.c), 0, 0), c: y.c, h: p.h, w: p.w}
	}
	return n.unary(n.add(y, p), n.g.Relu)
}
