package csvcell

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"monk-1-3", "monk-1-3"},
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+cmd", "'+cmd"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-0.5", "-0.5"},
		{"+1e5", "+1e5"},
		{"-.5", "-.5"},
		{"-Inf", "'-Inf"},
		{"-", "'-"},
		{"-1e", "'-1e"},
		{"'quoted", "'quoted"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValueKeepsNumbersNumeric(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{{-0.5, "-0.5"}, {uint64(3), "3"}, {"=1+1", "'=1+1"}, {true, "true"}} {
		if got := Value(c.in); got != c.want {
			t.Errorf("Value(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestAppendTextReadsBack checks hand-built rows parse as the same cells.
func TestAppendTextReadsBack(t *testing.T) {
	cells := []string{"a,b", `say "hi"`, "two\nlines", "=1+1", "-0.5", "plain"}
	var row []byte
	for i, c := range cells {
		if i > 0 {
			row = append(row, ',')
		}
		row = AppendText(row, c)
	}
	got, err := csv.NewReader(strings.NewReader(string(row) + "\n")).Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a,b", `say "hi"`, "two\nlines", "'=1+1", "-0.5", "plain"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read back %q, want %q", got, want)
	}
}
