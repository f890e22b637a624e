#!/usr/bin/env bash
# Fetch the ECharts library the HTML report inlines, from its npm package at a
# pinned version, check it against pinned checksums, and leave it at
# .cache/echarts/echarts.min.js and viz/report/assets/echarts.min.js, where
# go build embeds it into vigie (both git-ignored; never committed). The sum
# is pinned in viz/report/assets.go too: change both together.
#
# The version matches what go-echarts v2.6.7 targets (ECharts 5.4.3, see its
# docs/en-us/dive-into.md). A second run does no network work.
set -euo pipefail

VERSION=5.4.3
TGZ_SHA256=89f6b509a83b3694645a8ec0dc8808999bb96610eac9e718fbda4726bb694eaf
JS_SHA256=1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.cache/echarts"
js="$dest/echarts.min.js"
embed="$root/viz/report/assets/echarts.min.js"

have() { [ -f "$1" ] && echo "$2  $1" | sha256sum --check --status; }

# install_embed copies the checked library where go build embeds it.
install_embed() {
	have "$embed" "$JS_SHA256" && return 0
	cp "$js" "$embed.tmp" && mv "$embed.tmp" "$embed"
	echo "echarts.sh: echarts $VERSION at $embed (embedded by go build)"
}

if have "$js" "$JS_SHA256"; then
	install_embed
	exit 0
fi
command -v npm >/dev/null || { echo "echarts.sh: npm is needed to fetch echarts@$VERSION (install Node.js 20)" >&2; exit 1; }

mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$VERSION" >/dev/null)
tgz="$tmp/echarts-$VERSION.tgz"
if ! have "$tgz" "$TGZ_SHA256"; then
	echo "echarts.sh: echarts-$VERSION.tgz does not match the pinned sha256 $TGZ_SHA256" >&2
	exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/dist/echarts.min.js package/LICENSE
if ! have "$tmp/package/dist/echarts.min.js" "$JS_SHA256"; then
	echo "echarts.sh: dist/echarts.min.js does not match the pinned sha256 $JS_SHA256" >&2
	exit 1
fi
cp "$tmp/package/LICENSE" "$dest/LICENSE"
mv "$tmp/package/dist/echarts.min.js" "$js"
echo "echarts.sh: echarts $VERSION at $js"
install_embed
