package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"vigie/internal/atomicfile"
	"vigie/metrics"
)

// Options tune a report.
type Options struct {
	// Sweep adds sweep points to the trade-off chart (see SweepPoints).
	Sweep []SweepPoint
	// ECharts is the path of echarts.min.js; empty means FindECharts.
	ECharts string
}

// Write renders the report to path, atomically.
func Write(path string, res metrics.Results, o Options) error {
	js, err := loadECharts(o.ECharts)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return atomicfile.WriteFunc(path, func(w io.Writer) error { return render(w, res, o, js) })
}

// Render writes the report to w.
func Render(w io.Writer, res metrics.Results, o Options) error {
	js, err := loadECharts(o.ECharts)
	if err != nil {
		return err
	}
	return render(w, res, o, js)
}

// funcPat finds go-echarts' markers around JavaScript functions in a
// marshalled option, with the quotes JSON put around them.
var funcPat = regexp.MustCompile(`"__f__|__f__"`)

// optionJS encodes an option as a JavaScript expression. encoding/json
// escapes <, > and & inside strings, so user text (scenario, regime and
// group names) cannot close the <script> element or inject markup; the
// functions we write ourselves use none of those characters.
func optionJS(o obj) (template.JS, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return "", err
	}
	return template.JS(funcPat.ReplaceAll(b, nil)), nil
}

type pageFigure struct {
	Figure
	Option template.JS
	Style  template.CSS
}

type pageData struct {
	Res      metrics.Results
	Lede     string
	Citizens string
	Cameras  string
	Summary  []string
	Table    []tableRow
	Figures  []pageFigure
	Method   []methodRegime
	Manifest [][2]string
	Models   [][2]string
	ECharts  template.JS
	Single   bool // a one-figure page for the PNG export
	// Pipeline is the section on what the real pipeline measured; nil
	// when the recognizer ran no pipeline.
	Pipeline *pipelineText
	// Rates says where the match rates come from, for the method section.
	Rates string
}

func figuresForPage(figs []Figure) ([]pageFigure, error) {
	out := make([]pageFigure, len(figs))
	for i, f := range figs {
		js, err := optionJS(f.option)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", f.ID, err)
		}
		style := fmt.Sprintf("height:%dpx;", f.Height)
		if f.Width > 0 {
			style += fmt.Sprintf("max-width:%dpx;", f.Width)
		}
		out[i] = pageFigure{Figure: f, Option: js, Style: template.CSS(style)}
	}
	return out, nil
}

func render(w io.Writer, res metrics.Results, o Options, echartsJS string) error {
	figs, err := figuresForPage(Figures(res, o))
	if err != nil {
		return err
	}
	d := pageData{Res: res, Lede: lede(res), Citizens: plural(res.Scenario.Population, "citizen", "citizens"),
		Cameras: plural(res.Scenario.Cameras, "camera", "cameras"), Summary: summary(res, o), Table: table(res), Figures: figs, Method: method(res),
		Manifest: manifestRows(res.Manifest), Models: modelRows(res.Manifest), ECharts: template.JS(echartsJS),
		Pipeline: pipelineSectionText(res), Rates: methodRates(res)}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, d); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// lede says what was simulated, in one sentence.
func lede(res metrics.Results) string {
	s := res.Scenario
	return fmt.Sprintf("A synthetic city of %s and %s, %g hours, %s run on the same day. Recognizer: %s.",
		plural(s.Population, "citizen", "citizens"), plural(s.Cameras, "camera", "cameras"), s.Hours,
		plural(len(res.Regimes), "policy regime", "policy regimes"), res.Manifest.Recognizer)
}

// summary is the quotable top of the report: one sentence per finding.
func summary(res metrics.Results, o Options) []string {
	rs := res.Regimes
	var out []string
	if i := busiest(rs); i >= 0 {
		out = append(out, falseShareSentence(rs[i]))
	}
	out = append(out, regimesCaption(rs), groupsCaption(rs))
	if s := chillingSentence(rs); s != "" {
		out = append(out, s)
	}
	out = append(out, frontierCaption(frontierPoints(res, o.Sweep)))
	return out
}

// chillingSentence reports the regime with the largest drop in visits to
// sensitive places, and the kind of place that fell most under it.
func chillingSentence(rs []metrics.RegimeResult) string {
	best := -1
	for i, r := range rs {
		if r.Metrics.SensitiveVisitChange < 0 && (best < 0 || r.Metrics.SensitiveVisitChange < rs[best].Metrics.SensitiveVisitChange) {
			best = i
		}
	}
	if best < 0 {
		return "No regime changed how often citizens visited sensitive places."
	}
	r := rs[best]
	s := fmt.Sprintf("Under %s, visits to sensitive places fell by %s (%s fewer than the %s planned)",
		quote(r.Name), percent(-r.Metrics.SensitiveVisitChange),
		count(r.Metrics.BaselineSensitiveVisits-r.Metrics.SensitiveVisits), count(r.Metrics.BaselineSensitiveVisits))
	kinds := append([]metrics.SensitiveKind(nil), r.Sensitive...)
	sort.SliceStable(kinds, func(a, b int) bool { return kinds[a].Change < kinds[b].Change })
	if len(kinds) > 0 && kinds[0].Change < 0 {
		s += fmt.Sprintf("; %s visits fell most, by %s", kinds[0].Kind, percent(-kinds[0].Change))
	}
	return s + "."
}

type tableRow struct {
	Name, Faces, Alerts, FalseShare, FalseStops, Per100k, Located, Median, Records, Sensitive string
}

func table(res metrics.Results) []tableRow {
	var out []tableRow
	for _, r := range res.Regimes {
		m := r.Metrics
		row := tableRow{Name: r.Name, Faces: count(m.FacesScanned), Alerts: count(m.Alerts), FalseShare: "–",
			FalseStops: count(m.FalseStops), Per100k: fmt.Sprintf("%.1f", m.InnocentStoppedPer100k),
			Located: fmt.Sprintf("%s of %s", count(m.WantedLocated), count(m.WantedTotal)), Median: "–",
			Records: count(m.RecordsRetained), Sensitive: fmt.Sprintf("%+.1f%%", 100*m.SensitiveVisitChange)}
		if m.Alerts > 0 {
			row.FalseShare = fmt.Sprintf("%s (%s–%s)", percent(m.FalseAlertShare.Value), percent(m.FalseAlertShare.CI[0]), percent(m.FalseAlertShare.CI[1]))
		}
		if m.MedianMinutesToLocate != nil {
			row.Median = hours(*m.MedianMinutesToLocate)
		}
		out = append(out, row)
	}
	return out
}

type methodRegime struct {
	Name, Description, Mode, Threshold, Watchlist, Retention string
	Sources                                                  []string
}

func method(res metrics.Results) []methodRegime {
	var out []methodRegime
	for _, r := range res.Regimes {
		mr := methodRegime{Name: r.Name, Description: r.Description, Mode: "retrospective (after the fact)",
			Threshold: fmt.Sprintf("%.2f", r.Threshold), Watchlist: count(r.Watchlist),
			Retention: fmt.Sprintf("%.0f days", r.Metrics.RetentionDays), Sources: r.Sources}
		if r.Live {
			mr.Mode = "live"
		}
		if r.Metrics.FacesScanned == 0 {
			mr.Mode = "no recognition"
		}
		for _, g := range r.Thresholds {
			mr.Threshold += fmt.Sprintf("; %s: %.2f", g.Group, g.Value)
		}
		out = append(out, mr)
	}
	return out
}

func manifestRows(m metrics.Manifest) [][2]string {
	return [][2]string{
		{"Vigie version", m.VigieVersion},
		{"Scenario", m.ScenarioName},
		{"Scenario sha256", m.ScenarioSHA256},
		{"Seed", fmt.Sprint(m.Seed)},
		{"Recognizer", m.Recognizer},
		{"Recognizer source", m.RecognizerSource},
	}
}

func modelRows(m metrics.Manifest) [][2]string {
	var out [][2]string
	for k, v := range m.ModelSHA256 {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

var pageTmpl = template.Must(template.New("page").Parse(pageHTML))
