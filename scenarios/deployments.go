package scenarios

import (
	"bytes"
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"

	"vigie/sim/recognizer"
)

//go:embed deployments/*.yaml
var deploymentFiles embed.FS

// DeploymentLogs lists the bundled deployment logs (vigie validate replays
// them) by name.
func DeploymentLogs() []string {
	entries, _ := deploymentFiles.ReadDir("deployments")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// LoadDeploymentLogCase loads a bundled deployment log by name.
func LoadDeploymentLogCase(name string) (*recognizer.DeploymentLog, error) {
	data, err := deploymentFiles.ReadFile("deployments/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no bundled deployment log %q (logs: %s)", name, strings.Join(DeploymentLogs(), ", "))
	}
	return LoadDeploymentLog("builtin:deployments/"+name, data)
}

// IsDeploymentLog says whether YAML text is a deployment log rather than a
// scenario: a mapping with a top-level deployments key.
func IsDeploymentLog(data []byte) (is bool) {
	defer func() {
		if recover() != nil {
			is = false
		}
	}()
	f, err := parser.Parse(lexer.Tokenize(string(bytes.TrimPrefix(data, utf8BOM))), 0)
	if err != nil || len(f.Docs) != 1 {
		return false
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return false
	}
	for _, kv := range m.Values {
		if kv.Key != nil && kv.Key.String() == "deployments" {
			return true
		}
	}
	return false
}

// LoadDeploymentLog reads a deployment log strictly: unknown keys, values
// out of range and a profile name that is not bundled are errors naming
// the file, line and field.
func LoadDeploymentLog(source string, data []byte) (log *recognizer.DeploymentLog, err error) {
	defer func() {
		if r := recover(); r != nil {
			log, err = nil, &Error{File: source, Msg: fmt.Sprintf("cannot be read as YAML (%v)", r)}
		}
	}()
	astFile, err := parser.Parse(lexer.Tokenize(string(bytes.TrimPrefix(data, utf8BOM))), 0)
	if err != nil {
		return nil, yamlError(source, nil, err)
	}
	if len(astFile.Docs) != 1 || astFile.Docs[0].Body == nil {
		return nil, &Error{File: source, Line: 1, Column: 1, Msg: "a deployment log holds exactly one YAML document, a mapping"}
	}
	var l recognizer.DeploymentLog
	if err := yaml.NodeToValue(astFile.Docs[0].Body, &l, yaml.Strict()); err != nil {
		return nil, yamlError(source, astFile, err)
	}
	doc := &document{source: source, file: astFile}
	c := &checker{}
	if _, named := doc.node("profile").(*ast.StringNode); named && doc.has("profile") {
		p, err := Profile(l.Profile.Name)
		if err != nil {
			c.add("profile", "%s", err.Error())
		}
		l.Profile = p
	} else {
		checkProfile(c, "profile", l.Profile)
		if l.Profile.ReferenceWatchlist < 1 || l.Profile.FPIR <= 0 || l.Profile.FMRDecade <= 0 {
			c.add("profile", "is incomplete; allowed: a bundled profile's name (vigie recognizers lists them) or a profile with reference_threshold, reference_watchlist, fpir and fmr_decade")
		}
	}
	checkDeploymentLog(c, &l)
	if errs := doc.locate(c.errs); len(errs) > 0 {
		return nil, errs
	}
	return &l, nil
}

func checkDeploymentLog(c *checker, l *recognizer.DeploymentLog) {
	if l.Case == "" {
		c.add("case", "is missing; allowed: the case's name")
	}
	if l.Source == "" {
		c.add("source", "is missing; allowed: where the figures were published, with dates")
	}
	if len(l.Deployments) == 0 {
		c.add("deployments", "is empty; allowed: at least one deployment")
	}
	for i, d := range l.Deployments {
		p := fmt.Sprintf("deployments[%d]", i)
		switch {
		case d.Date == "":
			c.add(p+".date", "is missing; allowed: the deployment's date as published")
		case d.Source == "":
			c.add(p+".source", "is missing; allowed: where this deployment's figures were published")
		}
		if d.FacesScanned < 1 {
			c.add(p+".faces_scanned", "is %d; allowed: 1 or more (the faces the system compared with the watchlist)", d.FacesScanned)
		}
		if d.Watchlist < 1 {
			c.add(p+".watchlist", "is %d; allowed: 1 or more images", d.Watchlist)
		}
		if d.Threshold < 0 || d.Threshold > 1 {
			c.add(p+".threshold", "is %g; allowed: a similarity from 0 to 1, or leave it out when not published", d.Threshold)
		}
		if d.FalseAlerts < 0 {
			c.add(p+".false_alerts", "is %d; allowed: 0 or more", d.FalseAlerts)
		}
		if d.Alerts != nil && d.FalseAlerts > *d.Alerts {
			c.add(p+".false_alerts", "is %d, more than alerts (%d); allowed: at most the alerts, since false alerts are among them", d.FalseAlerts, *d.Alerts)
		}
		for field, v := range map[string]*int{"alerts": d.Alerts, "stops": d.Stops, "arrests": d.Arrests} {
			if v != nil && *v < 0 {
				c.add(p+"."+field, "is %d; allowed: 0 or more", *v)
			}
		}
		if d.Hours < 0 {
			c.add(p+".hours", "is %g; allowed: 0 or more", d.Hours)
		}
	}
}

// LoadCase reads a validation case from a file: a scenario with a
// validation section, or a deployment log; exactly one result is non-nil.
func LoadCase(path string) (*Scenario, *recognizer.DeploymentLog, error) {
	data, err := readScenario(path)
	if err != nil {
		if _, ok := err.(*Error); ok {
			return nil, nil, err
		}
		return nil, nil, &Error{File: path, Msg: err.Error()}
	}
	if IsDeploymentLog(data) {
		l, err := LoadDeploymentLog(path, data)
		return nil, l, err
	}
	sc, err := LoadBytes(path, data)
	return sc, nil, err
}
