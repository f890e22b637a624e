package scenarios

import (
	"strings"
	"testing"
)

// Every bundled deployment log loads, names a bundled profile and cites a
// source for every deployment.
func TestBundledDeploymentLogsLoad(t *testing.T) {
	if len(DeploymentLogs()) == 0 {
		t.Fatal("no bundled deployment log")
	}
	for _, name := range DeploymentLogs() {
		l, err := LoadDeploymentLogCase(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if l.Profile.ReferenceWatchlist == 0 {
			t.Errorf("%s: the profile was not resolved: %+v", name, l.Profile)
		}
		for _, d := range l.Deployments {
			if d.Source == "" {
				t.Errorf("%s, %s: no source", name, d.Date)
			}
		}
	}
}

// A bad log is refused with the file, line and field, and what is allowed.
func TestDeploymentLogErrors(t *testing.T) {
	const head = "case: c\nsource: s\nprofile: neoface-v4-npl2023\ndeployments:\n"
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"more false than alerts", head + "  - {date: d, faces_scanned: 10, watchlist: 5, alerts: 1, false_alerts: 2, source: s}\n",
			[]string{"log.yaml:5", "deployments[0].false_alerts", "more than alerts"}},
		{"no faces", head + "  - {date: d, faces_scanned: 0, watchlist: 5, false_alerts: 0, source: s}\n",
			[]string{"log.yaml:5", "deployments[0].faces_scanned", "allowed: 1 or more"}},
		{"unknown profile", "case: c\nsource: s\nprofile: nope\ndeployments:\n  - {date: d, faces_scanned: 1, watchlist: 5, false_alerts: 0, source: s}\n",
			[]string{"log.yaml:3", "profile", "no bundled recognizer profile"}},
		{"unknown key", head + "  - {date: d, faces: 1, watchlist: 5, false_alerts: 0, source: s}\n",
			[]string{"log.yaml:5", "unknown field"}},
		{"threshold out of range", head + "  - {date: d, faces_scanned: 1, watchlist: 5, threshold: 60, false_alerts: 0, source: s}\n",
			[]string{"deployments[0].threshold", "from 0 to 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !IsDeploymentLog([]byte(tc.yaml)) {
				t.Fatal("not recognised as a deployment log")
			}
			_, err := LoadDeploymentLog("log.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
	if IsDeploymentLog([]byte("name: x\nregimes: [none]\n")) {
		t.Error("a scenario reads as a deployment log")
	}
}
