package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/metrics"
)

func TestWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{english.count(0), "0"},
		{english.count(999), "999"},
		{english.count(52233), "52,233"},
		{english.count(-1234567), "-1,234,567"},
		{english.inTen(0), "none"},
		{english.inTen(0.02), "fewer than 1 in 10"},
		{english.inTen(0.47), "5 in 10"},
		{english.inTen(0.9), "9 in 10"},
		{english.inTen(0.97), "more than 9 in 10"},
		{english.inTen(1), "all"},
		{english.percent(0), "0%"},
		{english.percent(0.0004), "0.040%"},
		{english.percent(0.0065), "0.65%"},
		{english.percent(0.047), "4.7%"},
		{english.percent(0.47), "47%"},
		{english.times(2.29), "2.3 times"},
		{english.times(12.4), "12 times"},
		{english.times(3045.2), "3,045 times"},
		{english.hours(30), "30 minutes"},
		{english.hours(858.6), "14.3 hours"},
		{sentence("mass"), "Mass"},
		{sentence("“mass”"), "“mass”"},
		{english.list([]string{"a"}), "a"},
		{english.list([]string{"a", "b", "c"}), "a, b and c"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFrontier(t *testing.T) {
	tests := []struct {
		name string
		pts  []point
		want []int
	}{
		{"one dominates", []point{{located: 5, stopped: 0}, {located: 3, stopped: 2}}, []int{0}},
		{"trade-off", []point{{located: 1, stopped: 0}, {located: 9, stopped: 8}, {located: 4, stopped: 9}}, []int{0, 1}},
		{"ties both stay", []point{{located: 2, stopped: 1}, {located: 2, stopped: 1}}, []int{0, 1}},
	}
	for _, tt := range tests {
		got := frontier(tt.pts)
		if len(got) != len(tt.want) {
			t.Errorf("%s: frontier = %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: frontier = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

// Captions follow the numbers: change a number and the sentence changes.
func TestCaptionsComeFromTheNumbers(t *testing.T) {
	res := sampleResults(false)
	tests := []struct {
		name string
		got  string
		want []string
	}{
		{"headline", english.falseShareSentence(res.Regimes[2]), []string{"“mass”", "9 in 10 alerts pointed at the wrong person", "90 of 100"}},
		{"regimes", english.regimesCaption(res.Regimes), []string{"The “mass” regime located the most wanted persons (12 of 20)", "made 40 stops of innocent people", "the “targeted” regime made the fewest such stops (none) and located 6 of 20"}},
		{"groups", english.groupsCaption(res.Regimes), []string{"group-c", "3.0 times as often", "group-a"}},
		{"funnel", english.funnelCaption(res.Regimes), []string{"5,000 faces", "100 alerts", "52 stops", "40 stops of innocent people", "12 stops that found 12 wanted persons"}},
		{"map", english.mapCaption(res.Regimes, 4), []string{"90 false alerts", "10 true alerts", "4 spots", "4 cameras"}},
		{"timeline", english.timelineCaption(res.Regimes), []string{"08:00 and 09:00", "60 alerts", "all of them false"}},
		{"frontier", english.frontierCaption(frontierPoints(res, nil)), []string{"from “targeted” to “mass”", "6 more wanted persons", "40 more stops of innocent people"}},
		{"chilling", english.chillingSentence(res.Regimes), []string{"“mass”", "fell by 5.0%", "50 fewer than the 1,000 planned"}},
	}
	for _, tt := range tests {
		for _, w := range tt.want {
			if !strings.Contains(tt.got, w) {
				t.Errorf("%s caption %q lacks %q", tt.name, tt.got, w)
			}
		}
	}

	res.Regimes[2].Metrics.FalseAlerts, res.Regimes[2].Metrics.Alerts = 30, 100
	if got := english.falseShareSentence(res.Regimes[2]); !strings.Contains(got, "3 in 10") {
		t.Errorf("after changing the counts the headline says %q", got)
	}
}

func TestCaptionsWithNothingToSay(t *testing.T) {
	g := []string{"a", "b"}
	rs := []metrics.RegimeResult{regime("none", g, 0, 0, 0, 0, 0)}
	for name, got := range map[string]string{
		"regimes":  english.regimesCaption(rs),
		"groups":   english.groupsCaption(rs),
		"funnel":   english.funnelCaption(rs),
		"map":      english.mapCaption(rs, 3),
		"timeline": english.timelineCaption(rs),
	} {
		if got == "" || strings.Contains(got, "NaN") || strings.Contains(got, "%!") {
			t.Errorf("%s caption for a run with no alerts: %q", name, got)
		}
	}
}

// fakeECharts writes a file that stands in for the library where a test
// only looks at the HTML around it.
func fakeECharts(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(p, []byte("/* echarts test double: defines nothing */ var echarts;"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUserTextIsEscaped(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, sampleResults(true), Options{ECharts: fakeECharts(t)}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{evilScenario, evilGroup, evilRegime, "<b>mass</b>", "<img"} {
		if strings.Contains(out, raw) {
			t.Errorf("the report holds %q unescaped", raw)
		}
	}
	if n := strings.Count(strings.ToLower(out), "<script"); n != 2 {
		t.Errorf("the report has %d <script elements, want 2 (the library and the charts)", n)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the scenario name is not shown as text")
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	js := fakeECharts(t)
	var a, b bytes.Buffer
	if err := Render(&a, sampleResults(false), Options{ECharts: js}); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, sampleResults(false), Options{ECharts: js}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of the same results differ")
	}
	for _, id := range []string{"regimes", "frontier", "groups", "funnel", "map", "timeline"} {
		if !strings.Contains(a.String(), `id="chart-`+id+`"`) {
			t.Errorf("chart %s is missing", id)
		}
	}
}

func TestMissingLibraryNamesSetup(t *testing.T) {
	err := Render(&bytes.Buffer{}, sampleResults(false), Options{ECharts: filepath.Join(t.TempDir(), "nope.js")})
	if err == nil || !strings.Contains(err.Error(), "make assets") {
		t.Errorf("error = %v, want one naming make assets", err)
	}
}

func TestSweepPointsJoinTheFrontier(t *testing.T) {
	res := sampleResults(false)
	sweep := SweepPoints("threshold=0.5", res)
	if len(sweep) != len(res.Regimes) || sweep[2].Label != "mass, threshold=0.5" || sweep[2].InnocentStopped != 40 {
		t.Fatalf("SweepPoints = %+v", sweep)
	}
	f := english.frontierFigure(res, sweep)
	js, err := optionJS(f.option)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), "sweep points") || !strings.Contains(string(js), "mass, threshold=0.5") {
		t.Error("sweep points are not on the trade-off chart")
	}
}

func TestMissingChromiumNamesThePackage(t *testing.T) {
	t.Setenv(ChromiumEnv, "")
	t.Setenv("PATH", t.TempDir())
	_, err := FindChromium()
	if err == nil || !strings.Contains(err.Error(), "package chromium") {
		t.Errorf("error = %v, want one naming the chromium package", err)
	}
	t.Setenv(ChromiumEnv, filepath.Join(t.TempDir(), "nope"))
	if _, err := FindChromium(); err == nil || !strings.Contains(err.Error(), ChromiumEnv) {
		t.Errorf("error = %v, want one naming %s", err, ChromiumEnv)
	}
}

// BenchmarkRender measures building the six charts and writing the page
// for the sample run given a city-sized street map (824 streets), without
// the library's bytes (a one-line stand-in is inlined instead).
func BenchmarkRender(b *testing.B) {
	res := sampleResults(false)
	for i := 0; i < 800; i++ { // a city-sized street map
		x := float64(i%40) * 100
		res.City.Streets = append(res.City.Streets, metrics.Segment{X1: x, Y1: float64(i / 40 * 100), X2: x + 100, Y2: float64(i / 40 * 100)})
	}
	js := filepath.Join(b.TempDir(), "echarts.min.js")
	if err := os.WriteFile(js, []byte("var echarts;"), 0o644); err != nil {
		b.Fatal(err)
	}
	o := Options{ECharts: js}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, res, o); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
