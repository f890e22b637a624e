package scenarios

import (
	"bytes"
	"os"
	"testing"
)

// The shipped schema.json must be what the Go types generate; regenerate it
// with `go run ./cmd/vigie schema > scenarios/schema.json`.
func TestSchemaFileInSync(t *testing.T) {
	shipped, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, Schema()) {
		t.Fatal("scenarios/schema.json is out of date: run `go run ./cmd/vigie schema > scenarios/schema.json`")
	}
}
