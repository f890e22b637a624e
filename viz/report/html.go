package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"vigie/internal/atomicfile"
	"vigie/metrics"
)

// Options tune a report.
type Options struct {
	// Sweep adds sweep points to the trade-off chart (see SweepPoints).
	Sweep []SweepPoint
	// ECharts is the path of echarts.min.js; empty means FindECharts.
	ECharts string
	// Lang is the language of every word the report shows ("en", "fr"; empty
	// means English); viz/i18n holds one catalogue per language.
	Lang string
}

// tongue is the report's language; Write and Render check it first, so an
// unknown one falls back to English only where a caller skipped them.
func (o Options) tongue() tongue {
	in, err := speak(o.Lang)
	if err != nil {
		return english
	}
	return in
}

// CheckLang says whether a report can be written in a language.
func CheckLang(lang string) error {
	_, err := speak(lang)
	return err
}

// Write renders the report to path, atomically.
func Write(path string, res metrics.Results, o Options) error {
	if err := CheckLang(o.Lang); err != nil {
		return err
	}
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
	if err := CheckLang(o.Lang); err != nil {
		return err
	}
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
	Lang, Dir string
	// Description is the scenario's, translated when it is a bundled one's.
	Description string
	Res         metrics.Results
	Lede        string
	Citizens    string
	Cameras     string
	Summary     []string
	Table       []tableRow
	Figures     []pageFigure
	Method      []methodRegime
	Manifest    [][2]string
	Models      [][2]string
	ECharts     template.JS
	Single      bool // a one-figure page for the PNG export
	// Pipeline is the section on what the real pipeline measured; nil
	// when the recognizer ran no pipeline.
	Pipeline *pipelineText
	// Calibration says where a calibrated run's figures come from; nil
	// for other recognizers.
	Calibration *calibrationText
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
	in := o.tongue()
	d := pageData{Lang: in.Lang(), Dir: in.Dir(), Res: res,
		Description: in.Known("scenario."+res.Scenario.Name+".description", res.Scenario.Description), Lede: in.lede(res), Citizens: in.T("n.citizens", res.Scenario.Population),
		Cameras: in.T("n.cameras", res.Scenario.Cameras), Summary: in.summary(res, o), Table: in.table(res), Figures: figs, Method: in.method(res),
		Manifest: in.manifestRows(res.Manifest), Models: modelRows(res.Manifest), ECharts: template.JS(echartsJS),
		Pipeline: in.pipelineSectionText(res), Calibration: in.calibrationSectionText(res), Rates: in.methodRates(res)}
	tmpl, err := pageTemplate(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, d); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// lede says what was simulated, in one sentence.
func (in tongue) lede(res metrics.Results) string {
	s := res.Scenario
	if s.Days > 1 {
		return in.T("page.lede_many", in.T("n.citizens", s.Population), in.T("n.cameras", s.Cameras), in.Decimal(s.Hours, decimalsOf(s.Hours)),
			in.T("n.regimes", len(res.Regimes)), res.Manifest.Recognizer) + " " + in.T("page.lede_days", in.T("n.days", s.Days))
	}
	return in.T("page.lede", in.T("n.citizens", s.Population), in.T("n.cameras", s.Cameras), in.Decimal(s.Hours, decimalsOf(s.Hours)),
		in.T("n.regimes", len(res.Regimes)), res.Manifest.Recognizer)
}

// decimalsOf is how many decimals a value written by a person needs (24 -> 0,
// 1.5 -> 1), at most two.
func decimalsOf(v float64) int {
	for d := 0; d < 2; d++ {
		if p := math.Pow(10, float64(d)); math.Abs(v*p-math.Round(v*p)) < 1e-9 {
			return d
		}
	}
	return 2
}

// summary is the quotable top of the report: one sentence per finding.
func (in tongue) summary(res metrics.Results, o Options) []string {
	rs := res.Regimes
	var out []string
	if i := busiest(rs); i >= 0 {
		out = append(out, in.falseShareSentence(rs[i]))
	}
	out = append(out, in.regimesCaption(rs), in.groupsCaption(rs))
	if s := in.chillingSentence(rs); s != "" {
		out = append(out, s)
	}
	out = append(out, in.frontierCaption(frontierPoints(res, o.Sweep)))
	if len(galleries(rs)) > 0 {
		out = append(out, in.galleryCaption(res))
	}
	// A run with a schedule: what its changes did to chilling and records.
	for _, r := range rs {
		if len(r.Schedule) > 1 {
			out = append(out, in.daysChillingCaption(rs), in.daysRecordsCaption(rs))
			break
		}
	}
	return out
}

// chillingSentence reports the regime with the largest drop in visits to
// sensitive places, and the kind of place that fell most under it.
func (in tongue) chillingSentence(rs []metrics.RegimeResult) string {
	best := -1
	for i, r := range rs {
		if r.Metrics.SensitiveVisitChange < 0 && (best < 0 || r.Metrics.SensitiveVisitChange < rs[best].Metrics.SensitiveVisitChange) {
			best = i
		}
	}
	if best < 0 {
		return in.T("chilling.none")
	}
	r := rs[best]
	kinds := append([]metrics.SensitiveKind(nil), r.Sensitive...)
	sort.SliceStable(kinds, func(a, b int) bool { return kinds[a].Change < kinds[b].Change })
	args := []any{in.quote(r.Name), in.percent(-r.Metrics.SensitiveVisitChange),
		in.count(r.Metrics.BaselineSensitiveVisits - r.Metrics.SensitiveVisits), in.count(r.Metrics.BaselineSensitiveVisits)}
	if len(kinds) > 0 && kinds[0].Change < 0 {
		return in.T("chilling.fell_most", append(args, in.placeKind(kinds[0].Kind), in.percent(-kinds[0].Change))...)
	}
	return in.T("chilling.fell", args...)
}

// placeKind names a kind of sensitive visit in the report's language, or as
// the scenario wrote it when the catalogue does not know it.
func (in tongue) placeKind(kind string) string {
	if s := in.T("kind." + kind); !strings.HasPrefix(s, "[") {
		return s
	}
	return kind
}

type tableRow struct {
	Name, Faces, Alerts, FalseShare, FalseStops, Per100k, Located, Median, Records, Sensitive string
}

func (in tongue) table(res metrics.Results) []tableRow {
	var out []tableRow
	for _, r := range res.Regimes {
		m := r.Metrics
		row := tableRow{Name: r.Name, Faces: in.count(m.FacesScanned), Alerts: in.count(m.Alerts), FalseShare: "–",
			FalseStops: in.count(m.FalseStops), Per100k: in.Decimal(m.InnocentStoppedPer100k, 1),
			Located: in.T("fmt.out_of", in.count(m.WantedLocated), in.count(m.WantedTotal)), Median: "–",
			Records: in.count(m.RecordsRetained), Sensitive: in.T("fmt.percent", in.Signed(100*m.SensitiveVisitChange, 1))}
		if m.Alerts > 0 {
			row.FalseShare = in.T("fmt.with_ci", in.percent(m.FalseAlertShare.Value), in.percent(m.FalseAlertShare.CI[0]), in.percent(m.FalseAlertShare.CI[1]))
		}
		if m.MedianMinutesToLocate != nil {
			row.Median = in.hours(*m.MedianMinutesToLocate)
		}
		out = append(out, row)
	}
	return out
}

type methodRegime struct {
	Name, Description, Mode, Threshold, Watchlist, Retention string
	Sources                                                  []string
}

func (in tongue) method(res metrics.Results) []methodRegime {
	var out []methodRegime
	for _, r := range res.Regimes {
		mr := methodRegime{Name: r.Name, Description: in.Known("regime."+r.Name+".description", r.Description), Mode: in.T("method.mode_retro"),
			Threshold: in.Decimal(r.Threshold, 2), Watchlist: in.count(r.Watchlist),
			Retention: in.T("method.days", in.Decimal(r.Metrics.RetentionDays, 0)), Sources: r.Sources}
		if r.Live {
			mr.Mode = in.T("method.mode_live")
		}
		if r.Metrics.FacesScanned == 0 {
			mr.Mode = in.T("method.mode_none")
		}
		for _, g := range r.Thresholds {
			mr.Threshold += in.T("method.group_threshold", g.Group, in.Decimal(g.Value, 2))
		}
		out = append(out, mr)
	}
	return out
}

func (in tongue) manifestRows(m metrics.Manifest) [][2]string {
	return [][2]string{
		{in.T("manifest.version"), m.VigieVersion},
		{in.T("manifest.scenario"), m.ScenarioName},
		{in.T("manifest.sha"), m.ScenarioSHA256},
		{in.T("manifest.seed"), fmt.Sprint(m.Seed)},
		{in.T("manifest.recognizer"), m.Recognizer},
		{in.T("manifest.recognizer_source"), m.RecognizerSource},
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

// pageTemplate parses the page with T bound to the report's language (an
// html/template cannot be cloned once it has run, so each render parses).
func pageTemplate(in tongue) (*template.Template, error) {
	return template.New("page").Funcs(template.FuncMap{"T": func(key string, args ...any) string { return in.T(key, args...) }}).Parse(pageHTML)
}
