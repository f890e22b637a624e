package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// aliasBomb is a "billion laughs" scenario: nine aliases of nine aliases,
// nine levels deep, in a sweep's values (9^9 strings once expanded). Before
// the node limit, it ran `vigie check` to 4.2 GB and out of memory.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("name: bomb\nregimes: [none]\nsweep:\n  parameters:\n    - path: seed\n      values:\n")
	b.WriteString(`        - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("        - &" + n + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n")
		prev = n
	}
	return b.String()
}

// firstError returns the first positioned error of a load.
func firstError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	var es Errors
	switch {
	case err == nil:
		t.Fatal("loaded without error")
	case errors.As(err, &es):
		return es[0]
	case errors.As(err, &e):
		return e
	}
	t.Fatalf("error %v is not a scenarios.Error", err)
	return nil
}

// TestHostileFilesFailFast loads files that exhausted time or memory before
// the limits, and checks each fails within a second, within 64 MB of
// allocation, with a positioned message that names the limit.
func TestHostileFilesFailFast(t *testing.T) {
	cases := []struct {
		name, yaml string
		line, col  int
		msg        string
	}{
		{"alias bomb", aliasBomb(), 0, 0, "MaxNodes"},
		{"200 KB of nested [", "name: " + strings.Repeat("[", 200_000) + "\n", 1, 7 + MaxDepth, "MaxDepth"},
		{"nested block sequences", "name: x\nregimes: [none]\ndescription:\n" + deepBlock(200), 0, 0, "MaxDepth"},
		{"deep through aliases", "name: x\nregimes: [none]\na: &a " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\nb: &b [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", 4, 0, "once aliases are expanded (MaxDepth)"},
		{"too many aliases", "name: x\nregimes: [none]\na: &a 1\nb: [" + strings.Repeat("*a, ", MaxAliases) + "*a]\n", 4, 0, "MaxAliases"},
		{"20,000 keys in a block mapping (5 s in the parser)", "name: x\nregimes: [none]\n" + manyKeys(20_000, "%s: 1\n"), 1001, 1, "key number 1001 of a mapping; allowed: at most 1000 keys in a mapping (MaxMappingKeys)"},
		{"20,000 keys in a flow mapping", "name: x\nregimes: [none]\nd: {" + manyKeys(20_000, "%s: 1, ") + "}\n", 3, 0, "MaxMappingKeys"},
		{"a flat list of 60,000 items", "name: x\nregimes: [none]\nd: [" + strings.Repeat("1,", 60_000) + "1]\n", 3, 0, "MaxTokens"},
		{"a flat list of 15,000 items", "name: x\nregimes: [none]\nd: [" + strings.Repeat("1,", 15_000) + "1]\n", 3, 4 + 2*MaxListItems, "item number 10001 of a list"},
		{"a block list of 20,000 items", "name: x\nregimes: [none]\nd:\n" + strings.Repeat("  - 1\n", 20_000), 10_004, 3, "MaxListItems"},
		{"file too large", "name: x\nregimes: [none]\ndescription: " + strings.Repeat("x", MaxFileBytes) + "\n", 0, 0, "MaxFileBytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			_, err := LoadBytes("hostile.yaml", []byte(c.yaml))
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			e := firstError(t, err)
			if !strings.Contains(e.Msg, c.msg) {
				t.Errorf("message %q does not name %s", e, c.msg)
			}
			if c.line > 0 && e.Line != c.line {
				t.Errorf("error at line %d, want %d: %v", e.Line, c.line, e)
			}
			if c.col > 0 && e.Column != c.col {
				t.Errorf("error at column %d, want %d: %v", e.Column, c.col, e)
			}
			if took > time.Second {
				t.Errorf("took %v; want under a second", took)
			}
			if alloc := (m1.TotalAlloc - m0.TotalAlloc) >> 20; alloc > 64 {
				t.Errorf("allocated %d MB; want at most 64", alloc)
			}
		})
	}
}

// deepBlock nests block sequences depth deep ("- - - - x" on indented lines).
func deepBlock(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "%s-\n", strings.Repeat(" ", i+2))
	}
	b.WriteString(strings.Repeat(" ", depth+2) + "x\n")
	return b.String()
}

func TestLimitsAndScalarsAreReportedWithFieldAndPosition(t *testing.T) {
	long := strings.Repeat("g", MaxNameRunes+1)
	cases := []struct {
		name, yaml string
		line, col  int
		path, msg  string
	}{
		{"fractional seed", "name: x\nseed: 1.5\nregimes: [none]\n", 2, 7, "seed", "is 1.5; allowed: a whole number"},
		{"fractional size", "name: x\npopulation:\n  size: 2000.5\nregimes: [none]\n", 3, 9, "population.size", "allowed: a whole number"},
		{"NaN", "name: x\nhours: .nan\nregimes: [none]\n", 2, 8, "hours", "is .nan; allowed: a finite number"},
		{"infinity in a regime", "name: x\nregimes:\n  - name: r\n    threshold: -.inf\n", 4, 16, "regimes[0].threshold", "allowed: a finite number"},
		{"infinity in sweep values", "name: x\nregimes: [mass]\nsweep:\n  parameters:\n    - path: regimes.mass.threshold\n      values: [0.5, .inf]\n", 6, 21, "sweep.parameters[0].values[1]", "finite"},
		{"long group name", "name: x\npopulation:\n  groups:\n    - {name: " + long + ", share: 1, monk_min: 1, monk_max: 3}\nregimes: [none]\n", 4, 14, "population.groups[0].name", "at most 100 for a name (MaxNameRunes)"},
		{"sweep grid", "name: x\nregimes: [mass]\nsweep:\n  parameters:\n    - {path: regimes.mass.threshold, values: [" + strings.Repeat("0.5, ", 99) + "0.5]}\n    - {path: hours, values: [" + strings.Repeat("1, ", 10) + "1]}\n", 5, 5, "sweep.parameters", "MaxSweepPoints"},
		{"long list", "name: x\nregimes: [none]\nsweep:\n  parameters:\n    - path: seed\n      values: [" + strings.Repeat("1,", MaxListItems) + "1]\n", 6, 15 + 2*MaxListItems, "", "item number 10001 of a list; allowed: at most 10000 items in a list (MaxListItems)"},
		{"NUL byte", "name: x\x00\nregimes: [none]\n", 1, 8, "", "NUL byte"},
		{"Latin-1 byte", "name: x\nregimes: [none]\ndescription: caf\xe9\n", 3, 17, "", "0xE9, not UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadBytes("test.yaml", []byte(c.yaml))
			e := firstError(t, err)
			if e.Line != c.line || e.Column != c.col || e.Path != c.path || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got %d:%d %q %q\nwant %d:%d %q containing %q", e.Line, e.Column, e.Path, e.Msg, c.line, c.col, c.path, c.msg)
			}
		})
	}
}

func TestByteOrderMarkIsAccepted(t *testing.T) {
	text := "name: x\nregimes: [none]\n"
	sc, err := LoadBytes("bom.yaml", append([]byte{0xEF, 0xBB, 0xBF}, text...))
	if err != nil {
		t.Fatal(err)
	}
	if sc.File.Name != "x" {
		t.Errorf("name %q, want x", sc.File.Name)
	}
}

func TestBundledScenariosAreWithinTheLimits(t *testing.T) {
	for _, b := range Library() {
		src, _ := LibrarySource(b.Name)
		if _, err := LoadBytes(b.Name, src); err != nil {
			t.Errorf("%s: %v", b.Name, err)
		}
	}
}

// A FIFO or /dev/zero given as the scenario blocked or read without end;
// both are refused at once, as is a file over MaxFileBytes.
func TestLoadRefusesSpecialAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, []byte("name: x\ndescription: "+strings.Repeat("x", MaxFileBytes)+"\n"), 0o644)
	cases := map[string]string{os.DevNull: "is a device, not a regular file", big: "is more than 262144 bytes"}
	fifo := filepath.Join(dir, "fifo.yaml")
	if syscall.Mkfifo(fifo, 0o644) == nil {
		cases[fifo] = "is a named pipe (FIFO), not a regular file"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := Load(path)
			done <- err
		}()
		select {
		case err := <-done:
			e := firstError(t, err)
			if e.File != path || !strings.Contains(e.Msg, want) {
				t.Errorf("%s: %v; want %q", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Load blocked", path)
		}
	}
}

// Brackets in comments and quoted text are not nesting.
func TestBracketsInQuotesAndCommentsAreText(t *testing.T) {
	many := strings.Repeat("[{", 100)
	text := "# " + many + "\nname: x\ndescription: \"" + many + " \\\" " + many + "\"\nregimes: [none] # " + many + "\nactivities: {sensitive: [{kind: 'it''s " + many + "'}]}\n"
	_, err := LoadBytes("quoted.yaml", []byte(text))
	if e := firstError(t, err); !strings.Contains(e.Msg, "at most 100 for a name") {
		t.Fatalf("got %v; want only the kind's length refused", err)
	}
}

// manyKeys formats n distinct keys k0, k1... with format.
func manyKeys(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, fmt.Sprintf("k%d", i))
	}
	return b.String()
}
