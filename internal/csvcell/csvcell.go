// Package csvcell writes the text cells of Vigie's CSV files so that a
// spreadsheet shows them as text. Group, regime and activity names come from
// scenario files that may be shared; a cell such as =HYPERLINK(...) would be
// run as a formula when events.csv is opened. Following OWASP's advice on CSV
// injection, a text cell that starts with =, +, -, @, a tab or a carriage
// return gets a single quote in front. Numbers such as -0.5 are left alone,
// so pandas and R still read numeric columns as numbers.
package csvcell

import (
	"fmt"
	"strings"
)

// Text returns s as a cell a spreadsheet will not evaluate.
func Text(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isNumber(s) {
		return s
	}
	return "'" + s
}

// Value formats a cell that may hold a number or text, such as a sweep's
// parameter values: numbers as Go prints them, text through Text.
func Value(v any) string {
	if s, ok := v.(string); ok {
		return Text(s)
	}
	return Text(fmt.Sprint(v))
}

// AppendText appends s to a CSV row as one field: neutralised by Text, and
// quoted as RFC 4180 asks when it holds a comma, a quote or a line break
// (encoding/csv does the same; this is for writers that build rows by hand).
func AppendText(b []byte, s string) []byte {
	s = Text(s)
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// isNumber reports whether s is a plain decimal number (optional sign,
// digits, optional fraction and exponent), which a spreadsheet reads as a
// number rather than a formula.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
