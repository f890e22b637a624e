// Package testenv says what a test does when the models it needs are
// missing. Under make test, which fetches and converts them first and sets
// VIGIE_REQUIRE_MODELS=1, their absence is a failure: a set-up that broke
// must not pass as a suite of skips. A plain go test without that set-up
// skips, and both say what to run.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// RequireModelsEnv, set to 1, turns a missing model into a failure.
const RequireModelsEnv = "VIGIE_REQUIRE_MODELS"

// MissingModels stops a test that needs what `make models` provides (the
// converted networks, ONNX Runtime's library, the face-api weights and demo
// photographs): it fails when VIGIE_REQUIRE_MODELS=1, and skips otherwise.
// The message says what is missing and how to get it.
func MissingModels(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) +
		"; run `make models`, then VIGIE_MODELS=$PWD/models go test (make test does both)"
	if os.Getenv(RequireModelsEnv) == "1" {
		t.Fatal(msg + " [" + RequireModelsEnv + "=1: this test must run]")
	} else {
		t.Skip(msg)
	}
}
