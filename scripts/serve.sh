#!/usr/bin/env bash
# Builds LossLab and serves it locally (rebuilding on every change), installing whatever is missing first
# (wasm32 target, Trunk 0.21.14, the wasm-bindgen CLI matching Cargo.lock, wasm-opt from npm's
# binaryen): see scripts/setup.sh.
#
#   bash scripts/serve.sh                 # http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh       # another port
#   bash scripts/serve.sh --release       # extra arguments go to `trunk serve`
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
trunk_args=("$@")
set --  # `source` would hand this script's arguments to setup.sh

echo "== setup: installing what is missing (the first run compiles Trunk: ~10 minutes)"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

# Trunk 0.21 refuses to start `serve` when a path in Trunk.toml's [watch] ignore list does not
# exist ("error taking the canonical path to the watch ignore path"); a fresh clone lacks the
# git-ignored ones (artifacts/...). Create the missing ones, empty.
while IFS= read -r ignored; do
  if [[ -n "$ignored" && ! -e "$ignored" ]]; then
    mkdir -p "$ignored"
    echo "[serve] created empty $ignored/ (listed in Trunk.toml [watch] ignore)"
  fi
done < <(awk '
  /^\[/ { in_watch = ($0 ~ /^\[watch\]/) }
  in_watch && /^ignore *=/ { line = $0; sub(/^[^[]*\[/, "", line); sub(/\].*$/, "", line);
    n = split(line, parts, ","); for (i = 1; i <= n; i++) { p = parts[i]; gsub(/^[ "]+|[ "]+$/, "", p); if (p != "") print p } }
' Trunk.toml)

port="${PORT:-$(sed -n 's/^port *= *\([0-9][0-9]*\).*/\1/p' Trunk.toml | head -n1)}"
port="${port:-8080}"
address="$(sed -n 's/^addresses *= *\["\([^"]*\)".*/\1/p' Trunk.toml | head -n1)"
address="${address:-127.0.0.1}"

echo
echo "== LossLab will be at:  http://${address}:${port}/"
echo "== (the first build takes a minute; Trunk rebuilds on every change: reload the page to see it; Ctrl-C stops)"
echo
exec trunk serve --port "$port" "${trunk_args[@]}"
