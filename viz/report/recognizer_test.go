package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"vigie/metrics"
)

// rates makes one regime's rates: k false matches in n impostor pairs per
// group, and the published false match rates.
func rates(regime string, groups []string, k []int, n int, pub []float64) []metrics.GroupRates {
	var out []metrics.GroupRates
	for i, g := range groups {
		out = append(out, metrics.GroupRates{Regime: regime, Group: g, Threshold: 0.45, FMR: metrics.NewRate(k[i], n),
			FPIR: float64(k[i]) / float64(n) * 10, PublishedFMR: pub[i], PublishedFPIR: pub[i] * 10})
	}
	return out
}

func TestPipelineCaption(t *testing.T) {
	monk := []string{"Monk 1-3", "Monk 4-7", "Monk 8-10"}
	scans := metrics.RegimeMetrics{FacesScanned: 1000}
	live := []metrics.RegimeResult{{Name: "retro", Watchlist: 50000, Metrics: scans}, {Name: "small", Live: true, Watchlist: 100, Metrics: scans},
		{Name: "big", Live: true, Watchlist: 10000, Metrics: scans}, {Name: "none", Live: true, Watchlist: 1e6}}
	tests := []struct {
		name    string
		source  string
		regimes []metrics.RegimeResult
		groups  []metrics.GroupRates
		want    []string
		not     []string
	}{
		{"ratio beside the published one", metrics.FacesGenerated, live[1:2],
			rates("small", monk, []int{10, 15, 21}, 1000, []float64{1e-4, 1.2e-4, 1.6e-4}),
			[]string{"On Vigie's generated faces", "“small”", "distance 0.450", "2.1 times as frequent for group Monk 8-10 as for group Monk 1-3",
				"2.1% vs 1.0% of impostor pairs", "the published figures say 1.6 times", "intervals overlap", "of 100"}, nil},
		{"clear gap", metrics.FacesGenerated, live[1:2],
			rates("small", monk, []int{10, 60, 200}, 2000, []float64{1e-4, 1e-4, 1e-4}),
			[]string{"20 times as frequent for group Monk 8-10 as for group Monk 1-3", "give both groups the same rate", "do not overlap"}, []string{"overlap, so"}},
		{"live with the largest watchlist speaks", metrics.FacesGenerated, live,
			append(append(rates("retro", monk, []int{1, 1, 90}, 1000, []float64{1e-4, 1e-4, 1e-4}),
				rates("small", monk, []int{1, 1, 80}, 1000, []float64{1e-4, 1e-4, 1e-4})...),
				rates("big", monk, []int{2, 4, 6}, 1000, []float64{1e-4, 2e-4, 4e-4})...),
			[]string{"“big”", "3.0 times", "say 4.0 times", "of 10,000"}, []string{"“retro”", "“small”"}},
		{"a regime that scanned no face is not spoken of", metrics.FacesGenerated, live,
			append(rates("none", monk, []int{1, 1, 90}, 1000, []float64{1e-4, 1e-4, 1e-4}),
				rates("big", monk, []int{2, 4, 6}, 1000, []float64{1e-4, 2e-4, 4e-4})...),
			[]string{"“big”", "3.0 times"}, []string{"“none”"}},
		{"one group never matched", metrics.FacesFolder, live[1:2],
			rates("small", monk, []int{0, 3, 9}, 500, []float64{1e-4, 2e-4, 3e-4}),
			[]string{"researcher's folder,", "group Monk 8-10 in 1.8% of impostor pairs (9 of 500)", "group Monk 1-3 never (0 of 500)", "say 3.0 times"}, nil},
		{"no false match at all", metrics.FacesGenerated, live[1:2],
			rates("small", monk, []int{0, 0, 0}, 800, []float64{1e-4, 2e-4, 3e-4}),
			[]string{"no false match in any group (2,400 impostor pairs)"}, []string{"NaN", "Inf"}},
		{"no impostor pair", metrics.FacesGenerated, live[1:2],
			rates("small", monk, []int{0, 0, 0}, 0, []float64{1e-4, 2e-4, 3e-4}),
			[]string{"compared no impostor pair"}, []string{"NaN"}},
		{"published ranks the groups the other way round", metrics.FacesGenerated, live[1:2],
			rates("small", monk[:2], []int{4, 12}, 1000, []float64{3e-4, 1e-4}),
			[]string{"3.0 times as frequent for group Monk 4-7 as for group Monk 1-3", "the published figures have it the other way round, 3.0 times as high for group Monk 1-3"}, nil},
		{"no false match: the fit's identification rates still compare", metrics.FacesGenerated, live[1:2],
			[]metrics.GroupRates{
				{Regime: "small", Group: "a", Threshold: 0.18, FMR: metrics.NewRate(0, 420), FPIR: 0.0067, PublishedFMR: 2.4e-8, PublishedFPIR: 0.0024},
				{Regime: "small", Group: "b", Threshold: 0.18, FMR: metrics.NewRate(0, 385), FPIR: 2.2e-6, PublishedFMR: 7.6e-8, PublishedFPIR: 0.0076}},
			[]string{"no false match in any group (805 impostor pairs)", "from 1 in 42 million (group a) to 1 in 13 million (group b)",
				"Against the watchlist of 100, the fit puts every group's false positive identification rate in the tail beyond the measured pairs (fewer than 1 false match in 385 measured impostor pairs per group), so it gives no figure",
				"the published figures give from 0.24% (group a) to 0.76% (group b)"}, []string{"0.000%", "3,045 times", "1 in 450,000"}},
		{"published gives one group none", metrics.FacesGenerated, live[1:2],
			rates("small", monk[:2], []int{4, 8}, 1000, []float64{0, 1e-4}),
			[]string{"2.0 times as frequent for group Monk 4-7", "the published figures give group Monk 1-3 none"}, []string{"Inf"}},
	}
	for _, tt := range tests {
		res := metrics.Results{Regimes: tt.regimes, Recognizer: &metrics.RecognizerReport{Mode: "fitted",
			Scale: metrics.ScaleDistance, FaceSource: tt.source, Groups: tt.groups}}
		got := english.pipelineCaption(res)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: caption %q lacks %q", tt.name, got, w)
			}
		}
		for _, w := range append(tt.not, "%!") {
			if strings.Contains(got, w) {
				t.Errorf("%s: caption %q holds %q", tt.name, got, w)
			}
		}
	}
}

func TestRateNeverReadsZero(t *testing.T) {
	tests := []struct {
		p    float64
		want string
	}{
		{0, "0%"},
		{0.021, "2.1%"},
		{0.00024, "0.024%"},
		{1e-5, "0.001%"},
		{2.2e-6, "1 in 450,000"},
		{2.42e-8, "1 in 41 million"},
		{1.0 / 6000 / 1000, "1 in 6 million"},
		{3e-10, "1 in 3,300 million"},
	}
	for _, tt := range tests {
		if got := english.rate(tt.p); got != tt.want {
			t.Errorf("english.rate(%g) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestPipelineRowsKeepOneRegimeWhenBusy(t *testing.T) {
	groups := []string{"a", "b", "c", "d", "e"}
	var rs []metrics.RegimeResult
	var gs []metrics.GroupRates
	for i, name := range []string{"r1", "r2", "r3", "r4", "r5"} {
		rs = append(rs, metrics.RegimeResult{Name: name, Live: true, Watchlist: 100 * (i%3 + 1), Metrics: metrics.RegimeMetrics{FacesScanned: 1}})
		gs = append(gs, rates(name, groups, []int{1, 2, 3, 4, 5}, 100, []float64{1, 1, 1, 1, 1})...)
	}
	res := metrics.Results{Regimes: rs, Recognizer: &metrics.RecognizerReport{FaceSource: metrics.FacesGenerated, Groups: gs}}
	rows, only := pipelineRows(res)
	if only != "r3" || len(rows) != len(groups) {
		t.Fatalf("kept %q with %d rows, want r3 (live, largest watchlist) with %d", only, len(rows), len(groups))
	}
	if rows[0].label != "e" || rows[len(rows)-1].label != "a" {
		t.Errorf("rows run %q to %q, want e (bottom) to a (top)", rows[0].label, rows[len(rows)-1].label)
	}
	if c := english.pipelineFigure(res).Caption; !strings.Contains(c, "The chart shows “r3”, the live regime with the largest watchlist (300)") {
		t.Errorf("the caption does not say which regime the chart shows: %q", c)
	}
	res.Recognizer.Groups = gs[:10]
	if rows, only := pipelineRows(res); only != "" || len(rows) != 10 || rows[0].label != "r2 · e" {
		t.Errorf("two regimes: kept %q, %d rows, first %q; want all 10 rows named by regime", only, len(rows), rows[0].label)
	}
}

func TestAxisForGoesLogOverWideRanges(t *testing.T) {
	tests := []struct {
		vals      []float64
		wantType  string
		wantFloor float64
	}{
		{[]float64{0.5, 1, 2}, "value", 0},
		{[]float64{0, 0, 0}, "value", 0},
		{[]float64{0.001, 0.5, 3}, "log", 0.001},
		{[]float64{0, 0.0042, 2.5}, "log", 0.001},
	}
	for _, tt := range tests {
		ax, floor := english.axisFor(tt.vals, 0, "x")
		if ax["type"] != tt.wantType || floor != tt.wantFloor {
			t.Errorf("english.axisFor(%v) = %v with floor %g, want %s with floor %g", tt.vals, ax["type"], floor, tt.wantType, tt.wantFloor)
		}
	}
}

func TestPipelineSectionRendersAndEscapes(t *testing.T) {
	res := withPipeline(sampleResults(true))
	var buf bytes.Buffer
	if err := Render(&buf, res, Options{ECharts: fakeECharts(t)}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{evilGroup, evilBin, evilRegime, "<svg", "<img"} {
		if strings.Contains(out, raw) {
			t.Errorf("the report holds %q unescaped", raw)
		}
	}
	for _, want := range []string{`<section id="pipeline">`, "What the real pipeline measured", `id="chart-pipeline"`,
		"300 identities", "1,200 captures", "3,000 impostor pairs", "Vigie&#39;s generated faces", "px40-80/&lt;svg onload=alert(3)&gt;",
		"<td>lognormal</td><td>90</td><td>0.210 ± 0.060</td><td>0.050 (p 0.6)</td>", "<td>0.020 (p 0.3)</td>", "95% (95 of 100)", "not the system used by the police deployments"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if n := strings.Count(strings.ToLower(out), "<script"); n != 2 {
		t.Errorf("the report has %d <script elements, want 2", n)
	}
	if n := strings.Count(out, `id="chart-pipeline"`); n != 1 {
		t.Errorf("the pipeline chart appears %d times, want once (in its own section)", n)
	}
	charts := strings.Index(out, `<section id="charts">`)
	section := strings.Index(out, `<section id="pipeline">`)
	chart := strings.Index(out, `id="chart-pipeline"`)
	if !(charts < section && section < chart) {
		t.Error("the pipeline chart is not inside its section")
	}

	plain := sampleResults(false)
	buf.Reset()
	if err := Render(&buf, plain, Options{ECharts: fakeECharts(t)}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `id="pipeline"`) || strings.Contains(buf.String(), "chart-pipeline") {
		t.Error("a published-rates run shows the pipeline section")
	}
	if !strings.Contains(buf.String(), "they come instead from the dlib ResNet") {
		t.Error("the method section does not say where match rates come from")
	}
}

func TestPipelineFigureOnlyWithRates(t *testing.T) {
	res := withPipeline(sampleResults(false))
	if figs := Figures(res, Options{}); len(figs) != 7 || figs[6].ID != "pipeline" {
		t.Errorf("with rates: %d figures", len(figs))
	}
	res.Recognizer.Groups = nil
	if figs := Figures(res, Options{}); len(figs) != 6 {
		t.Errorf("with fits only: %d figures, want 6 (the table stands alone)", len(figs))
	}
	if english.pipelineSectionText(res) == nil {
		t.Error("fits alone should still open the section")
	}
}

// A long table of fits starts folded, so the method still follows closely.
func TestLongFitTableStartsFolded(t *testing.T) {
	js := fakeECharts(t)
	for _, tt := range []struct {
		cells    int
		wantOpen bool
	}{{6, true}, {30, false}} {
		res := withPipeline(sampleResults(false))
		fit := res.Recognizer.Fits[0]
		res.Recognizer.Fits = nil
		for range tt.cells {
			res.Recognizer.Fits = append(res.Recognizer.Fits, fit)
		}
		var buf bytes.Buffer
		if err := Render(&buf, res, Options{ECharts: js}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), `<details class="fits" open>`); got != tt.wantOpen {
			t.Errorf("%d cells: open = %v, want %v", tt.cells, got, tt.wantOpen)
		}
		if !strings.Contains(buf.String(), fmt.Sprintf("(%d group x condition cells)", tt.cells)) {
			t.Errorf("%d cells: the table does not say how many cells it holds", tt.cells)
		}
	}
}
