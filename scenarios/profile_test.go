package scenarios

import (
	"strings"
	"testing"

	"vigie/sim/recognizer"
)

// Every bundled profile loads strictly, is named as its file, passes the
// scenario checks, and gives each multiplier a range holding its value.
func TestBundledProfiles(t *testing.T) {
	names := ProfileNames()
	if len(names) < 2 || names[0] != DefaultProfile {
		t.Fatalf("profiles %v: want the default first and at least one other", names)
	}
	for _, name := range names {
		p, err := Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		c := &checker{}
		checkProfile(c, "profile", p)
		if len(c.errs) > 0 {
			t.Errorf("%s: %+v", name, c.errs)
		}
		for i, m := range append([]recognizer.Multiplier{p.FemaleFMR}, p.ToneFMR[:]...) {
			if m.Value < m.Range[0] || m.Value > m.Range[1] || m.Source == "" {
				t.Errorf("%s: multiplier %d = %g outside its range %v or without a source", name, i, m.Value, m.Range)
			}
		}
		if p.Source == "" || len(p.Sources) == 0 || len(p.Points) == 0 {
			t.Errorf("%s: a profile names its sources and published points", name)
		}
	}
}

func TestProfileByNameInlineAndSwept(t *testing.T) {
	base := "name: p\nregimes: [mass]\n"
	sc, err := LoadBytes("p.yaml", []byte(base+"recognizer: {profile: older-algorithm-nistir8280}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := sc.File.Recognizer.Profile; p.Name != "older-algorithm-nistir8280" || p.FPIR != 0.001 || p.ToneFMR[2].Value != 10 {
		t.Errorf("profile by name resolved to %+v", p)
	}
	if _, err := LoadBytes("p.yaml", []byte(base+"recognizer:\n  profile: no-such-system\n")); err == nil ||
		!strings.Contains(err.Error(), "p.yaml:4:12") || !strings.Contains(err.Error(), "neoface-v4-npl2023") {
		t.Errorf("unknown profile: %v", err)
	}
	// Written out, a profile starts from the default and changes what it says.
	sc, err = LoadBytes("p.yaml", []byte(base+"recognizer:\n  profile:\n    name: mine\n    fpir: 0.001\n    female_fmr: {value: 4, range: [2, 5]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := sc.File.Recognizer.Profile; p.Name != "mine" || p.FPIR != 0.001 || p.FemaleFMR.Value != 4 || p.TPIR != 0.89 {
		t.Errorf("inline profile: %+v", p)
	}
	if _, err := LoadBytes("p.yaml", []byte(base+"recognizer:\n  profile:\n    name: mine\n    female_fmr: {value: 4, range: [5, 2]}\n")); err == nil ||
		!strings.Contains(err.Error(), "recognizer.profile.female_fmr.range") {
		t.Errorf("a range running backwards: %v", err)
	}
	// Sweeps vary a profile's multipliers and slope by path.
	sc, err = LoadBytes("p.yaml", []byte(base+`sweep:
  parameters:
    - {path: recognizer.profile.tone_fmr.2.value, values: [1, 3]}
    - {path: recognizer.profile.fmr_decade, values: [0.02, 0.04]}
`))
	if err != nil {
		t.Fatal(err)
	}
	pts, err := sc.Points()
	if err != nil {
		t.Fatal(err)
	}
	last := pts[len(pts)-1].Scenario.File.Recognizer.Profile
	if len(pts) != 4 || last.ToneFMR[2].Value != 3 || last.FMRDecade != 0.04 || last.Name != DefaultProfile {
		t.Errorf("swept profile: %d points, last %+v", len(pts), last)
	}
}
