package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"vigie/metrics"
	"vigie/scenarios"
	"vigie/viz/report"
)

func init() {
	var in, out, lang string
	var noPNG bool
	cmd := &cobra.Command{
		Use:   "export --in DIR [--out DIR]",
		Short: "Write report.html and a PNG of each chart from an existing results.json",
		Long: `Read DIR/results.json (written by vigie run) and write report.html, a single
offline page, and one PNG per chart (rendered by headless Chromium) into --out
(default: the same folder).`,
		Args: inputArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				out = in
			}
			if err := report.CheckLang(lang); err != nil {
				return badInput(fmt.Errorf("--lang: %w", err))
			}
			res, err := readResults(filepath.Join(in, "results.json"))
			if err != nil {
				return badInput(err)
			}
			return writeReport(cmd.Context(), out, res, report.Options{Lang: lang}, !noPNG, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&in, "in", filepath.Join("out", scenarios.DefaultScenario), "folder holding results.json (vigie run writes out/<scenario name>)")
	cmd.Flags().StringVar(&out, "out", "", "folder to write into (default: --in)")
	cmd.Flags().BoolVar(&noPNG, "no-png", false, "write report.html only")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the report and pictures: en (the default) or fr")
	rootCmd.AddCommand(cmd)
}

// readResults reads and checks a results.json document.
func readResults(path string) (metrics.Results, error) {
	var res metrics.Results
	b, err := os.ReadFile(path)
	if err != nil {
		return res, fmt.Errorf("%w (run vigie run --out DIR first, then vigie export --in DIR)", err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, fmt.Errorf("%s: not a Vigie results.json: %w", path, err)
	}
	if res.SchemaVersion != metrics.SchemaVersion {
		return res, fmt.Errorf("%s: schema_version %d, this vigie reads version %d (re-run vigie run)", path, res.SchemaVersion, metrics.SchemaVersion)
	}
	return res, nil
}

// writeReport writes report.html and, when pictures is set, one PNG per
// chart, into dir.
func writeReport(ctx context.Context, dir string, res metrics.Results, o report.Options, pictures bool, stdout io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	page := filepath.Join(dir, "report.html")
	if err := report.Write(page, res, o); err != nil {
		return err
	}
	files := []string{page}
	if pictures {
		pngs, err := report.WritePNGs(ctx, dir, res, o)
		if err != nil {
			return err
		}
		files = append(files, pngs...)
	}
	if stdout != nil {
		fmt.Fprintf(stdout, "Wrote %s\n", strings.Join(files, ", "))
	}
	return nil
}
