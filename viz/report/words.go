package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain-language number formatting for captions and the summary. Every
// caption is computed from the results; these helpers only decide wording.

// count formats a whole number with thousands separators: 52233 -> "52,233".
func count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// plural says "1 alert" or "3 alerts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// inTen turns a share of a whole into "9 in 10" style words, never rounding
// a non-zero share to "0 in 10" or a partial one to "10 in 10".
func inTen(share float64) string {
	r := int(math.Round(10 * share))
	switch {
	case share <= 0:
		return "none"
	case share >= 1:
		return "all"
	case r == 0:
		return "fewer than 1 in 10"
	case r == 10:
		return "more than 9 in 10"
	}
	return fmt.Sprintf("%d in 10", r)
}

// percent formats a share as a percentage with sensible precision.
func percent(share float64) string {
	p := 100 * share
	switch {
	case p == 0:
		return "0%"
	case math.Abs(p) < 0.1:
		return fmt.Sprintf("%.3f%%", p)
	case math.Abs(p) < 1:
		return fmt.Sprintf("%.2f%%", p)
	case math.Abs(p) < 10:
		return fmt.Sprintf("%.1f%%", p)
	}
	return fmt.Sprintf("%.0f%%", p)
}

// times formats a ratio: 2.29 -> "2.3 times".
func times(r float64) string {
	if r >= 10 {
		return count(int(math.Round(r))) + " times"
	}
	return fmt.Sprintf("%.1f times", r)
}

// hours formats minutes as hours: 858.6 -> "14.3 hours".
func hours(minutes float64) string {
	h := minutes / 60
	if h < 1 {
		return fmt.Sprintf("%.0f minutes", minutes)
	}
	return fmt.Sprintf("%.1f hours", h)
}

// quote names a regime in running text.
func quote(name string) string { return "“" + name + "”" }

// sentence capitalises the first letter, if the text starts with one.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// list joins names: "a", "a and b", "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// pluralNone says "no alert", "1 alert" or "3 alerts".
func pluralNone(n int, none, one, many string) string {
	if n == 0 {
		return none
	}
	return plural(n, one, many)
}
