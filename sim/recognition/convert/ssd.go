package convert

import (
	"fmt"

	"vigie/sim/recognition/onnx"
)

// SSD model facts the Go detector relies on: input side, anchor count and
// the graph's value names.
const (
	SSDName       = "ssd_mobilenetv1"
	SSDInputSize  = 512
	SSDNumAnchors = 5118
	// Graph values: input [N, 512, 512, 3] (RGB 0..255, the image padded to
	// a square at the bottom/right and resized); outputs box encodings
	// [N, 5118, 4], face scores [N, 5118] (sigmoid of the face class) and the
	// anchors [5118, 4] ([ymin, xmin, ymax, xmax], relative).
	SSDOutBoxes   = "box_encodings"
	SSDOutScores  = "scores"
	SSDOutAnchors = "anchors"
)

func init() {
	register(Network{Name: SSDName, Manifest: "ssd_mobilenetv1_model-weights_manifest.json", Build: buildSSD})
}

// mobileNetBNEpsilon is the batch-norm epsilon face-api uses in MobileNetV1.
const mobileNetBNEpsilon = 0.0010000000474974513

// buildSSD writes SsdMobilenetv1 as face-api.js runs it (src/ssdMobilenetv1):
// input normalised to [-1, 1]; a MobileNetV1 backbone of 13 depthwise
// separable pairs (depthwise + batch norm + ReLU6, pointwise + offset +
// ReLU6); eight extra pointwise layers; six box predictors (on conv 11, the
// backbone output and every second extra layer), each a 1x1 conv for box
// encodings and one for class logits. Box decoding and NMS are left to Go.
func buildSSD(w map[string]tfTensor) (*onnx.Graph, error) {
	n := &tfNet{g: onnx.NewGraph("ssd_mobilenetv1"), w: w, model: "ssd_mobilenetv1"}
	in := n.nhwcInput(SSDInputSize)
	x := n.g.Sub(n.g.Div(in, n.g.Scalar(127.5)), n.g.Scalar(1))
	out, conv11 := n.mobileNetV1(n.toNCHW(x, SSDInputSize))

	pw := func(x fmap, i, stride int) fmap {
		return n.pointwiseBlock(x, fmt.Sprintf("Prediction/Conv2d_%d_pointwise", i), stride)
	}
	c0 := pw(out, 0, 1)
	c1 := pw(c0, 1, 2)
	c2 := pw(c1, 2, 1)
	c3 := pw(c2, 3, 2)
	c4 := pw(c3, 4, 1)
	c5 := pw(c4, 5, 2)
	c6 := pw(c5, 6, 1)
	c7 := pw(c6, 7, 2)

	var boxes, classes []string
	count := 0
	for i, src := range []fmap{conv11, out, c1, c3, c5, c7} {
		b, c, k := n.boxPredictor(src, i)
		boxes, classes = append(boxes, b), append(classes, c)
		count += k
	}
	anchors := n.weight("Output/extra_dim", 1, SSDNumAnchors, 4)
	if n.err == nil && count != SSDNumAnchors {
		n.err = fmt.Errorf("ssd_mobilenetv1: predictors give %d boxes, anchors %d", count, SSDNumAnchors)
	}
	if n.err != nil {
		return nil, n.err
	}
	g := n.g
	g.Output(SSDOutBoxes, g.Concat(1, boxes...), onnx.Float, -1, SSDNumAnchors, 4)
	logits := g.Slice(g.Concat(1, classes...), []int64{1}, []int64{2}, []int64{2})
	g.Output(SSDOutScores, g.Reshape(g.Sigmoid(logits), 0, -1), onnx.Float, -1, SSDNumAnchors)
	g.Output(SSDOutAnchors, g.Const("Output/extra_dim", []int64{SSDNumAnchors, 4}, anchors), onnx.Float, SSDNumAnchors, 4)
	return g, nil
}

// pointwiseBlock is face-api's pointwiseConvLayer: conv (1x1 in the
// backbone, 3x3 in layer 0 and the odd extra layers), add the folded
// batch-norm offset, ReLU6.
func (n *tfNet) pointwiseBlock(x fmap, prefix string, stride int) fmap {
	x = n.conv(x, prefix+"/weights", prefix+"/convolution_bn_offset", stride)
	return n.unary(x, n.g.Relu6)
}

// mobileNetV1 returns the backbone's output and conv layer 11's, which the
// first box predictor reads.
func (n *tfNet) mobileNetV1(x fmap) (out, conv11 fmap) {
	out = n.pointwiseBlock(x, "MobilenetV1/Conv2d_0_pointwise", 2)
	for i := 1; i <= 13; i++ {
		stride := 1
		if i == 2 || i == 4 || i == 6 || i == 12 {
			stride = 2
		}
		p := fmt.Sprintf("MobilenetV1/Conv2d_%d_depthwise", i)
		out = n.depthwise(out, p+"/depthwise_weights", stride)
		out = n.batchNorm(out, p+"/BatchNorm/moving_mean", p+"/BatchNorm/moving_variance",
			p+"/BatchNorm/beta", p+"/BatchNorm/gamma", mobileNetBNEpsilon)
		out = n.unary(out, n.g.Relu6)
		out = n.pointwiseBlock(out, fmt.Sprintf("MobilenetV1/Conv2d_%d_pointwise", i), 1)
		if i == 11 {
			conv11 = out
		}
	}
	return out, conv11
}

// boxPredictor returns predictor i's box encodings [N, k, 4] and class
// logits [N, k, 3] in TF's (row, column, anchor) order, and k.
func (n *tfNet) boxPredictor(x fmap, i int) (boxes, classes string, k int) {
	p := fmt.Sprintf("Prediction/BoxPredictor_%d", i)
	b := n.conv(x, p+"/BoxEncodingPredictor/weights", p+"/BoxEncodingPredictor/biases", 1)
	c := n.conv(x, p+"/ClassPredictor/weights", p+"/ClassPredictor/biases", 1)
	if n.err != nil {
		return "", "", 0
	}
	k = b.h * b.w * b.c / 4
	// NCHW to NHWC so the flattening order matches TF's reshape.
	boxes = n.g.Reshape(n.g.Transpose(b.v, 0, 2, 3, 1), 0, -1, 4)
	classes = n.g.Reshape(n.g.Transpose(c.v, 0, 2, 3, 1), 0, -1, 3)
	return boxes, classes, k
}
