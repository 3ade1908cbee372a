#!/usr/bin/env bash
# Runs every LossLab test, installing what the tests need first (see scripts/setup.sh):
#   1. setup          toolchain, node_modules, Chromium + chromedriver
#   2. native         cargo fmt --all --check; cargo test --workspace
#   3. wasm           cargo test --target wasm32-unknown-unknown -p losslab (headless Chromium)
#   4. release build  scripts/build-release.sh (trunk build --release into target/e2e-dist/)
#   5. e2e            node --test e2e/  (the release build in headless Chromium, real mouse drags)
# Every step runs even when an earlier one failed (except what needs its output), each step's
# output is kept in artifacts/logs/, and the run ends with a summary: one line per suite, then
# "total: N passed, M failed". Exits non-zero when anything failed.
#
#   bash scripts/test.sh
#   E2E_ONLY=1 bash scripts/test.sh    # setup + release build + e2e only
#   LOSSLAB_DIST=dist bash scripts/test.sh   # build and test in dist/ instead

set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
logs="$repo/artifacts/logs"
mkdir -p "$logs"

run_start=$SECONDS
# Where the release build for the browser tests goes (inside target/: ignored by git and Trunk).
e2e_dist="${LOSSLAB_DIST:-target/e2e-dist}"
declare -a S_NAME=() S_STATUS=() S_PASS=() S_FAIL=() S_NOTE=() S_TIME=()

banner() {
  printf '\n==================================================================\n'
  printf '== %s\n' "$*"
  printf '==================================================================\n'
}

# record NAME STATUS PASSED FAILED SECONDS NOTE
record() {
  S_NAME+=("$1"); S_STATUS+=("$2"); S_PASS+=("$3"); S_FAIL+=("$4"); S_TIME+=("$5"); S_NOTE+=("$6")
}

# run_logged LOGFILE CMD... : runs CMD with its output shown and saved; returns its exit code.
run_logged() {
  local log="$1"; shift
  local rc=0
  set +e
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

# Sums libtest's "test result: ... N passed; M failed; K ignored" lines in a log.
cargo_counts() {
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i+1) ~ /^passed;?$/) p += $i
        if ($(i+1) ~ /^failed;?$/) f += $i
        if ($(i+1) ~ /^ignored;?$/) g += $i
      }
    }
    END { printf "%d %d %d\n", p, f, g }
  ' "$1"
}

# Reads the node test runner's TAP summary ("# pass N", "# fail N", "# cancelled N").
node_counts() {
  awk '
    /^# pass / { p = $3 } /^# fail / { f = $3 } /^# cancelled / { c = $3 } /^# skipped / { s = $3 } /^# todo / { t = $3 }
    END { printf "%d %d %d\n", p, f + c, s + t }
  ' "$1"
}

# cargo_suite NAME LOGNAME CARGO-ARGS... : a cargo test step, counted from libtest's lines.
cargo_suite() {
  local name="$1" logname="$2"; shift 2
  banner "$name: cargo $*"
  local t0=$SECONDS rc=0 pass fail ign note=""
  # A generous cap, so a hung test cannot eat CI's 90 minutes (exit 124 when it fires).
  run_logged "$logs/$logname.log" timeout --kill-after=30 2700 cargo "$@" || rc=$?
  read -r pass fail ign < <(cargo_counts "$logs/$logname.log")
  [[ "$ign" -gt 0 ]] && note="$ign ignored"
  if [[ "$rc" -eq 0 ]]; then
    if [[ "$pass" -eq 0 ]] && grep -q "no tests to run" "$logs/$logname.log"; then note="no tests in this crate yet"; fi
    record "$name" ok "$pass" "$fail" $((SECONDS - t0)) "$note"
  elif [[ "$fail" -gt 0 ]]; then
    record "$name" FAILED "$pass" "$fail" $((SECONDS - t0)) "$note"
  else
    # A compile error or a crashed runner: no test failed, but the step did.
    record "$name" FAILED "$pass" 1 $((SECONDS - t0)) "exit $rc before any test failed (see artifacts/logs/$logname.log)"
  fi
  printf -- '-- %s: exit %s\n' "$name" "$rc"
}

# ---------------------------------------------------------------- 1. setup
banner "setup: bash scripts/setup.sh --test"
t0=$SECONDS
if run_logged "$logs/setup.log" bash scripts/setup.sh --test; then
  record "setup" ok 0 0 $((SECONDS - t0)) ""
  # shellcheck source=scripts/setup.sh
  source scripts/setup.sh --env-only
else
  record "setup" FAILED 0 1 $((SECONDS - t0)) "see artifacts/logs/setup.log; nothing else was run"
  setup_failed=1
fi

if [[ -z "${setup_failed:-}" ]]; then
  # -------------------------------------------------------------- 2./3. cargo tests
  if [[ "${E2E_ONLY:-0}" != "1" ]]; then
    # Formatting (rustfmt.toml): a failure here names the files to run `cargo fmt --all` on.
    banner "format: cargo fmt --all --check"
    t0=$SECONDS
    if run_logged "$logs/fmt.log" cargo fmt --all --check; then
      record "format" ok 1 0 $((SECONDS - t0)) ""
    else
      record "format" FAILED 0 1 $((SECONDS - t0)) "run cargo fmt --all"
    fi
    cargo_suite "native tests" native test --workspace --no-fail-fast
    cargo_suite "wasm tests (Chromium)" wasm test --target wasm32-unknown-unknown -p losslab --no-fail-fast
  fi

  # -------------------------------------------------------------- 4. release build
  # Its own output directory, so that a `trunk serve` (which rewrites dist/ on every change)
  # or another build running at the same time cannot swap files under the browser tests.
  # scripts/build-release.sh: trunk build --release, size-optimised with nightly when available.
  banner "release build: bash scripts/build-release.sh $e2e_dist"
  t0=$SECONDS
  if run_logged "$logs/trunk-build.log" bash scripts/build-release.sh "$e2e_dist" && [[ -f "$e2e_dist/index.html" ]]; then
    record "release build" ok 0 0 $((SECONDS - t0)) "$(du -sh "$e2e_dist" | cut -f1) in $e2e_dist/"
    built=1
  else
    record "release build" FAILED 0 1 $((SECONDS - t0)) "see artifacts/logs/trunk-build.log"
  fi

  # -------------------------------------------------------------- 5. e2e
  if [[ -n "${built:-}" ]]; then
    banner "end-to-end tests: node --test e2e/ (release build, headless Chromium)"
    t0=$SECONDS
    rc=0
    shopt -s nullglob
    e2e_files=(e2e/*.test.mjs)
    shopt -u nullglob
    # --test-concurrency=1: one browser at a time on a 2-core machine. timeout: a hung browser
    # must not eat CI's 90 minutes.
    LOSSLAB_DIST="$e2e_dist" run_logged "$logs/e2e.log" timeout --kill-after=30 1800 \
      node --test --test-reporter=tap --test-concurrency=1 "${e2e_files[@]}" || rc=$?
    read -r pass fail skip < <(node_counts "$logs/e2e.log")
    note=""
    [[ "$skip" -gt 0 ]] && note="$skip skipped"
    if [[ "$rc" -eq 0 && "$fail" -eq 0 && "$pass" -gt 0 ]]; then
      record "e2e tests" ok "$pass" 0 $((SECONDS - t0)) "$note"
    elif [[ "$fail" -gt 0 ]]; then
      record "e2e tests" FAILED "$pass" "$fail" $((SECONDS - t0)) "$note; screenshots in artifacts/"
    else
      record "e2e tests" FAILED "$pass" 1 $((SECONDS - t0)) "exit $rc (timeout 124) without a failed test; see artifacts/logs/e2e.log"
    fi
  else
    record "e2e tests" FAILED 0 1 0 "not run: no release build"
  fi
fi

# ---------------------------------------------------------------- summary (last lines printed)
total_pass=0 total_fail=0 any_failed=0
for i in "${!S_NAME[@]}"; do
  total_pass=$((total_pass + S_PASS[i]))
  total_fail=$((total_fail + S_FAIL[i]))
  [[ "${S_STATUS[i]}" == ok ]] || any_failed=1
done
elapsed=$((SECONDS - run_start))
printf '\n==================================================================\n'
printf '== LossLab test summary (%dm%02ds; logs in artifacts/logs/)\n' $((elapsed / 60)) $((elapsed % 60))
printf '==================================================================\n'
for i in "${!S_NAME[@]}"; do
  if [[ "${S_NAME[i]}" == setup || "${S_NAME[i]}" == "release build" ]] && [[ "${S_STATUS[i]}" == ok ]]; then
    counts="-"
  else
    counts="${S_PASS[i]} passed, ${S_FAIL[i]} failed"
  fi
  printf '%-22s %-7s %-26s %5ss  %s\n' "${S_NAME[i]}" "${S_STATUS[i]}" "$counts" "${S_TIME[i]}" "${S_NOTE[i]}"
done
printf -- '------------------------------------------------------------------\n'
echo "total: ${total_pass} passed, ${total_fail} failed"
if [[ "$any_failed" -ne 0 || "$total_fail" -ne 0 ]]; then
  exit 1
fi
exit 0
