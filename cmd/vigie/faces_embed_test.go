package main

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vigie/internal/testenv"
	"vigie/sim/recognition"
)

// demoPhoto returns a face-api demo photo from the models folder, or skips
// when set-up has not run.
func demoPhoto(t *testing.T, name string) string {
	t.Helper()
	dir, err := recognition.ModelDir("")
	if err != nil {
		testenv.MissingModels(t, "models not found")
	}
	p := filepath.Join(dir, "face-api", "demo", name)
	if _, err := os.Stat(p); err != nil {
		testenv.MissingModels(t, "demo photos not found")
	}
	return p
}

func TestFacesEmbedJSON(t *testing.T) {
	photo := demoPhoto(t, "sample2.jpg")
	blank := filepath.Join(t.TempDir(), "blank.png")
	f, _ := os.Create(blank)
	png.Encode(f, image.NewGray(image.Rect(0, 0, 64, 48)))
	f.Close()

	out, stderr, code := vigie(t, nil, "faces", "embed", "--json", photo, blank)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per image:\n%s", len(lines), out)
	}
	var res [2]imageJSON
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &res[i]); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	if res[0].File != photo || res[0].Width != 1920 || len(res[0].Faces) == 0 {
		t.Fatalf("photo result: file %s %dx%d, %d faces", res[0].File, res[0].Width, res[0].Height, len(res[0].Faces))
	}
	for i, face := range res[0].Faces {
		if len(face.Landmarks) != 68 || len(face.Descriptor) != recognition.DescriptorDim || face.Score <= 0.5 {
			t.Errorf("face %d: %d landmarks, %d descriptor values, score %g", i, len(face.Landmarks), len(face.Descriptor), face.Score)
		}
	}
	if res[1].Faces == nil || len(res[1].Faces) != 0 || !strings.Contains(lines[1], `"faces":[]`) {
		t.Errorf("blank image: %s, want an empty faces list", lines[1])
	}
}

func TestFacesCompare(t *testing.T) {
	a, b := demoPhoto(t, "sample1.jpg"), demoPhoto(t, "sample6.jpg")
	text := writeFile(t, "notes.jpg", "not a picture")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"same photo", []string{a, a}, 0, "distance 0.0000: same (threshold 0.6)"},
		{"strict threshold", []string{a, b, "--threshold", "0.01"}, 0, "different (threshold 0.01)"},
		{"bad threshold", []string{a, b, "--threshold", "-1"}, 2, "--threshold -1"},
		{"not an image", []string{a, text}, 2, "notes.jpg: not a decodable image"},
		{"missing file", []string{a, "nope.jpg"}, 2, "nope.jpg"},
		{"one argument", []string{a}, 2, "accepts 2 arg"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, stderr, code := vigie(t, nil, append([]string{"faces", "compare"}, c.args...)...)
			if code != c.code || !strings.Contains(out+stderr, c.want) {
				t.Fatalf("exit %d, output %q %q; want exit %d with %q", code, out, stderr, c.code, c.want)
			}
		})
	}
}

func TestFacesMissingModels(t *testing.T) {
	photo := demoPhoto(t, "sample1.jpg")
	_, stderr, code := vigie(t, []string{"VIGIE_MODELS=" + t.TempDir()}, "faces", "embed", photo)
	if code != 2 || !strings.Contains(stderr, "make models") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("exit %d, stderr %q: want status 2 and one line naming `make models`", code, stderr)
	}
	// A run on the pipeline reports the same problem with the same status.
	scen := writeFile(t, "fitted.yaml", "name: fitted\npopulation: {size: 300}\nrecognizer: {mode: fitted}\nregimes: [none, mass]\n")
	_, stderr, code = vigie(t, []string{"VIGIE_MODELS=" + t.TempDir()}, "run", scen, "--out", filepath.Join(t.TempDir(), "out"), "-q")
	if code != 2 || !strings.Contains(stderr, "make models") {
		t.Fatalf("run: exit %d, stderr %q: want status 2 naming `make models`", code, stderr)
	}
}
