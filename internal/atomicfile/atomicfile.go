// Package atomicfile writes files so that a reader, or a run interrupted
// half-way, never sees a half-written file: data goes to a temporary file
// in the same directory, is synced, and is then renamed over the target.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Write writes data to path atomically.
func Write(path string, data []byte) error {
	return WriteFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteMarker writes data to path atomically without waiting for the disk:
// readers still see the old file or the new one whole, but a machine that
// crashes may lose the new one. It is for markers whose loss only causes
// work to be redone (a sweep point's done.json follows its results, which
// Write made durable), where an fsync per marker would cost more than the
// work they mark.
func WriteMarker(path string, data []byte) error {
	return write(path, false, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc streams what fill writes into path atomically. If fill fails,
// the target is left as it was.
func WriteFunc(path string, fill func(w io.Writer) error) error {
	return write(path, true, fill)
}

func write(path string, sync bool, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	forget := track(func() { os.Remove(tmp.Name()) })
	defer forget()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// pending holds how to undo every write in flight: temporary files not yet
// renamed, and Sets not yet committed.
var pending struct {
	sync.Mutex
	next  int
	undos map[int]func()
}

// track registers an undo for a write in flight; the returned function
// unregisters it once the write is done.
func track(undo func()) (forget func()) {
	pending.Lock()
	defer pending.Unlock()
	if pending.undos == nil {
		pending.undos = map[int]func(){}
	}
	id := pending.next
	pending.next++
	pending.undos[id] = undo
	return func() {
		pending.Lock()
		defer pending.Unlock()
		delete(pending.undos, id)
	}
}

// AbortAll removes every temporary file and staging folder this process has
// in flight, leaving each target as it was (a Commit under way finishes
// first). A program calls it before it exits on a signal, so that no
// .tmp-* is left behind.
func AbortAll() {
	pending.Lock()
	undos := pending.undos
	pending.undos = nil
	pending.Unlock()
	for _, undo := range undos {
		undo()
	}
}
