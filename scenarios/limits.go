package scenarios

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Limits on scenario files. A shared scenario is untrusted input: the YAML
// library expands aliases without bound and its parser costs time or memory
// quadratic in nesting depth and in the keys of a mapping, so the loader
// rejects what goes past these before parsing (size, bytes, brackets, then
// tokens, depth and entries per collection) or right after it (aliases,
// values once aliases are expanded), before anything is decoded. The README's "Bad input" table lists them.
const (
	// MaxFileBytes bounds a scenario file; the largest bundled one is 3.4 KB.
	MaxFileBytes = 256 << 10
	// MaxTokens bounds the YAML tokens of a file (the lexer costs about 2 µs
	// a token and the parser more).
	MaxTokens = 100_000
	// MaxDepth bounds nesting, block and flow together; scenarios need about 6.
	MaxDepth = 64
	// MaxAliases bounds the number of aliases (*name) in a file.
	MaxAliases = 1000
	// MaxNodes bounds the values in a file once every alias is expanded.
	MaxNodes = 100_000
	// MaxListItems bounds any one list (groups, cameras, sweep values...).
	MaxListItems = 10_000
	// MaxMappingKeys bounds the keys of one mapping; the YAML parser's cost
	// grows with the square of their number.
	MaxMappingKeys = 1_000
	// MaxNameRunes bounds names and labels (groups, regimes, places,
	// activities, mapping keys): they end up in every CSV row and chart.
	MaxNameRunes = 100
	// MaxTextRunes bounds any other string (descriptions, paths).
	MaxTextRunes = 10_000
	// MaxSweepPoints bounds a sweep's grid times its seeds: each point is a
	// whole simulated day.
	MaxSweepPoints = 1_000
)

// utf8BOM is the byte-order mark some editors put at the start of a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkBytes rejects a file too large, with bytes that are not UTF-8 text,
// or nested deeper than MaxDepth, before the YAML parser sees it.
func checkBytes(source string, data []byte) error {
	if len(data) > MaxFileBytes {
		return &Error{File: source, Msg: fmt.Sprintf("is %d bytes; allowed: at most %d (MaxFileBytes); split a large sweep into several scenarios", len(data), MaxFileBytes)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return &Error{File: source, Line: line, Column: col, Msg: "holds a NUL byte; allowed: UTF-8 text"}
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := position(data, i)
		return &Error{File: source, Line: line, Column: col, Msg: fmt.Sprintf("holds the byte 0x%02X, not UTF-8; allowed: UTF-8 text (save the file as UTF-8)", data[i])}
	}
	if i := deepBracket(data); i >= 0 {
		line, col := position(data, i)
		return &Error{File: source, Line: line, Column: col, Msg: fmt.Sprintf("nests deeper than %d levels (MaxDepth); allowed: at most %d", MaxDepth, MaxDepth)}
	}
	return nil
}

// deepBracket returns the offset of the first [ or { that opens more than
// MaxDepth flow collections, or -1. It skips comments and quoted scalars;
// a bracket inside unquoted text counts, which only a file holding 65
// unclosed brackets in plain text would notice. The lexer costs about 2 µs
// a token, so 256 KB of [ took 0.5 s to tokenize before checkTokens saw
// it; this scan stops at the 65th.
func deepBracket(data []byte) int {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '[', '{':
			if depth++; depth > MaxDepth {
				return i
			}
		case ']', '}':
			depth = max(0, depth-1)
		case '#':
			if i == 0 || isSpace(data[i-1]) {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			}
		case '"', '\'':
			if i == 0 || startsScalar(data[i-1]) {
				i = closingQuote(data, i)
			}
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startsScalar says whether a quote after c opens a quoted scalar.
func startsScalar(c byte) bool { return isSpace(c) || strings.IndexByte("[{,:-?", c) >= 0 }

// closingQuote returns the offset of the quote closing the one at i
// (backslash escapes in double quotes, ” in single quotes), or the end.
func closingQuote(data []byte, i int) int {
	q := data[i]
	for i++; i < len(data); i++ {
		switch {
		case q == '"' && data[i] == '\\':
			i++
		case data[i] == q && q == '\'' && i+1 < len(data) && data[i+1] == '\'':
			i++
		case data[i] == q:
			return i
		}
	}
	return len(data)
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// position gives the 1-based line and column (in characters) of byte i.
func position(data []byte, i int) (line, col int) {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return bytes.Count(data[:i], []byte{'\n'}) + 1, utf8.RuneCount(data[start:i]) + 1
}

// checkTokens rejects, between the lexer (linear in the input) and the
// parser (which is not), a file with too many tokens, nested deeper than
// MaxDepth, or with a collection holding too many entries: the parser
// recurses once per key of a block mapping and copies the keys that follow
// at each level, so 20,000 keys took 5 s and 90,000 nearly 3 minutes.
//
// Flow collections count their brackets and commas; block collections
// count the distinct indentation columns of the keys and "-" entries open
// above a token, and the entries at each column.
func checkTokens(source string, tokens token.Tokens) error {
	fail := func(tk *token.Token, format string, args ...any) error {
		return &Error{File: source, Line: tk.Position.Line, Column: tk.Position.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if len(tokens) > MaxTokens {
		return fail(tokens[MaxTokens], "holds more than %d tokens (MaxTokens); allowed: at most %d", MaxTokens, MaxTokens)
	}
	var flow []collection  // open flow collections, innermost last
	var block []collection // open block collections by column, innermost last
	for i, tk := range tokens {
		col, mapping, at := -1, false, tk
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow = append(flow, collection{mapping: tk.Type == token.MappingStartType})
		case token.SequenceEndType, token.MappingEndType:
			if len(flow) > 0 {
				flow = flow[:len(flow)-1]
			}
		case token.CollectEntryType:
			if len(flow) > 0 {
				c := &flow[len(flow)-1]
				if c.entries++; c.entries+1 > c.limit() {
					return fail(tk, "%s", c.tooMany(c.entries+1))
				}
			}
		case token.SequenceEntryType:
			col = tk.Position.Column
		case token.MappingValueType:
			if i > 0 {
				at = tokens[i-1] // the key
				col, mapping = at.Position.Column, true
			}
		}
		if len(flow) == 0 && col >= 0 {
			for len(block) > 0 && block[len(block)-1].column > col {
				block = block[:len(block)-1]
			}
			if len(block) == 0 || block[len(block)-1].column < col {
				block = append(block, collection{column: col, mapping: mapping})
			}
			c := &block[len(block)-1]
			if c.entries++; c.entries > c.limit() {
				return fail(at, "%s", c.tooMany(c.entries))
			}
		}
		if len(flow)+len(block) > MaxDepth {
			return fail(tk, "nests deeper than %d levels (MaxDepth); allowed: at most %d", MaxDepth, MaxDepth)
		}
	}
	return nil
}

// collection is an open list or mapping while tokens are checked.
type collection struct {
	column  int
	mapping bool
	entries int
}

func (c *collection) limit() int {
	if c.mapping {
		return MaxMappingKeys
	}
	return MaxListItems
}

func (c *collection) tooMany(n int) string {
	if c.mapping {
		return fmt.Sprintf("is key number %d of a mapping; allowed: at most %d keys in a mapping (MaxMappingKeys)", n, MaxMappingKeys)
	}
	return fmt.Sprintf("is item number %d of a list; allowed: at most %d items in a list (MaxListItems)", n, MaxListItems)
}

// nodeCounter counts the values of a parsed file as the decoder will see
// them, each alias expanded to its anchor's value: how many there are and
// how deep they nest.
type nodeCounter struct {
	source  string
	anchors map[string]expansion
	aliases int
	nodes   int
	err     *Error
}

// expansion is what an alias to an anchor adds: values and nesting depth.
type expansion struct{ nodes, depth int }

// checkNodes rejects a file with too many aliases, too many values once
// aliases are expanded (a "billion laughs" file expands 9 aliases of 9
// aliases... into hundreds of millions of values from a few hundred bytes),
// or nested deeper than MaxDepth through aliases.
func checkNodes(source string, f *ast.File) error {
	c := &nodeCounter{source: source, anchors: map[string]expansion{}}
	for _, doc := range f.Docs {
		c.count(doc.Body, 0)
		if c.err != nil {
			return c.err
		}
	}
	return nil
}

// count counts n's values, n at the given depth, and returns the depth of
// n's deepest value once expanded.
func (c *nodeCounter) count(n ast.Node, depth int) int {
	if n == nil || c.err != nil {
		return depth
	}
	c.nodes++
	deepest := depth
	switch n := n.(type) {
	case *ast.AliasNode:
		c.aliases++
		if c.aliases > MaxAliases {
			c.fail(n, fmt.Sprintf("is alias number %d; allowed: at most %d aliases (MaxAliases)", c.aliases, MaxAliases))
			return depth
		}
		x := c.anchors[n.Value.GetToken().Value]
		c.nodes += x.nodes
		deepest = depth + x.depth
		if deepest > MaxDepth {
			c.fail(n, fmt.Sprintf("nests deeper than %d levels once aliases are expanded (MaxDepth); allowed: at most %d", MaxDepth, MaxDepth))
		}
	case *ast.AnchorNode:
		before := c.nodes
		deepest = c.count(n.Value, depth)
		c.anchors[n.Name.GetToken().Value] = expansion{c.nodes - before, deepest - depth}
	case *ast.MappingNode:
		c.list(n, len(n.Values))
		for _, v := range n.Values {
			deepest = max(deepest, c.count(v, depth))
		}
	case *ast.MappingValueNode:
		c.count(n.Key, depth+1)
		deepest = c.count(n.Value, depth+1)
	case *ast.MappingKeyNode:
		deepest = c.count(n.Value, depth)
	case *ast.SequenceNode:
		c.list(n, len(n.Values))
		for _, v := range n.Values {
			deepest = max(deepest, c.count(v, depth+1))
		}
	case *ast.TagNode:
		deepest = c.count(n.Value, depth)
	}
	if c.nodes > MaxNodes && c.err == nil {
		c.fail(n, fmt.Sprintf("makes the file hold more than %d values once aliases are expanded (MaxNodes); allowed: at most %d", MaxNodes, MaxNodes))
	}
	return deepest
}

func (c *nodeCounter) list(n ast.Node, items int) {
	if items > MaxListItems {
		c.fail(n, fmt.Sprintf("has %d items; allowed: at most %d in a list or mapping (MaxListItems)", items, MaxListItems))
	}
}

func (c *nodeCounter) fail(n ast.Node, msg string) {
	if c.err != nil {
		return
	}
	c.err = &Error{File: c.source, Msg: msg}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		c.err.Line, c.err.Column = tk.Position.Line, tk.Position.Column
		c.err.Path = cleanPath(n.GetPath())
	}
}
