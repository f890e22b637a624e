package report

import "vigie/metrics"

// View is what the explorer page (vigie explore) shows of one run: the
// report's own lede, summary sentences, regimes table and charts, so that
// the page and report.html never say different things about the same
// results.
type View struct {
	Lede    string       `json:"lede"`
	Summary []string     `json:"summary"`
	Head    []string     `json:"head"`
	Table   [][]string   `json:"table"`
	Figures []ViewFigure `json:"figures"`
}

// ViewFigure is one chart of a View. Option is a JavaScript expression (an
// ECharts option with the report's formatter functions), not JSON.
type ViewFigure struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Caption string `json:"caption"`
	Option  string `json:"option"`
	Height  int    `json:"height"`
	Width   int    `json:"width"`
}

// Explorer builds the View of a run in a language.
func Explorer(res metrics.Results, o Options) (View, error) {
	if err := CheckLang(o.Lang); err != nil {
		return View{}, err
	}
	in := o.tongue()
	v := View{Lede: in.lede(res), Summary: in.summary(res, o)}
	v.Head = []string{in.T("page.th.regime"), in.T("page.th.faces"), in.T("page.th.alerts"), in.T("page.th.false"), in.T("page.th.stops"),
		in.T("page.th.per100k"), in.T("page.th.located"), in.T("page.th.median"), in.T("page.th.records"), in.T("page.th.visits")}
	for _, r := range in.table(res) {
		v.Table = append(v.Table, []string{r.Name, r.Faces, r.Alerts, r.FalseShare, r.FalseStops, r.Per100k, r.Located, r.Median, r.Records, r.Sensitive})
	}
	for _, f := range Figures(res, o) {
		js, err := optionJS(f.option)
		if err != nil {
			return View{}, err
		}
		v.Figures = append(v.Figures, ViewFigure{ID: f.ID, Title: f.Title, Caption: f.Caption, Option: string(js), Height: f.Height, Width: f.Width})
	}
	return v, nil
}

// EChartsScript is the ECharts library as the report inlines it, for the
// explorer page.
func EChartsScript() (string, error) { return loadECharts("") }
