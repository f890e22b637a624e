package output

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/metrics"
)

// report is a recognizer report with two fits of different families (so the
// parameter columns differ) and two regimes x two groups of rates; the
// group name holds a comma and a quote, as a user's YAML may.
func report() *metrics.RecognizerReport {
	odd := `Monk "8-10", darker`
	return &metrics.RecognizerReport{Mode: "fitted", Scale: metrics.ScaleDistance, FaceSource: metrics.FacesGenerated,
		Fits: []metrics.ScoreFit{
			{Group: "Monk 1-3", Bin: "px80-200/yaw0-20/day", Detected: metrics.NewRate(98, 100),
				Genuine:  metrics.DistFit{Family: "lognormal", Params: map[string]float64{"mu": -1.5, "sigma": 0.25}, N: 98, Mean: 0.23, SD: 0.06, KS: 0.04, KSP: 0.9},
				Impostor: metrics.DistFit{Family: "normal", Params: map[string]float64{"mu": 0.52, "sigma": 0.07}, N: 970, Mean: 0.52, SD: 0.07, KS: 0.02, KSP: 0.8}},
			{Group: odd, Bin: "px40-80/yaw20-45/night", Detected: metrics.NewRate(60, 100),
				Genuine:  metrics.DistFit{Family: "gamma", Params: map[string]float64{"shape": 9, "rate": 40}, N: 60, Mean: 0.225, SD: 0.075, KS: 0.08, KSP: 0.4},
				Impostor: metrics.DistFit{Family: "", N: 0, Mean: math.NaN()}},
		},
		Groups: []metrics.GroupRates{
			{Regime: "mass", Group: "Monk 1-3", Threshold: 0.45, FMR: metrics.NewRate(3, 1000), FPIR: 0.01, FNIR: 0.1, PublishedFMR: 1e-5, PublishedFPIR: 1e-3},
			{Regime: "mass", Group: odd, Threshold: 0.45, FMR: metrics.NewRate(12, 1000), FPIR: 0.04, FNIR: 0.2, PublishedFMR: 3e-5, PublishedFPIR: 3e-3},
			{Regime: "targeted", Group: "Monk 1-3", Threshold: 0.4, FMR: metrics.NewRate(0, 1000), PublishedFMR: 1e-6},
			{Regime: "targeted", Group: odd, Threshold: 0.4, FMR: metrics.NewRate(1, 1000), PublishedFMR: 3e-6},
		}}
}

// table reads a CSV back into maps from column to cell.
func table(t *testing.T, data []byte) (header []string, rows []map[string]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	header = recs[0]
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, c := range r {
			row[header[i]] = c
		}
		rows = append(rows, row)
	}
	return header, rows
}

func TestFitsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFitsCSV(&buf, report()); err != nil {
		t.Fatal(err)
	}
	header, rows := table(t, buf.Bytes())
	if want := "param_mu,param_rate,param_shape,param_sigma"; !strings.HasSuffix(strings.Join(header, ","), want) {
		t.Errorf("header %v does not end with the union of parameters %s", header, want)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4 (2 cells x genuine, impostor)", len(rows))
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{0, "distribution", "genuine"},
		{0, "family", "lognormal"},
		{0, "param_mu", "-1.5"},
		{0, "param_shape", "NA"},
		{1, "distribution", "impostor"},
		{1, "n", "970"},
		{1, "detected", "98"},
		{1, "captures", "100"},
		{2, "group", `Monk "8-10", darker`},
		{2, "param_shape", "9"},
		{2, "param_mu", "NA"},
		{2, "detected_share", "0.6"},
		{3, "family", "NA"},
		{3, "mean", "NA"},
		{3, "recognizer", "fitted"},
		{3, "face_source", "generated"},
	}
	for _, tt := range tests {
		if got := rows[tt.row][tt.col]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
}

func TestGroupRatesCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGroupRatesCSV(&buf, report()); err != nil {
		t.Fatal(err)
	}
	_, rows := table(t, buf.Bytes())
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4 (2 regimes x 2 groups)", len(rows))
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{1, "regime", "mass"},
		{1, "group", `Monk "8-10", darker`},
		{1, "scale", "distance"},
		{1, "threshold", "0.45"},
		{1, "false_matches", "12"},
		{1, "impostor_pairs", "1000"},
		{1, "fmr", "0.012"},
		{1, "published_fmr", "3e-05"},
		{2, "fmr", "0"},
		{2, "fmr_ci_low", "0"},
	}
	for _, tt := range tests {
		if got := rows[tt.row][tt.col]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
	if hi := rows[2]["fmr_ci_high"]; hi == "0" || hi == "NA" {
		t.Errorf("no false match in 1,000 pairs should still have an upper bound above 0, got %s", hi)
	}
}

// Write puts the two files beside results.json only for a recognizer that
// reported, and removes them when a later run into the same folder has none.
func TestWriteRecognizerFiles(t *testing.T) {
	dir := t.TempDir()
	rep := report()
	rep.Fits[1].Impostor.Mean = 0 // JSON has no NaN
	res := metrics.Results{Recognizer: rep}
	if err := Write(dir, Run{Results: res}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FitsCSV, GroupRatesCSV} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s missing: %v", f, err)
		}
	}
	var first []byte
	first, _ = os.ReadFile(filepath.Join(dir, FitsCSV))
	if err := Write(dir, Run{Results: res}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, FitsCSV)); !bytes.Equal(first, again) {
		t.Error("the same results wrote different bytes")
	}
	if err := Write(dir, Run{Results: metrics.Results{}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FitsCSV, GroupRatesCSV} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s left behind by a run without a recognizer report", f)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
