// Package regularfile opens input files only when they are regular files.
// Scenario, labels and image paths come from users and shared folders; a
// FIFO, a device such as /dev/zero, or a socket in their place would block
// the program or feed it without end, so they are refused at once.
package regularfile

import (
	"fmt"
	"io/fs"
	"os"
)

// Open opens path for reading (following symbolic links) if it is a
// regular file.
func Open(path string) (*os.File, error) {
	return OpenWith(func(flag int) (*os.File, error) { return os.OpenFile(path, flag, 0) })
}

// OpenWith opens a file with open (given the flags to use, for example an
// os.Root's OpenFile) and keeps it only if it is a regular file. It opens
// without blocking, so that a FIFO with no writer is refused rather than
// waited on.
func OpenWith(open func(flag int) (*os.File, error)) (*os.File, error) {
	f, err := open(os.O_RDONLY | nonBlock)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("is a %s, not a regular file", kind(st.Mode()))
	}
	return f, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "folder"
	}
	return "special file"
}
