package recognition

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	ort "github.com/yalue/onnxruntime_go"

	"vigie/sim/recognition/convert"
)

// Model files (in the models folder) of the networks this file runs.
const (
	SSDModelFile       = convert.SSDName + ".onnx"
	LandmarksModelFile = convert.LandmarksName + ".onnx"
	AgeGenderModelFile = convert.AgeGenderName + ".onnx"
)

// ortNet is one converted network with an NHWC float input named "input"
// and float outputs. A session is safe for concurrent Run calls, but the
// tensors made per call keep calls independent.
type ortNet struct {
	path    string
	session *ort.DynamicAdvancedSession
	side    int      // input height and width
	outs    []string // output names
	// outShape gives output i's shape for a batch of n.
	outShape func(i, n int) []int64
}

var ortInitMu sync.Mutex

// initORT loads the ONNX Runtime library once per process; it tolerates
// another part of the program having done so first. The library's bytes are
// checked against the pinned sha256 before it is loaded, through the same
// open file that is then loaded (on Linux), so a file swapped in between
// the check and the load is never run, and a corrupted or truncated library
// is an error rather than a crash inside the loader.
func initORT(lib string) error {
	ortInitMu.Lock()
	defer ortInitMu.Unlock()
	if ort.IsInitialized() {
		return nil
	}
	f, err := os.Open(lib)
	if err != nil {
		return fmt.Errorf("ONNX Runtime library %s: %w (run `make models`)", lib, err)
	}
	defer f.Close()
	want, err := convert.PinnedSHA256(convert.LibraryFile())
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("ONNX Runtime library %s: %w", lib, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("ONNX Runtime library %s has sha256 %s but this vigie pins %s: refusing to load it (run `make models`)", lib, got, want)
	}
	load := lib
	if self := fmt.Sprintf("/proc/self/fd/%d", f.Fd()); runtime.GOOS == "linux" {
		if _, err := os.Stat(self); err == nil {
			load = self
		}
	}
	ort.SetSharedLibraryPath(load)
	if err := ort.InitializeEnvironment(); err != nil {
		return fmt.Errorf("load ONNX Runtime from %s: %w", lib, err)
	}
	return nil
}

func openNet(path string, threads, side int, outs []string, outShape func(i, n int) []int64) (*ortNet, error) {
	if _, err := verifyPinned(path); err != nil {
		return nil, err
	}
	o, err := ort.NewSessionOptions()
	if err != nil {
		return nil, err
	}
	defer o.Destroy()
	if threads > 0 {
		if err := o.SetIntraOpNumThreads(threads); err != nil {
			return nil, err
		}
	}
	s, err := ort.NewDynamicAdvancedSession(path, []string{"input"}, outs, o)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &ortNet{path: path, session: s, side: side, outs: outs, outShape: outShape}, nil
}

// run feeds n images (n*side*side*3 floats, HWC each) and returns the
// outputs' data.
func (m *ortNet) run(in []float32, n int) ([][]float32, error) {
	if len(in) != n*m.side*m.side*3 {
		return nil, fmt.Errorf("%s: input has %d values, want %d images of %dx%dx3", m.path, len(in), n, m.side, m.side)
	}
	x, err := ort.NewTensor(ort.NewShape(int64(n), int64(m.side), int64(m.side), 3), in)
	if err != nil {
		return nil, err
	}
	defer x.Destroy()
	ys := make([]*ort.Tensor[float32], len(m.outs))
	vals := make([]ort.Value, len(m.outs))
	for i := range m.outs {
		y, err := ort.NewEmptyTensor[float32](ort.NewShape(m.outShape(i, n)...))
		if err != nil {
			return nil, err
		}
		defer y.Destroy()
		ys[i], vals[i] = y, y
	}
	if err := m.session.Run([]ort.Value{x}, vals); err != nil {
		return nil, fmt.Errorf("%s: %w", m.path, err)
	}
	out := make([][]float32, len(ys))
	for i, y := range ys {
		out[i] = append([]float32(nil), y.GetData()...)
	}
	return out, nil
}

func (m *ortNet) close() {
	if m != nil && m.session != nil {
		m.session.Destroy()
		m.session = nil
	}
}

// FaceNets holds the sessions of the networks around the embedder: the
// SsdMobilenetv1 detector, FaceLandmark68Net and AgeGenderNet, with the
// detector's post-processing options.
type FaceNets struct {
	Options DetectOptions

	ssd, landmarks, ageGender *ortNet
}

// OpenFaceNets opens the three networks from modelDir (where `make models`
// writes the converted ONNX files and libonnxruntime.so.1). Of opts (at most
// one), only IntraOpThreads is used; results do not depend on it.
func OpenFaceNets(modelDir string, opts ...Options) (*FaceNets, error) {
	if len(opts) > 1 {
		return nil, fmt.Errorf("OpenFaceNets: %d Options given, want at most one", len(opts))
	}
	threads := 0
	if len(opts) == 1 {
		threads = opts[0].IntraOpThreads
	}
	if err := initORT(filepath.Join(modelDir, convert.LibraryFile())); err != nil {
		return nil, err
	}
	f := &FaceNets{Options: DefaultDetectOptions()}
	var err error
	f.ssd, err = openNet(filepath.Join(modelDir, SSDModelFile), threads, ssdInputSize,
		[]string{convert.SSDOutBoxes, convert.SSDOutScores, convert.SSDOutAnchors},
		func(i, n int) []int64 {
			return [][]int64{{int64(n), convert.SSDNumAnchors, 4}, {int64(n), convert.SSDNumAnchors}, {convert.SSDNumAnchors, 4}}[i]
		})
	if err != nil {
		return nil, err
	}
	f.landmarks, err = openNet(filepath.Join(modelDir, LandmarksModelFile), threads, faceNetInputSize,
		[]string{convert.LandmarksOut},
		func(_, n int) []int64 { return []int64{int64(n), convert.LandmarksOutValues} })
	if err != nil {
		f.Close()
		return nil, err
	}
	f.ageGender, err = openNet(filepath.Join(modelDir, AgeGenderModelFile), threads, faceNetInputSize,
		[]string{convert.AgeOut, convert.GenderOut},
		func(i, n int) []int64 { return [][]int64{{int64(n)}, {int64(n), 2}}[i] })
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Close releases the sessions.
func (f *FaceNets) Close() {
	f.ssd.close()
	f.landmarks.close()
	f.ageGender.close()
}
