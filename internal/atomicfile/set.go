package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Set writes a set of files that belong together (a run's results, its
// tables, its report) as one: every file goes into a fresh folder beside
// the target, and Commit swaps that folder in place of the target. A reader
// of the target sees the previous complete set or the new complete set,
// never a mix, and files of the previous set that the new one lacks do not
// survive beside it. Until Commit, the target is untouched.
//
// The staging folder is named ".<target>.tmp-<pid>-<random>". Abort removes
// it (call it on every path that does not Commit, including signals); one
// left by a process that was killed outright is removed by the next NewSet
// for the same target, once its process is gone.
type Set struct {
	target, dir string
	forget      func() // unregisters the Set from AbortAll

	mu   sync.Mutex
	done bool
}

// NewSet checks that target can be replaced (it is absent or a folder, and
// its parent can be written) and makes the staging folder. Its errors are
// about the target as the user gave it.
func NewSet(target string) (*Set, error) {
	target = filepath.Clean(target)
	if real, err := filepath.EvalSymlinks(target); err == nil {
		target = real // a link to a folder: replace the folder, keep the link
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && !st.IsDir():
		return nil, fmt.Errorf("%s exists and is not a folder", target)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	if base == "" || base == "." || base == ".." || target == "/" {
		return nil, fmt.Errorf("%s cannot be an output folder: name a folder inside it", target)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	removeStale(parent, base)
	dir, err := os.MkdirTemp(parent, stagingPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("cannot write into %s: %w", parent, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return nil, err
	}
	s := &Set{target: target, dir: dir}
	s.forget = track(s.Abort)
	return s, nil
}

func stagingPrefix(base string) string { return "." + base + ".tmp-" }

// Dir is the staging folder: write the set's files here.
func (s *Set) Dir() string { return s.dir }

// Target is the folder the set replaces at Commit.
func (s *Set) Target() string { return s.target }

// Commit makes the staged files the target's content, in one atomic
// exchange where the file system offers it (Linux renameat2), else by
// moving the old folder aside, the new one in, and removing the old.
func (s *Set) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	s.done = true
	defer s.forget()
	if err := syncDir(s.dir); err != nil {
		os.RemoveAll(s.dir)
		return fmt.Errorf("writing %s: %w", s.target, err)
	}
	if _, err := os.Lstat(s.target); err != nil {
		if err := os.Rename(s.dir, s.target); err != nil {
			os.RemoveAll(s.dir)
			return fmt.Errorf("writing %s: %w", s.target, err)
		}
		return syncDir(filepath.Dir(s.target))
	}
	if err := exchange(s.dir, s.target); err == nil {
		os.RemoveAll(s.dir) // now the previous set
		return syncDir(filepath.Dir(s.target))
	}
	old := s.dir + ".old"
	if err := os.Rename(s.target, old); err != nil {
		os.RemoveAll(s.dir)
		return fmt.Errorf("replacing %s: %w", s.target, err)
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		os.Rename(old, s.target) // put the previous set back
		os.RemoveAll(s.dir)
		return fmt.Errorf("replacing %s: %w", s.target, err)
	}
	os.RemoveAll(old)
	return syncDir(filepath.Dir(s.target))
}

// Abort removes the staging folder and leaves the target as it was. It is
// safe to call more than once, after Commit, and from a signal handler
// while Commit runs (it waits for Commit to finish); AbortAll calls it.
func (s *Set) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.dir)
	s.forget()
}

// removeStale removes staging folders for base left by processes that no
// longer run (killed before they could clean up). Folders of a live process
// (another run into the same target) are left alone.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := stagingPrefix(base)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || !processAlive(pid) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
