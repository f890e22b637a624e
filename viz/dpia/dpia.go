// Package dpia drafts a data-protection impact assessment from a run's
// results, in the structure of the CNIL's PIA method (the processing and
// its purposes; necessity and proportionality; risks to people; measures),
// filled with the simulated figures for each regime. It writes Markdown and
// the same text as HTML. Like the rest of viz it reads results only.
//
// The draft says on its first line that a simulation produced it: it is a
// starting point for a controller's own assessment, never a substitute.
package dpia

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"text/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"vigie/metrics"
	"vigie/viz/i18n"
)

// Options choose the draft's language and legal frame.
type Options struct {
	// Lang is the language of the draft ("en", "fr"; empty means English).
	Lang string
	// Jurisdiction adds a country's data-protection law beside the GDPR and
	// the AI Act: "" or "eu" for none, "ma" for Morocco (law 09-08 and its
	// authority, the CNDP).
	Jurisdiction string
}

// Jurisdictions lists the legal frames a draft can cite.
var Jurisdictions = []string{"eu", "ma"}

// Markdown returns the draft assessment as Markdown. User-supplied text
// (scenario, regime and group names) is escaped for Markdown.
func Markdown(r metrics.Results, o Options) ([]byte, error) {
	p, err := i18n.New(o.Lang)
	if err != nil {
		return nil, err
	}
	switch o.Jurisdiction {
	case "", "eu", "ma":
	default:
		return nil, fmt.Errorf("jurisdiction %q: allowed: %s", o.Jurisdiction, strings.Join(Jurisdictions, ", "))
	}
	t, err := pageTemplate(func(key string, args ...any) string { return p.T(key, args...) })
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, view(r, p, o)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// HTML returns the draft as a standalone HTML page in a language. Raw HTML
// in the Markdown is not rendered (goldmark's default), so user text stays
// text.
func HTML(md []byte, title, lang string) ([]byte, error) {
	p, err := i18n.New(lang)
	if err != nil {
		return nil, err
	}
	var body bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(md, &body); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\"><title>", p.Lang(), p.Dir())
	template.HTMLEscape(&b, []byte(title))
	b.WriteString("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}" +
		"table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}" +
		"th:first-child,td:first-child{text-align:left}.draft{background:#fff3cd;padding:.5rem 1rem;border-left:4px solid #e0a800}</style></head><body>\n")
	b.Write(body.Bytes())
	b.WriteString("</body></html>\n")
	return b.Bytes(), nil
}

// Title is the draft's title in a language, for HTML's <title>.
func Title(name, lang string) string {
	p, err := i18n.New(lang)
	if err != nil {
		p = i18n.MustNew(i18n.Default)
	}
	return p.T("dpia.title", name)
}

type regimeView struct {
	Name, Description                     string
	Live                                  bool
	Watchlist                             string
	Threshold                             string
	Scanned, Passers, Alerts, FalseAlerts string
	FalseShare                            string
	FalseStops, Located, Wanted           string
	StopsPer100k                          string
	Records                               string
	RecordDays, RetentionDays             string
	ScannedPerLocated                     string
	VisitChange, CoveredShare, ExtraKm    string
	Differential                          string
	Groups                                []groupView
	Chilling                              []chillView
	WrongfulLikelihood, ChillingSeverity  string
	AccessSeverity                        string
}

type groupView struct {
	Name, FPIR, CI, StopsPer100k string
	FalseStops                   string
}

type chillView struct {
	Group, Kind, Index, CI string
	Planned, Made          string
}

type pageView struct {
	Scenario                   metrics.ScenarioInfo
	Name                       string
	Population, Cameras, Hours string
	Seed                       string
	Manifest                   metrics.Manifest
	Regimes                    []regimeView
	// Morocco cites law 09-08 and the CNDP beside the GDPR.
	Morocco bool
	// Where the face data go (flows.go).
	Flows        []flowView
	Transfers    []string
	Flags        []string
	Galleries    []galleryView
	GalleryNotes []string
}

func view(r metrics.Results, p *i18n.Printer, o Options) pageView {
	n := func(v int) string { return p.Count(v) }
	pct := func(x float64) string { return p.Percent(x, 1) }
	v := pageView{Scenario: r.Scenario, Name: esc(r.Scenario.Name), Manifest: r.Manifest, Morocco: o.Jurisdiction == "ma",
		Population: n(r.Scenario.Population), Cameras: n(r.Scenario.Cameras), Hours: p.Plain(r.Scenario.Hours * float64(max(1, r.Scenario.Days))),
		Seed: fmt.Sprint(r.Manifest.Seed)}
	v.Scenario.Description = esc(p.Known("scenario."+r.Scenario.Name+".description", r.Scenario.Description))
	for _, rg := range r.Regimes {
		m := rg.Metrics
		rv := regimeView{
			Name: esc(rg.Name), Description: esc(p.Known("regime."+rg.Name+".description", rg.Description)), Live: rg.Live, Watchlist: n(rg.Watchlist),
			Threshold: p.Plain(rg.Threshold), Scanned: n(m.FacesScanned), Passers: n(m.PassersBy),
			Alerts: n(m.Alerts), FalseAlerts: n(m.FalseAlerts), FalseShare: pct(m.FalseAlertShare.Value),
			FalseStops: n(m.FalseStops), Located: n(m.WantedLocated), Wanted: n(m.WantedTotal),
			StopsPer100k: p.Decimal(m.InnocentStoppedPer100k, 1), Records: n(m.RecordsRetained),
			RecordDays: p.Decimal(m.RecordDays, 0), RetentionDays: p.Plain(m.RetentionDays),
			VisitChange: p.T("fmt.percent", p.Signed(100*m.SensitiveVisitChange, 1)), CoveredShare: pct(rg.Behaviour.CoveredShare.Value),
			ExtraKm: p.Decimal(rg.Behaviour.ExtraDistanceM/1000, 1), Differential: p.T("dpia.not_defined"),
		}
		if m.Alerts == 0 {
			rv.FalseShare = p.T("dpia.no_alerts")
		}
		if m.WantedLocated > 0 {
			rv.ScannedPerLocated = p.Decimal(float64(m.FacesScanned)/float64(m.WantedLocated), 0)
		} else {
			rv.ScannedPerLocated = p.T("dpia.no_one_located")
		}
		if m.FPIRDifferential != nil {
			rv.Differential = p.Decimal(*m.FPIRDifferential, 2)
		}
		for _, g := range m.ByGroup {
			rv.Groups = append(rv.Groups, groupView{Name: esc(g.Group), FPIR: sci(p, g.FPIR),
				CI: p.T("dpia.range", sci(p, g.FPIRCI[0]), sci(p, g.FPIRCI[1])), FalseStops: n(g.FalseStops),
				StopsPer100k: p.Decimal(g.FalseStopsPer100k, 1)})
		}
		for _, c := range rg.Behaviour.Chilling {
			if c.Planned == 0 {
				continue
			}
			rv.Chilling = append(rv.Chilling, chillView{Group: esc(c.Group), Kind: esc(c.Kind), Index: pct(c.Index),
				CI: p.T("dpia.range", pct(c.CI[0]), pct(c.CI[1])), Planned: n(c.Planned), Made: n(c.Made)})
		}
		rv.WrongfulLikelihood = level(p, m.InnocentStoppedPer100k, 1, 10, 100)
		rv.ChillingSeverity = level(p, -100*m.SensitiveVisitChange, 0.5, 5, 15)
		rv.AccessSeverity = level(p, m.RecordDays, 1, 1e4, 1e6)
		v.Regimes = append(v.Regimes, rv)
	}
	flowsView(&v, r, p, o)
	return v
}

// level places a figure on the PIA method's four-step scale, by thresholds
// stated in the document, in the draft's language.
func level(p *i18n.Printer, x, a, b, c float64) string {
	switch {
	case x < a:
		return p.T("dpia.level.negligible")
	case x < b:
		return p.T("dpia.level.limited")
	case x < c:
		return p.T("dpia.level.significant")
	}
	return p.T("dpia.level.maximum")
}

// sci writes a small rate: four decimals down to 0.001, then two
// significant figures in scientific notation (2.4e-05), the form tables of
// error rates use.
func sci(p *i18n.Printer, x float64) string {
	if x == 0 {
		return "0"
	}
	if math.Abs(x) >= 0.001 {
		return p.Decimal(x, 4)
	}
	e := int(math.Floor(math.Log10(math.Abs(x))))
	return p.Decimal(x/math.Pow(10, float64(e)), 2) + "e" + fmt.Sprintf("%03d", e)
}

// esc escapes Markdown's special characters and angle brackets so that a
// name is shown as written, never as markup.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
