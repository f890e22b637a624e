package main

import (
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/city/faces"
	"vigie/sim/faceaudit"
)

func TestFacesSampleWritesImagesAndCSV(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := vigie(t, nil, "faces", "sample", "--n", "2", "--captures", "2", "--condition", "cctv-day", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "faces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want header + 4", len(rows))
	}
	want := []string{"file", "identity", "seed", "age", "sex", "skin_tone", "face_px", "yaw", "pitch", "roll", "light"}
	for i, w := range want {
		if rows[0][i] != w {
			t.Errorf("column %d is %q, want %q", i, rows[0][i], w)
		}
	}
	if len(rows[0]) != 16+2*68 {
		t.Errorf("%d columns, want %d", len(rows[0]), 16+2*68)
	}
	for _, r := range rows[1:] {
		img, err := os.Open(filepath.Join(dir, r[0]))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(img)
		img.Close()
		if err != nil || cfg.Width != 320 || cfg.Height != 320 {
			t.Errorf("%s: %v %dx%d", r[0], err, cfg.Width, cfg.Height)
		}
	}
}

func TestFacesSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 100 faces")
	}
	out := filepath.Join(t.TempDir(), "sheet.png")
	if _, stderr, code := vigie(t, nil, "faces", "sheet", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width != 1280 || cfg.Height != 1280 {
		t.Errorf("sheet: %v %dx%d", err, cfg.Width, cfg.Height)
	}
}

func TestFacesGenBadInput(t *testing.T) {
	cases := [][]string{
		{"faces", "sample", "--n", "0", "--out", t.TempDir()},
		{"faces", "sample", "--n", "1"},
		{"faces", "sample", "--n", "1", "--condition", "moonlight", "--out", t.TempDir()},
		{"faces", "sheet"},
		{"faces", "audit", "--n", "3"},
	}
	for _, c := range cases {
		if _, _, code := vigie(t, nil, c...); code != 2 {
			t.Errorf("%v: exit %d, want 2", c, code)
		}
	}
}

// TestSampleDrawsThePopulation checks the sample's attribute draws without
// rendering: over many identities of the default population, both sexes,
// every skin-tone band and children to the old appear in their shares;
// the same seed gives the same people whatever the sample size; the flags
// fix or bound what they name and leave the rest as drawn.
func TestSampleDrawsThePopulation(t *testing.T) {
	d, err := newSampleDraw("default", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	const n = 4000
	women, bands, minors := 0, [3]int{}, 0
	all := make([]faces.Attributes, n)
	for i := range all {
		a, err := d.attrs(1, i)
		if err != nil {
			t.Fatal(err)
		}
		all[i] = a
		if a.Sex == faces.Female {
			women++
		}
		switch {
		case a.MonkTone <= 3:
			bands[0]++
		case a.MonkTone <= 7:
			bands[1]++
		default:
			bands[2]++
		}
		if a.Age < 18 {
			minors++
		}
	}
	// the default scenario: half women, tones 20/60/20% in Monk 1-3,
	// 4-7 and 8-10, a quarter under 18
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"women", float64(women) / n, 0.5},
		{"Monk 1-3", float64(bands[0]) / n, 0.2},
		{"Monk 4-7", float64(bands[1]) / n, 0.6},
		{"Monk 8-10", float64(bands[2]) / n, 0.2},
		{"under 18", float64(minors) / n, 0.25},
	} {
		if c.got < c.want-0.03 || c.got > c.want+0.03 {
			t.Errorf("%s: share %.3f, want about %.2f", c.name, c.got, c.want)
		}
	}
	// ten identities are not all of one sex
	ten := map[faces.Sex]int{}
	for _, a := range all[:10] {
		ten[a.Sex]++
	}
	if len(ten) != 2 {
		t.Errorf("the first ten identities are all %v", all[0].Sex)
	}
	// the draw depends on the seed and the index only
	if a, _ := d.attrs(1, 7); a != all[7] {
		t.Errorf("identity 7 drawn twice: %+v then %+v", all[7], a)
	}
	if a, _ := d.attrs(2, 7); a == all[7] {
		t.Logf("identity 7 is the same under seeds 1 and 2 (%+v): possible but worth a look", a)
	}
	fixed, err := newSampleDraw("default", "male", "30-40", "9")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		a, err := fixed.attrs(1, i)
		if err != nil {
			t.Fatal(err)
		}
		if a.Sex != faces.Male || a.Age < 30 || a.Age > 40 || a.MonkTone != 9 {
			t.Fatalf("identity %d: %+v, want male, 30-40, tone 9", i, a)
		}
	}
}

func TestSampleFlagsRejectBadValues(t *testing.T) {
	for _, c := range [][]string{
		{"--sex", "other"}, {"--age", "0"}, {"--age", "40-30"}, {"--age", "x"},
		{"--tone", "11"}, {"--tone", "2-"}, {"--scenario", "no-such-scenario"},
	} {
		args := append([]string{"faces", "sample", "--n", "1", "--out", t.TempDir()}, c...)
		_, stderr, code := vigie(t, nil, args...)
		if code != 2 || !strings.Contains(stderr, c[0]) && c[0] != "--scenario" {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming the flag", c, code, stderr)
		}
	}
}

// faces audit's exit says which failing gates are known gaps, and a new
// failure is named as not one.
func TestGatesVerdictNamesKnownGaps(t *testing.T) {
	gate := func(name string, pass bool) faceaudit.Gate { return faceaudit.Gate{Name: name, Pass: pass} }
	cases := []struct {
		name      string
		gates     []faceaudit.Gate
		note, err string // "" = none expected
	}{
		{"all hold", []faceaudit.Gate{gate("identity", true), gate("sex", true)}, "", ""},
		{"a known gap", []faceaudit.Gate{gate("identity", false), gate("sex", true)}, "Known gap, listed in the README's \"Known gaps\": identity. faces audit exits 1 while it lasts.", "realism gate not reached: identity, a known gap"},
		{"a new failure", []faceaudit.Gate{gate("identity", false), gate("sex", false)}, "Known gap,", "not known gaps: sex"},
		{"nothing measured", nil, "", "no realism gate was measured"},
	}
	for _, c := range cases {
		var out strings.Builder
		err := gatesVerdict(&out, &faceaudit.Report{Gates: c.gates})
		if (c.note == "") != (out.Len() == 0) || !strings.Contains(out.String(), c.note) {
			t.Errorf("%s: printed %q, want %q", c.name, out.String(), c.note)
		}
		if (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		}
	}
}
