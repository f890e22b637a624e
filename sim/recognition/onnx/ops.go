package onnx

// ConvOpts are Conv's attributes. Pads are [top, left, bottom, right] as ONNX
// orders them (begin of each spatial axis, then ends); nil means no padding.
// Group equal to the channel count makes a depthwise convolution.
type ConvOpts struct {
	Strides []int64
	Pads    []int64
	Group   int64
}

// Conv is a 2-D convolution on NCHW input with OIHW weights w and optional
// bias b ("" for none).
func (g *Graph) Conv(x, w, b string, o ConvOpts) string {
	in := []string{x, w}
	if b != "" {
		in = append(in, b)
	}
	var attrs []Attr
	if o.Strides != nil {
		attrs = append(attrs, AttrInts("strides", o.Strides...))
	}
	if o.Pads != nil {
		attrs = append(attrs, AttrInts("pads", o.Pads...))
	}
	if o.Group > 1 {
		attrs = append(attrs, AttrInt("group", o.Group))
	}
	return g.Node("Conv", in, attrs...)
}

// PoolOpts are the attributes of MaxPool and AveragePool.
type PoolOpts struct {
	Kernel, Strides, Pads []int64
	// CountIncludePad makes AveragePool divide by the full window at borders.
	CountIncludePad bool
}

func (o PoolOpts) attrs() []Attr {
	a := []Attr{AttrInts("kernel_shape", o.Kernel...)}
	if o.Strides != nil {
		a = append(a, AttrInts("strides", o.Strides...))
	}
	if o.Pads != nil {
		a = append(a, AttrInts("pads", o.Pads...))
	}
	return a
}

// MaxPool is 2-D max pooling.
func (g *Graph) MaxPool(x string, o PoolOpts) string {
	return g.Node("MaxPool", []string{x}, o.attrs()...)
}

// AveragePool is 2-D average pooling.
func (g *Graph) AveragePool(x string, o PoolOpts) string {
	a := o.attrs()
	if o.CountIncludePad {
		a = append(a, AttrInt("count_include_pad", 1))
	}
	return g.Node("AveragePool", []string{x}, a...)
}

// GlobalAveragePool averages each channel over its spatial extent (N,C,1,1).
func (g *Graph) GlobalAveragePool(x string) string { return g.Node("GlobalAveragePool", []string{x}) }

// BatchNorm is inference-mode batch normalisation with per-channel scale,
// bias, mean and variance values.
func (g *Graph) BatchNorm(x, scale, bias, mean, variance string, eps float32) string {
	return g.Node("BatchNormalization", []string{x, scale, bias, mean, variance}, AttrFloat("epsilon", eps))
}

// Relu is max(x, 0).
func (g *Graph) Relu(x string) string { return g.Node("Relu", []string{x}) }

// Clip bounds x to [lo, hi]; Relu6 is Clip(x, 0, 6).
func (g *Graph) Clip(x string, lo, hi float32) string {
	return g.Node("Clip", []string{x, g.Scalar(lo), g.Scalar(hi)})
}

// Relu6 is min(max(x, 0), 6), as MobileNets use it.
func (g *Graph) Relu6(x string) string { return g.Clip(x, 0, 6) }

// Sigmoid is 1/(1+exp(-x)).
func (g *Graph) Sigmoid(x string) string { return g.Node("Sigmoid", []string{x}) }

// Exp is e^x.
func (g *Graph) Exp(x string) string { return g.Node("Exp", []string{x}) }

// Softmax normalises along axis.
func (g *Graph) Softmax(x string, axis int64) string {
	return g.Node("Softmax", []string{x}, AttrInt("axis", axis))
}

// Add, Sub, Mul and Div are element-wise with numpy broadcasting.
func (g *Graph) Add(a, b string) string { return g.Node("Add", []string{a, b}) }

// Sub is a - b.
func (g *Graph) Sub(a, b string) string { return g.Node("Sub", []string{a, b}) }

// Mul is a * b.
func (g *Graph) Mul(a, b string) string { return g.Node("Mul", []string{a, b}) }

// Div is a / b.
func (g *Graph) Div(a, b string) string { return g.Node("Div", []string{a, b}) }

// Concat joins values along axis.
func (g *Graph) Concat(axis int64, xs ...string) string {
	return g.Node("Concat", xs, AttrInt("axis", axis))
}

// Reshape gives x a new shape; 0 copies the input's dimension and -1 is
// inferred, so {0, -1} flattens all but the batch.
func (g *Graph) Reshape(x string, shape ...int64) string {
	s := g.ConstInt64(g.fresh("shape"), []int64{int64(len(shape))}, shape)
	return g.Node("Reshape", []string{x, s})
}

// Transpose permutes axes.
func (g *Graph) Transpose(x string, perm ...int64) string {
	return g.Node("Transpose", []string{x}, AttrInts("perm", perm...))
}

// MatMul is a numpy-style matrix product.
func (g *Graph) MatMul(a, b string) string { return g.Node("MatMul", []string{a, b}) }

// Gemm is a*b + c on 2-D values (c broadcast), without transposes.
func (g *Graph) Gemm(a, b, c string) string { return g.Node("Gemm", []string{a, b, c}) }

// Pad pads with zeros; pads lists begins then ends for every axis.
func (g *Graph) Pad(x string, pads ...int64) string {
	p := g.ConstInt64(g.fresh("pads"), []int64{int64(len(pads))}, pads)
	return g.Node("Pad", []string{x, p})
}

// ReduceMean averages over axes, keeping them as size 1 when keep is true
// (opset 13 takes axes as an attribute).
func (g *Graph) ReduceMean(x string, keep bool, axes ...int64) string {
	k := int64(0)
	if keep {
		k = 1
	}
	return g.Node("ReduceMean", []string{x}, AttrInts("axes", axes...), AttrInt("keepdims", k))
}

// Slice takes x[starts:ends] along axes (opset 13: all as inputs).
func (g *Graph) Slice(x string, starts, ends, axes []int64) string {
	n := []int64{int64(len(axes))}
	return g.Node("Slice", []string{x,
		g.ConstInt64(g.fresh("starts"), n, starts),
		g.ConstInt64(g.fresh("ends"), n, ends),
		g.ConstInt64(g.fresh("axes"), n, axes)})
}
