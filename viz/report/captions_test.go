package report

import (
	"regexp"
	"strings"
	"testing"

	"vigie/metrics"
	"vigie/viz/i18n"
)

// degenerate builds results from regimes made by regime() (fixture_test.go)
// and lets a case adjust them.
func degenerate(rs ...metrics.RegimeResult) metrics.Results {
	res := sampleResults(false)
	res.Regimes = rs
	return res
}

// spreadAlerts puts a regime's alerts one per hour from the given hour, so
// that no hour peaks.
func spreadAlerts(r metrics.RegimeResult, from int) metrics.RegimeResult {
	r.Timeline = make([]metrics.TimelineBin, 24)
	for h := range r.Timeline {
		r.Timeline[h].Hour = h
	}
	for i := range r.Alerts {
		h := (from + 5*i) % 24
		r.Alerts[i].Minute = float64(60 * h)
		if r.Alerts[i].True {
			r.Timeline[h].TrueAlerts++
		} else {
			r.Timeline[h].FalseAlerts++
		}
	}
	return r
}

// issue19Run is the run issue 19 reported from a fresh install: four
// regimes find nobody, mass raises two alerts, both false, and stops both
// people.
func issue19Run() metrics.Results {
	g := []string{"a", "b", "c"}
	mass := spreadAlerts(regime("mass", g, 47502, 2, 2, 2, 0), 13)
	mass.Metrics.WantedTotal = 197
	return degenerate(regime("none", g, 0, 0, 0, 0, 0), regime("targeted-live", g, 9387, 0, 0, 0, 0),
		regime("eu-ai-act", g, 26928, 0, 0, 0, 0), regime("retrospective", g, 47640, 0, 0, 0, 0), mass)
}

// nonsense lists wordings no caption may hold, whatever the numbers.
var nonsense = []*regexp.Regexp{
	regexp.MustCompile(`NaN|Inf|%!|<nil>`),
	regexp.MustCompile(`the most wanted persons \(0 `), // "located the most (0 of 45)"
	regexp.MustCompile(`\b0 in 10\b|\b1\.0 times`),
	regexp.MustCompile(`\b1 (alerts|stops|faces|regimes|wanted persons|more stops|spots|cameras)\b`),
	regexp.MustCompile(`\b0 more\b`),
	regexp.MustCompile(`\d{4,} times as high`), // a ratio no sample measured
}

// sameBothEnds finds "from “a” to “a”": a comparison of a regime with itself.
var fromTo = regexp.MustCompile(`from (“[^”]+”)[^“]* to (“[^”]+”)`)

func checkSense(t *testing.T, name, text string) {
	t.Helper()
	for _, re := range nonsense {
		if m := re.FindString(text); m != "" {
			t.Errorf("%s: %q holds %q", name, text, m)
		}
	}
	for _, m := range fromTo.FindAllStringSubmatch(text, -1) {
		if m[1] == m[2] {
			t.Errorf("%s: %q compares %s with itself", name, text, m[1])
		}
	}
}

// TestDegenerateCaptions feeds every caption and summary generator the
// results that make careless sentences say nonsense, and checks what each
// says. A wording that regresses fails here.
func TestDegenerateCaptions(t *testing.T) {
	g := []string{"a", "b", "c"}
	tie := func() metrics.Results {
		return degenerate(regime("left", g, 3000, 30, 20, 3, 6), regime("right", g, 3000, 30, 20, 3, 6))
	}
	tests := []struct {
		name string
		res  metrics.Results
		// want maps a generator to phrases its text must hold.
		want map[string][]string
		// not maps a generator to phrases its text must not hold.
		not map[string][]string
	}{
		{"nothing scanned", degenerate(regime("none", g, 0, 0, 0, 0, 0), regime("off", g, 0, 0, 0, 0, 0)),
			map[string][]string{
				"regimes":  {"No regime scanned any face"},
				"groups":   {"No regime made a false match"},
				"funnel":   {"No regime raised an alert"},
				"timeline": {"No regime raised an alert at any hour"},
				"frontier": {"No regime located a wanted person", "stopped no innocent person"},
			}, nil},
		{"all zeros: faces scanned, nothing else", degenerate(regime("none", g, 0, 0, 0, 0, 0), regime("quiet", g, 4000, 0, 0, 0, 0), regime("calm", g, 2000, 0, 0, 0, 0)),
			map[string][]string{
				"regimes":  {"No regime located any wanted person, and none stopped an innocent person."},
				"map":      {"raised no alert"},
				"frontier": {"No regime located a wanted person, so there is no security to weigh against liberty"},
			}, map[string][]string{"regimes": {"located the most"}, "frontier": {"did at least as well"}}},
		{"issue 19's default run", issue19Run(),
			map[string][]string{
				"headline": {"Under “mass”, both alerts pointed at the wrong person."},
				"regimes":  {"No regime located any wanted person, yet the “mass” regime made 2 stops of innocent people."},
				"frontier": {"No regime located a wanted person", "the “none”, “targeted-live”, “eu-ai-act” and “retrospective” regimes stopped no innocent person"},
				"funnel":   {"2 alerts and 2 stops: 2 stops of innocent people, and none of a wanted person"},
				"map":      {"2 false alerts (red) and no true alert (green)"},
				"timeline": {"the day's 2 alerts came one an hour, at 13:00–14:00 and 18:00–19:00, both false"},
			}, map[string][]string{"regimes": {"located the most", "(0 of"}, "frontier": {"going from"}, "timeline": {"peaked"}}},
		{"fewest stops shared by several regimes", degenerate(regime("wide", g, 5000, 100, 30, 10, 15), regime("narrow", g, 3000, 10, 0, 0, 8), regime("small", g, 2000, 5, 0, 0, 3)),
			map[string][]string{
				"regimes": {"The “wide” regime located the most wanted persons (15 of 20) and made 10 stops of innocent people; of the 2 regimes that stopped no innocent person, the “narrow” regime located the most (8 of 20)."},
			}, map[string][]string{"regimes": {"“narrow” regime made the fewest"}}},
		{"a single regime", degenerate(regime("solo", g, 5000, 100, 90, 40, 12)),
			map[string][]string{
				"regimes":  {"The “solo” regime located 12 of 20 wanted persons and made 40 stops of innocent people."},
				"frontier": {"With one regime there is no trade-off to draw"},
			}, map[string][]string{"regimes": {"the most", "fewest"}, "frontier": {"every other regime", "going from"}}},
		{"a single regime that found nobody", degenerate(regime("solo", g, 5000, 0, 0, 0, 0)),
			map[string][]string{
				"regimes": {"The “solo” regime located none of the 20 wanted persons on its list and stopped no innocent person."},
			}, nil},
		{"one regime scanned, beside none", degenerate(regime("none", g, 0, 0, 0, 0, 0), regime("solo", g, 5000, 10, 5, 2, 3)),
			map[string][]string{
				"regimes": {"Only the “solo” regime scanned faces: it located 3 of 20 wanted persons and made 2 stops of innocent people."},
			}, nil},
		{"a tie on every count", tie(),
			map[string][]string{
				"regimes":  {"The “left” and “right” regimes located the most wanted persons (6 of 20 each) and made the fewest stops of innocent people (3)."},
				"frontier": {"Both regimes ended at the same point (6 wanted persons located, 3 stops of innocent people), so neither"},
			}, map[string][]string{"frontier": {"going from"}}},
		{"every alert false", degenerate(regime("none", g, 0, 0, 0, 0, 0), regime("blind", g, 6000, 40, 40, 30, 0)),
			map[string][]string{
				"headline": {"every one of the 40 alerts pointed at the wrong person"},
				"funnel":   {"30 stops of innocent people, and none of a wanted person"},
				"timeline": {"all of them false"},
			}, nil},
		{"the only alert was true", degenerate(regime("sharp", g, 6000, 1, 0, 0, 1)),
			map[string][]string{
				"headline": {"Under “sharp”, the only alert pointed at a wanted person."},
				"funnel":   {"1 alert and 1 stop: no stop of an innocent person, and 1 stop that found 1 wanted person."},
				"timeline": {"the day's only alert came at 08:00–09:00; it was true"},
				"groups":   {"No regime made a false match"},
			}, nil},
		{"repeat stops of the same wanted people", func() metrics.Results {
			r := regime("mass", g, 9000, 400, 100, 105, 114)
			r.Metrics.Stops = 315
			return degenerate(r)
		}(),
			map[string][]string{
				"funnel": {"315 stops: 105 stops of innocent people, and 210 stops of wanted persons that found 114 different people (one person can be stopped more than once)"},
			}, nil},
		{"groups at the same rate", func() metrics.Results {
			r := regime("even", g, 3000, 30, 30, 0, 0)
			for i := range r.Metrics.ByGroup {
				r.Metrics.ByGroup[i].FPIR, r.Metrics.ByGroup[i].FalseAlerts = 0.01, 10
			}
			return degenerate(r)
		}(),
			map[string][]string{"groups": {"every group was falsely matched at about the same rate"}}, nil},
	}
	tests = append(tests, dayCases()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := captionsIn(english, tt.res)
			for name, text := range texts {
				if text == "" {
					t.Errorf("%s says nothing", name)
				}
				checkSense(t, name, text)
			}
			fr := captionsIn(tongue{i18n.MustNew("fr")}, tt.res)
			for name, text := range fr {
				checkFrench(t, name, text)
			}
			for name, phrases := range frenchWants[tt.name] {
				for _, p := range phrases {
					if !strings.Contains(plainSpaces(fr[name]), p) {
						t.Errorf("fr %s: %q lacks %q", name, fr[name], p)
					}
				}
			}
			for name, phrases := range tt.want {
				for _, p := range phrases {
					if !strings.Contains(texts[name], p) {
						t.Errorf("%s: %q lacks %q", name, texts[name], p)
					}
				}
			}
			for name, phrases := range tt.not {
				for _, p := range phrases {
					if strings.Contains(texts[name], p) {
						t.Errorf("%s: %q holds %q", name, texts[name], p)
					}
				}
			}
		})
	}
}

// captionsIn computes every caption and the summary in one language.
func captionsIn(in tongue, res metrics.Results) map[string]string {
	rs := res.Regimes
	texts := map[string]string{
		"regimes":  in.regimesCaption(rs),
		"groups":   in.groupsCaption(rs),
		"funnel":   in.funnelCaption(rs),
		"map":      in.mapCaption(rs, 4),
		"timeline": in.timelineCaption(rs),
		"frontier": in.frontierCaption(frontierPoints(res, nil)),
		"summary":  strings.Join(in.summary(res, Options{}), " "),
	}
	if i := busiest(rs); i >= 0 {
		texts["headline"] = in.falseShareSentence(rs[i])
	}
	dayCaptions(in, res, texts)
	for _, f := range Figures(res, Options{Lang: in.Lang()}) {
		texts["figure "+f.ID] = f.Caption
	}
	return texts
}

// frenchNonsense lists what no French caption may hold: a missing key,
// English left over, a broken plural or number, a regime compared with
// itself, "the most" of nothing.
var frenchNonsense = []*regexp.Regexp{
	regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]|NaN|Inf|%!|<nil>`),
	regexp.MustCompile(`\b(Under|the|regime|stops?|alerts?|wanted|located|none)\b`),
	regexp.MustCompile(`\b1 (alertes|interpellations|personnes|fausses|visages|caméras|lieux)\b`),
	regexp.MustCompile(`\b[02-9] (alerte|interpellation|personne|fausse|caméra)\b[^s]`),
	regexp.MustCompile(`le plus de personnes recherchées \(0 |\b0 sur 10\b|\b1,0 fois`),
	regexp.MustCompile(`\d,\d{3}(?:[^\d\x{202f}]|$)`), // an English thousands comma
	regexp.MustCompile(`\d\.\d`),            // an English decimal point
	regexp.MustCompile(`\d%|\d \x{00a0}?%`), // "12%" or a breaking space before %
	regexp.MustCompile(`\d \d{3}`),          // a breaking space between thousands
}

var fromToFR = regexp.MustCompile(`de (« [^»]+ »)[^«]* à (« [^»]+ »)`)

// quoted finds a quoted name, which is the user's and may be English.
var quoted = regexp.MustCompile(`«[^»]*»`)

// plainSpaces turns French typography's no-break spaces into plain ones,
// for comparing with phrases typed in a test.
func plainSpaces(s string) string {
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
}

func checkFrench(t *testing.T, name, text string) {
	t.Helper()
	for _, re := range frenchNonsense {
		if m := re.FindString(quoted.ReplaceAllString(text, "«»")); m != "" {
			t.Errorf("fr %s: %q holds %q", name, text, m)
		}
	}
	for _, m := range fromToFR.FindAllStringSubmatch(text, -1) {
		if m[1] == m[2] {
			t.Errorf("fr %s: %q compares %s with itself", name, text, m[1])
		}
	}
}

// frenchWants is what the French captions must say in some degenerate
// cases (the English ones are in the table above).
var frenchWants = map[string]map[string][]string{
	"nothing scanned": {"regimes": {"Aucun régime n'a scanné de visage"}, "funnel": {"Aucun régime n'a émis d'alerte"}},
	"all zeros: faces scanned, nothing else": {
		"regimes":  {"Aucun régime n'a localisé de personne recherchée, et aucun n'a interpellé d'innocent."},
		"frontier": {"il n'y a pas de sécurité à mettre en balance avec la liberté"},
	},
	"issue 19's default run": {
		"headline": {"Avec le régime « mass », les deux alertes désignaient la mauvaise personne."},
		"regimes":  {"et pourtant le régime « mass » a procédé à 2 interpellations d'innocents."},
		"timeline": {"les 2 alertes de la journée sont tombées une par heure", "toutes deux fausses"},
		"funnel":   {"sur 47 502 visages scannés"},
	},
	"a single regime":                        {"frontier": {"Avec un seul régime, il n'y a pas d'arbitrage à montrer"}},
	"fewest stops shared by several regimes": {"regimes": {"parmi les 2 régimes qui n'ont interpellé aucun innocent, le régime « narrow » a localisé le plus de personnes recherchées (8 sur 20)"}},
	"a single regime that found nobody": {
		"regimes": {"Le régime « solo » n'a localisé aucune des 20 personnes recherchées de sa liste et n'a interpellé aucun innocent."},
	},
	"a tie on every count": {
		"regimes":  {"Les régimes « left » et « right » ont localisé le plus de personnes recherchées (6 sur 20 chacun)"},
		"frontier": {"Les deux régimes aboutissent au même point"},
	},
	"the only alert was true":                {"headline": {"la seule alerte désignait une personne recherchée"}, "funnel": {"1 interpellation qui a permis de retrouver 1 personne recherchée"}},
	"repeat stops of the same wanted people": {"funnel": {"315 interpellations", "114 personnes distinctes", "plusieurs fois"}},
}

// TestIdentificationRatesBeyondThePairsAreBounds: the fit's tail is no
// measurement. A rate below what one false match in the measured pairs
// would give is a bound, and no ratio rests on it (issue 19 saw "3,694,955,245
// times as high" from 1.1% against 1 in 340,000 million).
func TestIdentificationRatesBeyondThePairsAreBounds(t *testing.T) {
	scans := metrics.RegimeMetrics{FacesScanned: 1000}
	tests := []struct {
		name      string
		watchlist int
		groups    []metrics.GroupRates
		want, not []string
	}{
		{"both beyond", 10000, []metrics.GroupRates{
			{Regime: "live", Group: "a", FMR: metrics.NewRate(0, 1000), FPIR: 0.011, PublishedFPIR: 1e-4},
			{Regime: "live", Group: "b", FMR: metrics.NewRate(0, 1000), FPIR: 2.9e-12, PublishedFPIR: 3e-4}},
			[]string{"beyond the measured pairs (fewer than 1 false match in 1,000 measured impostor pairs per group), so it gives no figure and cannot rank the groups"},
			[]string{"times as high", "1.1%", "million"}},
		{"one measured, one beyond", 1, []metrics.GroupRates{
			{Regime: "live", Group: "a", FMR: metrics.NewRate(100, 10000), FPIR: 0.01, PublishedFPIR: 1e-4},
			{Regime: "live", Group: "b", FMR: metrics.NewRate(0, 10000), FPIR: 1e-9, PublishedFPIR: 1e-4}},
			[]string{"group a a false positive identification rate of 1.0%", "group b a rate beyond the measured pairs (fewer than 1 false match in 10,000 measured impostor pairs, under 0.010%), so at least 100 times lower"},
			[]string{"1 in 1,000 million", "10,000,000 times"}},
		{"both measured", 1, []metrics.GroupRates{
			{Regime: "live", Group: "a", FMR: metrics.NewRate(100, 10000), FPIR: 0.01, PublishedFPIR: 1e-4},
			{Regime: "live", Group: "b", FMR: metrics.NewRate(20, 10000), FPIR: 0.002, PublishedFPIR: 1e-4}},
			[]string{"5.0 times as high for group a as for group b"}, []string{"beyond"}},
	}
	for _, tt := range tests {
		res := metrics.Results{Regimes: []metrics.RegimeResult{{Name: "live", Live: true, Watchlist: tt.watchlist, Metrics: scans}},
			Recognizer: &metrics.RecognizerReport{Mode: "fitted", Scale: metrics.ScaleDistance, FaceSource: metrics.FacesGenerated, Groups: tt.groups}}
		f := english.pipelineFigure(res)
		checkSense(t, tt.name, f.Caption)
		for _, w := range tt.want {
			if !strings.Contains(f.Caption, w) {
				t.Errorf("%s: caption %q lacks %q", tt.name, f.Caption, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(f.Caption, w) {
				t.Errorf("%s: caption %q holds %q", tt.name, f.Caption, w)
			}
		}
		for i, ax := range f.option["xAxis"].([]any) {
			if m, ok := ax.(obj)["max"].(float64); ok && m > 100 {
				t.Errorf("%s: axis %d runs to %g%%", tt.name, i, m)
			}
		}
	}
}

// TestRateAxesStopAt100 checks that no rate axis is given room above 100%
// and that its labels name only powers of ten it knows.
func TestRateAxesStopAt100(t *testing.T) {
	for _, vals := range [][]float64{{1e-10, 80}, {1e-3, 100}, {60, 100}, {2e-9, 1e8}} {
		ax, _ := english.axisFor(vals, 0, "x")
		m, ok := ax["max"].(float64)
		if !ok {
			if mi, isInt := ax["max"].(int); isInt {
				m, ok = float64(mi), true
			}
		}
		if !ok || m > 100 {
			t.Errorf("english.axisFor(%v): max %v, want at most 100", vals, ax["max"])
		}
	}
	for k, want := range map[int]string{2: "100%", 0: "1%", -3: "0.001%", -4: "1 in 1M", -8: "1 in 10,000M"} {
		if got := english.powerLabel(k); got != want {
			t.Errorf("english.powerLabel(%d) = %q, want %q", k, got, want)
		}
	}
	if strings.ContainsAny(english.logPercentJS(), "<>&") {
		t.Error("the axis formatter holds a character JSON escapes")
	}
}

// TestWriteSummary checks the table vigie run prints: columns that say what
// they count, and the summary's sentences under it.
func TestWriteSummary(t *testing.T) {
	var b strings.Builder
	if err := WriteSummary(&b, issue19Run(), ""); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{"1,000 citizens, 4 cameras, 24 h", "innocent stops", "wanted located", "0 of 197", "count events", "wanted passing found", "who passed a live camera",
		"- Under “mass”, both alerts pointed at the wrong person.", "- No regime located any wanted person"} {
		if !strings.Contains(out, w) {
			t.Errorf("the printed summary lacks %q:\n%s", w, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		checkSense(t, "printed summary", line)
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}

// A group scanned a handful of times has a wide interval; the axis of
// rates still stops at 100%.
func TestGroupsAxisStopsAt100(t *testing.T) {
	r := regime("few", []string{"a", "b", "c"}, 6, 3, 3, 0, 0)
	f := english.groupsFigure(degenerate(r))
	js, err := optionJS(f.option)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"max":100`) {
		t.Errorf("the groups chart's rate axis has no 100%% cap: %s", js)
	}
}

// Counts have no fractions: the trade-off and timeline axes tick at whole
// numbers, whatever the counts.
func TestCountAxesTickAtWholeNumbers(t *testing.T) {
	res := issue19Run()
	for _, f := range []Figure{english.frontierFigure(res, nil), english.timelineFigure(res)} {
		js, err := optionJS(f.option)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(js), `"minInterval":1`); n < 1 || (f.ID == "frontier" && n < 2) {
			t.Errorf("%s: %d count axes tick at whole numbers", f.ID, n)
		}
	}
}

// A bundled scenario's and a built-in regime's description read in the
// report's language; a user's own stays as written. The lede keeps its
// class (and so its look) in every language.
func TestDescriptionsInTheReportsLanguage(t *testing.T) {
	res := sampleResults(false)
	res.Scenario.Name, res.Scenario.Description = "default", "A city of about 20,000 with about 80 cameras, one working day, five regimes side by side."
	res.Regimes[0].Description = "No facial recognition; ordinary CCTV only."
	res.Regimes[1].Description = "My own words."
	var b strings.Builder
	if err := Render(&b, res, Options{ECharts: fakeECharts(t), Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	out := plainSpaces(b.String())
	for _, w := range []string{`<p class="lede">Une ville d&#39;environ 20 000 habitants`, "Aucune reconnaissance faciale ; vidéosurveillance ordinaire seulement.", "My own words."} {
		if !strings.Contains(out, w) {
			t.Errorf("the French report lacks %q", w)
		}
	}
}
