package batch

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// PlainEvery is how often Show prints a line when its writer is not a
// terminal (a log file, Slurm's output, CI).
var PlainEvery = 5 * time.Second

// Show reports progress (a share in [0, 1]) on w until the returned
// function is called: a redrawn bar on a terminal, and elsewhere one plain
// line every PlainEvery with the share, the rate and the time left, so
// that logs show a long run is alive. label names the work ("sweep",
// "run"); quiet shows nothing.
func Show(w io.Writer, label string, quiet bool, progress func() float64) (stop func()) {
	if quiet || w == nil {
		return func() {}
	}
	file, ok := w.(*os.File)
	terminal := ok && IsTerminal(file)
	every := PlainEvery
	if terminal {
		every = 200 * time.Millisecond
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	start := time.Now()
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if terminal {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-t.C:
			}
			p := progress()
			if terminal {
				n := int(p * 40)
				fmt.Fprintf(w, "\r%s [%s%s] %3.0f%%", label, strings.Repeat("#", n), strings.Repeat(".", 40-n), 100*p)
			} else {
				fmt.Fprintln(w, PlainLine(label, p, time.Since(start)))
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// PlainLine is one progress line for a log: "sweep: 42.0% after 1m30s,
// about 2m4s left".
func PlainLine(label string, p float64, elapsed time.Duration) string {
	line := fmt.Sprintf("%s: %.1f%% after %s", label, 100*p, elapsed.Round(time.Second))
	if p > 0 && p < 1 {
		left := time.Duration(float64(elapsed) * (1 - p) / p)
		line += fmt.Sprintf(", about %s left", left.Round(time.Second))
	}
	return line
}

// IsTerminal says whether f is a terminal.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
