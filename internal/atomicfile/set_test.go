package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func stage(t *testing.T, target string, files map[string]string) *Set {
	t.Helper()
	s, err := NewSet(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := Write(filepath.Join(s.Dir(), name), []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestSetReplacesTheWholeSet: a new set replaces the old one entirely (a
// file only the old set had does not survive), and until Commit the target
// holds the old set unchanged.
func TestSetReplacesTheWholeSet(t *testing.T) {
	t.Run("atomic exchange", testSetReplacesTheWholeSet)
	t.Run("rename aside", func(t *testing.T) {
		saved := exchange
		exchange = func(a, b string) error { return errors.New("no exchange here") }
		defer func() { exchange = saved }()
		testSetReplacesTheWholeSet(t)
	})
}

func testSetReplacesTheWholeSet(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := stage(t, out, map[string]string{"results.json": "old", "sweep.csv": "old"}).Commit(); err != nil {
		t.Fatal(err)
	}
	s := stage(t, out, map[string]string{"results.json": "new"})
	if got := listDir(t, out); strings.Join(got, ",") != "results.json,sweep.csv" {
		t.Fatalf("before Commit the target holds %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "results.json")); string(b) != "old" {
		t.Fatalf("before Commit results.json is %q", b)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); strings.Join(got, ",") != "results.json" {
		t.Fatalf("after Commit the target holds %v, want the new set only", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "results.json")); string(b) != "new" {
		t.Fatalf("after Commit results.json is %q", b)
	}
	if got := listDir(t, parent); strings.Join(got, ",") != "out" {
		t.Fatalf("the parent holds %v, want out only", got)
	}
}

// TestSetAbortLeavesTheTarget: an aborted set leaves the old set and no
// staging folder.
func TestSetAbortLeavesTheTarget(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := stage(t, out, map[string]string{"a": "old"}).Commit(); err != nil {
		t.Fatal(err)
	}
	s := stage(t, out, map[string]string{"a": "new", "b": "new"})
	s.Abort()
	s.Abort()
	if got := listDir(t, parent); strings.Join(got, ",") != "out" {
		t.Fatalf("after Abort the parent holds %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a")); string(b) != "old" {
		t.Fatalf("after Abort a is %q", b)
	}
	if err := s.Commit(); err == nil {
		t.Fatal("Commit after Abort succeeded")
	}
}

// TestSetRemovesStaleStaging: a staging folder left by a process that no
// longer exists (SIGKILL) is removed by the next set; one of a live process
// is not.
func TestSetRemovesStaleStaging(t *testing.T) {
	parent := t.TempDir()
	dead := filepath.Join(parent, ".out.tmp-999999999-123")
	live := filepath.Join(parent, ".out.tmp-1-456") // pid 1 always runs
	for _, d := range []string{dead, live} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s := stage(t, filepath.Join(parent, "out"), map[string]string{"a": "x"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Error("a dead process's staging folder survived")
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a live process's staging folder was removed")
	}
}

func TestNewSetRefusesUnusableTargets(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{file, filepath.Join(file, "out"), "/"} {
		if s, err := NewSet(target); err == nil {
			s.Abort()
			t.Errorf("NewSet(%s) succeeded", target)
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(parent, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if _, err := NewSet(filepath.Join(ro, "out")); err == nil {
			t.Error("NewSet in a read-only folder succeeded")
		}
	}
}

// TestAbortAllRemovesWritesInFlight: what a program calls on a signal
// removes the staging folders and temporary files of writes under way, and
// leaves targets as they were.
func TestAbortAllRemovesWritesInFlight(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := stage(t, out, map[string]string{"a": "old"}).Commit(); err != nil {
		t.Fatal(err)
	}
	s := stage(t, out, map[string]string{"a": "new"})
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- WriteFunc(filepath.Join(parent, "f.txt"), func(w io.Writer) error {
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	AbortAll()
	close(release)
	<-done
	if got := listDir(t, parent); strings.Join(got, ",") != "out" {
		t.Errorf("after AbortAll the parent holds %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a")); string(b) != "old" {
		t.Errorf("after AbortAll a is %q", b)
	}
	if err := s.Commit(); err == nil {
		t.Error("an aborted set committed")
	}
}
