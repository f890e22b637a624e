package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/internal/testenv"
)

func f64(v float64) *float64 { return &v }

func TestDecodeWeight(t *testing.T) {
	cases := []struct {
		name string
		w    manifestWeight
		bin  []byte
		want []float32
		used int
	}{
		{"uint8 float32", manifestWeight{Dtype: "float32", Quantization: &quantization{Dtype: "uint8", Scale: f64(0.5), Min: f64(-1)}},
			[]byte{0, 1, 2, 255}, []float32{-1, -0.5, 0, 126.5}, 4},
		{"uint16 float32", manifestWeight{Dtype: "float32", Quantization: &quantization{Dtype: "uint16", Scale: f64(0.25), Min: f64(2)}},
			[]byte{4, 0, 0, 1}, []float32{3, 66}, 4},
		{"uint8 int32 rounds half up", manifestWeight{Dtype: "int32", Quantization: &quantization{Dtype: "uint8", Scale: f64(0.5), Min: f64(-2)}},
			[]byte{1, 3, 4, 5}, []float32{-1, 0, 0, 1}, 4},
		{"plain float32", manifestWeight{Dtype: "float32"},
			[]byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0}, []float32{1, -2}, 8},
		{"plain int32", manifestWeight{Dtype: "int32"},
			[]byte{0xff, 0xff, 0xff, 0xff, 7, 0, 0, 0}, []float32{-1, 7}, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, used, err := decodeWeight(c.w, len(c.want), c.bin)
			if err != nil {
				t.Fatal(err)
			}
			if used != c.used {
				t.Errorf("used %d bytes, want %d", used, c.used)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

// writeManifest puts a manifest and its shard in a temp folder.
func writeManifest(t *testing.T, manifest string, shard []byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "m.bin"), shard, 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "m-weights_manifest.json")
	if err := os.WriteFile(p, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadWeights(t *testing.T) {
	m := `[{"paths":["m.bin"],"weights":[
	  {"name":"a","shape":[2,2],"dtype":"float32","quantization":{"dtype":"uint8","scale":1,"min":0}},
	  {"name":"b","shape":[1],"dtype":"float32"}]}]`
	w, err := LoadWeights(writeManifest(t, m, []byte{1, 2, 3, 4, 0, 0, 0x80, 0x3f}))
	if err != nil {
		t.Fatal(err)
	}
	if a := w["a"]; len(a.Data) != 4 || a.Data[3] != 4 || a.Shape[0] != 2 {
		t.Errorf("a = %+v", a)
	}
	if b := w["b"]; len(b.Data) != 1 || b.Data[0] != 1 {
		t.Errorf("b = %+v", b)
	}
}

func TestLoadWeightsErrors(t *testing.T) {
	q := `"quantization":{"dtype":"uint8","scale":1,"min":0}`
	cases := []struct {
		name, manifest string
		shard          []byte
		want           string
	}{
		{"not json", `{`, nil, "not a tfjs weights manifest"},
		{"short shard", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[4],"dtype":"float32",` + q + `}]}]`, []byte{1}, `weight "a": needs 4 bytes`},
		{"left over", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[1],"dtype":"float32",` + q + `}]}]`, []byte{1, 2}, "1 bytes left over"},
		{"bad dtype", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[1],"dtype":"string"}]}]`, []byte{1}, `dtype "string" not supported`},
		{"bad quantization", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[1],"dtype":"float32","quantization":{"dtype":"float16"}}]}]`, []byte{1, 2}, `quantization dtype "float16"`},
		{"no scale", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[1],"dtype":"float32","quantization":{"dtype":"uint8"}}]}]`, []byte{1}, "needs scale and min"},
		{"missing shard", `[{"paths":["gone.bin"],"weights":[]}]`, nil, "gone.bin"},
		{"duplicate", `[{"paths":["m.bin"],"weights":[{"name":"a","shape":[1],"dtype":"float32",` + q + `},{"name":"a","shape":[1],"dtype":"float32",` + q + `}]}]`, []byte{1, 2}, "appears twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeManifest(t, c.manifest, c.shard)
			_, err := LoadWeights(p)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if !strings.Contains(err.Error(), "m-weights_manifest.json") {
				t.Errorf("error %q does not name the manifest", err)
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	nets := Networks()
	found := false
	for i, n := range nets {
		if i > 0 && nets[i-1].Name >= n.Name {
			t.Errorf("networks not in name order: %s before %s", nets[i-1].Name, n.Name)
		}
		found = found || n.Name == FaceRecName
	}
	if !found {
		t.Fatalf("%s not registered", FaceRecName)
	}
	if _, err := Convert(t.TempDir(), t.TempDir(), "no_such_net"); err == nil {
		t.Fatal("unknown network accepted")
	}
}

// faceAPIWeights finds the unpacked face-api weights (models/face-api) as the
// pipeline finds models, or skips.
func faceAPIWeights(t *testing.T) string {
	t.Helper()
	var dirs []string
	if d := os.Getenv("VIGIE_MODELS"); d != "" {
		dirs = append(dirs, filepath.Join(d, "face-api"))
	}
	wd, _ := os.Getwd()
	for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
		dirs = append(dirs, filepath.Join(d, "models", "face-api"))
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "face_recognition_model-weights_manifest.json")); err == nil {
			return d
		}
	}
	testenv.MissingModels(t, "face-api weights not found")
	return ""
}

// TestFaceRecBuild converts the real weights twice: same bytes, and the
// graph has the expected interface.
func TestFaceRecBuild(t *testing.T) {
	src := faceAPIWeights(t)
	a, b := t.TempDir(), t.TempDir()
	oa, err := Convert(src, a, FaceRecName)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := Convert(src, b, FaceRecName)
	if err != nil {
		t.Fatal(err)
	}
	if len(oa) != 1 || oa[0].SHA256 != ob[0].SHA256 {
		t.Fatalf("conversion not deterministic: %+v vs %+v", oa, ob)
	}
	if err := checkPinned(oa[0]); err != nil {
		t.Error(err)
	}
	// 4 bytes per float parameter; face-api's net has about 5.9M of them.
	if oa[0].Bytes < 20_000_000 {
		t.Errorf("model only %d bytes", oa[0].Bytes)
	}
	j, _ := json.Marshal(oa[0])
	t.Logf("%s", j)
}

// TestPins: every registered network and this platform's library have a
// pin, and a name vigie does not know has none.
func TestPins(t *testing.T) {
	for _, n := range Networks() {
		if sum, err := PinnedSHA256(n.Name + ".onnx"); err != nil || len(sum) != 64 {
			t.Errorf("%s: pin %q, %v", n.Name, sum, err)
		}
	}
	if _, err := PinnedSHA256(LibraryFile()); err != nil {
		t.Error(err)
	}
	if _, err := PinnedSHA256("planted.onnx"); err == nil {
		t.Error("an unknown file has a pin")
	}
}
