//go:build !js

package main

import (
	"fmt"
	"os"
)

// main says how this command is built: it runs inside the explorer page.
func main() {
	fmt.Fprintln(os.Stderr, "vigie-explore-wasm runs inside the page vigie explore writes: build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
