// Package explore writes the explorer page (vigie explore): one offline
// HTML file in which the simulation engine, compiled to WebAssembly from
// the same Go packages as vigie (cmd/vigie-explore-wasm), reruns a
// scenario's city whenever the reader changes a control, and shows the
// report's own summary, table and charts for the new results.
//
// Everything the page needs is inside it (the engine, gzipped and base64
// encoded; ECharts; the scenario), so it opens from the file system and
// makes no request. This package only writes the page; it runs nothing.
package explore

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"io"
	"strings"

	"vigie/internal/atomicfile"
	"vigie/viz/i18n"
	"vigie/viz/report"
)

// Page is what the explorer starts from: a scenario the engine can run
// (published-rates recognizer, no sweep) and what its controls show.
type Page struct {
	Lang    string
	Version string // vigie's, stamped into results.json's manifest as vigie run does
	// Scenario is the base scenario's YAML text; every rerun applies the
	// controls to it.
	Scenario    string
	Name        string
	Description string
	Profile     string // the deployed-system profile whose published rates decide
	Citizens    int
	Cameras     []Cameras
	Regimes     []Regime
}

// Cameras is one entry of the scenario's cameras.placement.
type Cameras struct {
	Index    int // in cameras.placement, which may hold explicit cameras the page leaves alone
	Strategy string
	Kinds    []string
	Count    int
}

// Regime is one regime the page can compare, with the settings the
// controls may override.
type Regime struct {
	Name, Description string
	Threshold         float64
	Watchlist         int
	Live, Review      bool
	Publicity         float64
}

// Write writes the page to path atomically.
func Write(path string, p Page) error {
	return atomicfile.WriteFunc(path, func(w io.Writer) error { return Render(w, p) })
}

// Render writes the page to w.
func Render(w io.Writer, p Page) error {
	if err := report.CheckLang(p.Lang); err != nil {
		return err
	}
	words, err := i18n.New(p.Lang)
	if err != nil {
		return err
	}
	wasmGz, execJS, err := engine()
	if err != nil {
		return err
	}
	echarts, err := report.EChartsScript()
	if err != nil {
		return err
	}
	d := pageData{Page: p, Lang: words.Lang(), Dir: words.Dir(),
		Engine:   template.JS(base64.StdEncoding.EncodeToString(wasmGz)),
		WasmExec: template.JS(strings.ReplaceAll(string(execJS), "</script", `<\/script`)),
		ECharts:  template.JS(echarts), Words: words}
	for _, c := range p.Cameras {
		d.CameraLabels = append(d.CameraLabels, cameraLabel(words, c))
	}
	for _, r := range p.Regimes {
		d.RegimeNotes = append(d.RegimeNotes, regimeNote(words, r))
	}
	tmpl, err := template.New("explore").Funcs(template.FuncMap{"T": words.T}).Parse(pageHTML)
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

type pageData struct {
	Page
	Lang, Dir    string
	Engine       template.JS // base64 of the gzipped engine: only [A-Za-z0-9+/=]
	WasmExec     template.JS
	ECharts      template.JS
	CameraLabels []string
	RegimeNotes  []string
	Words        *i18n.Printer
}

// cameraLabel names a placement entry's count control.
func cameraLabel(words *i18n.Printer, c Cameras) string {
	switch c.Strategy {
	case "transit_hubs":
		return words.T("explore.cameras.transit_hubs")
	case "arterials":
		return words.T("explore.cameras.arterials")
	case "random":
		return words.T("explore.cameras.random")
	case "places":
		places := make([]string, len(c.Kinds))
		for i, k := range c.Kinds {
			places[i] = placeName(words, k)
		}
		return words.T("explore.cameras.places", words.List(places))
	}
	return c.Strategy
}

// english names place kinds for Known, which translates only text it
// recognises as the default language's.
var english = i18n.MustNew("en")

func placeName(words *i18n.Printer, kind string) string {
	return words.Known("place."+kind, english.T("place."+kind))
}

// regimeNote sums up what a regime sets, beside its checkbox.
func regimeNote(words *i18n.Printer, r Regime) string {
	live := words.T("explore.regime.not_live")
	if r.Live {
		live = words.T("explore.regime.live")
	}
	review := words.T("explore.regime.no_review")
	if r.Review {
		review = words.T("explore.regime.review")
	}
	return words.T("explore.regime.note", words.Plain(r.Threshold), words.Count(r.Watchlist), live, review, words.Plain(r.Publicity))
}
