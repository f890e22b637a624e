// Package i18n holds the words people read in Vigie's reports, summaries
// and assessments, one catalogue file per language (catalogues/en.json,
// catalogues/fr.json), and formats numbers and plurals through
// golang.org/x/text. A third language is one more catalogue file: its
// _meta entry names the language, the writing direction (Arabic would say
// "rtl") and the typography x/text's data leaves to taste.
//
// A catalogue maps a key to a message. A message is a format string
// (fmt's verbs, indexed as %[2]s where a language may reorder arguments),
// or an object of plural cases ("=0", "one", "few", "many", "other") chosen
// by the message's first argument, an integer, by the language's CLDR
// plural rules.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

//go:embed catalogues/*.json
var files embed.FS

// Default is the language used when none is asked for.
const Default = "en"

// meta is a catalogue's _meta entry.
type meta struct {
	// Name is the language's own name for itself.
	Name string `json:"name"`
	// Dir is the writing direction, "ltr" or "rtl".
	Dir string `json:"dir"`
	// Group, when set, replaces the thousands separator x/text's data gives
	// (French typography wants a narrow no-break space).
	Group string `json:"group"`
	// Quote opens and closes a quoted name: “…” or « … ».
	Quote [2]string `json:"quote"`
}

// Catalogue is one language's messages as read from its file.
type Catalogue struct {
	Lang string
	Meta meta
	// Messages maps a key to its text, or to its plural cases.
	Messages map[string]Message
}

// Message is a catalogue entry: Text, or Cases chosen by the first argument.
type Message struct {
	Text  string
	Cases map[string]string
}

// UnmarshalJSON reads a string or an object of plural cases.
func (m *Message) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &m.Text)
	}
	return json.Unmarshal(b, &m.Cases)
}

// Languages lists the languages with a catalogue, sorted.
func Languages() []string {
	entries, _ := files.ReadDir("catalogues")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(out)
	return out
}

// Load reads one language's catalogue.
func Load(lang string) (*Catalogue, error) {
	b, err := files.ReadFile("catalogues/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("no catalogue for language %q (available: %s)", lang, strings.Join(Languages(), ", "))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("catalogues/%s.json: %w", lang, err)
	}
	c := &Catalogue{Lang: lang, Messages: map[string]Message{}}
	for k, v := range raw {
		if k == "_meta" {
			if err := json.Unmarshal(v, &c.Meta); err != nil {
				return nil, fmt.Errorf("catalogues/%s.json: _meta: %w", lang, err)
			}
			continue
		}
		var m Message
		if err := json.Unmarshal(v, &m); err != nil {
			return nil, fmt.Errorf("catalogues/%s.json: %s: %w", lang, k, err)
		}
		c.Messages[k] = m
	}
	return c, nil
}

// Printer turns keys into one language's sentences.
type Printer struct {
	lang string
	meta meta
	p    *message.Printer
	has  map[string]bool
}

// New returns the printer for a language ("en", "fr"); "" means Default.
func New(lang string) (*Printer, error) {
	if lang == "" {
		lang = Default
	}
	c, err := Load(lang)
	if err != nil {
		return nil, err
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", lang, err)
	}
	b := catalog.NewBuilder(catalog.Fallback(tag))
	has := map[string]bool{}
	for k, m := range c.Messages {
		has[k] = true
		if m.Cases == nil {
			if err := b.SetString(tag, k, m.Text); err != nil {
				return nil, fmt.Errorf("catalogues/%s.json: %s: %w", lang, k, err)
			}
			continue
		}
		var cases []any
		for _, sel := range []string{"=0", "=1", "=2", "zero", "one", "two", "few", "many", "other"} {
			if text, ok := m.Cases[sel]; ok {
				cases = append(cases, sel, text)
			}
		}
		if err := b.Set(tag, k, plural.Selectf(1, "%d", cases...)); err != nil {
			return nil, fmt.Errorf("catalogues/%s.json: %s: %w", lang, k, err)
		}
	}
	return &Printer{lang: lang, meta: c.Meta, p: message.NewPrinter(tag, message.Catalog(b)), has: has}, nil
}

// MustNew is New for the languages Vigie ships, which tests load.
func MustNew(lang string) *Printer {
	p, err := New(lang)
	if err != nil {
		panic(err)
	}
	return p
}

// Lang is the printer's language code, for <html lang>.
func (p *Printer) Lang() string { return p.lang }

// Dir is the writing direction, for <html dir>.
func (p *Printer) Dir() string {
	if p.meta.Dir == "" {
		return "ltr"
	}
	return p.meta.Dir
}

// T formats the message a key names. A key missing from the catalogue
// comes back bracketed, so that a test (and a reader) sees it.
func (p *Printer) T(key string, args ...any) string {
	if !p.has[key] {
		return "[" + key + "]"
	}
	return p.typeset(p.p.Sprintf(key, args...))
}

// typeset replaces x/text's thousands separator by the catalogue's.
func (p *Printer) typeset(s string) string {
	if p.meta.Group == "" {
		return s
	}
	r := []rune(s)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '\u00a0' && isDigit(r[i-1]) && isDigit(r[i+1]) {
			r[i] = []rune(p.meta.Group)[0]
		}
	}
	return string(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Count writes a whole number with the language's thousands separator:
// 52,233 or 52 233.
func (p *Printer) Count(n int) string {
	return p.typeset(p.p.Sprint(number.Decimal(n)))
}

// Decimal writes v with exactly digits decimals: 4.5 or 4,5.
func (p *Printer) Decimal(v float64, digits int) string {
	if digits <= 0 {
		return p.Count(int(math.Round(v)))
	}
	return p.typeset(p.p.Sprint(number.Decimal(v, number.Scale(digits))))
}

// Signed writes v with its sign, as a change: +1.5 or −1,5.
func (p *Printer) Signed(v float64, digits int) string {
	s := p.Decimal(math.Abs(v), digits)
	if v < 0 && s != p.Decimal(0, digits) {
		return "-" + s
	}
	return "+" + s
}

// Plain writes v with the decimals it has, as %g would but in the
// language's way and never in scientific notation: 0.6, 365, 0,62 in
// French. It keeps at most six decimals.
func (p *Printer) Plain(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	digits := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits = min(len(s)-i-1, 6)
	}
	return p.Decimal(v, digits)
}

// Percent writes a share (0.12) as the language writes a percentage, with
// the given number of decimals: 12% or 12 %.
func (p *Printer) Percent(share float64, digits int) string {
	return p.T("fmt.percent", p.Decimal(100*share, digits))
}

// Quote names something in running text: “mass” or « mass ».
func (p *Printer) Quote(s string) string {
	q := p.meta.Quote
	if q[0] == "" {
		q = [2]string{"“", "”"}
	}
	return q[0] + s + q[1]
}

// List joins items: "a, b and c" or « a, b et c ».
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return p.T("fmt.list", strings.Join(items[:len(items)-1], p.T("fmt.list_sep")), items[len(items)-1])
}

// defaults is the default language's catalogue, for Known.
var defaults = sync.OnceValue(func() *Catalogue {
	c, err := Load(Default)
	if err != nil {
		return &Catalogue{}
	}
	return c
})

// Known translates a text the results carry (a built-in regime's or a
// bundled scenario's description) when it is exactly the default
// language's message for key, and returns it unchanged otherwise, so that a
// user's own words are never replaced.
func (p *Printer) Known(key, text string) string {
	if m, ok := defaults().Messages[key]; ok && m.Cases == nil && m.Text == text && p.has[key] {
		return p.T(key)
	}
	return text
}

// Itoa is strconv.Itoa, for codes that are not quantities (hours, years).
func Itoa(n int) string { return strconv.Itoa(n) }
