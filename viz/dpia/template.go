package dpia

import "text/template"

// pageMD is the draft's Markdown. Every sentence comes from the language's
// catalogue (viz/i18n, keys dpia.*); the tables' figures from the view.
const pageMD = `# {{T "dpia.title" .Name}}

> **{{T "dpia.draft" .Manifest.VigieVersion}}** {{T "dpia.draft_text" .Population .Cameras .Hours .Manifest.Recognizer}}

{{.Scenario.Description}}

## {{T "dpia.s1"}}

| {{T "dpia.col.regime"}} | {{T "dpia.col.live"}} | {{T "dpia.col.watchlist"}} | {{T "dpia.col.threshold"}} | {{T "dpia.col.scanned"}} | {{T "dpia.col.passers"}} |
|---|---|---:|---:|---:|---:|
{{range .Regimes}}| {{.Name}} | {{if .Live}}{{T "dpia.yes"}}{{else}}{{T "dpia.no"}}{{end}} | {{.Watchlist}} | {{.Threshold}} | {{.Scanned}} | {{.Passers}} |
{{end}}
{{range .Regimes}}- **{{.Name}}**{{T "dpia.colon"}} {{.Description}}
{{end}}
- **{{T "dpia.data"}}**{{T "dpia.colon"}} {{T "dpia.data_text"}}{{if .Morocco}} {{T "dpia.data_ma"}}{{end}}
- **{{T "dpia.purpose"}}**{{T "dpia.colon"}} {{T "dpia.purpose_text"}}
- **{{T "dpia.controller"}}**{{T "dpia.colon"}} *{{T "dpia.to_complete"}}*

## {{T "dpia.s2"}}

- **{{T "dpia.legal"}}**{{T "dpia.colon"}} {{T "dpia.legal_text"}} *{{T "dpia.legal_which"}}*{{if .Morocco}}
- **{{T "dpia.legal_ma"}}**{{T "dpia.colon"}} {{T "dpia.legal_ma_text"}}{{end}}
- **{{T "dpia.minimisation"}}**{{T "dpia.colon"}} {{T "dpia.minimisation_text"}}

| {{T "dpia.col.regime"}} | {{T "dpia.col.scanned"}} | {{T "dpia.col.located"}} | {{T "dpia.col.per_located"}} | {{T "dpia.col.records"}} | {{T "dpia.col.retention"}} | {{T "dpia.col.record_days"}} |
|---|---:|---:|---:|---:|---:|---:|
{{range .Regimes}}| {{.Name}} | {{.Scanned}} | {{.Located}} / {{.Wanted}} | {{.ScannedPerLocated}} | {{.Records}} | {{.RetentionDays}} | {{.RecordDays}} |
{{end}}
- **{{T "dpia.information"}}**{{T "dpia.colon"}} {{T "dpia.information_text"}}
{{if .Flows}}
### {{T "dpia.flows.title"}}

{{T "dpia.flows.text"}}

| {{T "dpia.col.regime"}} | {{T "dpia.flows.col_operator"}} | {{T "dpia.flows.col_supplier"}} | {{T "dpia.flows.col_hosting"}} | {{T "dpia.flows.col_country"}} | {{T "dpia.flows.col_records"}} | {{T "dpia.flows.col_basis"}} |
|---|---|---|---|---|---:|---|
{{range .Flows}}| {{.Name}} | {{.Operator}} | {{.Supplier}} | {{.Hosting}} | {{.Country}} | {{.Records}} | {{.Basis}} |
{{end}}
{{if .Transfers}}{{range .Transfers}}- {{.}}
{{end}}
{{T "dpia.flows.chapter_v"}}{{if .Morocco}} {{T "dpia.flows.ma_transfer"}}{{end}}
{{else}}{{T "dpia.flows.no_transfer"}}
{{end}}{{range .Flags}}
- {{.}}{{end}}
{{end}}{{if .Galleries}}
### {{T "dpia.gallery.title"}}

{{T "dpia.gallery.text"}}

| {{T "dpia.col.regime"}} | {{T "dpia.gallery.col_searches"}} | {{T "dpia.gallery.col_rank1"}} | {{T "dpia.gallery.col_top10"}} | {{T "dpia.gallery.col_identified"}} | {{T "dpia.gallery.col_leads"}} | {{T "dpia.gallery.col_innocent"}} | {{T "dpia.gallery.col_held"}} |
|---|---:|---:|---:|---:|---:|---:|---:|
{{range .Galleries}}| {{.Name}} | {{.Searches}} | {{.Rank1}} | {{.Top10}} | {{.Identified}} | {{.LeadsPerSearch}} | {{.Innocent}} | {{.Held}} |
{{end}}{{range .GalleryNotes}}
- {{.}}{{end}}

{{T "dpia.gallery.by_group"}}
{{range .Galleries}}{{if .Groups}}
**{{.Name}}**

| {{T "dpia.col.group"}} | {{T "dpia.gallery.col_population"}} | {{T "dpia.gallery.col_held_collected"}} | {{T "dpia.gallery.col_searches"}} | {{T "dpia.gallery.col_false_leads"}} | {{T "dpia.gallery.col_innocent"}} |
|---|---:|---:|---:|---:|---:|
{{range .Groups}}| {{.Name}} | {{.Population}} | {{.Held}} | {{.Searches}} | {{.FalseLeads}} | {{.Innocent}} |
{{end}}{{end}}{{end}}{{end}}
## {{T "dpia.s3"}}

{{T "dpia.s3_text"}}

### {{T "dpia.s31"}}

{{T "dpia.s31_text"}}

| {{T "dpia.col.regime"}} | {{T "dpia.col.records"}} | {{T "dpia.col.record_days"}} | {{T "dpia.col.severity"}} |
|---|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.Records}} | {{.RecordDays}} | {{.AccessSeverity}} |
{{end}}
### {{T "dpia.s32"}}

{{T "dpia.s32_text"}}

### {{T "dpia.s33"}}

{{T "dpia.s33_text"}} *{{T "dpia.to_complete_sentence"}}*

### {{T "dpia.s34"}}

| {{T "dpia.col.regime"}} | {{T "dpia.col.alerts"}} | {{T "dpia.col.false_alerts"}} | {{T "dpia.col.share_false"}} | {{T "dpia.col.innocent_stops"}} | {{T "dpia.col.per100k"}} | {{T "dpia.col.likelihood"}} |
|---|---:|---:|---:|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.Alerts}} | {{.FalseAlerts}} | {{.FalseShare}} | {{.FalseStops}} | {{.StopsPer100k}} | {{.WrongfulLikelihood}} |
{{end}}
{{T "dpia.s34_cutoffs"}}

{{T "dpia.s34_groups"}}
{{range .Regimes}}{{if .Live}}
**{{.Name}}** ({{T "dpia.differential" .Differential}})

| {{T "dpia.col.group"}} | {{T "dpia.col.fpir"}} | {{T "dpia.col.interval"}} | {{T "dpia.col.wrongful"}} | {{T "dpia.col.per100k_all"}} |
|---|---:|---:|---:|---:|
{{range .Groups}}| {{.Name}} | {{.FPIR}} | {{.CI}} | {{.FalseStops}} | {{.StopsPer100k}} |
{{end}}{{end}}{{end}}
### {{T "dpia.s35"}}

{{T "dpia.s35_text"}}

| {{T "dpia.col.regime"}} | {{T "dpia.col.visit_change"}} | {{T "dpia.col.covered"}} | {{T "dpia.col.detour"}} | {{T "dpia.col.severity"}} |
|---|---:|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.VisitChange}} | {{.CoveredShare}} | {{.ExtraKm}} | {{.ChillingSeverity}} |
{{end}}{{range .Regimes}}{{if .Chilling}}
**{{.Name}}**{{T "dpia.by_group"}}

| {{T "dpia.col.group"}} | {{T "dpia.col.activity"}} | {{T "dpia.col.planned"}} | {{T "dpia.col.made"}} | {{T "dpia.col.chilling"}} | {{T "dpia.col.interval"}} |
|---|---|---:|---:|---:|---:|
{{range .Chilling}}| {{.Group}} | {{.Kind}} | {{.Planned}} | {{.Made}} | {{.Index}} | {{.CI}} |
{{end}}{{end}}{{end}}
## {{T "dpia.s4"}}

{{T "dpia.s4_text"}} *{{T "dpia.to_complete"}}*{{if .Morocco}} {{T "dpia.s4_ma"}}{{end}}

## {{T "dpia.manifest"}}

- {{T "manifest.version"}}{{T "dpia.colon"}} {{.Manifest.VigieVersion}}
- {{T "manifest.scenario"}}{{T "dpia.colon"}} {{.Name}} (sha256 {{.Manifest.ScenarioSHA256}})
- {{T "manifest.seed"}}{{T "dpia.colon"}} {{.Seed}}
- {{T "manifest.recognizer"}}{{T "dpia.colon"}} {{.Manifest.Recognizer}}
`

// pageTemplate parses the draft with T bound to a language.
func pageTemplate(t func(key string, args ...any) string) (*template.Template, error) {
	return template.New("dpia").Funcs(template.FuncMap{"T": t}).Parse(pageMD)
}
