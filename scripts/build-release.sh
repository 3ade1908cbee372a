#!/usr/bin/env bash
# Builds the release version of LossLab into a folder (default dist/), as small as the
# machine allows:
#
#   bash scripts/build-release.sh [DIST]
#
# With the nightly toolchain and its rust-src (installed here when missing), the standard
# library is rebuilt with `-Cpanic=immediate-abort` and its `optimize_for_size` feature: panic
# messages and their formatting code leave the binary (about 11 % of the .wasm), and std picks
# its smaller algorithms (e.g. heapsort and mergesort instead of the larger pattern-defeating
# sorts; still O(n log n)). A panic then traps instead of printing, which for
# a release with `panic = "abort"` changes nothing a user sees. Without nightly the same build
# runs on the stable toolchain. LOSSLAB_STABLE=1 forces the stable build.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dist="${1:-dist}"
set --
# shellcheck source=scripts/setup.sh
source scripts/setup.sh --env-only

nightly_ready() {
  [[ "${LOSSLAB_STABLE:-0}" != "1" ]] || return 1
  rustc +nightly --version >/dev/null 2>&1 || return 1
  local sysroot
  sysroot="$(rustc +nightly --print sysroot 2>/dev/null)" || return 1
  if [[ ! -d "$sysroot/lib/rustlib/src/rust/library" ]]; then
    echo "[build] adding rust-src to the nightly toolchain (for a size-optimised standard library)"
    rustup component add rust-src --toolchain nightly >/dev/null 2>&1 || return 1
  fi
  [[ -d "$sysroot/lib/rustlib/src/rust/library" ]] || return 1
  # Trunk builds with `cargo --offline` (Trunk.toml `offline = true`), and on a fresh machine the
  # standard library's own dependencies (wasip1, dlmalloc, …) are not in cargo's cache yet:
  # without this fetch the nightly build fails there and the stable fallback is ~25 KB larger.
  # A failed fetch (offline, say) is not fatal: a warm cache may hold them already; if not, the
  # nightly build fails and the stable one is built instead, saying so.
  echo "[build] fetching the standard library's dependencies"
  if ! cargo +nightly fetch --target wasm32-unknown-unknown \
      --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null 2>&1; then
    echo "[build] could not fetch them (offline?); trying with what cargo has cached"
  fi
}

if nightly_ready; then
  echo "[build] $(rustc +nightly --version): standard library rebuilt with panic=immediate-abort"
  if RUSTUP_TOOLCHAIN=nightly \
     CARGO_UNSTABLE_BUILD_STD="std,panic_abort" \
     CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size" \
     CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
     CARGO_TARGET_DIR="$repo/target/nightly" \
     trunk build --release --dist "$dist"; then
    exit 0
  fi
  echo "[build] the nightly build failed; building with the stable toolchain instead"
fi
echo "[build] $(rustc --version): stable toolchain"
exec trunk build --release --dist "$dist"
