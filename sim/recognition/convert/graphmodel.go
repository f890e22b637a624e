package convert

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"vigie/sim/recognition/onnx"
)

// This file converts a tfjs *graph model* (model.json: a frozen TensorFlow
// GraphDef as JSON plus a weights manifest) into ONNX, op by op. face-api's
// networks are layer code over named weights (the hand-written builders in
// this package); a graph model carries its own graph, so the converter walks
// it from the output back to the input and translates each node. Only the ops
// the networks we convert use are supported; any other op is an error that
// names the node, so a new model never converts silently wrong.
//
// Activations are NHWC in TensorFlow and NCHW here (ONNX Conv's layout):
// 4-D values are tracked with their channel and spatial sizes, per-channel
// constants are reshaped to [C,1,1] when they meet one, and axes named by
// reductions and squeezes are mapped from NHWC to NCHW.

// graphModelJSON is the part of a tfjs model.json this converter reads.
type graphModelJSON struct {
	Format   string `json:"format"`
	Metadata struct {
		Signature struct {
			Outputs map[string]struct {
				Name string `json:"name"`
			} `json:"outputs"`
		} `json:"signature"`
	} `json:"userDefinedMetadata"`
	Topology struct {
		Node []graphNode `json:"node"`
	} `json:"modelTopology"`
	WeightsManifest []manifestGroup `json:"weightsManifest"`
}

type graphNode struct {
	Name  string                     `json:"name"`
	Op    string                     `json:"op"`
	Input []string                   `json:"input"`
	Attr  map[string]json.RawMessage `json:"attr"`
}

// GraphModel is a parsed tfjs graph model with its weights.
type GraphModel struct {
	path    string
	nodes   map[string]*graphNode
	order   []string
	outputs []string
	weights map[string]tfTensor
}

// LoadGraphModel reads a tfjs graph model (model.json and the shards its
// weights manifest names, next to it).
func LoadGraphModel(path string) (*GraphModel, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read graph model: %w (run `make models`)", err)
	}
	var m graphModelJSON
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a tfjs graph model: %w", path, err)
	}
	if m.Format != "graph-model" {
		return nil, fmt.Errorf("%s: format %q, want \"graph-model\"", path, m.Format)
	}
	gm := &GraphModel{path: path, nodes: map[string]*graphNode{}, weights: map[string]tfTensor{}}
	for i := range m.Topology.Node {
		n := &m.Topology.Node[i]
		if _, dup := gm.nodes[n.Name]; dup {
			return nil, fmt.Errorf("%s: node %q appears twice", path, n.Name)
		}
		gm.nodes[n.Name] = n
		gm.order = append(gm.order, n.Name)
	}
	for _, o := range m.Metadata.Signature.Outputs {
		gm.outputs = append(gm.outputs, o.Name)
	}
	dir := filepath.Dir(path)
	for gi, g := range m.WeightsManifest {
		var bin []byte
		for _, p := range g.Paths {
			b, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				return nil, fmt.Errorf("%s: weights group %d: %w", path, gi, err)
			}
			bin = append(bin, b...)
		}
		rest, err := decodeGroup(g.Weights, bin, gm.weights)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rest != 0 {
			return nil, fmt.Errorf("%s: weights group %d: %d bytes left over after the last weight", path, gi, rest)
		}
	}
	return gm, nil
}

// tval is a converted value: a pending constant (not yet in the graph, so
// its layout can follow its use), a 4-D NCHW activation, or another tensor
// of known rank.
type tval struct {
	v       string // ONNX value name ("" for a pending constant)
	konst   *tfTensor
	nchw    bool
	c, h, w int
	rank    int
}

// graphConv is one conversion in progress.
type graphConv struct {
	gm    *GraphModel
	g     *onnx.Graph
	done  map[string]tval
	busy  map[string]bool
	input string // the ONNX graph input's name
}

// ToONNX converts the graph: its single image placeholder [-1, H, W, C]
// becomes the input named input (NHWC, as the model takes it) and the named
// TF node becomes the output named output, of shape [N, outDim].
func (gm *GraphModel) ToONNX(name, input, tfOutput, output string, outDim int) (*onnx.Graph, error) {
	c := &graphConv{gm: gm, g: onnx.NewGraph(name), done: map[string]tval{}, busy: map[string]bool{}, input: input}
	v, err := c.value(tfOutput)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", gm.path, err)
	}
	if v.konst != nil || v.nchw || v.rank != 2 {
		return nil, fmt.Errorf("%s: output %q is not a [N, %d] tensor", gm.path, tfOutput, outDim)
	}
	c.g.Output(output, v.v, onnx.Float, -1, int64(outDim))
	return c.g, nil
}

// value converts the named TF value (and, first, everything it reads).
func (c *graphConv) value(ref string) (tval, error) {
	name := ref
	if i := strings.LastIndexByte(ref, ':'); i > 0 {
		if ref[i+1:] != "0" {
			return tval{}, fmt.Errorf("value %q: only a node's first output is supported", ref)
		}
		name = ref[:i]
	}
	if v, ok := c.done[name]; ok {
		return v, nil
	}
	if c.busy[name] {
		return tval{}, fmt.Errorf("node %q is part of a cycle", name)
	}
	n, ok := c.gm.nodes[name]
	if !ok {
		return tval{}, fmt.Errorf("node %q is not in the graph", name)
	}
	c.busy[name] = true
	var ins []tval
	for _, in := range n.Input {
		if strings.HasPrefix(in, "^") {
			continue // control dependency: no data
		}
		v, err := c.value(in)
		if err != nil {
			return tval{}, err
		}
		ins = append(ins, v)
	}
	v, err := c.node(n, ins)
	if err != nil {
		return tval{}, fmt.Errorf("node %q (%s): %w", n.Name, n.Op, err)
	}
	c.done[name] = v
	return v, nil
}

// node translates one TF node whose inputs are converted.
func (c *graphConv) node(n *graphNode, ins []tval) (tval, error) {
	want := map[string]int{"Const": 0, "Placeholder": 0, "Relu": 1, "Abs": 1, "Square": 1, "Rsqrt": 1,
		"Squeeze": 1, "Add": 2, "AddV2": 2, "Sub": 2, "Mul": 2, "Maximum": 2, "Sum": 2,
		"_FusedConv2D": 3, "FusedDepthwiseConv2dNative": 3}
	k, ok := want[n.Op]
	if !ok {
		return tval{}, fmt.Errorf("op not supported (supported: %s)", strings.Join(sortedKeys(want), ", "))
	}
	if len(ins) != k {
		return tval{}, fmt.Errorf("has %d inputs, want %d", len(ins), k)
	}
	g := c.g
	switch n.Op {
	case "Const":
		t, ok := c.gm.weights[n.Name]
		if !ok {
			return tval{}, fmt.Errorf("no weight of that name in the manifest")
		}
		return tval{konst: &t, rank: len(t.Shape)}, nil
	case "Placeholder":
		return c.placeholder(n)
	case "Relu", "Abs":
		x, err := c.materialise(ins[0], tval{})
		if err != nil {
			return tval{}, err
		}
		return x.with(g.Node(n.Op, []string{x.v})), nil
	case "Square":
		x, err := c.materialise(ins[0], tval{})
		if err != nil {
			return tval{}, err
		}
		return x.with(g.Mul(x.v, x.v)), nil
	case "Rsqrt":
		x, err := c.materialise(ins[0], tval{})
		if err != nil {
			return tval{}, err
		}
		return x.with(g.Node("Reciprocal", []string{g.Node("Sqrt", []string{x.v})})), nil
	case "Add", "AddV2", "Sub", "Mul", "Maximum":
		return c.binary(n.Op, ins[0], ins[1])
	case "Squeeze":
		return c.squeeze(n, ins[0])
	case "Sum":
		return c.sum(n, ins[0], ins[1])
	default:
		return c.fusedConv(n, ins[0], ins[1], ins[2])
	}
}

func sortedKeys(m map[string]int) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// with is x's layout carried over to a new value.
func (x tval) with(v string) tval {
	x.v, x.konst = v, nil
	return x
}

func (c *graphConv) placeholder(n *graphNode) (tval, error) {
	var a struct {
		Shape struct {
			Dim []struct {
				Size string `json:"size"`
			} `json:"dim"`
		} `json:"shape"`
	}
	if err := json.Unmarshal(n.Attr["shape"], &a); err != nil {
		return tval{}, fmt.Errorf("shape attribute: %w", err)
	}
	var dims []int
	for _, d := range a.Shape.Dim {
		v, err := strconv.Atoi(d.Size)
		if err != nil {
			return tval{}, fmt.Errorf("shape attribute: size %q", d.Size)
		}
		dims = append(dims, v)
	}
	if len(dims) != 4 || dims[0] != -1 || dims[1] <= 0 || dims[2] <= 0 || dims[3] <= 0 {
		return tval{}, fmt.Errorf("input shape %v, want [-1, H, W, C]", dims)
	}
	in := c.g.Input(c.input, onnx.Float, -1, int64(dims[1]), int64(dims[2]), int64(dims[3]))
	return tval{v: c.g.Transpose(in, 0, 3, 1, 2), nchw: true, h: dims[1], w: dims[2], c: dims[3], rank: 4}, nil
}

// materialise puts a pending constant into the graph shaped to meet other:
// a per-channel [C] constant next to an NCHW activation becomes [C,1,1].
func (c *graphConv) materialise(x, other tval) (tval, error) {
	if x.konst == nil {
		return x, nil
	}
	t := x.konst
	dims := make([]int64, len(t.Shape))
	for i, d := range t.Shape {
		dims[i] = int64(d)
	}
	out := tval{rank: len(dims)}
	if other.nchw && len(t.Shape) == 1 {
		if t.Shape[0] != other.c {
			return tval{}, fmt.Errorf("constant of %d values meets %d channels", t.Shape[0], other.c)
		}
		dims = []int64{int64(other.c), 1, 1}
		out.rank = 3
	} else if other.nchw && len(t.Shape) > 1 {
		return tval{}, fmt.Errorf("constant of shape %v meets an NHWC activation: not supported", t.Shape)
	}
	out.v = c.g.Const(c.g.Fresh("const"), dims, t.Data)
	return out, nil
}

func (c *graphConv) binary(op string, a, b tval) (tval, error) {
	if a.konst != nil && b.konst != nil {
		return tval{}, fmt.Errorf("both operands are constants: not supported")
	}
	var err error
	if a, err = c.materialise(a, b); err != nil {
		return tval{}, err
	}
	if b, err = c.materialise(b, a); err != nil {
		return tval{}, err
	}
	out := a
	if b.rank > a.rank || b.nchw {
		out = b
	}
	onnxOp := map[string]string{"Add": "Add", "AddV2": "Add", "Sub": "Sub", "Mul": "Mul", "Maximum": "Max"}[op]
	return out.with(c.g.Node(onnxOp, []string{a.v, b.v})), nil
}

// intList reads an attribute {"list": {"i": ["1", "2"]}}.
func intList(raw json.RawMessage) ([]int, error) {
	var a struct {
		List struct {
			I []string `json:"i"`
		} `json:"list"`
	}
	if len(raw) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	out := make([]int, len(a.List.I))
	for i, s := range a.List.I {
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("integer %q", s)
		}
		out[i] = v
	}
	return out, nil
}

// stringAttr reads {"s": base64} and stringList {"list": {"s": [...]}}
// (encoding/json decodes base64 into []byte).
func stringAttr(raw json.RawMessage) (string, error) {
	var a struct {
		S []byte `json:"s"`
	}
	if len(raw) == 0 {
		return "", nil
	}
	err := json.Unmarshal(raw, &a)
	return string(a.S), err
}

func stringList(raw json.RawMessage) ([]string, error) {
	var a struct {
		List struct {
			S [][]byte `json:"s"`
		} `json:"list"`
	}
	if len(raw) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	out := make([]string, len(a.List.S))
	for i, s := range a.List.S {
		out[i] = string(s)
	}
	return out, nil
}

// squeeze drops size-1 axes; on an NCHW value only squeezing both spatial
// axes (NHWC axes 1 and 2, leaving [N, C]) is supported.
func (c *graphConv) squeeze(n *graphNode, x tval) (tval, error) {
	dims, err := intList(n.Attr["squeeze_dims"])
	if err != nil {
		return tval{}, fmt.Errorf("squeeze_dims: %w", err)
	}
	if !x.nchw || len(dims) != 2 || dims[0] != 1 || dims[1] != 2 || x.h != 1 || x.w != 1 {
		return tval{}, fmt.Errorf("squeeze of axes %v on a %dx%d map: only [1 2] of a 1x1 map is supported", dims, x.h, x.w)
	}
	return tval{v: c.g.Reshape(x.v, 0, -1), rank: 2, c: x.c}, nil
}

// sum is tf.sum over constant axes of a 2-D [N, C] value.
func (c *graphConv) sum(n *graphNode, x, axes tval) (tval, error) {
	if axes.konst == nil || x.konst != nil || x.nchw || x.rank != 2 {
		return tval{}, fmt.Errorf("only a sum over constant axes of a 2-D value is supported")
	}
	var keep struct {
		B bool `json:"b"`
	}
	if raw := n.Attr["keep_dims"]; len(raw) > 0 {
		if err := json.Unmarshal(raw, &keep); err != nil {
			return tval{}, fmt.Errorf("keep_dims: %w", err)
		}
	}
	ax := make([]int64, len(axes.konst.Data))
	for i, v := range axes.konst.Data {
		ax[i] = int64(v)
		if ax[i] < 0 {
			ax[i] += 2
		}
		if ax[i] != 1 {
			return tval{}, fmt.Errorf("sum over axis %v: only the last axis of [N, C] is supported", v)
		}
	}
	k := int64(0)
	rank := 1
	if keep.B {
		k, rank = 1, 2
	}
	a := c.g.ConstInt64(c.g.Fresh("axes"), []int64{int64(len(ax))}, ax)
	return tval{v: c.g.Node("ReduceSum", []string{x.v, a}, onnx.AttrInt("keepdims", k)), rank: rank}, nil
}

// fusedConv is tfjs's fused conv2d / depthwise conv2d with BiasAdd and an
// optional Relu (the only fusions these models use).
func (c *graphConv) fusedConv(n *graphNode, x, filt, bias tval) (tval, error) {
	if !x.nchw || filt.konst == nil || bias.konst == nil {
		return tval{}, fmt.Errorf("want an activation, a constant filter and a constant bias")
	}
	format, err := stringAttr(n.Attr["data_format"])
	if err != nil || (format != "" && format != "NHWC") {
		return tval{}, fmt.Errorf("data_format %q: only NHWC is supported", format)
	}
	padding, err := stringAttr(n.Attr["padding"])
	if err != nil || (padding != "SAME" && padding != "VALID") {
		return tval{}, fmt.Errorf("padding %q: only SAME and VALID are supported", padding)
	}
	strides, err := intList(n.Attr["strides"])
	if err != nil || len(strides) != 4 || strides[0] != 1 || strides[3] != 1 || strides[1] != strides[2] {
		return tval{}, fmt.Errorf("strides %v: want [1 s s 1]", strides)
	}
	if d, err := intList(n.Attr["dilations"]); err != nil || (d != nil && (d[1] != 1 || d[2] != 1)) {
		return tval{}, fmt.Errorf("dilations %v: only 1 is supported", d)
	}
	fused, err := stringList(n.Attr["fused_ops"])
	if err != nil || len(fused) == 0 || fused[0] != "BiasAdd" || len(fused) > 2 || (len(fused) == 2 && fused[1] != "Relu") {
		return tval{}, fmt.Errorf("fused_ops %v: only [BiasAdd] and [BiasAdd Relu] are supported", fused)
	}
	fs := filt.konst.Shape
	if len(fs) != 4 || fs[2] != x.c {
		return tval{}, fmt.Errorf("filter shape %v for %d input channels", fs, x.c)
	}
	kh, kw, stride := fs[0], fs[1], strides[1]
	var w string
	co, group := fs[3], 1
	if n.Op == "FusedDepthwiseConv2dNative" {
		if fs[3] != 1 {
			return tval{}, fmt.Errorf("depthwise channel multiplier %d: only 1 is supported", fs[3])
		}
		co, group = x.c, x.c
		w = c.g.Const(c.g.Fresh("dw_filter"), []int64{int64(x.c), 1, int64(kh), int64(kw)}, hwioToOIHW(filt.konst.Data, kh, kw, 1, x.c))
	} else {
		w = c.g.Const(c.g.Fresh("filter"), []int64{int64(co), int64(x.c), int64(kh), int64(kw)}, hwioToOIHW(filt.konst.Data, kh, kw, x.c, co))
	}
	if len(bias.konst.Shape) != 1 || bias.konst.Shape[0] != co {
		return tval{}, fmt.Errorf("bias shape %v for %d output channels", bias.konst.Shape, co)
	}
	b := c.g.Const(c.g.Fresh("bias"), []int64{int64(co)}, bias.konst.Data)
	var top, bottom, left, right, oh, ow int
	if padding == "SAME" {
		top, bottom, oh = samePads(x.h, kh, stride)
		left, right, ow = samePads(x.w, kw, stride)
	} else {
		oh, ow = (x.h-kh)/stride+1, (x.w-kw)/stride+1
	}
	if oh <= 0 || ow <= 0 {
		return tval{}, fmt.Errorf("a %dx%d filter on a %dx%d map leaves nothing", kh, kw, x.h, x.w)
	}
	v := c.g.Conv(x.v, w, b, onnx.ConvOpts{
		Strides: []int64{int64(stride), int64(stride)},
		Pads:    []int64{int64(top), int64(left), int64(bottom), int64(right)},
		Group:   int64(group),
	})
	if len(fused) == 2 {
		v = c.g.Relu(v)
	}
	return tval{v: v, nchw: true, c: co, h: oh, w: ow, rank: 4}, nil
}
