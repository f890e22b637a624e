package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"
)

// watchProgram is the live view's own program. It is apart from vigie
// because its window library needs a display as soon as it loads, and vigie
// must run without one (on servers, in CI).
const watchProgram = "vigie-watch"

func init() {
	rootCmd.AddCommand(&cobra.Command{
		Use:   "watch [SCENARIO.yaml | NAME] [flags]",
		Short: "Open a window on the running simulation: streets, citizens, cameras, alerts, live counters",
		Long: `Open a window on a scenario as it runs. Keys: 1-5 switch regime, space pauses,
+/- change speed, G colours citizens by group, H shows help, Esc quits.

Flags (see vigie watch --help): --regime N, --start HOUR, --speed N, --seed N,
--frames N --screenshot FILE.png (run N frames with no person, save the last;
works under xvfb-run -a).

The window is drawn by the program vigie-watch (make build puts it next to vigie).
Without a display it exits with status 2.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if wantsHelp(args) {
				// Help needs no display: vigie-watch cannot even start without one.
				return cmd.Help()
			}
			return runWatch(args)
		},
	})
}

// wantsHelp reports whether args ask for help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "--help", "-help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// runWatch replaces this process with vigie-watch, so that its output,
// keys and exit status are the user's directly.
func runWatch(args []string) error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return badInput(errors.New("the live view needs a display: set DISPLAY, or run it under xvfb-run -a (Debian packages xvfb xauth)"))
	}
	path, err := findWatchProgram()
	if err != nil {
		return err
	}
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}

// findWatchProgram looks next to the vigie executable, then on PATH.
func findWatchProgram() (string, error) {
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), watchProgram)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(watchProgram); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s is missing: build it with make build (or go build -o bin/%s ./cmd/%s) and keep it next to vigie or on PATH",
		watchProgram, watchProgram, watchProgram)
}
