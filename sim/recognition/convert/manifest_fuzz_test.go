package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadManifest checks that no manifest.json makes the reader panic,
// that every rejection names the file, and that an accepted one has files.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"files": {"ssd.onnx": "` + strings.Repeat("ab", 32) + `"}}`))
	f.Add([]byte(`{"files": null}`))
	f.Add([]byte(`{"files": {"../../lib.so": "00"}}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ManifestFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(dir)
		if err != nil {
			if !strings.Contains(err.Error(), filepath.Join(dir, ManifestFile)) {
				t.Fatalf("error does not name the manifest: %v", err)
			}
			return
		}
		if m.Files == nil {
			t.Fatal("accepted a manifest without files")
		}
	})
}
