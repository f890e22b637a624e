package scenarios

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"vigie/internal/regularfile"
)

// Error is a problem with a scenario file, at a line and column.
type Error struct {
	File   string
	Line   int
	Column int
	// Path is the field's path, such as population.size.
	Path string
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Column)
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads a scenario from a file path or, when no such file exists, from
// the bundled library by name ("default", "protest-day"...).
func Load(nameOrPath string) (*Scenario, error) {
	data, err := readScenario(nameOrPath)
	if err == nil {
		return LoadBytes(nameOrPath, data)
	}
	var e *Error
	if errors.As(err, &e) {
		return nil, e
	}
	if !strings.ContainsAny(nameOrPath, "/\\") && !strings.HasSuffix(nameOrPath, ".yaml") {
		if lib, ok := LibrarySource(nameOrPath); ok {
			return LoadBytes("builtin:"+nameOrPath, lib)
		}
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, &Error{File: nameOrPath, Msg: fmt.Sprintf("no such file, and no bundled scenario of that name (bundled: %s)", libraryList())}
	}
	return nil, &Error{File: nameOrPath, Msg: err.Error()}
}

// readScenario reads a scenario file: a regular file (a FIFO or a device
// such as /dev/zero is refused rather than read without end) of at most
// MaxFileBytes, checked before it is read.
func readScenario(path string) ([]byte, error) {
	f, err := regularfile.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &Error{File: path, Msg: err.Error() + "; allowed: a YAML file"}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	if len(data) > MaxFileBytes {
		return nil, &Error{File: path, Msg: fmt.Sprintf("is more than %d bytes; allowed: at most %d (MaxFileBytes); split a large sweep into several scenarios", MaxFileBytes, MaxFileBytes)}
	}
	return data, nil
}

func libraryList() string {
	var names []string
	for _, b := range Library() {
		names = append(names, b.Name)
	}
	return strings.Join(names, ", ")
}

// LoadBytes reads a scenario from YAML text; source names it in errors.
func LoadBytes(source string, data []byte) (sc *Scenario, err error) {
	// The YAML library panics on some malformed input (found by FuzzLoad,
	// e.g. a tag on an empty value); report that as bad input, not a crash.
	defer func() {
		if r := recover(); r != nil {
			sc, err = nil, &Error{File: source, Msg: fmt.Sprintf("cannot be read as YAML (%v)", r)}
		}
	}()
	sum := sha256.Sum256(data)
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkBytes(source, data); err != nil {
		return nil, err
	}
	tokens := lexer.Tokenize(string(data))
	if err := checkTokens(source, tokens); err != nil {
		return nil, err
	}
	astFile, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, yamlError(source, nil, err)
	}
	if err := checkNodes(source, astFile); err != nil {
		return nil, err
	}
	if errs := checkTypes(source, astFile); len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	if len(astFile.Docs) != 1 || astFile.Docs[0].Body == nil {
		return nil, &Error{File: source, Line: 1, Column: 1, Msg: "a scenario file holds exactly one YAML document, a mapping"}
	}
	body := astFile.Docs[0].Body
	if _, ok := body.(*ast.MappingNode); !ok {
		if _, ok := body.(*ast.MappingValueNode); !ok {
			tk := body.GetToken()
			return nil, &Error{File: source, Line: tk.Position.Line, Column: tk.Position.Column, Msg: "a scenario is a YAML mapping (name: ..., population: ..., regimes: [...])"}
		}
	}
	f := File{Config: Defaults()}
	if err := yaml.NodeToValue(body, &f, yaml.Strict()); err != nil {
		return nil, yamlError(source, astFile, err)
	}
	doc := &document{source: source, file: astFile}
	doc.fillItemDefaults(&f)
	errs := doc.resolveRegimes(&f)
	errs = append(errs, doc.resolveProfile(&f)...)
	if errs = append(errs, doc.locate(validate(&f))...); len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return &Scenario{File: f, Source: source, SHA256: hex.EncodeToString(sum[:])}, nil
}

// yamlError turns the YAML library's error into one that names the file,
// line and column.
func yamlError(source string, file *ast.File, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			return &Error{File: source, Line: tk.Position.Line, Column: tk.Position.Column, Path: pathAt(file, tk), Msg: plainMessage(ye.GetMessage())}
		}
		return &Error{File: source, Msg: plainMessage(ye.GetMessage())}
	}
	return &Error{File: source, Msg: err.Error()}
}

// plainMessage rewords the YAML library's messages for people.
func plainMessage(m string) string {
	if strings.HasPrefix(m, "unknown field") {
		return m + " (see scenarios/schema.json for the allowed keys)"
	}
	if m := typeMismatch.FindStringSubmatch(m); m != nil {
		return fmt.Sprintf("is a %s; allowed: a value of type %s", m[1], m[2])
	}
	return m
}

var typeMismatch = regexp.MustCompile(`cannot unmarshal (\S+) into Go (?:struct field \S+|value) of type (\S+)`)

// pathAt returns the path of the node a token belongs to, such as
// population.groups[0].share, or "" when it cannot tell.
func pathAt(file *ast.File, tk *token.Token) string {
	if file == nil {
		return ""
	}
	v := &tokenFinder{tk: tk}
	for _, doc := range file.Docs {
		ast.Walk(v, doc)
	}
	return cleanPath(v.path)
}

// cleanPath turns the library's $.population.size into population.size.
func cleanPath(p string) string {
	return strings.TrimPrefix(strings.TrimPrefix(p, "$"), ".")
}

type tokenFinder struct {
	tk   *token.Token
	path string
}

func (v *tokenFinder) Visit(n ast.Node) ast.Visitor {
	if v.path != "" || n == nil {
		return nil
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil && sameToken(mv.Key.GetToken(), v.tk) {
		v.path = mv.Value.GetPath()
		return nil
	}
	if sameToken(n.GetToken(), v.tk) {
		v.path = n.GetPath()
		return nil
	}
	return v
}

func sameToken(a, b *token.Token) bool {
	return a != nil && b != nil && a.Position != nil && b.Position != nil &&
		a.Position.Line == b.Position.Line && a.Position.Column == b.Position.Column
}

// document is a parsed scenario file, for finding where a field is.
type document struct {
	source string
	file   *ast.File
}

// node returns the node at a path such as population.groups[0].share, or
// the nearest ancestor present in the file.
func (d *document) node(p string) ast.Node {
	for p != "" {
		if yp, err := yaml.PathString("$." + p); err == nil {
			if n, err := yp.FilterFile(d.file); err == nil && n != nil {
				return n
			}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return d.file.Docs[0].Body
}

func (d *document) has(p string) bool {
	yp, err := yaml.PathString("$." + p)
	if err != nil {
		return false
	}
	n, err := yp.FilterFile(d.file)
	return err == nil && n != nil
}

// locate gives each field error the position of its field in the file.
func (d *document) locate(fes []fieldError) Errors {
	var out Errors
	for _, fe := range fes {
		n := d.node(fe.path)
		tk := n.GetToken()
		e := &Error{File: d.source, Path: fe.path, Msg: fe.msg}
		if tk != nil && tk.Position != nil {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
		out = append(out, e)
	}
	sortErrors(out)
	return out
}

func sortErrors(es Errors) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Column < es[j].Column
	})
}

// fillItemDefaults sets the defaults of list items whose keys a file leaves
// out, where zero is a meaningful value and so cannot stand for "unset".
func (d *document) fillItemDefaults(f *File) {
	for i := range f.Population.Groups {
		if !d.has(fmt.Sprintf("population.groups[%d].response", i)) && f.Population.Groups[i].Response == 0 {
			f.Population.Groups[i].Response = 1
		}
	}
}

// resolveRegimes replaces built-in names by their definitions.
func (d *document) resolveRegimes(f *File) Errors {
	var fes []fieldError
	for i := range f.Regimes {
		r := &f.Regimes[i]
		if r.Inline != nil {
			continue
		}
		b, err := Builtin(r.Builtin)
		if err != nil {
			fes = append(fes, fieldError{fmt.Sprintf("regimes[%d]", i), err.Error()})
			continue
		}
		r.Inline = &b
	}
	return d.locate(fes)
}

// resolveProfile replaces a profile given by name with the bundled profile.
func (d *document) resolveProfile(f *File) Errors {
	const path = "recognizer.profile"
	if !d.has(path) {
		return nil
	}
	if _, ok := d.node(path).(*ast.StringNode); !ok {
		return nil
	}
	p, err := Profile(f.Recognizer.Profile.Name)
	if err != nil {
		return d.locate([]fieldError{{path, err.Error()}})
	}
	f.Recognizer.Profile = p
	return nil
}
