#!/usr/bin/env bash
# Build the explorer page's engine (vigie explore): cmd/vigie-explore-wasm
# compiled with GOOS=js GOARCH=wasm, stripped and gzipped (the page inflates
# it with the browser's DecompressionStream), and the Go toolchain's
# wasm_exec.js that starts it, into viz/explore/assets/ where go build embeds
# them into vigie. Both are generated and git-ignored; run by make assets,
# so make build, make run and make test all build the engine first.
set -euo pipefail

GO=${GO:-go}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/viz/explore/assets"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
GOOS=js GOARCH=wasm "$GO" build -trimpath -ldflags="-s -w" -o "$tmp/explore.wasm" ./cmd/vigie-explore-wasm
gzip -9 -n -c "$tmp/explore.wasm" >"$tmp/explore.wasm.gz"

goroot=$("$GO" env GOROOT)
exec_js="$goroot/lib/wasm/wasm_exec.js"
[ -f "$exec_js" ] || exec_js="$goroot/misc/wasm/wasm_exec.js" # Go before 1.24
cp "$exec_js" "$tmp/wasm_exec.js"

# Replace only what changed, so that go build's cache keeps vigie when the
# engine is the same.
for f in explore.wasm.gz wasm_exec.js; do
	cmp -s "$tmp/$f" "$dest/$f" 2>/dev/null || mv "$tmp/$f" "$dest/$f"
done
echo "explore-engine.sh: the explorer's engine at $dest/explore.wasm.gz ($(stat -c %s "$dest/explore.wasm.gz") bytes, embedded by go build)"
