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
)

// Markdown returns the draft assessment as Markdown. User-supplied text
// (scenario, regime and group names) is escaped for Markdown.
func Markdown(r metrics.Results) ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, view(r)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// HTML returns the draft as a standalone HTML page. Raw HTML in the
// Markdown is not rendered (goldmark's default), so user text stays text.
func HTML(md []byte, title string) ([]byte, error) {
	var body bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(md, &body); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
	template.HTMLEscape(&b, []byte(title))
	b.WriteString("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}" +
		"table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}" +
		"th:first-child,td:first-child{text-align:left}.draft{background:#fff3cd;padding:.5rem 1rem;border-left:4px solid #e0a800}</style></head><body>\n")
	b.Write(body.Bytes())
	b.WriteString("</body></html>\n")
	return b.Bytes(), nil
}

type regimeView struct {
	Name, Description                     string
	Live                                  bool
	Watchlist                             int
	Threshold                             string
	Scanned, Passers, Alerts, FalseAlerts int
	FalseShare                            string
	FalseStops, Located, Wanted           int
	StopsPer100k                          string
	Records                               int
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
	FalseStops                   int
}

type chillView struct {
	Group, Kind, Index, CI string
	Planned, Made          int
}

type pageView struct {
	Scenario metrics.ScenarioInfo
	Name     string
	Manifest metrics.Manifest
	Regimes  []regimeView
}

func view(r metrics.Results) pageView {
	p := pageView{Scenario: r.Scenario, Name: esc(r.Scenario.Name), Manifest: r.Manifest}
	p.Scenario.Description = esc(r.Scenario.Description)
	for _, rg := range r.Regimes {
		m := rg.Metrics
		v := regimeView{
			Name: esc(rg.Name), Description: esc(rg.Description), Live: rg.Live, Watchlist: rg.Watchlist,
			Threshold: fmt.Sprintf("%g", rg.Threshold), Scanned: m.FacesScanned, Passers: m.PassersBy,
			Alerts: m.Alerts, FalseAlerts: m.FalseAlerts, FalseShare: pct(m.FalseAlertShare.Value),
			FalseStops: m.FalseStops, Located: m.WantedLocated, Wanted: m.WantedTotal,
			StopsPer100k: fmt.Sprintf("%.1f", m.InnocentStoppedPer100k), Records: m.RecordsRetained,
			RecordDays: fmt.Sprintf("%.0f", m.RecordDays), RetentionDays: fmt.Sprintf("%g", m.RetentionDays),
			VisitChange: signedPct(m.SensitiveVisitChange), CoveredShare: pct(rg.Behaviour.CoveredShare.Value),
			ExtraKm: fmt.Sprintf("%.1f", rg.Behaviour.ExtraDistanceM/1000), Differential: "not defined",
		}
		if m.Alerts == 0 {
			v.FalseShare = "no alerts"
		}
		if m.WantedLocated > 0 {
			v.ScannedPerLocated = fmt.Sprintf("%.0f", float64(m.FacesScanned)/float64(m.WantedLocated))
		} else {
			v.ScannedPerLocated = "no one located"
		}
		if m.FPIRDifferential != nil {
			v.Differential = fmt.Sprintf("%.2f", *m.FPIRDifferential)
		}
		for _, g := range m.ByGroup {
			v.Groups = append(v.Groups, groupView{Name: esc(g.Group), FPIR: sci(g.FPIR),
				CI: fmt.Sprintf("%s to %s", sci(g.FPIRCI[0]), sci(g.FPIRCI[1])), FalseStops: g.FalseStops,
				StopsPer100k: fmt.Sprintf("%.1f", g.FalseStopsPer100k)})
		}
		for _, c := range rg.Behaviour.Chilling {
			if c.Planned == 0 {
				continue
			}
			v.Chilling = append(v.Chilling, chillView{Group: esc(c.Group), Kind: esc(c.Kind), Index: pct(c.Index),
				CI: fmt.Sprintf("%s to %s", pct(c.CI[0]), pct(c.CI[1])), Planned: c.Planned, Made: c.Made})
		}
		v.WrongfulLikelihood = level(m.InnocentStoppedPer100k, 1, 10, 100)
		v.ChillingSeverity = level(-100*m.SensitiveVisitChange, 0.5, 5, 15)
		v.AccessSeverity = level(m.RecordDays, 1, 1e4, 1e6)
		p.Regimes = append(p.Regimes, v)
	}
	return p
}

// level places a figure on the PIA method's four-step scale, by thresholds
// stated in the document.
func level(x, a, b, c float64) string {
	switch {
	case x < a:
		return "negligible"
	case x < b:
		return "limited"
	case x < c:
		return "significant"
	}
	return "maximum"
}

func pct(x float64) string       { return fmt.Sprintf("%.1f%%", 100*x) }
func signedPct(x float64) string { return fmt.Sprintf("%+.1f%%", 100*x) }

func sci(x float64) string {
	if x == 0 {
		return "0"
	}
	if math.Abs(x) >= 0.001 {
		return fmt.Sprintf("%.4f", x)
	}
	return fmt.Sprintf("%.2e", x)
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
