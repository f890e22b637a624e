package convert

import (
	"fmt"

	"vigie/sim/recognition/onnx"
)

// AgeGenderNet graph facts: input [N, 112, 112, 3] as FaceLandmark68Net's;
// outputs age [N] (years) and gender [N, 2] (softmax: male, female).
const (
	AgeGenderName = "age_gender"
	AgeOut        = "age"
	GenderOut     = "gender"
)

func init() {
	register(Network{Name: AgeGenderName, Manifest: "age_gender_model-weights_manifest.json", Build: buildAgeGender})
}

// ageGenderMainBlocks is the number of middle-flow blocks face-api's
// AgeGenderNet builds its TinyXception with.
const ageGenderMainBlocks = 2

// buildAgeGender writes AgeGenderNet (src/ageGenderNet, src/xception): a
// TinyXception backbone (3x3 stride-2 conv, two reduction blocks, two
// residual main blocks, an exit reduction block and a separable conv), 7x7
// average pooling, then a 512->1 age regression and a 512->2 gender
// softmax.
func buildAgeGender(w map[string]tfTensor) (*onnx.Graph, error) {
	n := &tfNet{g: onnx.NewGraph("age_gender"), w: w, model: "age_gender"}
	x := n.faceNetInput(FaceNetInputSize)
	x = n.unary(n.conv(x, "entry_flow/conv_in/filters", "entry_flow/conv_in/bias", 2), n.g.Relu)
	x = n.reductionBlock(x, "entry_flow/reduction_block_0", false)
	x = n.reductionBlock(x, "entry_flow/reduction_block_1", true)
	for i := range ageGenderMainBlocks {
		x = n.mainBlock(x, fmt.Sprintf("middle_flow/main_block_%d", i))
	}
	x = n.reductionBlock(x, "exit_flow/reduction_block", true)
	x = n.unary(n.separable(x, "exit_flow/separable_conv", 1), n.g.Relu)
	x = n.avgPoolValid(x, 7, 2)
	if n.err != nil {
		return nil, n.err
	}
	flat := n.g.Reshape(x.v, 0, -1)
	age, ka := n.dense(flat, x.c*x.h*x.w, "fc/age")
	gender, kg := n.dense(flat, x.c*x.h*x.w, "fc/gender")
	if n.err == nil && (ka != 1 || kg != 2) {
		n.err = fmt.Errorf("age_gender: heads give %d and %d values, want 1 and 2", ka, kg)
	}
	if n.err != nil {
		return nil, n.err
	}
	n.g.Output(AgeOut, n.g.Reshape(age, -1), onnx.Float, -1)
	n.g.Output(GenderOut, n.g.Softmax(gender, 1), onnx.Float, -1, 2)
	return n.g, nil
}

// reductionBlock halves the map: two separable convs and a 3x3 stride-2 max
// pool, plus a stride-2 1x1 "expansion" conv of the block input.
func (n *tfNet) reductionBlock(x fmap, prefix string, activateInput bool) fmap {
	out := x
	if activateInput {
		out = n.unary(x, n.g.Relu)
	}
	out = n.separable(out, prefix+"/separable_conv0", 1)
	out = n.separable(n.unary(out, n.g.Relu), prefix+"/separable_conv1", 1)
	out = n.maxPoolSame(out, 3, 2)
	return n.add(out, n.conv(x, prefix+"/expansion_conv/filters", prefix+"/expansion_conv/bias", 2))
}

// mainBlock is three ReLU + separable conv steps with a residual add.
func (n *tfNet) mainBlock(x fmap, prefix string) fmap {
	out := x
	for i := range 3 {
		out = n.separable(n.unary(out, n.g.Relu), fmt.Sprintf("%s/separable_conv%d", prefix, i), 1)
	}
	return n.add(out, x)
}
