package report

import (
	"math"
	"unicode"
	"unicode/utf8"

	"vigie/viz/i18n"
)

// Plain-language wording for captions and the summary, in the report's
// language. Every caption is computed from the results; these helpers only
// decide wording, and every word comes from the language's catalogue
// (viz/i18n/catalogues).

// tongue speaks one language: the report's wording helpers over its
// catalogue's printer.
type tongue struct{ *i18n.Printer }

// english is the report's default language, which tests speak unless they
// test a language.
var english = tongue{i18n.MustNew("en")}

// speak returns the tongue for a language code ("" for the default).
func speak(lang string) (tongue, error) {
	p, err := i18n.New(lang)
	if err != nil {
		return tongue{}, err
	}
	return tongue{p}, nil
}

// count formats a whole number with thousands separators: 52233 -> "52,233"
// (in French, "52 233" with a narrow no-break space).
func (in tongue) count(n int) string { return in.Count(n) }

// inTen turns a share of a whole into "9 in 10" style words, never rounding
// a non-zero share to "0 in 10" or a partial one to "10 in 10".
func (in tongue) inTen(share float64) string {
	r := int(math.Round(10 * share))
	switch {
	case share <= 0:
		return in.T("inten.none")
	case share >= 1:
		return in.T("inten.all")
	case r == 0:
		return in.T("inten.fewer")
	case r == 10:
		return in.T("inten.more")
	}
	return in.T("inten.n", r)
}

// percent formats a share as a percentage with sensible precision.
func (in tongue) percent(share float64) string {
	p := 100 * math.Abs(share)
	switch {
	case p == 0:
		return in.Percent(0, 0)
	case p < 0.1:
		return in.Percent(share, 3)
	case p < 1:
		return in.Percent(share, 2)
	case p < 10:
		return in.Percent(share, 1)
	}
	return in.Percent(share, 0)
}

// times formats a ratio: 2.29 -> "2.3 times".
func (in tongue) times(r float64) string {
	if r >= 10 {
		return in.T("fmt.times", in.count(int(math.Round(r))))
	}
	return in.T("fmt.times", in.Decimal(r, 1))
}

// hours formats minutes as hours: 858.6 -> "14.3 hours".
func (in tongue) hours(minutes float64) string {
	h := minutes / 60
	if h < 1 {
		return in.T("fmt.minutes", in.Decimal(minutes, 0))
	}
	return in.T("fmt.hours", in.Decimal(h, 1))
}

// quote names a regime in running text: “mass”, « mass ».
func (in tongue) quote(name string) string { return in.Quote(name) }

// list joins names: "a", "a and b", "a, b and c".
func (in tongue) list(items []string) string { return in.List(items) }

// sentence capitalises the first letter, if the text starts with one.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
