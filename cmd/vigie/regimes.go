package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"vigie/scenarios"
)

func init() {
	var show string
	cmd := &cobra.Command{
		Use:   "regimes",
		Short: "List the built-in policy regimes (--show NAME prints one's YAML)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			if show != "" {
				src, err := scenarios.BuiltinSource(show)
				if err != nil {
					return badInput(fmt.Errorf("no built-in regime %q", show))
				}
				_, err = out.Write(src)
				return err
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, name := range scenarios.BuiltinNames() {
				r, err := scenarios.Builtin(name)
				if err != nil {
					return err
				}
				fmt.Fprintf(tw, "%s\t%s\n", r.Name, r.Description)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print this regime's YAML definition")
	rootCmd.AddCommand(cmd)
}
