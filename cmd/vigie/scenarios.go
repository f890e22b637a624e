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
		Use:   "scenarios",
		Short: "List the bundled scenarios and the question each answers (--show NAME prints one)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			if show != "" {
				src, ok := scenarios.LibrarySource(show)
				if !ok {
					return badInput(fmt.Errorf("no bundled scenario %q", show))
				}
				_, err := out.Write(src)
				return err
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, b := range scenarios.Library() {
				fmt.Fprintf(tw, "%s\t%s\n", b.Name, b.Question)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print this scenario's YAML")
	rootCmd.AddCommand(cmd)
}
