package facerec

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLabels checks that no labels CSV makes the folder check panic or
// hang, that every rejection names the labels file, and that an accepted
// folder holds only files inside it with two images or more an identity.
func FuzzLabels(f *testing.F) {
	dir := f.TempDir()
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8)))
	for _, name := range []string{"p1.png", "p2.png", "q1.png", "q2.png"} {
		os.WriteFile(filepath.Join(dir, name), img.Bytes(), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "half.png"), img.Bytes()[:img.Len()/2], 0o644)
	f.Add([]byte("file,identity,group\np1.png,p,a\np2.png,p,a\nq1.png,q,b\nq2.png,q,b\n"))
	f.Add([]byte("\xEF\xBB\xBFgroup,identity,file,note\na,p,p1.png,x\na,p,p2.png,\n"))
	f.Add([]byte("file,identity,group\n../p1.png,p,a\n/etc/passwd,p,a\n"))
	f.Add([]byte("file,identity,group\nhalf.png,p,a\n\"p2.png\",\"p\",a\n"))
	f.Add([]byte("file,identity\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		labels := filepath.Join(t.TempDir(), "labels.csv")
		if err := os.WriteFile(labels, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fo, err := LoadFolder(dir, labels, []string{"a", "b"})
		if err != nil {
			if !strings.HasPrefix(err.Error(), labels) {
				t.Fatalf("error does not name the labels file: %v", err)
			}
			return
		}
		for _, id := range fo.identities {
			if len(id.files) < 2 {
				t.Fatalf("identity %q accepted with %d images", id.label, len(id.files))
			}
			for _, file := range id.files {
				if !filepath.IsLocal(file) {
					t.Fatalf("accepted %q, outside the folder", file)
				}
			}
		}
	})
}
