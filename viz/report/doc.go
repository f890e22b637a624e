// Package report turns a run's results (metrics.Results, the results.json
// document) into a single offline HTML report and into PNG pictures of its
// charts.
//
// The report is for three audiences: a summary a journalist can quote, charts
// with one-sentence captions computed from the numbers, and the method and
// manifest a researcher needs to reproduce the run. Charts are built with
// go-echarts; the ECharts library itself is fetched by set-up (make setup,
// scripts/echarts.sh) and inlined, so the page makes no request at all.
// Pictures are rendered from the same chart definitions by headless Chromium.
//
// The package reads results only, never simulation internals.
package report
