package output

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"

	"vigie/metrics"
)

// parquetRows is a small sweep: two points over a mixed-type parameter
// and a numeric one, a regime with two groups and one with none, and a
// missing median (null).
func parquetRows() ([]string, []SweepRow) {
	med := 42.5
	diff := 3.0
	withGroups := metrics.RegimeResult{Name: "mass", Metrics: metrics.RegimeMetrics{
		PassersBy: 1000, FacesScanned: 900, Alerts: 7, FalseAlerts: 5, MedianMinutesToLocate: &med, FPIRDifferential: &diff,
		ByGroup: []metrics.GroupMetrics{
			{Group: "women", Population: 50, FalseAlerts: 4, FPIR: 0.004, FPIRCI: [2]float64{0.001, 0.01}},
			{Group: "men", Population: 48, FalseAlerts: 1, FPIR: 0.001, FPIRCI: [2]float64{0, 0.005}},
		}}}
	none := metrics.RegimeResult{Name: "none"}
	rows := []SweepRow{
		{Point: 0, Seed: 1, Values: []any{0.56, uint64(100)}, Results: metrics.Results{Regimes: []metrics.RegimeResult{none, withGroups}}},
		{Point: 1, Seed: 2, Values: []any{0.6, 200}, Results: metrics.Results{Regimes: []metrics.RegimeResult{withGroups}}},
	}
	return []string{"regimes.mass.threshold", "regimes.mass.watchlist.size"}, rows
}

func writeParquetFile(t *testing.T) string {
	t.Helper()
	params, rows := parquetRows()
	var buf bytes.Buffer
	if err := WriteSweepParquet(&buf, params, rows); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteSweepParquet(&again, params, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same rows differ")
	}
	path := filepath.Join(t.TempDir(), "sweep.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantTidy is what any reader must find: one row per point x regime x
// group, in order.
var wantTidy = []map[string]any{
	{"point": 0.0, "seed": 1.0, "regimes.mass.threshold": 0.56, "regimes.mass.watchlist.size": 100.0, "regime": "none", "group": nil, "median_minutes_to_locate": nil},
	{"point": 0.0, "seed": 1.0, "regimes.mass.threshold": 0.56, "regimes.mass.watchlist.size": 100.0, "regime": "mass", "group": "women", "group_false_alerts": 4.0, "group_fpir_ci_high": 0.01, "median_minutes_to_locate": 42.5},
	{"point": 0.0, "seed": 1.0, "regimes.mass.threshold": 0.56, "regimes.mass.watchlist.size": 100.0, "regime": "mass", "group": "men", "group_false_alerts": 1.0, "false_alerts": 5.0},
	{"point": 1.0, "seed": 2.0, "regimes.mass.threshold": 0.6, "regimes.mass.watchlist.size": 200.0, "regime": "mass", "group": "women", "passers_by": 1000.0},
	{"point": 1.0, "seed": 2.0, "regimes.mass.threshold": 0.6, "regimes.mass.watchlist.size": 200.0, "regime": "mass", "group": "men", "fpir_differential": 3.0},
}

func checkTidy(t *testing.T, reader string, rows []map[string]any) {
	t.Helper()
	if len(rows) != len(wantTidy) {
		t.Fatalf("%s read %d rows, want %d", reader, len(rows), len(wantTidy))
	}
	for i, want := range wantTidy {
		for k, v := range want {
			if got := rows[i][k]; !reflect.DeepEqual(got, v) {
				t.Errorf("%s: row %d column %q = %#v, want %#v", reader, i, k, got, v)
			}
		}
	}
}

// asJSON turns values into what encoding/json makes of them (numbers as
// float64), so both readers compare against the same table.
func asJSON(t *testing.T, v any) []map[string]any {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSweepParquetReadByParquetGo(t *testing.T) {
	path := writeParquetFile(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(pf)
	var rows []map[string]any
	for {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			break
		}
		rows = append(rows, row)
	}
	checkTidy(t, "parquet-go", asJSON(t, rows))
}

// TestSweepParquetReadByHyparquet reads the file with hyparquet, a
// Parquet reader written independently in JavaScript (make node-deps
// installs it from package-lock.json).
func TestSweepParquetReadByHyparquet(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; `make test` installs it")
	}
	modules := os.Getenv("VIGIE_NODE_MODULES")
	if modules == "" {
		modules, _ = filepath.Abs("../../node_modules")
	}
	if _, err := os.Stat(filepath.Join(modules, "hyparquet")); err != nil {
		t.Skipf("hyparquet is not in %s: run `make node-deps` (or set VIGIE_NODE_MODULES)", modules)
	}
	path := writeParquetFile(t)
	script, _ := filepath.Abs("testdata/read_parquet.mjs")
	// Node resolves bare imports from the script's folders upwards; copy the
	// script next to the modules' parent so 'hyparquet' resolves there.
	dir := t.TempDir()
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(script)
	local := filepath.Join(dir, "read.mjs")
	if err := os.WriteFile(local, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, local, path).Output()
	if err != nil {
		t.Fatalf("hyparquet: %v", err)
	}
	var got struct {
		Columns []string         `json:"columns"`
		Rows    []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	wantCols := []string{"point", "seed", "regimes.mass.threshold", "regimes.mass.watchlist.size", "regime", "passers_by"}
	if !reflect.DeepEqual(got.Columns[:len(wantCols)], wantCols) {
		t.Errorf("columns start %q, want %q", got.Columns[:len(wantCols)], wantCols)
	}
	checkTidy(t, "hyparquet", got.Rows)
}
