#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: system packages the tests and benchmarks use
# (when running as root with apt-get available), then the npm dependencies from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: browser tests of the EDA report and the app; postgresql: the app's PostgreSQL store tests;
# libopenblas-dev: the optional native matmul kernel (src/engine) builds against it; haproxy: the
# load balancer in front of several replicas (deploy/haproxy.cfg, src/serve/replicas.test.ts).
want=(chromium postgresql libopenblas-dev haproxy)
# Benchmarks compare against PyTorch CPU and pandas (Debian's python3, /usr/bin/python3).
if [ "${MAXELLA_BENCH:-}" = 1 ]; then want+=(python3-torch libopenblas0-pthread python3-pandas); fi
missing=()
for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: not root or no apt-get; tests that need ${missing[*]} will say so and skip" >&2
  fi
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
# Optional native kernels (native/*: OpenBLAS matmul for the wasm backend). Maxella runs without them,
# so a failed build only prints a note.
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
nodedir="$(npm config get nodedir 2>/dev/null || true)"
for dir in native/*/; do
  [ -f "$dir/binding.gyp" ] || continue
  if node "$gyp" rebuild -C "$dir" ${nodedir:+--nodedir="$nodedir"} >/tmp/maxella-native-build.log 2>&1; then
    echo "setup: built native kernel $dir"
  else
    echo "setup: optional native kernel $dir not built (see /tmp/maxella-native-build.log); using the wasm kernels" >&2
  fi
done
