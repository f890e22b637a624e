package facerec

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bombPNG is a PNG header declaring 60000x60000 pixels.
func bombPNG() []byte {
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, [2]uint32{60000, 60000})
	ihdr.Write([]byte{8, 6, 0, 0, 0})
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(ihdr.Len()-4))
	b.Write(ihdr.Bytes())
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	return b.Bytes()
}

// A downloaded faces folder is untrusted: rows that reach outside it, files
// that are not images (a FIFO hung the check), truncated images and
// decompression bombs are each refused at the check, naming the CSV line.
func TestLoadFolderRefusesHostileRows(t *testing.T) {
	groups := []string{"a", "b"}
	dir, labels := writeTestFolder(t, groups, 2)
	good, _ := os.ReadFile(labels)
	lines := strings.Split(string(good), "\n")
	header, first := lines[0], lines[1] // group,identity,file
	shot := strings.Split(first, ",")[2]

	outside := t.TempDir()
	img, _ := os.ReadFile(filepath.Join(dir, shot))
	os.WriteFile(filepath.Join(outside, "secret.png"), img, 0o644)
	os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "link.png"))
	os.Symlink(shot, filepath.Join(dir, "inside.png"))
	os.WriteFile(filepath.Join(dir, "truncated.png"), img[:len(img)/2], 0o644)
	os.WriteFile(filepath.Join(dir, "bomb.png"), bombPNG(), 0o644)
	fifo := syscall.Mkfifo(filepath.Join(dir, "fifo.png"), 0o644) == nil

	cases := []struct{ name, file, want string }{
		{"symlink leaving the folder", "link.png", `labels.csv:3:3: file "link.png"`},
		{"row through ..", "../" + filepath.Base(outside) + "/secret.png", "reaches outside the folder"},
		{"absolute path", filepath.Join(outside, "secret.png"), "reaches outside the folder"},
		{"truncated image", "truncated.png", `labels.csv:3:3: file "truncated.png": png: invalid format: not enough pixel data`},
		{"decompression bomb", "bomb.png", "declares 60000x60000 pixels"},
		{"FIFO", "fifo.png", "named pipe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.file == "fifo.png" && !fifo {
				t.Skip("no FIFOs here")
			}
			p := filepath.Join(t.TempDir(), "labels.csv")
			os.WriteFile(p, []byte(header+"\n"+first+"\na,person-0-0,"+c.file+"\n"), 0o644)
			done := make(chan error, 1)
			go func() {
				_, err := LoadFolder(dir, p, groups)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("error %v, want one containing %q", err, c.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the check hung")
			}
		})
	}
	// A link that stays inside the folder is an ordinary row.
	p := filepath.Join(t.TempDir(), "labels.csv")
	os.WriteFile(p, []byte(header+"\n"+first+"\na,person-0-0,inside.png\n"), 0o644)
	if _, err := LoadFolder(dir, p, groups); err != nil {
		t.Errorf("a link inside the folder: %v", err)
	}
}

// A spreadsheet saving labels.csv as "CSV UTF-8" puts a byte-order mark
// before the header; the file must still load.
func TestLoadFolderAcceptsAByteOrderMark(t *testing.T) {
	groups := []string{"a", "b"}
	dir, labels := writeTestFolder(t, groups, 2)
	good, _ := os.ReadFile(labels)
	os.WriteFile(labels, append([]byte("\xEF\xBB\xBF"), good...), 0o644)
	if _, err := LoadFolder(dir, labels, groups); err != nil {
		t.Fatal(err)
	}
}

// A labels file with more rows than MaxFolderImages fails before any image
// is decoded, naming the first row past the limit.
func TestLoadFolderLimitsRows(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("file,identity,group\n")
	for i := 0; i <= MaxFolderImages; i++ {
		b.WriteString("x.png,p,a\n")
	}
	labels := filepath.Join(dir, "labels.csv")
	os.WriteFile(labels, []byte(b.String()), 0o644)
	start := time.Now()
	_, err := LoadFolder(dir, labels, []string{"a"})
	want := "labels.csv:100002: is image number 100001; allowed: at most 100000"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v", took)
	}
}
