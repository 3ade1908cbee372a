#!/usr/bin/env bash
# Installs what building (and, with --test, testing) LossLab needs, then puts it on PATH.
# Idempotent and quick when everything is already there: every piece is version-checked first.
#
#   bash scripts/setup.sh            # build tools: wasm32 target, Trunk, wasm-bindgen CLI, wasm-opt
#   bash scripts/setup.sh --test     # ... plus Chromium + chromedriver (Debian packages)
#   source scripts/setup.sh [--test] # the same, and keep the PATH/environment in this shell
#   source scripts/setup.sh --env-only   # only the PATH/environment, no checks or installs
#
# What it installs, and why this way (see ../shared/TOOLCHAIN.md for the measurements):
#   - wasm32-unknown-unknown     rustup target add
#   - Trunk 0.21.14              cargo install --locked (0.22 needs a newer rustc)
#   - wasm-bindgen CLI           cargo install wasm-bindgen-cli --version <Cargo.lock's wasm-bindgen>,
#                                WITHOUT --locked (its lock pins a crate the registry does not serve);
#                                also provides wasm-bindgen-test-runner for `cargo test --target wasm32`
#   - wasm-opt                   npm package `binaryen` (node_modules/.bin), via `npm ci`
#   - chromium, chromium-driver  apt-get (only with --test)
# Trunk runs offline (Trunk.toml), so it never downloads tools itself; `cargo fetch` here lets its
# `cargo build --offline` find every crate.

LOSSLAB_TRUNK_VERSION="0.21.14"
LOSSLAB_BINARYEN_MAJOR="132"

_ls_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_ls_say() { printf '[setup] %s\n' "$*"; }
_ls_die() { printf '[setup] ERROR: %s\n' "$*" >&2; return 1; }

# Runs a command as root: directly when root, else through sudo (non-interactive without a TTY).
_ls_as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
  else
    _ls_die "need root (or sudo) to run: $*"
  fi
}

# PATH and environment for every later step. Safe to call repeatedly.
losslab_env() {
  local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  case ":$PATH:" in *":$cargo_bin:"*) ;; *) PATH="$cargo_bin:$PATH" ;; esac
  case ":$PATH:" in *":$_ls_repo/node_modules/.bin:"*) ;; *) PATH="$_ls_repo/node_modules/.bin:$PATH" ;; esac
  export PATH
  # Trunk would otherwise ask the registry's API whether a newer Trunk exists, on every run.
  export TRUNK_SKIP_VERSION_CHECK=true
  if command -v chromedriver >/dev/null 2>&1; then
    CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
    export CHROMEDRIVER
  fi
  # Generous: the first wasm test run compiles and instantiates a debug build in a cold browser.
  export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}"
}

# The wasm-bindgen version Cargo.lock resolved (the CLI must match it exactly).
losslab_wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$_ls_repo/Cargo.lock"
}

_ls_ensure_rust() {
  command -v cargo >/dev/null 2>&1 || _ls_die "cargo not found: install Rust with rustup first (https://rustup.rs)"
  command -v rustup >/dev/null 2>&1 || _ls_die "rustup not found (needed to add the wasm32 target)"
  if ! cargo fmt --version >/dev/null 2>&1; then
    _ls_say "adding rustfmt (the tests check formatting)"
    (cd "$_ls_repo" && rustup component add rustfmt)
  fi
  if (cd "$_ls_repo" && rustup target list --installed) | grep -qx wasm32-unknown-unknown; then
    _ls_say "wasm32-unknown-unknown target: present"
  else
    _ls_say "adding the wasm32-unknown-unknown target"
    (cd "$_ls_repo" && rustup target add wasm32-unknown-unknown)
  fi
}

_ls_cargo_fetch() {
  # Creates Cargo.lock if missing and downloads every crate, so the offline Trunk build and the
  # tests find them all.
  _ls_say "cargo fetch"
  (cd "$_ls_repo" && cargo fetch --quiet)
}

# cargo install from outside the repo, so the repo's .cargo/config.toml plays no part.
_ls_cargo_install() {
  (cd "${TMPDIR:-/tmp}" && cargo install "$@")
}

_ls_ensure_trunk() {
  local have=""
  have="$(trunk --version 2>/dev/null || true)"
  if [[ "$have" == "trunk $LOSSLAB_TRUNK_VERSION" ]]; then
    _ls_say "Trunk $LOSSLAB_TRUNK_VERSION: present"
  else
    _ls_say "installing Trunk $LOSSLAB_TRUNK_VERSION (found: ${have:-none}); this compiles for ~7 minutes"
    _ls_cargo_install trunk --locked --version "$LOSSLAB_TRUNK_VERSION" --force
    [[ "$(trunk --version)" == "trunk $LOSSLAB_TRUNK_VERSION" ]] \
      || _ls_die "Trunk on PATH is '$(trunk --version)' ($(command -v trunk)), expected $LOSSLAB_TRUNK_VERSION"
  fi
}

_ls_ensure_wasm_bindgen() {
  local want have runner
  want="$(losslab_wasm_bindgen_version)"
  [[ -n "$want" ]] || _ls_die "no wasm-bindgen package in Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null || true)"
  runner="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
  if [[ "$have" == "wasm-bindgen $want" && "$runner" == *" $want"* ]]; then
    _ls_say "wasm-bindgen CLI $want: present"
  else
    _ls_say "installing wasm-bindgen-cli $want (found: ${have:-none}); this compiles for ~2 minutes"
    # No --locked: the CLI's own lock file pins a crate version the registry no longer serves.
    _ls_cargo_install wasm-bindgen-cli --version "$want" --force
    [[ "$(wasm-bindgen --version)" == "wasm-bindgen $want" ]] \
      || _ls_die "wasm-bindgen on PATH is '$(wasm-bindgen --version)' ($(command -v wasm-bindgen)), expected $want"
  fi
  local pinned
  pinned="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' "$_ls_repo/Trunk.toml" | head -n1)"
  if [[ -n "$pinned" && "$pinned" != "$want" ]]; then
    printf '[setup] WARNING: Trunk.toml pins wasm_bindgen = "%s" but Cargo.lock has %s:\n' "$pinned" "$want" >&2
    printf '[setup] WARNING: the offline Trunk build will refuse to run until they agree.\n' >&2
  fi
}

# True when node_modules holds exactly the versions package-lock.json names.
_ls_node_modules_current() {
  (cd "$_ls_repo" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const want = JSON.stringify({ ...(pkg.dependencies || {}), ...(pkg.devDependencies || {}) });
    const root = lock.packages[""] || {};
    const locked = JSON.stringify({ ...(root.dependencies || {}), ...(root.devDependencies || {}) });
    if (want !== locked) process.exit(1);
    for (const [where, meta] of Object.entries(lock.packages)) {
      if (!where || meta.link || meta.optional) continue;
      let have;
      try { have = JSON.parse(fs.readFileSync(where + "/package.json", "utf8")).version; } catch { process.exit(1); }
      if (have !== meta.version) process.exit(1);
    }
  ' 2>/dev/null)
}

_ls_ensure_node_modules() {
  command -v node >/dev/null 2>&1 || _ls_die "node not found (Node 20.10 or newer is needed)"
  # The end-to-end tests run `node --test --test-concurrency`, which Node 20.10 added.
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 10) ? 0 : 1)' \
    || _ls_die "node $(node --version) is too old: Node 20.10 or newer is needed"
  command -v npm >/dev/null 2>&1 || _ls_die "npm not found"
  if _ls_node_modules_current; then
    _ls_say "node_modules: current"
  else
    _ls_say "npm ci (binaryen for wasm-opt, playwright-core for the browser tests)"
    (cd "$_ls_repo" && npm ci --no-audit --no-fund)
  fi
  local have
  have="$(wasm-opt --version 2>/dev/null || true)"
  [[ "$have" == *"version $LOSSLAB_BINARYEN_MAJOR"* ]] \
    || _ls_die "wasm-opt on PATH is '${have:-missing}' ($(command -v wasm-opt || echo none)); expected version $LOSSLAB_BINARYEN_MAJOR from node_modules/.bin"
  _ls_say "wasm-opt: $have"
}

_ls_ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    _ls_say "chromium + chromedriver: present"
  else
    _ls_say "installing chromium and chromium-driver (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    _ls_as_root apt-get update || _ls_say "apt-get update reported errors; trying the install anyway"
    _ls_as_root apt-get install -y chromium chromium-driver
  fi
  local browser driver
  browser="$(chromium --version 2>/dev/null || true)"
  driver="$(chromedriver --version 2>/dev/null || true)"
  [[ -n "$browser" && -n "$driver" ]] || _ls_die "chromium or chromedriver does not run ('$browser' / '$driver')"
  _ls_say "$browser; $driver"
}

# The e2e test that runs the app's "Copy as Python" output needs NumPy, SciPy, scikit-learn.
# pip first (binary wheels); where python3 or pip is missing (a minimal Debian 12 has no pip)
# or pip refuses, Debian's own packages.
_ls_ensure_python_science() {
  if python3 -c "import numpy, scipy, sklearn" >/dev/null 2>&1; then
    _ls_say "python3 with numpy, scipy, scikit-learn: present"
    return
  fi
  _ls_say "installing numpy, scipy, scikit-learn for python3"
  if ! { command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1 && {
      python3 -m pip install --quiet --disable-pip-version-check numpy scipy scikit-learn \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages numpy scipy scikit-learn; }; }; then
    command -v apt-get >/dev/null 2>&1 || _ls_die "could not install numpy, scipy and scikit-learn (no pip, no apt-get)"
    _ls_say "pip unavailable or refused: installing Debian's python3-numpy, python3-scipy, python3-sklearn"
    _ls_as_root apt-get update -qq || true
    _ls_as_root apt-get install -y python3 python3-numpy python3-scipy python3-sklearn \
      || _ls_die "could not install numpy, scipy and scikit-learn with pip or apt-get"
  fi
  python3 -c "import numpy, scipy, sklearn" || _ls_die "numpy, scipy or scikit-learn does not import after installing"
}

losslab_setup() {
  local with_test=0 arg
  for arg in "$@"; do
    case "$arg" in
      --test) with_test=1 ;;
      *) _ls_die "unknown option: $arg (expected --test or --env-only)" ;;
    esac
  done
  losslab_env
  _ls_ensure_rust
  _ls_cargo_fetch
  _ls_ensure_node_modules
  _ls_ensure_wasm_bindgen
  _ls_ensure_trunk
  if [[ "$with_test" == 1 ]]; then
    _ls_ensure_chromium
    _ls_ensure_python_science
  fi
  losslab_env
  _ls_say "ready"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  if [[ "${1:-}" == "--env-only" ]]; then losslab_env; else losslab_setup "$@"; fi
else
  # Sourced: install in a child bash (where set -e stops at the first failure), then set PATH
  # and the environment in the caller's shell, leaving its shell options as they were.
  if [[ "${1:-}" != "--env-only" ]]; then
    bash "${BASH_SOURCE[0]}" "$@" || return 1
  fi
  losslab_env
fi
