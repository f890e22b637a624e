package regularfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	cases := map[string]string{dir: "is a folder", os.DevNull: "is a device"}
	if syscall.Mkfifo(fifo, 0o644) == nil {
		cases[fifo] = "is a named pipe (FIFO)"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() {
			f, err := Open(path)
			if err == nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %v, want %q", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: opening blocked", path)
		}
	}
	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, []byte("x"), 0o644)
	f, err := Open(plain)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
