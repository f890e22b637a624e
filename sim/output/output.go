// Package output writes a run's files into its output folder: results.json,
// events.csv, scenario.resolved.yaml, manifest.json, fits.csv and
// group_rates.csv when the recognizer ran the real pipeline, days.csv for
// runs of several days, and, for sweeps, sweep.csv; gallery.csv and
// data_flows.csv when a regime searches a scraped gallery or says where its
// data go. Each file is written atomically; vigie run writes them into an
// atomicfile.Set's staging folder, so that the whole set is swapped in at
// once and a reader never sees files of two runs side by side.
package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vigie/internal/atomicfile"
	"vigie/metrics"
)

// Run is what one run writes.
type Run struct {
	Results  metrics.Results
	Resolved []byte
	// Events streams events.csv; nil writes none.
	Events func(w io.Writer) error
}

// Write writes a run's files into dir, creating it if needed.
func Write(dir string, r Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	if r.Events != nil {
		if err := atomicfile.WriteFunc(filepath.Join(dir, "events.csv"), r.Events); err != nil {
			return err
		}
	}
	if err := writeRecognizer(dir, r.Results.Measured()); err != nil {
		return err
	}
	if err := writeDays(dir, r.Results); err != nil {
		return err
	}
	if err := writeGalleries(dir, r.Results); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(dir, "results.json"), r.Results); err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(dir, "scenario.resolved.yaml"), r.Resolved); err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "manifest.json"), r.Results.Manifest)
}

func writeJSON(path string, v any) error {
	data, err := metrics.IndentedJSON(v)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data)
}

// WriteJSON writes v as indented JSON, atomically.
func WriteJSON(path string, v any) error { return writeJSON(path, v) }
