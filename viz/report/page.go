package report

// pageHTML is the report's template. html/template escapes every piece of
// user text (scenario, regime, group names) for the context it lands in.
const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{T "page.title" .Res.Scenario.Name}}</title>
{{template "css"}}
</head>
<body{{if .Single}} class="single"{{end}}>
{{if .Single}}{{range .Figures}}
<figure class="fig" id="fig-{{.ID}}">
<h2>{{.Title}}</h2>
<div class="chart" id="chart-{{.ID}}" style="{{.Style}}"></div>
<figcaption>{{.Caption}}</figcaption>
<p class="credit">{{T "page.credit" $.Res.Manifest.VigieVersion $.Res.Scenario.Name (printf "%d" $.Res.Manifest.Seed) $.Res.Manifest.Recognizer}}</p>
</figure>
{{end}}{{else}}
<header>
<p class="kicker">{{T "page.kicker"}}</p>
<h1>{{T "page.h1" .Res.Scenario.Name}}</h1>
<p class="lede">{{with .Description}}{{.}} {{end}}{{.Lede}}</p>
</header>
<main>
<section id="summary">
<h2>{{T "page.summary"}}</h2>
<ul class="findings">{{range .Summary}}
<li>{{.}}</li>{{end}}
</ul>
<div class="scroll"><table class="regimes">
<thead><tr><th>{{T "page.th.regime"}}</th><th>{{T "page.th.faces"}}</th><th>{{T "page.th.alerts"}}</th><th>{{T "page.th.false"}}</th><th>{{T "page.th.stops"}}</th><th>{{T "page.th.per100k"}}</th><th>{{T "page.th.located"}}</th><th>{{T "page.th.median"}}</th><th>{{T "page.th.records"}}</th><th>{{T "page.th.visits"}}</th></tr></thead>
<tbody>{{range .Table}}
<tr><th>{{.Name}}</th><td>{{.Faces}}</td><td>{{.Alerts}}</td><td>{{.FalseShare}}</td><td>{{.FalseStops}}</td><td>{{.Per100k}}</td><td>{{.Located}}</td><td>{{.Median}}</td><td>{{.Records}}</td><td>{{.Sensitive}}</td></tr>{{end}}
</tbody></table></div>
</section>
<section id="charts">
<h2>{{T "page.charts"}}</h2>
{{range .Figures}}{{if not .Section}}
<figure class="fig" id="fig-{{.ID}}">
<h3>{{.Title}}</h3>
<div class="chart" id="chart-{{.ID}}" style="{{.Style}}"></div>
<figcaption>{{.Caption}}</figcaption>
</figure>
{{end}}{{end}}
</section>{{with .Calibration}}
<section id="calibration">
<h2>{{T "page.calibration"}}</h2>
<p>{{.Intro}}</p>
<p>{{.Count}}</p>
<div class="scroll"><table class="calibration">
<thead><tr><th>{{T "page.calib.rate"}}</th><th>{{T "page.calib.for"}}</th><th>{{T "page.calib.pipeline"}}</th><th>{{T "page.calib.profile"}}</th><th>{{T "page.calib.used"}}</th></tr></thead>
<tbody>{{range .Rows}}
<tr><td>{{.Rate}}</td><th>{{.For}}</th><td>{{.Pipeline}}</td><td>{{.Profile}}</td><td>{{.Used}}</td></tr>{{end}}
</tbody></table></div>
</section>{{end}}{{with .Pipeline}}
<section id="pipeline">
<h2>{{T "page.pipeline"}}</h2>{{if .Beside}}
<p class="beside"><b>{{.Beside}}</b></p>{{end}}
<p>{{.Intro}}</p>{{if .Regimes}}
<div class="scroll"><table class="beside">
<thead><tr><th>{{T "page.beside.regime"}}</th><th>{{T "page.beside.watchlist"}}</th><th>{{T "page.beside.budget"}}</th><th>{{T "page.beside.profile_threshold"}}</th><th>{{T "page.beside.threshold"}}</th><th>{{T "page.beside.profile_found"}}</th><th>{{T "page.beside.found"}}</th></tr></thead>
<tbody>{{range .Regimes}}
<tr><th>{{.Regime}}</th><td>{{.Watchlist}}</td><td>{{.Budget}}</td><td>{{.ProfileThreshold}}</td><td>{{.Threshold}}</td><td>{{.ProfileFound}}</td><td>{{.Found}}</td></tr>{{end}}
</tbody></table></div>
<p class="note">{{T "page.beside.note"}}</p>{{end}}{{if .Notes}}
<details class="notes"{{if le (len .Notes) 5}} open{{end}}>
<summary>{{T "page.notes" (len .Notes)}}</summary>
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
<summary><h3>{{T "page.fits" (len .Fits)}}</h3></summary>
<p class="note">{{T "page.fits_note"}}</p>
<div class="scroll"><table class="fits">
<thead><tr><th rowspan="2">{{T "page.fits.group"}}</th><th rowspan="2">{{T "page.fits.bin"}}</th><th rowspan="2">{{T "page.fits.detected"}}</th><th colspan="4" class="span">{{T "page.fits.genuine"}}</th><th colspan="4" class="span">{{T "page.fits.impostor"}}</th></tr>
<tr><th>{{T "page.fits.law"}}</th><th>n</th><th>{{T "page.fits.mean"}}</th><th>{{T "page.fits.ks"}}</th><th>{{T "page.fits.law"}}</th><th>n</th><th>{{T "page.fits.mean"}}</th><th>{{T "page.fits.ks"}}</th></tr></thead>
<tbody>{{range .Fits}}
<tr><th>{{.Group}}</th><td>{{.Bin}}</td><td>{{.Detected}}</td>{{range .Genuine}}<td>{{.}}</td>{{end}}{{range .Impostor}}<td>{{.}}</td>{{end}}</tr>{{end}}
</tbody></table></div>
</details>{{end}}
</section>{{end}}
<section id="method">
<h2>{{T "page.method"}}</h2>
<p>{{T "page.method_intro" .Citizens .Cameras (printf "%g" .Res.Scenario.StepSeconds)}}</p>
<p><b>{{T "page.recognizer"}}</b> {{.Res.Manifest.Recognizer}}{{with .Res.Manifest.RecognizerSource}} — {{.}}{{end}}.</p>
<p><b>{{T "page.rates"}}</b> {{.Rates}}</p>
<p><b>{{T "page.groups"}}</b> {{range $i, $g := .Res.Scenario.Groups}}{{if $i}}, {{end}}{{$g}}{{end}}.</p>
<p><b>{{T "page.measures"}}</b> {{T "page.measures_text"}}</p>
<div class="scroll"><table class="method">
<thead><tr><th>{{T "page.th.regime"}}</th><th>{{T "page.mth.mode"}}</th><th>{{T "page.mth.threshold"}}</th><th>{{T "page.mth.watchlist"}}</th><th>{{T "page.mth.retention"}}</th><th>{{T "page.mth.sources"}}</th></tr></thead>
<tbody>{{range .Method}}
<tr><th>{{.Name}}{{with .Description}}<br><span class="desc">{{.}}</span>{{end}}</th><td>{{.Mode}}</td><td>{{.Threshold}}</td><td>{{.Watchlist}}</td><td>{{.Retention}}</td><td>{{range .Sources}}<div>{{.}}</div>{{end}}</td></tr>{{end}}
</tbody></table></div>
<p><b>{{T "page.published"}}</b> {{T "page.published_text"}}</p>
<p class="note">{{T "page.simulated"}}</p>
</section>
<section id="manifest">
<h2>{{T "page.manifest"}}</h2>
<table class="manifest"><tbody>{{range .Manifest}}
<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>{{end}}{{range .Models}}
<tr><th>{{T "page.model" (index . 0)}}</th><td>{{index . 1}}</td></tr>{{end}}
</tbody></table>
<p class="note">{{T "page.same_bytes"}}</p>
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
  // Value axes write their numbers as the page's language does (52,233 or
  // 52 233); axes that format their own labels keep them.
  var lang = document.documentElement.lang || 'en';
  function localise(option) {
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(option[k] || []).forEach(function (a) {
        if (a.type === 'value' || a.type === 'log') {
          a.axisLabel = a.axisLabel || {};
          if (!a.axisLabel.formatter) {
            a.axisLabel.formatter = function (v) { return Number(v).toLocaleString(lang, {maximumFractionDigits: 6}); };
          }
        }
      });
    });
    return option;
  }
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
    chart.setOption(localise(f.option));
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
