package scenarios

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"vigie/policy"
)

// typeChecker walks a parsed file beside the Go type it decodes into and
// reports what the YAML library would accept silently or place badly: a
// fraction in a whole-number field (it truncates 1.5 to 1), NaN and
// infinities (which fail later with no field or line), and names or texts
// longer than the limits. Everything else is left to the decoder.
type typeChecker struct {
	source  string
	anchors map[string]ast.Node
	errs    []fieldError
	at      []ast.Node
}

var (
	regimeRefType = reflect.TypeOf(RegimeRef{})
	fileType      = reflect.TypeOf(File{})
	regimeType    = reflect.TypeOf(policy.Regime{})
)

// checkTypes returns every such problem in the file, positioned.
func checkTypes(source string, f *ast.File) Errors {
	c := &typeChecker{source: source, anchors: map[string]ast.Node{}}
	for _, doc := range f.Docs {
		c.check(doc.Body, fileType, "")
	}
	var out Errors
	for i, fe := range c.errs {
		e := &Error{File: source, Path: fe.path, Msg: fe.msg}
		if tk := c.at[i].GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
		out = append(out, e)
	}
	return out
}

func (c *typeChecker) add(n ast.Node, path, format string, args ...any) {
	c.errs = append(c.errs, fieldError{path, fmt.Sprintf(format, args...)})
	c.at = append(c.at, n)
}

// check checks node n, at path, as a value of type t. A name is a field
// whose text ends up in tables and charts (nameField).
func (c *typeChecker) check(n ast.Node, t reflect.Type, path string) {
	c.checkAs(n, t, path, false)
}

func (c *typeChecker) checkAs(n ast.Node, t reflect.Type, path string, name bool) {
	n = c.unwrap(n)
	if n == nil {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == regimeRefType {
		if _, ok := n.(*ast.StringNode); !ok {
			t = regimeType
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := yamlFields(t)
		c.eachPair(n, path, func(key string, v ast.Node) {
			if ft, ok := fields[key]; ok {
				c.checkAs(v, ft, joinPath(path, key), nameField[key])
			}
		})
	case reflect.Map:
		c.eachPair(n, path, func(key string, v ast.Node) {
			c.checkAs(v, t.Elem(), joinPath(path, key), false)
		})
	case reflect.Slice, reflect.Array:
		if s, ok := n.(*ast.SequenceNode); ok {
			item := name || nameList[lastKey(path)]
			for i, v := range s.Values {
				c.checkAs(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), item)
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		switch n.(type) {
		case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
			c.add(n, path, "is %s; allowed: a whole number", n.GetToken().Value)
		}
	case reflect.Float32, reflect.Float64, reflect.Interface:
		switch n.(type) {
		case *ast.InfinityNode, *ast.NanNode:
			c.add(n, path, "is %s; allowed: a finite number", n.GetToken().Value)
		}
		if t.Kind() == reflect.Interface {
			c.checkText(n, path, false)
		}
	case reflect.String:
		c.checkText(n, path, name)
	}
}

// unwrap follows tags, anchors and aliases to the value they stand for.
// An alias stands for its anchor's value as defined so far, as the decoder
// reads it; the node limits keep following them bounded.
func (c *typeChecker) unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			c.anchors[v.Name.GetToken().Value] = v.Value
			n = v.Value
		case *ast.AliasNode:
			target, ok := c.anchors[v.Value.GetToken().Value]
			if !ok {
				return nil // the decoder reports the unknown alias
			}
			n = target
		default:
			return n
		}
	}
}

// eachPair calls fn for each key and value of a mapping, checking the key's
// length as a name.
func (c *typeChecker) eachPair(n ast.Node, path string, fn func(key string, v ast.Node)) {
	var pairs []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		pairs = m.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{m}
	default:
		return
	}
	for _, p := range pairs {
		if p.Key == nil {
			continue
		}
		tk := p.Key.GetToken()
		if tk == nil {
			continue
		}
		key := tk.Value
		if r := utf8.RuneCountInString(key); r > MaxNameRunes {
			c.add(p.Key, path, "has a key of %d characters; allowed: at most %d (MaxNameRunes)", r, MaxNameRunes)
			continue
		}
		fn(key, p.Value)
	}
}

func (c *typeChecker) checkText(n ast.Node, path string, name bool) {
	s, ok := n.(*ast.StringNode)
	if !ok {
		return
	}
	limit, what := MaxTextRunes, "a text (MaxTextRunes)"
	if name {
		limit, what = MaxNameRunes, "a name (MaxNameRunes)"
	}
	if r := utf8.RuneCountInString(s.Value); r > limit {
		c.add(n, path, "is %d characters long; allowed: at most %d for %s", r, limit, what)
	}
}

// nameField lists the keys whose values are names or labels, and nameList
// the keys whose list items are.
var (
	nameField = map[string]bool{"name": true, "label": true, "kind": true, "regime": true, "over": true, "metric": true, "strategy": true, "where": true}
	nameList  = map[string]bool{"kinds": true, "place_kinds": true, "categories": true, "regimes": true}
)

// yamlFields maps a struct's YAML keys to their types, inline fields
// included.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func lastKey(path string) string {
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		return path[i+1:]
	}
	return path
}
