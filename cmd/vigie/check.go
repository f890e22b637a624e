package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"vigie/scenarios"
)

func init() {
	rootCmd.AddCommand(&cobra.Command{
		Use:   "check SCENARIO.yaml",
		Short: "Validate a scenario without running it",
		Args:  inputArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, err := scenarios.Load(args[0])
			if err != nil {
				return badInput(err)
			}
			if _, err := sc.Points(); err != nil {
				return badInput(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok (%d regimes)\n", sc.Source, len(sc.File.Regimes))
			return nil
		},
	})
}
