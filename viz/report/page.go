package report

// pageHTML is the report's template. html/template escapes every piece of
// user text (scenario, regime, group names) for the context it lands in.
const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigie report: {{.Res.Scenario.Name}}</title>
{{template "css"}}
</head>
<body{{if .Single}} class="single"{{end}}>
{{if .Single}}{{range .Figures}}
<figure class="fig" id="fig-{{.ID}}">
<h2>{{.Title}}</h2>
<div class="chart" id="chart-{{.ID}}" style="{{.Style}}"></div>
<figcaption>{{.Caption}}</figcaption>
<p class="credit">Vigie {{$.Res.Manifest.VigieVersion}} · scenario {{$.Res.Scenario.Name}} · seed {{$.Res.Manifest.Seed}} · recognizer {{$.Res.Manifest.Recognizer}} · simulated data</p>
</figure>
{{end}}{{else}}
<header>
<p class="kicker">Vigie · facial recognition in public space · simulated</p>
<h1>{{.Res.Scenario.Name}}: what each regime buys and what it costs</h1>
<p class="lede">{{with .Res.Scenario.Description}}{{.}} {{end}}{{.Lede}}</p>
</header>
<main>
<section id="summary">
<h2>Summary</h2>
<ul class="findings">{{range .Summary}}
<li>{{.}}</li>{{end}}
</ul>
<div class="scroll"><table class="regimes">
<thead><tr><th>Regime</th><th>Faces scanned</th><th>Alerts</th><th>False alerts (95% CI)</th><th>Stops of innocent people</th><th>per 100,000 innocent passers-by</th><th>Wanted located</th><th>Median time to locate</th><th>Face records retained</th><th>Sensitive visits</th></tr></thead>
<tbody>{{range .Table}}
<tr><th>{{.Name}}</th><td>{{.Faces}}</td><td>{{.Alerts}}</td><td>{{.FalseShare}}</td><td>{{.FalseStops}}</td><td>{{.Per100k}}</td><td>{{.Located}}</td><td>{{.Median}}</td><td>{{.Records}}</td><td>{{.Sensitive}}</td></tr>{{end}}
</tbody></table></div>
</section>
<section id="charts">
<h2>Charts</h2>
{{range .Figures}}{{if not .Section}}
<figure class="fig" id="fig-{{.ID}}">
<h3>{{.Title}}</h3>
<div class="chart" id="chart-{{.ID}}" style="{{.Style}}"></div>
<figcaption>{{.Caption}}</figcaption>
</figure>
{{end}}{{end}}
</section>{{with .Pipeline}}
<section id="pipeline">
<h2>What the real pipeline measured</h2>
<p>{{.Intro}}</p>{{if .Notes}}
<details class="notes"{{if le (len .Notes) 5}} open{{end}}>
<summary>The recognizer's notes ({{len .Notes}})</summary>
<ul class="notes">{{range .Notes}}
<li>{{.}}</li>{{end}}
</ul>
</details>{{end}}{{range $.Figures}}{{if eq .Section "pipeline"}}
<figure class="fig" id="fig-{{.ID}}">
<h3>{{.Title}}</h3>
<div class="chart" id="chart-{{.ID}}" style="{{.Style}}"></div>
<figcaption>{{.Caption}}</figcaption>
</figure>{{end}}{{end}}{{if .Fits}}
<details class="fits"{{if le (len .Fits) 24}} open{{end}}>
<summary><h3>The fitted score distributions ({{len .Fits}} group x condition cells)</h3></summary>
<p class="note">Descriptor distances the pipeline measured, per group and capture condition, with the law fitted to each and its Kolmogorov-Smirnov distance D (smaller is closer; a small p says the law departs from the sample). Genuine: a probe against its own enrolment photo; impostor: against other people's.</p>
<div class="scroll"><table class="fits">
<thead><tr><th rowspan="2">Group</th><th rowspan="2">Condition bin</th><th rowspan="2">Faces detected</th><th colspan="4" class="span">Genuine distances</th><th colspan="4" class="span">Impostor distances</th></tr>
<tr><th>law</th><th>n</th><th>mean ± sd</th><th>KS D (p)</th><th>law</th><th>n</th><th>mean ± sd</th><th>KS D (p)</th></tr></thead>
<tbody>{{range .Fits}}
<tr><th>{{.Group}}</th><td>{{.Bin}}</td><td>{{.Detected}}</td>{{range .Genuine}}<td>{{.}}</td>{{end}}{{range .Impostor}}<td>{{.}}</td>{{end}}</tr>{{end}}
</tbody></table></div>
</details>{{end}}
</section>{{end}}
<section id="method">
<h2>Method</h2>
<p>Vigie builds a synthetic city (streets, places, {{.Citizens}} with daily schedules, {{.Cameras}}) and runs every regime on the same simulated day, in steps of {{.Res.Scenario.StepSeconds}} seconds. A citizen passing through a camera's field of view is a sighting; the recognizer turns each sighting into a search against the regime's watchlist. Alerts go to human review, then possibly to a stop. Citizens who know where cameras are may avoid sensitive places; the change is measured against the visits they planned.</p>
<p><b>Recognizer:</b> {{.Res.Manifest.Recognizer}}{{with .Res.Manifest.RecognizerSource}} — {{.}}{{end}}.</p>
<p><b>Where the match rates come from.</b> {{.Rates}}</p>
<p><b>Groups compared:</b> {{range $i, $g := .Res.Scenario.Groups}}{{if $i}}, {{end}}{{$g}}{{end}}.</p>
<p><b>Measures.</b> The false positive identification rate (FPIR) is false matches per non-mated search (a face scanned of someone not on the watchlist), reported per group with a 95% Wilson interval, following the NIST FRVT/FRTE and ISO/IEC 19795-10 practice; the differential is the highest group rate over the lowest. Field figures use three denominators: per face scanned, per alert (the share of alerts that were false), and per person passing a camera. Faces scanned, alerts and stops count events (one person can be scanned, flagged and stopped more than once); "stops of innocent people" are stops of people not on the watchlist, and "wanted located" counts different people.</p>
<div class="scroll"><table class="method">
<thead><tr><th>Regime</th><th>Mode</th><th>Threshold</th><th>Watchlist</th><th>Retention</th><th>Sources</th></tr></thead>
<tbody>{{range .Method}}
<tr><th>{{.Name}}{{with .Description}}<br><span class="desc">{{.}}</span>{{end}}</th><td>{{.Mode}}</td><td>{{.Threshold}}</td><td>{{.Watchlist}}</td><td>{{.Retention}}</td><td>{{range .Sources}}<div>{{.}}</div>{{end}}</td></tr>{{end}}
</tbody></table></div>
<p><b>Published figures the defaults are checked against:</b> NPL, Facial Recognition Technology in Law Enforcement Equitability Study (Mansfield, 2023); NIST FRVT Part 3: Demographic Effects (NISTIR 8280, 2019); South Wales Police figures for the UEFA Champions League final, Cardiff, 2017; Fussey &amp; Murray, independent review of the Metropolitan Police trials (University of Essex, 2019); Penney, Chilling effects (Berkeley Technology Law Journal, 2016); Marthews &amp; Tucker, government surveillance and internet search behaviour (2015–2017); Regulation (EU) 2024/1689 (AI Act), Art. 5(1)(h).</p>
<p class="note">All people, faces and events in this report are simulated. Figures describe this synthetic city under stated assumptions, not any real deployment.</p>
</section>
<section id="manifest">
<h2>Manifest</h2>
<table class="manifest"><tbody>{{range .Manifest}}
<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>{{end}}{{range .Models}}
<tr><th>model {{index . 0}}</th><td>{{index . 1}}</td></tr>{{end}}
</tbody></table>
<p class="note">The same scenario and seed give the same results, byte for byte.</p>
</section>
</main>
{{end}}
<script>{{.ECharts}}</script>
<script>
"use strict";
window.vigieCharts = {total: {{len .Figures}}, drawn: 0, ids: []};
(function () {
  var figures = [{{range $i, $f := .Figures}}{{if $i}},
    {{end}}{id: {{$f.ID}}, option: {{$f.Option}}}{{end}}];
  var instances = [];
  figures.forEach(function (f) {
    var el = document.getElementById('chart-' + f.id);
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.on('finished', function () {
      if (el.getAttribute('data-drawn') !== 'yes') {
        el.setAttribute('data-drawn', 'yes');
        window.vigieCharts.drawn++;
        window.vigieCharts.ids.push(f.id);
      }
    });
    chart.setOption(f.option);
    instances.push(chart);
  });
  window.addEventListener('resize', function () { instances.forEach(function (c) { c.resize(); }); });
})();
</script>
</body>
</html>
{{define "css"}}<style>
:root { --ink: #222; --muted: #666; --rule: #ddd; --accent: #c44e52; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 Helvetica, Arial, sans-serif; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; border-bottom: 3px solid var(--ink); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); margin: 0; }
h1 { font-size: 32px; line-height: 1.15; margin: 6px 0 10px; }
.lede { font-size: 18px; color: #333; }
h2 { font-size: 22px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 18px; margin: 0 0 6px; }
.findings li { font-size: 18px; margin: 6px 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 16px 0; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; }
table.regimes { font-size: 13px; }
table.regimes td { white-space: nowrap; }
th { text-align: left; }
thead th { font-size: 12px; color: var(--muted); font-weight: normal; text-align: right; }
thead th:first-child { text-align: left; }
table.method td, table.manifest td, table.method thead th { text-align: left; }
table.fits { font-size: 12px; }
summary { cursor: pointer; }
summary h3 { display: inline; }
table.fits td { white-space: nowrap; }
table.fits td:nth-child(2), table.fits thead th { text-align: left; }
table.fits thead th.span { text-align: center; border-bottom: 1px solid var(--rule); }
table.manifest td { font-family: Menlo, Consolas, monospace; font-size: 13px; word-break: break-all; }
.desc { font-weight: normal; color: var(--muted); font-size: 13px; }
.fig { margin: 28px 0; padding: 0; }
.chart { width: 100%; margin: 0 auto; }
figcaption { font-size: 16px; color: #333; border-left: 3px solid var(--accent); padding-left: 10px; margin-top: 6px; }
.note { color: var(--muted); font-size: 14px; }
body.single { width: 1200px; }
body.single .fig { margin: 0; padding: 28px 36px 18px; }
body.single h2 { border: 0; margin: 0 0 8px; font-size: 28px; }
body.single figcaption { font-size: 20px; }
.credit { color: var(--muted); font-size: 13px; margin: 10px 0 0; }
</style>{{end}}`
