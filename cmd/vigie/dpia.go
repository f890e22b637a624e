package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"vigie/internal/atomicfile"
	"vigie/scenarios"
	"vigie/viz/dpia"
)

func init() {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "dpia [SCENARIO.yaml | NAME]",
		Short: "Run a scenario and draft a data-protection impact assessment (Markdown and HTML)",
		Args:  inputArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := scenarios.DefaultScenario
			if len(args) == 1 {
				name = args[0]
			}
			sc, err := loadScenario(name, f.seed, cmd.Flags().Changed("seed"))
			if err != nil {
				return err
			}
			lang, err := f.language(sc)
			if err != nil {
				return err
			}
			if err := checkWritableFolder(f.out); err != nil {
				return err // before the simulation, not after it
			}
			_, res, err := simulate(cmd.Context(), sc, f, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			md, err := dpia.Markdown(res, dpia.Options{Lang: lang, Jurisdiction: sc.File.Jurisdiction})
			if err != nil {
				return err
			}
			html, err := dpia.HTML(md, dpia.Title(res.Scenario.Name, lang), lang)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(f.out, 0o755); err != nil {
				return err
			}
			for name, data := range map[string][]byte{"dpia.md": md, "dpia.html": html} {
				if err := atomicfile.Write(filepath.Join(f.out, name), data); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s and %s (a draft produced by a simulation)\n",
				filepath.Join(f.out, "dpia.md"), filepath.Join(f.out, "dpia.html"))
			return nil
		},
	}
	cmd.Flags().StringVar(&f.out, "out", "out", "output folder")
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "seed (overrides the scenario's)")
	workersFlag(cmd.Flags(), &f.workers, "regimes run at once")
	addLangFlag(cmd, &f.lang, "the assessment")
	rootCmd.AddCommand(cmd)
}
