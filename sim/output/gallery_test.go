package output

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"vigie/metrics"
)

// galleryResults is a run with a scraped-gallery regime beside one
// without, the first with a data section.
func galleryResults() metrics.Results {
	g := &metrics.GalleryResult{Size: 1e10, Days: 365, Searches: 20, Rank1: metrics.NewRate(15, 20), Top10: metrics.NewRate(16, 20),
		Identified: metrics.NewRate(8, 20), FalseLeads: 6, InnocentResidents: 5, ResidentsHeld: 130, HeldWithoutBasis: 120,
		ErasureRequested: 12, ErasureHonoured: 10, ExpectedRank1: 0.77, ExpectedIdentified: 0.39, ExpectedFalseLeads: 0.31,
		ByGroup: []metrics.GalleryGroup{{Group: "a", Population: 100, ResidentsHeld: 70, Searches: 12, FalseLeads: 4, InnocentResidents: 3},
			{Group: "b, \"c\"", Population: 100, ResidentsHeld: 60, Searches: 8, FalseLeads: 2, InnocentResidents: 2}}}
	d := &metrics.DataFlow{Operator: "=police", Supplier: "Vendor", Hosting: "foreign-cloud", Country: "us",
		Records: []metrics.DataRecords{{Kind: metrics.RecordsCamera, Hosting: "police", Count: 900}, {Kind: metrics.RecordsScraped, Hosting: "foreign-cloud", Country: "us", Count: 120}}}
	return metrics.Results{Scenario: metrics.ScenarioInfo{Population: 200},
		Regimes: []metrics.RegimeResult{{Name: "none"}, {Name: "scrape", Gallery: g, Data: d}}}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// gallery.csv and data_flows.csv are written with a gallery and removed by
// a later run without one; group rows add up to the "all" row; a cell
// that could read as a formula is neutralised.
func TestGalleryCSVs(t *testing.T) {
	dir := t.TempDir()
	if err := writeGalleries(dir, galleryResults()); err != nil {
		t.Fatal(err)
	}
	g := readCSV(t, filepath.Join(dir, GalleryCSV))
	if len(g) != 4 || g[0][0] != "regime" || g[3][1] != "all" || g[1][8] != "12" || g[2][8] != "8" || g[3][8] != "20" ||
		g[3][7] != "120" || g[3][14] != "12" || g[3][15] != "10" || g[1][14] != "NA" || g[2][1] != "b, \"c\"" {
		t.Errorf("gallery.csv: %q", g)
	}
	d := readCSV(t, filepath.Join(dir, DataFlowsCSV))
	if len(d) != 3 || d[1][5] != "camera-records" || d[1][6] != "police" || d[2][7] != "us" || d[2][8] != "120" || strings.HasPrefix(d[1][1], "=") {
		t.Errorf("data_flows.csv: %q", d)
	}
	if err := writeGalleries(dir, metrics.Results{Regimes: []metrics.RegimeResult{{Name: "none"}}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{GalleryCSV, DataFlowsCSV} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("%s stays beside a run without a gallery", f)
		}
	}
}

// sweep.csv and sweep.parquet carry the gallery's columns: values for a
// gallery regime, NA or null for one without.
func TestSweepCarriesGalleryColumns(t *testing.T) {
	rows := []SweepRow{{Point: 0, Seed: 1, Values: []any{0.5}, Results: galleryResults()}}
	params := []string{"regimes.scrape.scraped_gallery.reviewer_error"}
	var b bytes.Buffer
	if err := WriteSweepCSV(&b, params, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	k, ok := col["gallery_expected_false_leads_per_search"]
	if !ok || recs[1][k] != "NA" || recs[2][k] != "0.31" || recs[2][col["gallery_innocent_residents_investigated"]] != "5" {
		t.Errorf("sweep.csv gallery columns: %q", recs)
	}
	var pb bytes.Buffer
	if err := WriteSweepParquet(&pb, params, rows); err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(pb.Bytes()), int64(pb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(pf)
	var got []map[string]any
	for {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			break
		}
		got = append(got, row)
	}
	if len(got) < 2 || got[0]["gallery_searches"] != nil || got[len(got)-1]["gallery_searches"] != int64(20) {
		t.Errorf("sweep.parquet gallery_searches: first %v, last %v", got[0]["gallery_searches"], got[len(got)-1]["gallery_searches"])
	}
}
