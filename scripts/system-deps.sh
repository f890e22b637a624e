#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Vigie needs, only those missing.
#   system-deps.sh build   X11 and GL headers (ebiten, the live view, is linked into vigie)
#   system-deps.sh test    the above, plus Xvfb (live-view tests), Chromium (report tests) and
#                          Slurm with munge (the sweep's one-node Slurm test, cmd/vigie/slurm_test.go)
#   system-deps.sh slurm   Slurm and munge alone (the Slurm test calls this when they are missing)
set -euo pipefail
want=(libx11-dev libxrandr-dev libxcursor-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dev pkg-config)
# npm fetches the pinned models, ONNX Runtime and ECharts; Debian's nodejs
# is enough where the machine has no Node.js of its own.
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
if [ "${1:-build}" = test ]; then
  want+=(xvfb xauth chromium fonts-dejavu-core slurm-wlm munge)
fi
if [ "${1:-build}" = slurm ]; then
  want=(slurm-wlm munge)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
