package explore

import (
	"embed"
	"errors"
	"io/fs"
)

// engineFiles holds the page's engine when `make assets` built it before
// go build (assets/README.md keeps the pattern valid without it).
//
//go:embed assets
var engineFiles embed.FS

// errNoEngine says how to get the engine into vigie.
var errNoEngine = errors.New("this vigie was built without the explorer's engine (viz/explore/assets/explore.wasm.gz): " +
	"build it with make build, whose make assets step compiles cmd/vigie-explore-wasm with GOOS=js GOARCH=wasm before go build embeds it")

// engine returns the gzipped WebAssembly engine and the Go toolchain's
// wasm_exec.js that starts it.
func engine() (wasmGz, execJS []byte, err error) {
	wasmGz, err1 := fs.ReadFile(engineFiles, "assets/explore.wasm.gz")
	execJS, err2 := fs.ReadFile(engineFiles, "assets/wasm_exec.js")
	if err1 != nil || err2 != nil {
		return nil, nil, errNoEngine
	}
	return wasmGz, execJS, nil
}

// HasEngine says whether this build carries the engine, for a command to
// refuse early.
func HasEngine() error {
	_, _, err := engine()
	return err
}
