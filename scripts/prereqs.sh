#!/usr/bin/env bash
# Checks what set-up cannot install by itself, before anything else runs,
# so that a missing toolchain gives one clear sentence instead of a failure
# deep inside a build. Exit status 2 names what is missing and what to do.
set -uo pipefail
cd "$(dirname "$0")/.."
fail() { echo "vigie set-up: $*" >&2; exit 2; }

command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 ||
  fail "a Debian-like system (apt-get, dpkg) is needed to install the X11/GL headers, Chromium and Xvfb."

go_bin=${GO:-go}
command -v "$go_bin" >/dev/null 2>&1 ||
  fail "Go is not on PATH. Install Go $(awk '/^go /{print $2}' go.mod) or newer from the Go project's releases (Debian's own golang package is too old) and add its bin folder to PATH."
need=$(awk '/^go /{print $2}' go.mod)
have=$("$go_bin" env GOVERSION 2>/dev/null | sed 's/^go//')
# sort -V orders dotted versions; the older of the two must be the one needed.
if [ -z "$have" ] || [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]; then
  fail "Go ${have:-unknown} is too old: go.mod needs Go $need or newer."
fi
command -v gcc >/dev/null 2>&1 ||
  fail "gcc is needed (cgo links ONNX Runtime and the live view): apt-get install gcc."
exit 0
