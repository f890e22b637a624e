package convert

import (
	"fmt"
	"path/filepath"
	"runtime"
)

// The sha256 of every file a run loads from the models folder, pinned here
// in the source rather than read from the folder: a manifest lying beside
// the files it vouches for proves nothing, since whoever could plant the
// files could write the manifest too. The conversion is deterministic (the
// same weights give the same bytes, checked by TestFaceRecBuild and
// TestFaceNetsBuild against these pins), so the models' sums are the same
// on every machine; a change to the converter that changes a model must
// update its pin here, and Setup refuses to finish until it does.
var pinnedModels = map[string]string{
	AgeGenderName + ".onnx":     "3edf86c42726edbf7d4363c08195a0af848082a2e2631bcb710221b4acf59869",
	LandmarksName + ".onnx":     "49d76238694f78860842f2f2c9ac56f508358c3fab5ca1b3f5392d3bc6aa41d1",
	FaceRecName + ".onnx":       "416c99fcb62fbc86d52fc613634b796035cf6b2619afc228795db251c324a6e4",
	SSDName + ".onnx":           "9c80a6f3ab29f8b36dc5f75cd6ab4d3a5a364c6e183704014dcd233fd9445de3",
	MobileFaceNetName + ".onnx": "b424ab0a96b4a031c04ade5f6f70fd8724d1ed24f2c81708a0879d73dd9dafe8",
}

// pinnedLibraries is ONNX Runtime's shared library from onnxruntime-node
// 1.30.0 (the npm package scripts/models.sh fetches and checks), by
// GOOS/GOARCH: bin/napi-v6/linux/x64/libonnxruntime.so.1 and
// bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib.
var pinnedLibraries = map[string]string{
	"linux/amd64":  "ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23",
	"darwin/arm64": "685d2be5dba1309c89d3a5324b7fd06a5c42f1a61bfea32d14c4cc28d072121d",
}

// PinnedSHA256 returns the sha256 the named models-folder file must have
// (a converted model, or LibraryFile()), or an error when this build pins
// none for it: a file without a pin is never loaded.
func PinnedSHA256(name string) (string, error) {
	if name == LibraryFile() {
		platform := runtime.GOOS + "/" + runtime.GOARCH
		if sum, ok := pinnedLibraries[platform]; ok {
			return sum, nil
		}
		return "", fmt.Errorf("no ONNX Runtime library is pinned for %s (pinned: linux/amd64, darwin/arm64 in sim/recognition/convert/pins.go)", platform)
	}
	if sum, ok := pinnedModels[name]; ok {
		return sum, nil
	}
	return "", fmt.Errorf("%s is not a model this build of vigie knows (sim/recognition/convert/pins.go)", name)
}

// checkPinned compares a converted model with its pin.
func checkPinned(o Output) error {
	want, err := PinnedSHA256(o.Name + ".onnx")
	if err != nil {
		return err
	}
	if o.SHA256 != want {
		return fmt.Errorf("converting %s gave sha256 %s, but vigie pins %s: the converter or the weights changed; if the change is meant, put the new sum in sim/recognition/convert/pins.go", o.Name, o.SHA256, want)
	}
	return nil
}

// checkFilePinned hashes a models-folder file and compares it with its pin.
func checkFilePinned(path string) error {
	name := filepath.Base(path)
	want, err := PinnedSHA256(name)
	if err != nil {
		return err
	}
	got, err := FileSHA256(path)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s has sha256 %s, but vigie pins %s", path, got, want)
	}
	return nil
}
