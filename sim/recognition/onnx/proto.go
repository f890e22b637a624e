// Package onnx writes ONNX models from Go: a small graph builder (Conv,
// pooling, element-wise arithmetic, Concat, Reshape, MatMul, ...) and a
// serialiser that emits the ModelProto wire format of the official onnx.proto
// with protowire, so the converted face-api networks can run under ONNX Runtime
// without Python or protoc.
//
// Output is deterministic: nodes, initialisers and attributes are written in
// the order they were added, so the same build gives the same bytes.
package onnx

import (
	"encoding/binary"
	"math"

	"google.golang.org/protobuf/encoding/protowire"
)

// DataType is onnx.TensorProto.DataType.
type DataType int32

// Element types used by the converted networks.
const (
	Float DataType = 1
	Uint8 DataType = 2
	Int32 DataType = 6
	Int64 DataType = 7
	Bool  DataType = 9
)

// Versions written into every model. IR 8 goes with opset 13-17 and is read by
// every ONNX Runtime since 1.10.
const (
	IRVersion = 8
	Opset     = 13
)

// Field numbers from onnx.proto (onnx/onnx.proto, proto2 syntax).
const (
	modelIRVersion     = 1
	modelProducerName  = 2
	modelProducerVer   = 3
	modelDocString     = 6
	modelGraph         = 7
	modelOpsetImport   = 8
	opsetDomain        = 1
	opsetVersion       = 2
	graphNode          = 1
	graphName          = 2
	graphInitializer   = 5
	graphInput         = 11
	graphOutput        = 12
	nodeInput          = 1
	nodeOutput         = 2
	nodeName           = 3
	nodeOpType         = 4
	nodeAttribute      = 5
	attrName           = 1
	attrF              = 2
	attrI              = 3
	attrS              = 4
	attrT              = 5
	attrFloats         = 7
	attrInts           = 8
	attrType           = 20
	tensorDims         = 1
	tensorDataType     = 2
	tensorName         = 8
	tensorRawData      = 9
	valueInfoName      = 1
	valueInfoType      = 2
	typeTensorType     = 1
	typeTensorElemType = 1
	typeTensorShape    = 2
	shapeDim           = 1
	dimValue           = 1
	dimParam           = 2
)

// onnx.AttributeProto.AttributeType values.
const (
	attrTypeFloat  = 1
	attrTypeInt    = 2
	attrTypeString = 3
	attrTypeTensor = 4
	attrTypeFloats = 6
	attrTypeInts   = 7
)

func appendString(b []byte, field protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendBytes(b []byte, field protowire.Number, v []byte) []byte {
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

func appendVarint(b []byte, field protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, field, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

// appendPackedInt64 writes a packed repeated int64 (proto2 "packed" is
// accepted by every parser for repeated scalars).
func appendPackedInt64(b []byte, field protowire.Number, vs []int64) []byte {
	var p []byte
	for _, v := range vs {
		p = protowire.AppendVarint(p, uint64(v))
	}
	return appendBytes(b, field, p)
}

func appendPackedFloat(b []byte, field protowire.Number, vs []float32) []byte {
	p := make([]byte, 0, 4*len(vs))
	for _, v := range vs {
		p = protowire.AppendFixed32(p, math.Float32bits(v))
	}
	return appendBytes(b, field, p)
}

// encodeTensor writes a TensorProto with its data as little-endian raw_data.
func encodeTensor(t *Tensor) []byte {
	var b []byte
	for _, d := range t.Dims {
		b = appendVarint(b, tensorDims, uint64(d))
	}
	b = appendVarint(b, tensorDataType, uint64(t.Type))
	if t.Name != "" {
		b = appendString(b, tensorName, t.Name)
	}
	return appendBytes(b, tensorRawData, t.raw())
}

func (t *Tensor) raw() []byte {
	switch t.Type {
	case Float:
		r := make([]byte, 4*len(t.Floats))
		for i, v := range t.Floats {
			binary.LittleEndian.PutUint32(r[4*i:], math.Float32bits(v))
		}
		return r
	case Int64:
		r := make([]byte, 8*len(t.Int64s))
		for i, v := range t.Int64s {
			binary.LittleEndian.PutUint64(r[8*i:], uint64(v))
		}
		return r
	case Int32:
		r := make([]byte, 4*len(t.Int32s))
		for i, v := range t.Int32s {
			binary.LittleEndian.PutUint32(r[4*i:], uint32(v))
		}
		return r
	}
	panic("onnx: tensor " + t.Name + " has an unsupported data type")
}

func encodeAttr(a Attr) []byte {
	b := appendString(nil, attrName, a.Name)
	switch a.kind {
	case attrTypeFloat:
		b = protowire.AppendTag(b, attrF, protowire.Fixed32Type)
		b = protowire.AppendFixed32(b, math.Float32bits(a.f))
	case attrTypeInt:
		b = appendVarint(b, attrI, uint64(a.i))
	case attrTypeString:
		b = appendString(b, attrS, a.s)
	case attrTypeTensor:
		b = appendBytes(b, attrT, encodeTensor(a.t))
	case attrTypeFloats:
		b = appendPackedFloat(b, attrFloats, a.fs)
	case attrTypeInts:
		b = appendPackedInt64(b, attrInts, a.is)
	}
	return appendVarint(b, attrType, uint64(a.kind))
}

func encodeNode(n *node) []byte {
	var b []byte
	for _, in := range n.inputs {
		b = appendString(b, nodeInput, in)
	}
	for _, out := range n.outputs {
		b = appendString(b, nodeOutput, out)
	}
	b = appendString(b, nodeName, n.name)
	b = appendString(b, nodeOpType, n.op)
	for _, a := range n.attrs {
		b = appendBytes(b, nodeAttribute, encodeAttr(a))
	}
	return b
}

// encodeValueInfo writes a ValueInfoProto; a negative dimension is dynamic and
// named by the matching entry of the graph's dynamic names ("N" for batch).
func encodeValueInfo(v valueInfo) []byte {
	var shape []byte
	for _, d := range v.dims {
		var dim []byte
		if d < 0 {
			dim = appendString(dim, dimParam, v.dynName)
		} else {
			dim = appendVarint(dim, dimValue, uint64(d))
		}
		shape = appendBytes(shape, shapeDim, dim)
	}
	tt := appendVarint(nil, typeTensorElemType, uint64(v.elem))
	tt = appendBytes(tt, typeTensorShape, shape)
	typ := appendBytes(nil, typeTensorType, tt)
	b := appendString(nil, valueInfoName, v.name)
	return appendBytes(b, valueInfoType, typ)
}

func encodeGraph(g *Graph) []byte {
	var b []byte
	for i := range g.nodes {
		b = appendBytes(b, graphNode, encodeNode(&g.nodes[i]))
	}
	b = appendString(b, graphName, g.name)
	for i := range g.inits {
		b = appendBytes(b, graphInitializer, encodeTensor(&g.inits[i]))
	}
	for _, v := range g.inputs {
		b = appendBytes(b, graphInput, encodeValueInfo(v))
	}
	for _, v := range g.outputs {
		b = appendBytes(b, graphOutput, encodeValueInfo(v))
	}
	return b
}

// Marshal serialises the graph as an ONNX ModelProto (IR 8, default-domain
// opset 13) with the given producer name and free-text description.
func (g *Graph) Marshal(producer, doc string) []byte {
	b := appendVarint(nil, modelIRVersion, IRVersion)
	b = appendString(b, modelProducerName, producer)
	b = appendString(b, modelProducerVer, "1")
	if doc != "" {
		b = appendString(b, modelDocString, doc)
	}
	b = appendBytes(b, modelGraph, encodeGraph(g))
	opset := appendString(nil, opsetDomain, "")
	opset = appendVarint(opset, opsetVersion, Opset)
	return appendBytes(b, modelOpsetImport, opset)
}
