// Command vigie runs facial-recognition policy scenarios on a synthetic city
// and writes what each regime costs and buys.
//
// The command is only wiring: every subcommand calls into the packages that do
// the work, and turns their errors into exit statuses (exitStatuses).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	_ "vigie/sim/facerec" // registers the pipeline recognizer modes
	"vigie/sim/recognition"
)

// version is stamped into every manifest; set with -ldflags at release time.
var version = "0.1.0-dev"

// Exit statuses, the same for every command.
const (
	exitOK          = 0
	exitInternal    = 1   // a bug, or the machine failed (disk full, ...)
	exitBadInput    = 2   // what the user gave: scenario, flags, files, folders, models
	exitInterrupted = 130 // Ctrl-C (SIGINT) or SIGTERM
)

const exitStatuses = `Exit status: 0 done; 1 internal error (a bug, or the machine failed: disk full, ...);
2 bad input (a scenario, flag, argument, input file, output folder or models folder
that cannot be used: the message says which and what is allowed); 130 interrupted
(Ctrl-C or SIGTERM: the previous outputs are left as they were).`

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
	Use:   "vigie",
	Short: "Simulate facial recognition in public space under policy regimes",
	Long: "Vigie runs a real face-recognition pipeline on the generated faces of a synthetic city's citizens,\nunder switchable policy regimes, and measures false matches, bias, chilling effects and security outcomes.\n\n" +
		modelsHelp + "\n\n" + exitStatuses,
	SilenceUsage:  true,
	SilenceErrors: true,
	Version:       version,
}

// modelsHelp says where the models come from, for --help.
const modelsHelp = `Models (recognizer modes exact, cached and fitted; vigie faces): --models DIR, else
$VIGIE_MODELS, else models/ beside the vigie executable or in its parent folder (bin/../models
in a checkout), else $XDG_DATA_HOME/vigie/models (~/.local/share/vigie/models). Never the
working directory. Every file must match the sha256 pinned in vigie's source.`

func main() {
	rootCmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	ctx, interrupted := handleInterrupts()
	err := rootCmd.ExecuteContext(ctx)
	if interrupted() {
		// A command that says more than "canceled" (a sweep names the
		// folder its finished points are kept in) is heard first.
		if err != nil && err.Error() != context.Canceled.Error() {
			fmt.Fprintln(os.Stderr, "vigie:", err)
		}
		exitInterruptedNow()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vigie:", err)
	}
	os.Exit(exitCode(err))
}

// exitCode maps a command's error to its exit status.
func exitCode(err error) int {
	var in inputError
	var models *recognition.SetupError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &in), errors.As(err, &models):
		return exitBadInput
	case strings.HasPrefix(err.Error(), "unknown command "):
		return exitBadInput // cobra's own error for `vigie nosuch`, untyped
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitInternal
}

// inputArgs makes a positional-argument check's error bad input, with the
// command's usage line.
func inputArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return badInput(fmt.Errorf("%w\nusage: %s", err, cmd.UseLine()))
		}
		return nil
	}
}
