package explore

// pageHTML is the explorer's template. html/template escapes every piece of
// user text (scenario, regime names and descriptions) for the context it
// lands in, and the page's script writes results into the page with
// textContent only.
const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{T "explore.title" .Name}}</title>
<style>
:root { --ink: #222; --muted: #666; --rule: #ddd; --accent: #c44e52; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 Helvetica, Arial, sans-serif; }
header, .layout { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; border-bottom: 3px solid var(--ink); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); margin: 0; }
h1 { font-size: 30px; line-height: 1.15; margin: 6px 0 8px; }
.notice { background: #fff4e5; border-left: 4px solid #e6a157; padding: 8px 12px; font-size: 15px; }
.layout { display: grid; grid-template-columns: 320px minmax(0, 1fr); gap: 28px; }
main { min-width: 0; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
form { font-size: 14px; padding-top: 12px; }
fieldset { border: 1px solid var(--rule); margin: 0 0 12px; padding: 8px 10px; }
legend { font-weight: bold; padding: 0 4px; }
.field { margin: 6px 0; }
.field label { display: block; }
input[type=number], select { width: 100%; padding: 4px; font: inherit; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.regime { margin: 4px 0; }
.regime .note { display: block; color: var(--muted); font-size: 12px; margin-left: 22px; }
button { font: inherit; padding: 6px 14px; }
:focus-visible { outline: 3px solid #4c72b0; outline-offset: 2px; }
#progress { width: 100%; }
#status { min-height: 1.5em; margin: 4px 0; }
#error { color: #a40000; white-space: pre-wrap; }
#error:empty { display: none; }
.downloads a { margin-right: 12px; }
h2 { font-size: 22px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin-top: 24px; }
h3 { font-size: 18px; margin: 0 0 6px; }
.findings li { font-size: 17px; margin: 6px 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 12px 0; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
tbody th, thead th:first-child { text-align: left; }
thead th { font-size: 12px; color: var(--muted); font-weight: normal; }
.fig { margin: 24px 0; }
.chart { width: 100%; margin: 0 auto; }
figcaption { font-size: 15px; color: #333; border-left: 3px solid var(--accent); padding-left: 10px; margin-top: 6px; }
.note { color: var(--muted); font-size: 14px; }
[aria-busy=true] #results { opacity: .55; }
</style>
</head>
<body>
<header>
<p class="kicker">{{T "explore.kicker"}}</p>
<h1>{{T "explore.h1" .Name}}</h1>
{{with .Description}}<p id="description">{{.}}</p>{{end}}
<p class="notice" id="notice">{{T "explore.notice" .Profile}}</p>
</header>
<div class="layout" id="page" aria-busy="true">
<form id="controls" aria-label="{{T "explore.controls"}}" novalidate>
<fieldset>
<legend>{{T "explore.regimes"}}</legend>
{{range $i, $r := .Regimes}}<div class="regime"><input type="checkbox" id="regime-{{$i}}" name="regime" value="{{$r.Name}}" checked aria-describedby="regime-note-{{$i}}"> <label for="regime-{{$i}}">{{$r.Name}}</label>
<span class="note" id="regime-note-{{$i}}">{{index $.RegimeNotes $i}}</span></div>
{{end}}</fieldset>
<fieldset>
<legend>{{T "explore.city"}}</legend>
<div class="field"><label for="citizens">{{T "explore.citizens"}}</label>
<input type="number" id="citizens" min="1" step="1" value="{{.Citizens}}"></div>
{{range $i, $c := .Cameras}}<div class="field"><label for="cameras-{{$i}}">{{index $.CameraLabels $i}}</label>
<input type="number" id="cameras-{{$i}}" data-placement="{{$c.Index}}" min="0" step="1" value="{{$c.Count}}"></div>
{{end}}</fieldset>
<fieldset>
<legend>{{T "explore.every_regime"}}</legend>
<p class="note" id="as-set">{{T "explore.as_set_hint"}}</p>
<div class="field"><label for="threshold">{{T "explore.threshold"}}</label>
<input type="number" id="threshold" min="0" max="1" step="0.01" placeholder="{{T "explore.as_set"}}" aria-describedby="as-set"></div>
<div class="field"><label for="watchlist">{{T "explore.watchlist"}}</label>
<input type="number" id="watchlist" min="0" step="1" placeholder="{{T "explore.as_set"}}" aria-describedby="as-set"></div>
<div class="field"><label for="review">{{T "explore.review"}}</label>
<select id="review"><option value="">{{T "explore.as_set"}}</option><option value="on">{{T "explore.review_on"}}</option><option value="off">{{T "explore.review_off"}}</option></select></div>
<div class="field"><label for="publicity">{{T "explore.publicity"}}</label>
<input type="number" id="publicity" min="0" max="1" step="0.05" placeholder="{{T "explore.as_set"}}" aria-describedby="as-set"></div>
<div class="field" role="group" aria-labelledby="live-label"><span id="live-label">{{T "explore.live_hours"}}</span>
<div class="pair"><div><label for="live-from">{{T "explore.from"}}</label><input type="number" id="live-from" min="0" max="24" step="1" placeholder="{{T "explore.as_set"}}"></div>
<div><label for="live-to">{{T "explore.to"}}</label><input type="number" id="live-to" min="0" max="24" step="1" placeholder="{{T "explore.as_set"}}"></div></div></div>
</fieldset>
<button type="submit" id="run">{{T "explore.run"}}</button>
<progress id="progress" max="100" value="0" aria-label="{{T "explore.progress"}}"></progress>
<p id="status" role="status" aria-live="polite">{{T "explore.starting"}}</p>
<p id="error" role="alert"></p>
<p class="downloads"><a id="dl-results" download="results.json" href="#">{{T "explore.download_results"}}</a>
<a id="dl-scenario" download="scenario.yaml" href="#">{{T "explore.download_scenario"}}</a></p>
<p class="note">{{T "explore.same_bytes"}}</p>
</form>
<main id="results">
<p class="lede" id="lede"></p>
<section id="summary"><h2>{{T "page.summary"}}</h2><ul class="findings" id="findings"></ul>
<div class="scroll"><table class="regimes"><thead id="table-head"></thead><tbody id="table-body"></tbody></table></div></section>
<section id="charts"><h2>{{T "page.charts"}}</h2><div id="figures"></div></section>
<p class="note">{{T "page.simulated"}}</p>
</main>
</div>
<script>{{.ECharts}}</script>
<script>{{.WasmExec}}</script>
<script>
"use strict";
(function () {
  var base = {{.Scenario}}, version = {{.Version}}, lang = {{.Lang}};
  var words = {running: {{T "explore.running"}}, done: {{T "explore.done"}}, failed: {{T "explore.failed"}}, loading: {{T "explore.loading"}}};
  var engine = "{{.Engine}}";
  var state = window.vigieExplorer = {runs: 0, busy: true, ms: 0, results: "", scenario: "", error: "", charts: 0, drawn: 0, ticks: 0};
  var page = document.getElementById('page'), status = document.getElementById('status');
  var progress = document.getElementById('progress'), errorBox = document.getElementById('error');
  var charts = {};
  function fill(text, n) { return text.replace('{n}', n); }
  // Value axes write their numbers as the page's language does, as in the report.
  function localise(option) {
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(option[k] || []).forEach(function (a) {
        if ((a.type === 'value' || a.type === 'log') && !(a.axisLabel && a.axisLabel.formatter)) {
          a.axisLabel = a.axisLabel || {};
          a.axisLabel.formatter = function (v) { return Number(v).toLocaleString(lang, {maximumFractionDigits: 6}); };
        }
      });
    });
    return option;
  }
  async function startEngine() {
    var bin = atob(engine), gz = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
    var wasm = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    var go = new Go();
    var inst = await WebAssembly.instantiate(wasm, go.importObject);
    go.run(inst.instance);
  }
  function number(id) {
    var v = document.getElementById(id).value.trim();
    return v === '' ? null : Number(v);
  }
  // cameras lists the counts by their index in cameras.placement; the
  // holes (explicit cameras) go as null, which leaves them as they are.
  function cameras() {
    var out = [];
    [].forEach.call(document.querySelectorAll('input[data-placement]'), function (c) { out[Number(c.dataset.placement)] = number(c.id); });
    return Array.from(out, function (v) { return v === undefined ? null : v; });
  }
  function settings() {
    var regimes = [].slice.call(document.querySelectorAll('input[name=regime]:checked')).map(function (c) { return c.value; });
    var review = document.getElementById('review').value;
    return {regimes: regimes, citizens: number('citizens'),
      cameras: cameras(),
      threshold: number('threshold'), watchlist: number('watchlist'), publicity: number('publicity'),
      review: review === '' ? null : review === 'on', live_from: number('live-from'), live_to: number('live-to')};
  }
  // row makes a table row: every cell a header in the head, the regime's
  // name a header in the body.
  function row(cells, head) {
    var tr = document.createElement('tr');
    cells.forEach(function (c, i) {
      var cell = document.createElement(head || i === 0 ? 'th' : 'td');
      cell.textContent = c;
      tr.appendChild(cell);
    });
    return tr;
  }
  function figure(f) {
    var fig = document.getElementById('fig-' + f.id);
    if (!fig) {
      fig = document.createElement('figure');
      fig.className = 'fig';
      fig.id = 'fig-' + f.id;
      fig.appendChild(document.createElement('h3'));
      var div = document.createElement('div');
      div.className = 'chart';
      div.id = 'chart-' + f.id;
      fig.appendChild(div);
      fig.appendChild(document.createElement('figcaption'));
      document.getElementById('figures').appendChild(fig);
      var chart = echarts.init(div, null, {renderer: 'canvas'});
      chart.on('finished', function () {
        if (div.getAttribute('data-drawn') !== state.runs + '') {
          div.setAttribute('data-drawn', state.runs + '');
          state.drawn++;
        }
      });
      charts[f.id] = chart;
    }
    fig.querySelector('h3').textContent = f.title;
    fig.querySelector('figcaption').textContent = f.caption;
    var div = fig.querySelector('.chart');
    div.style.height = f.height + 'px';
    div.style.maxWidth = f.width > 0 ? f.width + 'px' : '';
    charts[f.id].resize();
    charts[f.id].setOption(localise(Function('"use strict"; return (' + f.option + ');')()), true);
    return fig;
  }
  function show(out) {
    var v = out.view;
    document.getElementById('lede').textContent = v.lede;
    var ul = document.getElementById('findings');
    ul.textContent = '';
    v.summary.forEach(function (s) { var li = document.createElement('li'); li.textContent = s; ul.appendChild(li); });
    var head = document.getElementById('table-head');
    head.textContent = '';
    head.appendChild(row(v.head, true));
    var body = document.getElementById('table-body');
    body.textContent = '';
    v.table.forEach(function (r) { body.appendChild(row(r, false)); });
    var keep = {};
    state.drawn = 0;
    state.charts = v.figures.length;
    v.figures.forEach(function (f) { keep[figure(f).id] = true; });
    [].slice.call(document.querySelectorAll('#figures > figure')).forEach(function (fig) {
      if (!keep[fig.id]) { charts[fig.id.slice(4)].dispose(); delete charts[fig.id.slice(4)]; fig.remove(); }
    });
    link('dl-results', out.results, 'application/json');
    link('dl-scenario', out.scenario, 'application/yaml');
  }
  function link(id, text, type) {
    var a = document.getElementById(id);
    if (a.href.indexOf('blob:') === 0) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
  }
  // One run at a time; a change during a run queues one more run with
  // the settings as they are then. Settings already run are not rerun
  // (the same settings give the same results).
  var running = false, again = false, last = '';
  async function rerun() {
    if (running) { again = true; return; }
    var asked = JSON.stringify(settings());
    if (asked === last) return;
    last = asked;
    running = true;
    state.busy = true;
    page.setAttribute('aria-busy', 'true');
    errorBox.textContent = '';
    progress.value = 0;
    status.textContent = fill(words.running, '0');
    var t0 = performance.now();
    try {
      var out = JSON.parse(await window.vigieRerun(base, asked, lang, version, function (p) {
        state.ticks++;
        progress.value = Math.round(100 * p);
        status.textContent = fill(words.running, progress.value.toLocaleString(lang));
      }));
      state.ms = performance.now() - t0;
      state.results = out.results;
      state.scenario = out.scenario;
      state.error = '';
      progress.value = 100;
      status.textContent = fill(words.done, (state.ms / 1000).toLocaleString(lang, {maximumFractionDigits: 1}));
      show(out);
    } catch (e) {
      state.error = String(e && e.message || e);
      errorBox.textContent = state.error;
      status.textContent = words.failed;
    }
    state.runs++;
    running = false;
    state.busy = false;
    page.setAttribute('aria-busy', 'false');
    if (again) { again = false; rerun(); }
  }
  var form = document.getElementById('controls');
  form.addEventListener('change', rerun);
  form.addEventListener('submit', function (e) { e.preventDefault(); rerun(); });
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  status.textContent = words.loading;
  startEngine().then(rerun, function (e) {
    state.error = String(e && e.message || e);
    errorBox.textContent = state.error;
    state.runs++;
  });
})();
</script>
</body>
</html>`
