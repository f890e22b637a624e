package convert

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"vigie/internal/atomicfile"
)

// ManifestFile is the models folder's record of what set-up produced.
const ManifestFile = "manifest.json"

// LibraryFile is ONNX Runtime's shared library as set-up names it in the
// models folder for this platform.
func LibraryFile() string {
	if runtime.GOOS == "darwin" {
		return "libonnxruntime.1.dylib"
	}
	return "libonnxruntime.so.1"
}

// Manifest lists each file of the models folder with its sha256, so a run
// can refuse files that changed after set-up and record which it used.
type Manifest struct {
	// Files maps a file name (relative to the models folder) to its hex sha256.
	Files map[string]string `json:"files"`
}

// FileSHA256 hashes a file.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteManifest hashes the named files of dir and writes dir/manifest.json
// (keys sorted, so the same files give the same bytes).
func WriteManifest(dir string, files []string) (Manifest, error) {
	m := Manifest{Files: map[string]string{}}
	sort.Strings(files)
	for _, f := range files {
		sum, err := FileSHA256(filepath.Join(dir, f))
		if err != nil {
			return m, err
		}
		m.Files[f] = sum
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	return m, atomicfile.Write(filepath.Join(dir, ManifestFile), append(b, '\n'))
}

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (Manifest, error) {
	p := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(p)
	if err != nil {
		return Manifest{}, fmt.Errorf("models manifest %s: %w (run `make models`)", p, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Files == nil {
		return Manifest{}, fmt.Errorf("models manifest %s is not {\"files\": {name: sha256}} (run `make models` again): %v", p, err)
	}
	return m, nil
}

// Setup converts every registered network from weightsDir into outDir,
// and MobileFaceNet from graphsDir (the human-models folder) unless it is
// "", and writes the manifest covering the models and ONNX Runtime's
// library (which set-up has already copied into outDir). Every file must
// match its pin (pins.go): set-up that produced files a run would refuse
// fails here.
func Setup(weightsDir, graphsDir, outDir string) (Manifest, error) {
	lib := filepath.Join(outDir, LibraryFile())
	if _, err := os.Stat(lib); err != nil {
		return Manifest{}, fmt.Errorf("ONNX Runtime library missing from %s: %w (run `make models`)", outDir, err)
	}
	if err := checkFilePinned(lib); err != nil {
		return Manifest{}, err
	}
	outs, err := Convert(weightsDir, outDir)
	if err != nil {
		return Manifest{}, err
	}
	if graphsDir != "" {
		o, err := ConvertMobileFaceNet(graphsDir, outDir)
		if err != nil {
			return Manifest{}, err
		}
		outs = append(outs, o)
	}
	files := []string{LibraryFile()}
	for _, o := range outs {
		if err := checkPinned(o); err != nil {
			return Manifest{}, err
		}
		files = append(files, filepath.Base(o.Path))
	}
	return WriteManifest(outDir, files)
}
