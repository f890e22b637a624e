// Package convert turns face-api.js weights (tfjs manifests with
// uint8-quantised binary shards) into ONNX models that ONNX Runtime runs.
//
// Each network is one registered entry (Network: output name, manifest file,
// build function). Converters in this package add theirs from an init
// function; Convert runs them all in name order, so set-up converts every
// network in one step and the same weights give the same bytes.
package convert

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"vigie/internal/atomicfile"
	"vigie/sim/recognition/onnx"
)

// Network is one face-api network to convert.
type Network struct {
	// Name is the output file's stem: <out>/<Name>.onnx.
	Name string
	// Manifest is the face-api manifest in the weights folder, e.g.
	// "face_recognition_model-weights_manifest.json".
	Manifest string
	// Build writes the graph from the dequantised weights (by tfjs name).
	Build func(w map[string]tfTensor) (*onnx.Graph, error)
}

var registry = map[string]Network{}

// register adds a network; a second entry with the same name is a bug.
func register(n Network) {
	if _, dup := registry[n.Name]; dup {
		panic("convert: network " + n.Name + " registered twice")
	}
	registry[n.Name] = n
}

// Networks lists the registered networks in name order.
func Networks() []Network {
	out := make([]Network, 0, len(registry))
	for _, n := range registry {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Output is one converted model file.
type Output struct {
	Name, Path, SHA256 string
	Bytes              int
}

// Convert builds every registered network (or only those named) from the
// face-api weights in weightsDir and writes <outDir>/<name>.onnx.
func Convert(weightsDir, outDir string, only ...string) ([]Output, error) {
	want := map[string]bool{}
	for _, n := range only {
		if _, ok := registry[n]; !ok {
			return nil, fmt.Errorf("convert: no network %q (have %v)", n, names())
		}
		want[n] = true
	}
	var outs []Output
	for _, n := range Networks() {
		if len(want) > 0 && !want[n.Name] {
			continue
		}
		o, err := convertOne(n, weightsDir, outDir)
		if err != nil {
			return outs, err
		}
		outs = append(outs, o)
	}
	return outs, nil
}

func names() []string {
	var s []string
	for _, n := range Networks() {
		s = append(s, n.Name)
	}
	return s
}

func convertOne(n Network, weightsDir, outDir string) (Output, error) {
	w, err := LoadWeights(filepath.Join(weightsDir, n.Manifest))
	if err != nil {
		return Output{}, err
	}
	g, err := n.Build(w)
	if err != nil {
		return Output{}, fmt.Errorf("convert %s: %w", n.Name, err)
	}
	return writeGraph(g, n.Name, "face-api.js "+n.Manifest, outDir)
}

// writeGraph serialises g as outDir/<name>.onnx, saying where it came from.
func writeGraph(g *onnx.Graph, name, source, outDir string) (Output, error) {
	b := g.Marshal("vigie", source+" converted by vigie/sim/recognition/convert")
	path := filepath.Join(outDir, name+".onnx")
	if err := atomicfile.Write(path, b); err != nil {
		return Output{}, err
	}
	sum := sha256.Sum256(b)
	return Output{Name: name, Path: path, SHA256: hex.EncodeToString(sum[:]), Bytes: len(b)}, nil
}

// manifestGroup is one entry of a tfjs weights manifest.
type manifestGroup struct {
	Paths   []string         `json:"paths"`
	Weights []manifestWeight `json:"weights"`
}

type manifestWeight struct {
	Name         string        `json:"name"`
	Shape        []int         `json:"shape"`
	Dtype        string        `json:"dtype"`
	Quantization *quantization `json:"quantization"`
}

type quantization struct {
	Dtype string   `json:"dtype"`
	Scale *float64 `json:"scale"`
	Min   *float64 `json:"min"`
}

// LoadWeights reads a tfjs weights manifest and its binary shards (named in
// the manifest, next to it) and returns every weight dequantised to float32.
// Quantised values are q*scale + min (uint8 or uint16 q); int32 weights are
// rounded as tfjs does and kept as float32.
func LoadWeights(manifestPath string) (map[string]tfTensor, error) {
	raw, err := os.ReadFile(manifestPath)
	if err != nil {
		return nil, fmt.Errorf("read weights manifest: %w (run `make models`)", err)
	}
	var groups []manifestGroup
	if err := json.Unmarshal(raw, &groups); err != nil {
		return nil, fmt.Errorf("%s: not a tfjs weights manifest (a JSON list of {paths, weights}): %w", manifestPath, err)
	}
	dir := filepath.Dir(manifestPath)
	out := map[string]tfTensor{}
	for gi, g := range groups {
		var bin []byte
		for _, p := range g.Paths {
			b, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				return nil, fmt.Errorf("%s: group %d: %w", manifestPath, gi, err)
			}
			bin = append(bin, b...)
		}
		rest, err := decodeGroup(g.Weights, bin, out)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", manifestPath, err)
		}
		if rest != 0 {
			return nil, fmt.Errorf("%s: group %d: %d bytes left over after the last weight", manifestPath, gi, rest)
		}
	}
	return out, nil
}

// decodeGroup decodes the weights of one group in order from bin into out
// and returns how many bytes were not used.
func decodeGroup(ws []manifestWeight, bin []byte, out map[string]tfTensor) (int, error) {
	for _, w := range ws {
		n := 1
		for _, d := range w.Shape {
			if d < 0 {
				return 0, fmt.Errorf("weight %q: negative dimension in shape %v", w.Name, w.Shape)
			}
			n *= d
		}
		data, used, err := decodeWeight(w, n, bin)
		if err != nil {
			return 0, fmt.Errorf("weight %q: %w", w.Name, err)
		}
		if _, dup := out[w.Name]; dup {
			return 0, fmt.Errorf("weight %q appears twice", w.Name)
		}
		out[w.Name] = tfTensor{Shape: append([]int(nil), w.Shape...), Data: data}
		bin = bin[used:]
	}
	return len(bin), nil
}

// decodeWeight reads n values of w from the front of bin.
func decodeWeight(w manifestWeight, n int, bin []byte) ([]float32, int, error) {
	if w.Dtype != "float32" && w.Dtype != "int32" {
		return nil, 0, fmt.Errorf("dtype %q not supported (allowed: float32, int32)", w.Dtype)
	}
	q := w.Quantization
	if q == nil {
		if len(bin) < 4*n {
			return nil, 0, fmt.Errorf("needs %d bytes, shard has %d left", 4*n, len(bin))
		}
		data := make([]float32, n)
		for i := range data {
			u := binary.LittleEndian.Uint32(bin[4*i:])
			if w.Dtype == "int32" {
				data[i] = float32(int32(u))
			} else {
				data[i] = math.Float32frombits(u)
			}
		}
		return data, 4 * n, nil
	}
	size := map[string]int{"uint8": 1, "uint16": 2}[q.Dtype]
	if size == 0 {
		return nil, 0, fmt.Errorf("quantization dtype %q not supported (allowed: uint8, uint16)", q.Dtype)
	}
	if q.Scale == nil || q.Min == nil {
		return nil, 0, fmt.Errorf("%s quantization needs scale and min", q.Dtype)
	}
	if len(bin) < size*n {
		return nil, 0, fmt.Errorf("needs %d bytes, shard has %d left", size*n, len(bin))
	}
	data := make([]float32, n)
	for i := range data {
		v := float64(bin[i])
		if size == 2 {
			v = float64(binary.LittleEndian.Uint16(bin[2*i:]))
		}
		// tfjs computes in float64 and stores the result as float32. The
		// explicit conversion rounds the product before the sum, so no
		// architecture fuses them (Go may fuse x*y+z on arm64), and the
		// models match their pinned sums everywhere.
		v = float64(v*(*q.Scale)) + *q.Min
		if w.Dtype == "int32" {
			v = math.Floor(v + 0.5) // JavaScript's Math.round
		}
		data[i] = float32(v)
	}
	return data, size * n, nil
}
