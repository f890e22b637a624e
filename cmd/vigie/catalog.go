package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// catalogCommand makes a command that lists named entries with a one-line
// description, or with --show NAME prints one entry's YAML. The built-in
// regimes and the bundled scenarios are both catalogs of this kind.
func catalogCommand(use, short, what string, list func() ([][2]string, error), source func(name string) ([]byte, bool)) *cobra.Command {
	var show string
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  inputArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			if show != "" {
				src, ok := source(show)
				if !ok {
					return badInput(fmt.Errorf("no %s %q (see vigie %s)", what, show, use))
				}
				_, err := out.Write(src)
				return err
			}
			entries, err := list()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, e := range entries {
				fmt.Fprintf(tw, "%s\t%s\n", e[0], e[1])
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&show, "show", "", "print this "+what+"'s YAML")
	return cmd
}
