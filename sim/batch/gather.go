package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vigie/internal/atomicfile"
	"vigie/metrics"
	"vigie/sim/output"
)

// ResultsFile is the file a grid point's job writes: its metrics.Results.
const ResultsFile = "results.json"

// WritePointResults writes a grid point's results into its folder, as
// compact JSON and without the city's map (half the bytes of a small
// city's results, and the same for every point of a seed): the tables and
// the report's frontier need the figures only, and the report draws the
// base run's map.
func WritePointResults(dir string, r metrics.Results) error {
	r.City = metrics.CityMap{}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, ResultsFile), append(data, '\n'))
}

// ReadPointResults reads back what WritePointResults wrote for point i.
func ReadPointResults(dir string, i int) (metrics.Results, error) {
	var r metrics.Results
	path := filepath.Join(PointDir(dir, i), ResultsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Rows reads the finished grid points' results in plan order; points not
// done are left out.
func Rows(dir string, p Plan) ([]output.SweepRow, error) {
	var rows []output.SweepRow
	for _, pt := range p.Sweep() {
		if st, _ := PointState(dir, pt.Index); st != Done {
			continue
		}
		r, err := ReadPointResults(dir, pt.Index)
		if err != nil {
			return nil, err
		}
		rows = append(rows, output.SweepRow{Point: pt.Index, Seed: pt.Seed, Values: pt.Values, Results: r})
	}
	return rows, nil
}

// WriteTables writes sweep.csv, chilling.csv and sweep.parquet into out.
func WriteTables(out string, params []string, rows []output.SweepRow) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer, []string, []output.SweepRow) error
	}{
		{"sweep.csv", output.WriteSweepCSV},
		{"chilling.csv", output.WriteChillingCSV},
		{"sweep.parquet", output.WriteSweepParquet},
	}
	for _, f := range files {
		if err := atomicfile.WriteFunc(filepath.Join(out, f.name), func(w io.Writer) error {
			return f.write(w, params, rows)
		}); err != nil {
			return err
		}
	}
	return nil
}

// CopyBase copies the base point's files (results.json, events.csv, the
// resolved scenario, the manifest...) into out, markers left out.
func CopyBase(dir string, p Plan, out string) error {
	base := p.BaseIndex()
	if base < 0 {
		return fmt.Errorf("%s: the plan has no base point", dir)
	}
	src := PointDir(dir, base)
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == DoneFile || name == RunningFile || name == ErrorFile || name[0] == '.' {
			continue
		}
		if err := copyFile(filepath.Join(src, name), filepath.Join(out, name)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	return atomicfile.WriteFunc(to, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
