package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"vigie/scenarios"
	"vigie/viz/explore"
	"vigie/viz/i18n"
	"vigie/viz/report"
)

type exploreFlags struct {
	out  string
	seed uint64
	lang string
}

func init() {
	var f exploreFlags
	cmd := &cobra.Command{
		Use:   "explore [SCENARIO.yaml | NAME]",
		Short: "Write an offline page in which the simulation reruns in the browser as the reader changes its settings",
		Long: `Write one HTML page (by default out/<scenario name>/explore.html) in which the
simulation engine, compiled to WebAssembly from vigie's own packages, reruns the
scenario's city whenever the reader changes a control: the regimes compared, the
number of citizens and of cameras in each placement, and, for every regime, the
match threshold, watchlist size, human review, publicity and hours of live scanning.
The page shows the report's summary, table and charts for each rerun, and can
download its results.json and the scenario it ran: vigie run of that scenario
writes the same results.json, byte for byte.

The page needs no network and makes no request. Only the published-rates
recognizer runs in a browser: a scenario whose recognizer.mode runs the face
pipeline is refused, and recognizer.pipeline.measure and a sweep section are
left out (the page says so, and the controls take the sweep's place).

` + exitStatuses,
		Args: inputArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := scenarios.DefaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			return writeExplorer(name, f, cmd.Flags().Changed("seed"), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&f.out, "out", "", "the page to write (default out/<scenario name>/explore.html)")
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "seed (overrides the scenario's)")
	addLangFlag(cmd, &f.lang, "the page")
	rootCmd.AddCommand(cmd)
}

func writeExplorer(name string, f exploreFlags, seedSet bool, stdout, stderr io.Writer) error {
	sc, err := loadScenario(name, f.seed, seedSet)
	if err != nil {
		return err
	}
	lang, err := runFlags{lang: f.lang}.language(sc)
	if err != nil {
		return err
	}
	if err := explorable(sc, stderr); err != nil {
		return err
	}
	if err := explore.HasEngine(); err != nil {
		return err
	}
	if _, err := report.FindECharts(); err != nil {
		return err
	}
	page, err := explorerPage(sc, lang)
	if err != nil {
		return err
	}
	if f.out == "" {
		f.out = filepath.Join("out", outFolderName(sc.File.Name), "explore.html")
	}
	if st, err := os.Stat(f.out); err == nil && st.IsDir() {
		return badInput(fmt.Errorf("--out %s is a folder; give the page's file name, for example %s", f.out, filepath.Join(f.out, "explore.html")))
	}
	if err := os.MkdirAll(filepath.Dir(f.out), 0o755); err != nil {
		return badInput(fmt.Errorf("--out: %w", err))
	}
	if err := explore.Write(f.out, page); err != nil {
		return err
	}
	st, err := os.Stat(f.out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s (%.1f MB): open it in a browser; it needs no network.\n", f.out, float64(st.Size())/1e6)
	return nil
}

// explorable makes a scenario one the browser's engine can run: a
// recognizer that runs the face pipeline is refused, and what only vigie
// run does (measuring the pipeline beside the profile, a sweep) is left
// out, with a note.
func explorable(sc *scenarios.Scenario, stderr io.Writer) error {
	rc := &sc.File.Recognizer
	if rc.Mode.RunsPipeline() {
		return badInput(fmt.Errorf("%s: recognizer.mode: %s runs the face pipeline, which does not run in a browser; "+
			"the explorer runs published-rates (set recognizer.mode: published-rates and a profile)", sc.Source, rc.Mode))
	}
	if rc.Pipeline.Measure {
		rc.Pipeline.Measure = false
		fmt.Fprintf(stderr, "explore: recognizer.pipeline.measure is left out: the face pipeline does not run in a browser\n")
	}
	if sc.File.Sweep != nil {
		sc.File.Sweep = nil
		fmt.Fprintf(stderr, "explore: the sweep section is left out: the page's controls vary the settings instead\n")
	}
	return nil
}

// explorerPage describes the scenario for the page's controls.
func explorerPage(sc *scenarios.Scenario, lang string) (explore.Page, error) {
	text, err := sc.Override(nil, nil, nil)
	if err != nil {
		return explore.Page{}, err
	}
	words, err := i18n.New(lang)
	if err != nil {
		return explore.Page{}, badInput(err)
	}
	file := sc.File
	p := explore.Page{Lang: lang, Version: version, Scenario: string(text), Name: file.Name,
		Description: words.Known("scenario."+file.Name+".description", file.Description),
		Profile:     file.Recognizer.Profile.Name, Citizens: file.Population.Size}
	for i, c := range file.Cameras.Placement {
		if c.Strategy != "explicit" {
			p.Cameras = append(p.Cameras, explore.Cameras{Index: i, Strategy: c.Strategy, Kinds: c.Kinds, Count: c.Count})
		}
	}
	for _, r := range file.Regimes {
		g := r.Inline
		p.Regimes = append(p.Regimes, explore.Regime{Name: g.Name, Description: g.Description, Threshold: g.Threshold,
			Watchlist: g.Watchlist.Size, Live: g.Live.Enabled, Review: g.Review.Enabled, Publicity: g.Publicity})
	}
	return p, nil
}
