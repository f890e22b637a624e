package output

import (
	"bytes"
	"testing"

	"vigie/metrics"
)

// Names from a shared scenario reach every CSV; a cell starting with =, +,
// - or @ must not run as a formula in a spreadsheet, while numbers such as
// -0.5 stay numbers for pandas and R.
func TestCSVCellsCannotRunAsFormulas(t *testing.T) {
	evil := `=HYPERLINK("http://x","y")`
	rows := []SweepRow{{Point: 0, Seed: 1, Values: []any{-0.5, "+cmd"}, Results: metrics.Results{Regimes: []metrics.RegimeResult{{
		Name: "mass",
		Behaviour: metrics.Behaviour{Chilling: []metrics.ChillingCell{
			{Group: evil, Kind: "@demo", Planned: 10, Made: 8, Index: -0.25}}},
	}}}}}
	params := []string{"behaviour.heard_household", "-path"}

	var sweep, chilling bytes.Buffer
	if err := WriteSweepCSV(&sweep, params, rows); err != nil {
		t.Fatal(err)
	}
	if err := WriteChillingCSV(&chilling, params, rows); err != nil {
		t.Fatal(err)
	}
	header, srows := table(t, sweep.Bytes())
	if header[3] != "'-path" || srows[0]["behaviour.heard_household"] != "-0.5" || srows[0]["'-path"] != "'+cmd" {
		t.Errorf("sweep.csv: header %q, row %v", header, srows[0])
	}
	_, crows := table(t, chilling.Bytes())
	c := crows[0]
	if c["group"] != "'"+evil || c["activity"] != "'@demo" || c["behaviour.heard_household"] != "-0.5" || c["chilling_index"] != "-0.25" {
		t.Errorf("chilling.csv row %v", c)
	}

	rep := report()
	rep.Groups[0].Group, rep.Fits[0].Group = evil, evil
	var rates, fits bytes.Buffer
	if err := WriteGroupRatesCSV(&rates, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteFitsCSV(&fits, rep); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"group_rates.csv": rates.Bytes(), "fits.csv": fits.Bytes()} {
		_, rs := table(t, data)
		if rs[0]["group"] != "'"+evil {
			t.Errorf("%s: group cell %q, want %q", name, rs[0]["group"], "'"+evil)
		}
	}
}
