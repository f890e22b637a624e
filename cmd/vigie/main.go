// Command vigie runs facial-recognition policy scenarios on a synthetic city
// and writes what each regime costs and buys.
//
// The command is only wiring: every subcommand calls into the packages that do
// the work, and turns their errors into exit statuses (2 for bad input).
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is stamped into every manifest; set with -ldflags at release time.
var version = "0.1.0-dev"

// inputError marks an error caused by what the user gave us (a bad scenario,
// a missing file, a bad flag); it exits with status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// badInput wraps err so that main exits with status 2.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return inputError{err}
}

var rootCmd = &cobra.Command{
	Use:           "vigie",
	Short:         "Simulate facial recognition in public space under policy regimes",
	Long:          "Vigie runs a real face-recognition pipeline on the generated faces of a synthetic city's citizens,\nunder switchable policy regimes, and measures false matches, bias, chilling effects and security outcomes.",
	SilenceUsage:  true,
	SilenceErrors: true,
	Version:       version,
}

func main() {
	rootCmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	if err := rootCmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "vigie:", err)
		var in inputError
		if errors.As(err, &in) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}
