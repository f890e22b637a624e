package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
	sjs "github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"vigie/policy"
	"vigie/sim/recognizer"
)

// SchemaID is the $id of the scenario JSON Schema.
const SchemaID = "https://vigie.invalid/schemas/scenario.json"

// Schema returns the JSON Schema of scenario files, generated from the Go
// types and their jsonschema tags. The constraints live in one place: the
// loader validates every scenario against this same schema.
func Schema() []byte {
	r := &jsonschema.Reflector{RequiredFromJSONSchemaTags: true, Mapper: profileSchema}
	s := r.Reflect(&File{})
	s.ID = SchemaID
	s.Title = "Vigie scenario"
	s.Description = "A city, its population and cameras, a recognizer, and the facial-recognition regimes to compare."
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err) // the types are fixed; a failure here is a programming error
	}
	return append(out, '\n')
}

// JSONSchema describes a regime reference: a built-in's name or a regime.
func (RegimeRef) JSONSchema() *jsonschema.Schema {
	inline := (&jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true, RequiredFromJSONSchemaTags: true}).Reflect(&policy.Regime{})
	inline.Version = ""
	enum := make([]any, 0, len(BuiltinNames()))
	for _, n := range BuiltinNames() {
		enum = append(enum, n)
	}
	return &jsonschema.Schema{
		Description: "A built-in regime by name, or a regime defined inline",
		OneOf:       []*jsonschema.Schema{{Type: "string", Enum: enum}, inline},
	}
}

// profileSchema describes a recognizer profile: a bundled profile's name or
// a profile written out.
func profileSchema(t reflect.Type) *jsonschema.Schema {
	if t != reflect.TypeOf(recognizer.Profile{}) {
		return nil
	}
	inline := (&jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true, RequiredFromJSONSchemaTags: true}).Reflect(&recognizer.Profile{})
	inline.Version = ""
	var enum []any
	for _, n := range ProfileNames() {
		enum = append(enum, n)
	}
	return &jsonschema.Schema{
		Description: "A bundled recognizer profile by name (vigie recognizers lists them), or a profile written out",
		OneOf:       []*jsonschema.Schema{{Type: "string", Enum: enum}, inline},
	}
}

// MarshalJSON writes the regime as resolved.
func (r RegimeRef) MarshalJSON() ([]byte, error) {
	if r.Inline != nil {
		return json.Marshal(r.Inline)
	}
	return json.Marshal(r.Builtin)
}

var (
	compiledOnce sync.Once
	compiled     *sjs.Schema
	compileErr   error
)

func compiledSchema() (*sjs.Schema, error) {
	compiledOnce.Do(func() {
		doc, err := sjs.UnmarshalJSON(bytes.NewReader(Schema()))
		if err != nil {
			compileErr = err
			return
		}
		c := sjs.NewCompiler()
		if err := c.AddResource(SchemaID, doc); err != nil {
			compileErr = err
			return
		}
		compiled, compileErr = c.Compile(SchemaID)
	})
	return compiled, compileErr
}

// schemaErrors validates a resolved scenario against the schema.
func schemaErrors(f *File) []fieldError {
	s, err := compiledSchema()
	if err != nil {
		return []fieldError{{"", "internal error compiling the scenario schema: " + err.Error()}}
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return []fieldError{{"", err.Error()}}
	}
	inst, err := sjs.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []fieldError{{"", err.Error()}}
	}
	verr, ok := s.Validate(inst).(*sjs.ValidationError)
	if !ok || verr == nil {
		return nil
	}
	var out []fieldError
	printer := message.NewPrinter(language.English)
	var walk func(e *sjs.ValidationError)
	walk = func(e *sjs.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, fieldError{yamlPath(e.InstanceLocation), "is not allowed (" + e.ErrorKind.LocalizedString(printer) + ")"})
			return
		}
		// A oneOf names every branch's failure; the regime branch is the
		// one that matters once a regime is resolved inline.
		for _, c := range e.Causes {
			if strings.Contains(c.SchemaURL, "/oneOf/0") {
				continue // the "name of a built-in" branch of a regime or profile
			}
			walk(c)
		}
	}
	walk(verr)
	return dedupe(out)
}

func dedupe(fes []fieldError) []fieldError {
	seen := map[string]bool{}
	var out []fieldError
	for _, fe := range fes {
		k := fe.path + "\x00" + fe.msg
		if !seen[k] {
			seen[k] = true
			out = append(out, fe)
		}
	}
	return out
}

// yamlPath turns a JSON instance location into a YAML path:
// [population groups 0 share] -> population.groups[0].share.
func yamlPath(loc []string) string {
	var b strings.Builder
	for _, p := range loc {
		if isIndex(p) {
			fmt.Fprintf(&b, "[%s]", p)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
