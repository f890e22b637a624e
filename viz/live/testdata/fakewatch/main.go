// Command fakewatch runs the live view on livetest's known city for a few
// frames and saves the last one; the screenshot test runs it under Xvfb.
package main

import (
	"fmt"
	"os"
	"strconv"

	"vigie/viz/live"
	"vigie/viz/live/livetest"
	"vigie/viz/live/window"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: fakewatch OUT.png FRAMES")
		os.Exit(2)
	}
	frames, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	err = window.Run(live.Config{Source: livetest.NewCity(1000), Map: livetest.NewMap(), Regimes: []string{"calm", "busy"},
		Groups: []string{"a", "b", "c"}, Title: "test city", StepSeconds: 60, Regime: 1, Frames: frames, Screenshot: os.Args[1]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
