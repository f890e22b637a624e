package convert

import (
	"fmt"

	"vigie/sim/recognition/onnx"
)

// FaceLandmark68Net graph facts: input [N, 112, 112, 3] (RGB 0..255, the
// face crop padded to a centred square and resized); output [N, 136], x and
// y of the 68 points interleaved, relative to that padded square.
const (
	LandmarksName      = "face_landmark_68"
	FaceNetInputSize   = 112
	LandmarksOut       = "landmarks"
	LandmarksOutValues = 136
)

func init() {
	register(Network{Name: LandmarksName, Manifest: "face_landmark_68_model-weights_manifest.json", Build: buildLandmarks68})
}

// buildLandmarks68 writes FaceLandmark68Net (src/faceLandmarkNet,
// src/faceFeatureExtractor): mean-RGB normalisation, four dense blocks of
// four convolutions each (the first a plain 3x3 conv in block 0, depthwise
// separable elsewhere; each later conv reads the ReLU of the sum of all
// earlier outputs in the block), 7x7 average pooling and a 256->136 dense
// layer.
func buildLandmarks68(w map[string]tfTensor) (*onnx.Graph, error) {
	n := &tfNet{g: onnx.NewGraph("face_landmark_68"), w: w, model: "face_landmark_68"}
	x := n.faceNetInput(FaceNetInputSize)
	for i := range 4 {
		x = n.denseBlock4(x, fmt.Sprintf("dense%d", i), i == 0)
	}
	x = n.avgPoolValid(x, 7, 2)
	if n.err != nil {
		return nil, n.err
	}
	flat := n.g.Reshape(x.v, 0, -1)
	out, k := n.dense(flat, x.c*x.h*x.w, "fc")
	if n.err == nil && k != LandmarksOutValues {
		n.err = fmt.Errorf("face_landmark_68: fc gives %d values, want %d", k, LandmarksOutValues)
	}
	if n.err != nil {
		return nil, n.err
	}
	n.g.Output(LandmarksOut, out, onnx.Float, -1, LandmarksOutValues)
	return n.g, nil
}

// denseBlock4 is face-api's denseBlock4 with stride-2 first convolution.
func (n *tfNet) denseBlock4(x fmap, prefix string, first bool) fmap {
	var out1 fmap
	if first {
		out1 = n.conv(x, prefix+"/conv0/filters", prefix+"/conv0/bias", 2)
	} else {
		out1 = n.separable(x, prefix+"/conv0", 2)
	}
	out1 = n.unary(out1, n.g.Relu)
	out2 := n.separable(out1, prefix+"/conv1", 1)
	in3 := n.unary(n.add(out1, out2), n.g.Relu)
	out3 := n.separable(in3, prefix+"/conv2", 1)
	in4 := n.unary(n.add(out1, n.add(out2, out3)), n.g.Relu)
	out4 := n.separable(in4, prefix+"/conv3", 1)
	return n.unary(n.add(out1, n.add(out2, n.add(out3, out4))), n.g.Relu)
}
