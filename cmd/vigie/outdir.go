package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"vigie/internal/atomicfile"
)

// outputMarker is written into every run's output folder: a later run may
// replace a folder holding it whole, and no other non-empty folder.
const outputMarker = ".vigie-output"

// outFolderName turns a scenario's name into the folder under out/ that
// its outputs go to by default: letters, digits, '.', '_' and '-' are kept,
// anything else becomes '-', so a name never reaches outside out/.
func outFolderName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() >= 64 {
			break
		}
	}
	s := strings.Trim(b.String(), ".-")
	if s == "" {
		return "scenario"
	}
	return s
}

// stageOutputs checks that out can take a run's outputs and makes the
// folder they are staged in. Everything wrong here is bad input, found
// before the simulation starts.
func stageOutputs(out string) (*atomicfile.Set, error) {
	if err := checkReplaceable(out); err != nil {
		return nil, badInput(err)
	}
	set, err := atomicfile.NewSet(out)
	if err != nil {
		return nil, badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	if err := atomicfile.Write(filepath.Join(set.Dir(), outputMarker), []byte("vigie run outputs: the next run into this folder replaces it whole\n")); err != nil {
		set.Abort()
		return nil, badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	return set, nil
}

// checkReplaceable refuses an --out that holds anything but an earlier
// run's outputs: the run replaces the folder whole, and must not take a
// user's other files with it.
func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		if st, serr := os.Stat(out); serr == nil && !st.IsDir() {
			return fmt.Errorf("--out %s is a file, not a folder", out)
		}
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	has := map[string]bool{}
	for _, e := range entries {
		has[e.Name()] = true
	}
	// Folders written before the marker existed hold both of these.
	if has[outputMarker] || (has["results.json"] && has["manifest.json"]) {
		return nil
	}
	return fmt.Errorf("--out %s holds files vigie did not write (%s, ...); a run replaces its output folder whole: give a new or empty folder, or an earlier run's", out, entries[0].Name())
}

// commitOutputs swaps the staged outputs in, unless the run was
// interrupted first: then the previous outputs stay.
func commitOutputs(ctx context.Context, set *atomicfile.Set) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return set.Commit()
}

// checkWritableFolder makes sure out is a folder vigie can write into, for
// commands that add files to a folder rather than replace it (dpia).
func checkWritableFolder(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	probe, err := os.CreateTemp(out, ".vigie-probe-*")
	if err != nil {
		return badInput(fmt.Errorf("--out %s cannot be written: %w", out, err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}
