package dpia

import "text/template"

var page = template.Must(template.New("dpia").Parse(`# Draft data-protection impact assessment: {{.Name}}

> **Draft produced by a simulation (Vigie {{.Manifest.VigieVersion}}).** Every figure below comes from a synthetic city of
> {{.Scenario.Population}} generated citizens and {{.Scenario.Cameras}} simulated cameras over {{.Scenario.Hours}} hours, with the
> ` + "`{{.Manifest.Recognizer}}`" + ` recognizer. It is a starting point for a controller's own assessment, structured after the
> CNIL's PIA method, not an assessment of any real deployment.

{{.Scenario.Description}}

## 1. The processing and its purposes

| regime | live identification | watchlist size | threshold | faces scanned | people passing a camera |
|---|---|---:|---:|---:|---:|
{{range .Regimes}}| {{.Name}} | {{if .Live}}yes{{else}}no{{end}} | {{.Watchlist}} | {{.Threshold}} | {{.Scanned}} | {{.Passers}} |
{{end}}
{{range .Regimes}}- **{{.Name}}**: {{.Description}}
{{end}}
- **Data processed**: facial images captured in publicly accessible spaces and the biometric templates computed from them,
  which are special-category data (GDPR Art. 9(1)); watchlist images; alerts, review decisions and stops.
- **Purpose**: locating persons on a watchlist (suspects, missing persons and victims, as each regime's watchlist states).
- **Controller, processors, recipients**: *to be completed by the controller.*

## 2. Necessity and proportionality

- **Legal basis**: real-time remote biometric identification in publicly accessible spaces for law enforcement is prohibited
  by the EU AI Act, Art. 5(1)(h), except for targeted searches for victims and missing persons, the prevention of a specific,
  substantial and imminent threat to life or of a terrorist attack, and locating suspects of listed serious crimes, each with
  prior judicial or independent authorisation. Post ("retrospective") identification is high-risk and needs authorisation for
  targeted use. *The controller states here which exception applies.*
- **Minimisation**: how many faces each regime scans for each wanted person it locates, and what it keeps:

| regime | faces scanned | wanted located / on the list | faces scanned per person located | records kept | longest retention (days) | record-days |
|---|---:|---:|---:|---:|---:|---:|
{{range .Regimes}}| {{.Name}} | {{.Scanned}} | {{.Located}} / {{.Wanted}} | {{.ScannedPerLocated}} | {{.Records}} | {{.RetentionDays}} | {{.RecordDays}} |
{{end}}
- **Information of the people concerned**: signage and publicity are regime levers; under a regime without signage people
  cannot know they are scanned, which weighs against proportionality.

## 3. Risks to people

The PIA method rates each risk's severity and likelihood as negligible, limited, significant or maximum. The levels below
are set mechanically from the simulated figures by stated cut-offs, for the controller to review.

### 3.1 Illegitimate access to data

Severity grows with the person-location records held and for how long (record-days: under 1 negligible, under 10,000
limited, under 1,000,000 significant, above that maximum).

| regime | records kept | record-days | severity |
|---|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.Records}} | {{.RecordDays}} | {{.AccessSeverity}} |
{{end}}
### 3.2 Unwanted modification of data

A watchlist entry altered or wrongly added turns every later sighting of that person into an alert. The simulation does not
model tampering; the controller states the integrity controls on the watchlist and the audit trail of alerts.

### 3.3 Disappearance of data

Lost alert and review records make wrongful stops impossible to contest. *To be completed by the controller.*

### 3.4 Wrongful identification

| regime | alerts | false alerts | share false | innocent people stopped | per 100,000 innocent passers-by | likelihood |
|---|---:|---:|---:|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.Alerts}} | {{.FalseAlerts}} | {{.FalseShare}} | {{.FalseStops}} | {{.StopsPer100k}} | {{.WrongfulLikelihood}} |
{{end}}
Likelihood cut-offs, wrongful stops per 100,000 innocent passers-by: under 1 negligible, under 10 limited, under 100 significant.

False positive identification rate per face scanned, by group (95% Wilson interval), and wrongful stops:
{{range .Regimes}}{{if .Live}}
**{{.Name}}** (max/min differential between groups: {{.Differential}})

| group | false positive identification rate | 95% interval | wrongful stops | per 100,000 passers-by |
|---|---:|---:|---:|---:|
{{range .Groups}}| {{.Name}} | {{.FPIR}} | {{.CI}} | {{.FalseStops}} | {{.StopsPer100k}} |
{{end}}{{end}}{{end}}
### 3.5 Chilling of lawful activity

People who feel watched stay away from demonstrations, places of worship and clinics. The chilling index is the share of
planned visits not made (the none regime makes them all). Severity cut-offs, drop in sensitive visits: under 0.5%
negligible, under 5% limited, under 15% significant. The behaviour model's parameters are assumptions calibrated to online
evidence (Penney 2016); physical-world evidence is thin.

| regime | change in sensitive visits | faces covered | detour walked (km) | severity |
|---|---:|---:|---:|---|
{{range .Regimes}}| {{.Name}} | {{.VisitChange}} | {{.CoveredShare}} | {{.ExtraKm}} | {{.ChillingSeverity}} |
{{end}}{{range .Regimes}}{{if .Chilling}}
**{{.Name}}**, by group and activity:

| group | activity | planned | made | chilling index | 95% interval |
|---|---|---:|---:|---:|---:|
{{range .Chilling}}| {{.Group}} | {{.Kind}} | {{.Planned}} | {{.Made}} | {{.Index}} | {{.CI}} |
{{end}}{{end}}{{end}}
## 4. Measures

Levers the simulation shows the effect of, to be weighed regime by regime: human review before any stop (operators passed
about half of false alerts in the Essex review of the Met's trials); a stricter or per-group threshold; a smaller,
serious-offence-only watchlist; live use only at named places and hours after prior authorisation; deleting non-matches at
once; short retention; signage. Organisational and technical measures (access control, logging, encryption, training,
audit of the watchlist) are *to be completed by the controller.*

## Manifest

- Vigie version: {{.Manifest.VigieVersion}}
- Scenario: {{.Name}} (sha256 {{.Manifest.ScenarioSHA256}})
- Seed: {{.Manifest.Seed}}
- Recognizer: {{.Manifest.Recognizer}}
`))
