package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// verb finds fmt verbs, indexed or not; %% is a literal percent sign.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// placeholders returns a message's verbs, all cases together, sorted and
// without duplicates.
func placeholders(m Message) []string {
	texts := []string{m.Text}
	for _, t := range m.Cases {
		texts = append(texts, t)
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range texts {
		for _, v := range verb.FindAllString(t, -1) {
			if v != "%%" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	sort.Strings(out)
	return out
}

func loadAll(t *testing.T) map[string]*Catalogue {
	t.Helper()
	out := map[string]*Catalogue{}
	for _, lang := range Languages() {
		c, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		out[lang] = c
	}
	if len(out) < 2 {
		t.Fatalf("catalogues: %v, want at least en and fr", Languages())
	}
	return out
}

// Every catalogue has every key, each with the same placeholders, and every
// plural message an "other" case.
func TestCataloguesAgree(t *testing.T) {
	cats := loadAll(t)
	ref := cats[Default]
	for lang, c := range cats {
		if c.Meta.Name == "" || (c.Meta.Dir != "ltr" && c.Meta.Dir != "rtl") {
			t.Errorf("%s: _meta %+v needs a name and a direction (ltr or rtl)", lang, c.Meta)
		}
		for k, m := range c.Messages {
			r, ok := ref.Messages[k]
			if !ok {
				t.Errorf("%s has %q, which %s lacks", lang, k, Default)
				continue
			}
			if a, b := strings.Join(placeholders(m), " "), strings.Join(placeholders(r), " "); a != b {
				t.Errorf("%q: %s has placeholders [%s], %s has [%s]", k, lang, a, Default, b)
			}
			if (m.Cases == nil) != (r.Cases == nil) {
				t.Errorf("%q: plural in one language, not in the other", k)
			}
			if m.Cases != nil && m.Cases["other"] == "" {
				t.Errorf("%q in %s: a plural message needs an \"other\" case", k, lang)
			}
		}
		for k := range ref.Messages {
			if _, ok := c.Messages[k]; !ok {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

// usedKey finds a key written in Go source or in a template: T("key" or
// {{T "key".
var usedKey = regexp.MustCompile(`\bT\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"|\{\{T "([a-z0-9_]+\.[a-z0-9_.]+)"`)

// dynamicPrefixes are key families looked up from data (a place kind named
// in a scenario, a kind of place in the results); their keys count as used when the source builds the
// lookup.
var dynamicPrefixes = []string{"kind.", "place.", "regime.", "scenario."}

// Every key the code uses is in the catalogues, and every key in them is
// used somewhere, so a catalogue never carries dead words nor misses live
// ones.
func TestEveryKeyUsedAndPresent(t *testing.T) {
	cats := loadAll(t)
	var files []string
	for _, dir := range []string{"..", "../../cmd/vigie"} {
		err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if !info.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	used := map[string]string{}
	var source strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		source.Write(b)
		for _, m := range usedKey.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2]
			used[k] = f
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in %d files; is the scan looking in the right place?", len(used), len(files))
	}
	for k, f := range used {
		for lang, c := range cats {
			if _, ok := c.Messages[k]; !ok {
				t.Errorf("%s uses %q, which the %s catalogue lacks", f, k, lang)
			}
		}
	}
	for k := range cats[Default].Messages {
		if _, ok := used[k]; ok {
			continue
		}
		dynamic := false
		for _, p := range dynamicPrefixes {
			dynamic = dynamic || (strings.HasPrefix(k, p) && regexp.MustCompile(`"`+regexp.QuoteMeta(p)+`"\s*\+`).MatchString(source.String()))
		}
		if !dynamic {
			t.Errorf("the catalogues hold %q, which no code uses", k)
		}
	}
}

// French numbers: a narrow no-break space between thousands, a decimal
// comma, a space before the percent sign; plurals by CLDR rules.
func TestNumbersAndPlurals(t *testing.T) {
	en, fr := MustNew("en"), MustNew("fr")
	tests := []struct{ got, want string }{
		{en.Count(1234567), "1,234,567"},
		{fr.Count(1234567), "1\u202f234\u202f567"},
		{en.Decimal(4.56, 1), "4.6"},
		{fr.Decimal(4.56, 1), "4,6"},
		{en.Percent(0.123, 0), "12%"},
		{fr.Percent(0.123, 0), "12\u202f%"},
		{fr.Percent(0.0004, 3), "0,040\u202f%"},
		{en.Signed(-0.021, 1), "+0.0"}, // no sign for a change below the precision shown
		{fr.Signed(-2.1, 1), "-2,1"},
		{en.Plain(0.6), "0.6"},
		{fr.Plain(0.62), "0,62"},
		{fr.Plain(365), "365"},
		{en.T("n.alerts", 0), "no alert"},
		{en.T("n.alerts", 1), "1 alert"},
		{en.T("n.alerts", 52233), "52,233 alerts"},
		{fr.T("n.alerts", 0), "aucune alerte"},
		{fr.T("n.alerts", 1), "1 alerte"},
		{fr.T("n.alerts", 2), "2 alertes"},
		{fr.T("n.alerts", 52233), "52\u202f233 alertes"},
		{en.Quote("mass"), "“mass”"},
		{fr.Quote("mass"), "«\u202fmass\u202f»"},
		{en.List([]string{"a", "b", "c"}), "a, b and c"},
		{fr.List([]string{"a", "b", "c"}), "a, b et c"},
		{en.T("no.such.key"), "[no.such.key]"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	desc := "No facial recognition; ordinary CCTV only."
	if got := fr.Known("regime.none.description", desc); got != "Aucune reconnaissance faciale\u202f; vidéosurveillance ordinaire seulement." {
		t.Errorf("a built-in description is not translated: %q", got)
	}
	if got := fr.Known("regime.none.description", "My own none."); got != "My own none." {
		t.Errorf("a user's own description was replaced: %q", got)
	}
	if _, err := New("xx"); err == nil || !strings.Contains(err.Error(), "available: en, fr") {
		t.Errorf("New(xx) = %v, want an error naming the languages", err)
	}
}
