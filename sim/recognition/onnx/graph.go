package onnx

import (
	"fmt"
	"strconv"
)

// Tensor is a constant (an initialiser or a tensor attribute). Exactly one of
// the data slices matches Type.
type Tensor struct {
	Name   string
	Type   DataType
	Dims   []int64
	Floats []float32
	Int64s []int64
	Int32s []int32
}

// Attr is one node attribute; build it with AttrInt, AttrInts, AttrFloat, ...
type Attr struct {
	Name string
	kind int
	f    float32
	i    int64
	s    string
	t    *Tensor
	fs   []float32
	is   []int64
}

// AttrInt is an integer attribute.
func AttrInt(name string, v int64) Attr { return Attr{Name: name, kind: attrTypeInt, i: v} }

// AttrInts is an integer-list attribute.
func AttrInts(name string, v ...int64) Attr { return Attr{Name: name, kind: attrTypeInts, is: v} }

// AttrFloat is a float attribute.
func AttrFloat(name string, v float32) Attr { return Attr{Name: name, kind: attrTypeFloat, f: v} }

// AttrFloats is a float-list attribute.
func AttrFloats(name string, v ...float32) Attr {
	return Attr{Name: name, kind: attrTypeFloats, fs: v}
}

// AttrString is a string attribute.
func AttrString(name, v string) Attr { return Attr{Name: name, kind: attrTypeString, s: v} }

// AttrTensor is a tensor attribute (e.g. ConstantOfShape's value).
func AttrTensor(name string, t *Tensor) Attr { return Attr{Name: name, kind: attrTypeTensor, t: t} }

type node struct {
	name, op        string
	inputs, outputs []string
	attrs           []Attr
}

type valueInfo struct {
	name    string
	elem    DataType
	dims    []int64
	dynName string
}

// Graph accumulates nodes, constants, inputs and outputs. Methods return the
// name of the value they produce, so a network reads as a chain of calls:
//
//	x := g.Input("input", onnx.Float, -1, 3, 150, 150)
//	y := g.Relu(g.Conv(x, w, b, onnx.ConvOpts{Strides: []int64{2, 2}}))
//
// A builder panics on programming errors (unknown value names, duplicate
// names) because those are bugs in a converter, not bad input.
type Graph struct {
	name  string
	nodes []node
	inits []Tensor
	// inputs and outputs are the graph's interface.
	inputs, outputs []valueInfo
	known           map[string]bool
	counter         map[string]int
}

// NewGraph starts an empty graph.
func NewGraph(name string) *Graph {
	return &Graph{name: name, known: map[string]bool{}, counter: map[string]int{}}
}

// fresh returns a new unique value name with the given stem.
func (g *Graph) fresh(stem string) string {
	for {
		g.counter[stem]++
		n := stem + "_" + strconv.Itoa(g.counter[stem])
		if !g.known[n] {
			return n
		}
	}
}

// Fresh returns a new unique value name with the given stem, for callers
// that name constants themselves.
func (g *Graph) Fresh(stem string) string { return g.fresh(stem) }

func (g *Graph) define(name string) {
	if g.known[name] {
		panic(fmt.Sprintf("onnx: value %q defined twice", name))
	}
	g.known[name] = true
}

func (g *Graph) use(names []string) {
	for _, n := range names {
		if n != "" && !g.known[n] {
			panic(fmt.Sprintf("onnx: value %q used before it is defined", n))
		}
	}
}

// Input declares a graph input. A negative dimension is dynamic and called
// "N" (the batch), so callers may feed any batch size.
func (g *Graph) Input(name string, elem DataType, dims ...int64) string {
	g.define(name)
	g.inputs = append(g.inputs, valueInfo{name: name, elem: elem, dims: dims, dynName: "N"})
	return name
}

// Output declares value v as a graph output under the given name, adding an
// Identity node when the names differ.
func (g *Graph) Output(name, v string, elem DataType, dims ...int64) {
	if v != name {
		g.NamedNode(name, "Identity", []string{v})
	}
	g.outputs = append(g.outputs, valueInfo{name: name, elem: elem, dims: dims, dynName: "N"})
}

// Const adds a float32 initialiser; len(data) must equal the product of dims.
func (g *Graph) Const(name string, dims []int64, data []float32) string {
	checkSize(name, dims, len(data))
	return g.addInit(Tensor{Name: name, Type: Float, Dims: dims, Floats: data})
}

// ConstInt64 adds an int64 initialiser (shapes, axes, pads).
func (g *Graph) ConstInt64(name string, dims []int64, data []int64) string {
	checkSize(name, dims, len(data))
	return g.addInit(Tensor{Name: name, Type: Int64, Dims: dims, Int64s: data})
}

// ConstInt32 adds an int32 initialiser.
func (g *Graph) ConstInt32(name string, dims []int64, data []int32) string {
	checkSize(name, dims, len(data))
	return g.addInit(Tensor{Name: name, Type: Int32, Dims: dims, Int32s: data})
}

// Scalar adds a float32 scalar constant with a generated name.
func (g *Graph) Scalar(v float32) string {
	return g.Const(g.fresh("scalar"), []int64{}, []float32{v})
}

func (g *Graph) addInit(t Tensor) string {
	if t.Name == "" {
		t.Name = g.fresh("const")
	}
	g.define(t.Name)
	g.inits = append(g.inits, t)
	return t.Name
}

func checkSize(name string, dims []int64, n int) {
	want := int64(1)
	for _, d := range dims {
		want *= d
	}
	if want != int64(n) {
		panic(fmt.Sprintf("onnx: constant %q has %d values for shape %v (%d)", name, n, dims, want))
	}
}

// Node adds an operator with one output and returns the output's name.
func (g *Graph) Node(op string, inputs []string, attrs ...Attr) string {
	return g.NamedNode(g.fresh(op), op, inputs, attrs...)
}

// NamedNode adds an operator whose single output has the given name.
func (g *Graph) NamedNode(out, op string, inputs []string, attrs ...Attr) string {
	return g.NodeN(op, inputs, []string{out}, attrs...)[0]
}

// NodeN adds an operator with several outputs, named as given ("" picks a
// fresh name), and returns them.
func (g *Graph) NodeN(op string, inputs, outputs []string, attrs ...Attr) []string {
	g.use(inputs)
	outs := make([]string, len(outputs))
	for i, o := range outputs {
		if o == "" {
			o = g.fresh(op)
		}
		g.define(o)
		outs[i] = o
	}
	g.nodes = append(g.nodes, node{
		name: g.fresh("node_" + op), op: op,
		inputs: append([]string(nil), inputs...), outputs: outs, attrs: attrs,
	})
	return outs
}

// NumNodes reports how many operators the graph holds (for tests and logs).
func (g *Graph) NumNodes() int { return len(g.nodes) }
