package recognition

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"

	"vigie/sim/recognition/convert"
)

// EmbedModelFile is FaceRecognitionNet's file in the models folder.
const EmbedModelFile = convert.FaceRecName + ".onnx"

// Options tune how the sessions run.
type Options struct {
	// IntraOpThreads is ONNX Runtime's thread count inside one operator;
	// 0 lets it use every core. Results do not depend on it.
	IntraOpThreads int
	// MaxBatch caps how many chips go into one run (0: 64), bounding memory.
	MaxBatch int
}

// Pipeline holds the sessions of every network, created once in Open.
type Pipeline struct {
	dir       string
	opts      Options
	checksums map[string]string // file -> sha256 of what this pipeline loaded
	embedder  *session
	// MobileFaceNet, the second judge, opened on first use (most runs never
	// use it); hasMobile says the models folder lists it and it verified.
	hasMobile bool
	mobileSum string // its sha256, kept out of ModelChecksums
	mobileMu  sync.Mutex
	mobile    *session

	// FaceNets holds the detector, landmark and age/gender sessions (the
	// detector engineer's files: detect*.go, landmarks.go, agegender.go);
	// its methods (Detect, Landmarks, ...) are the Pipeline's. Nil only when
	// the models folder has no detector model (an embed-only set-up).
	*FaceNets
}

// Open loads the models from dir ("" means the first of the places ModelDir
// lists). Each file is checked against the sha256 pinned in the source
// (convert.PinnedSHA256) before it is loaded; a mismatch is refused.
func Open(dir string, opts Options) (*Pipeline, error) {
	p, err := open(dir, opts)
	if err != nil {
		return nil, &SetupError{err}
	}
	return p, nil
}

// SetupError is an error of Open: the models folder is missing, holds files
// other than the pinned ones, or cannot be loaded. Every command reports it
// the same way (the user's set-up, fixed with `make models` or --models).
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

func open(dir string, opts Options) (*Pipeline, error) {
	dir, err := ModelDir(dir)
	if err != nil {
		return nil, err
	}
	if opts.IntraOpThreads < 0 || opts.MaxBatch < 0 {
		return nil, fmt.Errorf("recognition options: IntraOpThreads %d and MaxBatch %d must be >= 0", opts.IntraOpThreads, opts.MaxBatch)
	}
	if opts.MaxBatch == 0 {
		opts.MaxBatch = 64
	}
	p := &Pipeline{dir: dir, opts: opts, checksums: map[string]string{}}
	files := []string{convert.LibraryFile(), EmbedModelFile}
	_, err = os.Stat(filepath.Join(dir, SSDModelFile))
	faces := err == nil
	if faces {
		files = append(files, SSDModelFile, LandmarksModelFile, AgeGenderModelFile)
	}
	for _, f := range files {
		if p.checksums[f], err = verifyPinned(filepath.Join(dir, f)); err != nil {
			return nil, err
		}
	}
	if err := initORT(filepath.Join(dir, convert.LibraryFile())); err != nil {
		return nil, err
	}
	p.embedder, err = newSession(filepath.Join(dir, EmbedModelFile), convert.FaceRecInput, convert.FaceRecOutput, opts.IntraOpThreads)
	if err != nil {
		return nil, err
	}
	// MobileFaceNet, the second judge, is optional: set-up converts it, but
	// a models folder made before it existed still runs the dlib pipeline.
	if _, err := os.Stat(filepath.Join(dir, MobileFaceNetModelFile)); err == nil {
		if p.checksums[MobileFaceNetModelFile], err = verifyPinned(filepath.Join(dir, MobileFaceNetModelFile)); err != nil {
			p.Close()
			return nil, err
		}
		// a run's manifest lists the models it ran; MobileFaceNet judges
		// faces in the audit and never takes part in a run
		p.mobileSum = p.checksums[MobileFaceNetModelFile]
		delete(p.checksums, MobileFaceNetModelFile)
		p.hasMobile = true
	}
	if faces {
		if p.FaceNets, err = OpenFaceNets(dir, opts); err != nil {
			p.Close()
			return nil, err
		}
	}
	return p, nil
}

// ModelsEnv names the environment variable that points at the models folder.
const ModelsEnv = "VIGIE_MODELS"

// ModelDir resolves the models folder: dir when given (a --models flag),
// else $VIGIE_MODELS, else the first of ModelPlaces that holds ONNX
// Runtime's library. It never looks in the working directory or above it:
// a folder planted there must not choose the native code vigie loads.
func ModelDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	if d := os.Getenv(ModelsEnv); d != "" {
		return d, nil
	}
	places := ModelPlaces()
	for _, d := range places {
		if st, err := os.Stat(filepath.Join(d, convert.LibraryFile())); err == nil && st.Mode().IsRegular() {
			return d, nil
		}
	}
	return "", fmt.Errorf("no models folder found: give --models DIR or set %s, or put the models (run `make models`) in one of %s",
		ModelsEnv, strings.Join(places, ", "))
}

// ModelPlaces lists where an install puts the models, in the order ModelDir
// tries them: beside the executable (<bin>/models, then <bin>/../models,
// which is the checkout's models/ for bin/vigie), then the data directory
// ($XDG_DATA_HOME/vigie/models, by default ~/.local/share/vigie/models).
func ModelPlaces() []string {
	var places []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		bin := filepath.Dir(exe)
		places = append(places, filepath.Join(bin, "models"), filepath.Join(filepath.Dir(bin), "models"))
	}
	if data := dataDir(); data != "" {
		places = append(places, filepath.Join(data, "vigie", "models"))
	}
	return places
}

// dataDir is the XDG data directory, or "" when no home is known.
func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return d
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share")
	}
	return ""
}

// hashCache remembers files already hashed in this process (by path, size
// and modification time) so repeated Opens stay cheap.
var hashCache sync.Map

type hashKey struct {
	path  string
	size  int64
	mtime int64
}

// verifyPinned checks a models-folder file against the sha256 this build
// pins for it and returns the sum.
func verifyPinned(path string) (string, error) {
	want, err := convert.PinnedSHA256(filepath.Base(path))
	if err != nil {
		return "", err
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("model file %s: %w (run `make models`)", path, err)
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("model file %s is not a regular file (run `make models`)", path)
	}
	key := hashKey{path, st.Size(), st.ModTime().UnixNano()}
	got, ok := hashCache.Load(key)
	if !ok {
		sum, err := convert.FileSHA256(path)
		if err != nil {
			return "", err
		}
		got = sum
	}
	if got != want {
		return "", fmt.Errorf("%s has sha256 %s but this vigie pins %s: refusing to run a changed model (run `make models` to rebuild)", path, got, want)
	}
	hashCache.Store(key, got)
	return want, nil
}

// ModelChecksums returns the sha256 of every model file and library this
// pipeline loaded, by file name, for run manifests.
func (p *Pipeline) ModelChecksums() map[string]string {
	out := make(map[string]string, len(p.checksums))
	for k, v := range p.checksums {
		out[k] = v
	}
	return out
}

// Dir is the models folder in use.
func (p *Pipeline) Dir() string { return p.dir }

// Close releases every session. The ONNX Runtime environment stays loaded
// for the process, so later Opens are cheap.
func (p *Pipeline) Close() {
	if p == nil {
		return
	}
	p.embedder.close()
	p.embedder = nil
	p.mobileMu.Lock()
	p.mobile.close()
	p.mobile = nil
	p.mobileMu.Unlock()
	if p.FaceNets != nil {
		p.FaceNets.Close()
		p.FaceNets = nil
	}
}

// session is one ONNX Runtime session with a single float input and output,
// created once and shared: ONNX Runtime allows concurrent Run calls.
type session struct {
	path    string
	s       *ort.DynamicAdvancedSession
	in, out string
}

func newSession(path, in, out string, threads int) (*session, error) {
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
	s, err := ort.NewDynamicAdvancedSession(path, []string{in}, []string{out}, o)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w (run `make models` to rebuild it)", path, err)
	}
	return &session{path: path, s: s, in: in, out: out}, nil
}

// run feeds input of the given shape and fills out (whose length fixes the
// output shape outShape).
func (s *session) run(in []float32, inShape []int64, out []float32, outShape []int64) error {
	x, err := ort.NewTensor(ort.NewShape(inShape...), in)
	if err != nil {
		return err
	}
	defer x.Destroy()
	y, err := ort.NewTensor(ort.NewShape(outShape...), out)
	if err != nil {
		return err
	}
	defer y.Destroy()
	if err := s.s.Run([]ort.Value{x}, []ort.Value{y}); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	return nil
}

func (s *session) close() {
	if s != nil && s.s != nil {
		s.s.Destroy()
		s.s = nil
	}
}
