#!/usr/bin/env bash
# Runs the fuzz targets of build-fuzz/ (cmake --preset fuzz && cmake --build --preset fuzz), as
# `make test-fuzz` does; docs/fuzzing.md says what each target checks.
#  1. Replays every saved input in fuzz/regressions/TARGET/ once: it fails if any still crashes,
#     breaks an invariant or runs past REPLAY_TIMEOUT seconds.
#  2. Fuzzes each target for its short budget (FUZZ_SECONDS to change it) from a copy of its seed
#     corpus, with a fixed -seed and address randomisation off: the same build makes the same
#     mutations in the same order, so a finding repeats (a slower machine only stops earlier).
#     It fails on any finding, and says where the input was saved and how to reproduce it.
# Usage: bash fuzz/run.sh [TARGET...]   (default: every target)
# Environment:
#   FUZZ_SECONDS=N      seconds per target instead of the short budget below (3600: an hour each)
#   FUZZ_SEED=N         libFuzzer's -seed (default 1)
#   FUZZ_CORPUS=DIR     keep each target's working corpus in DIR/NAME and start from it next time
#                       (default: a temporary copy of the seeds, deleted at the end)
#   FUZZ_REPLAY_ONLY=1  only replay the saved inputs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$ROOT/build-fuzz/fuzz
FINDINGS=$ROOT/build-fuzz/findings
SEED=${FUZZ_SEED:-1}
REPLAY_TIMEOUT=5

# Target: short budget in seconds (about 40 s in all), seed corpus directories, dictionary, longest input.
declare -A BUDGET=([fuzz_expression]=8 [fuzz_scenario]=10 [fuzz_scenario_run]=12 [fuzz_set]=12)
declare -A SEEDS=([fuzz_expression]="fuzz/corpus/expression"
                  [fuzz_scenario]="scenarios tests/scenarios/bad"
                  [fuzz_scenario_run]="scenarios tests/scenarios/bad"
                  [fuzz_set]="fuzz/corpus/set")
declare -A DICT=([fuzz_expression]=expression [fuzz_scenario]=scenario [fuzz_scenario_run]=scenario [fuzz_set]=set)
declare -A MAX_LEN=([fuzz_expression]=4096 [fuzz_scenario]=16384 [fuzz_scenario_run]=16384 [fuzz_set]=2048)
ALL=(fuzz_expression fuzz_scenario fuzz_scenario_run fuzz_set)
TARGETS=("${@:-${ALL[@]}}")

for t in "${TARGETS[@]}"; do
  if [ -z "${BUDGET[$t]:-}" ]; then
    echo "fuzz: unknown target '$t'; targets: ${ALL[*]}" >&2
    exit 2
  fi
  if [ ! -x "$BIN/$t" ]; then
    echo "fuzz: $BIN/$t is missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2
    exit 2
  fi
done

# Stack traces with file and line; a crash aborts, so libFuzzer saves the input.
SYMBOLIZER=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | tail -1 || true)
[ -n "$SYMBOLIZER" ] && export ASAN_SYMBOLIZER_PATH=$SYMBOLIZER
# Memory: ASan's own limit, not libFuzzer's -rss_limit_mb, whose watcher thread takes SIGALRM
# from the main thread at random and so silently disables -timeout (a 13 s execution went
# unreported under -timeout=10); ASan's watcher blocks signals. -malloc_limit_mb still stops one
# huge allocation.
LIMITS=(-timeout=$REPLAY_TIMEOUT -rss_limit_mb=0 -malloc_limit_mb=2048)
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:hard_rss_limit_mb=2048}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# libFuzzer keys its table of compared values by code address, so under address-space layout
# randomisation one seed mutates differently from run to run; without it the expression target
# repeats exactly and the scenario targets nearly so (their first few hundred executions match).
# (Where a container forbids turning it off, runs vary; a finding still replays from its input.)
NO_ASLR=()
if setarch "$(uname -m)" -R true 2>/dev/null; then NO_ASLR=(setarch "$(uname -m)" -R); fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# build-fuzz/findings/ holds what this run found (and its logs), nothing older.
for t in "${TARGETS[@]}"; do rm -rf "${FINDINGS:?}/$t" "$FINDINGS/$t".*; done
mkdir -p "$FINDINGS"
replay_failed=()
fuzz_failed=()

# A finding's first lines: what broke, and the innermost frames of fabcast's own code.
WHAT="FINDING|terminate called|runtime error|Assertion .*failed|ERROR: (Address|Leak)Sanitizer|ERROR: libFuzzer"
explain() {
  grep -m1 -E "$WHAT|ALARM|rss limit" "$1" | cut -c1-300 || true
  grep -m1 -E "^  what\(\):" "$1" | cut -c1-300 || true
  grep -E "^ +#[0-9]+ 0x[0-9a-f]+ in .* /[^ ]*/(src|fuzz)/[^ ]+\.(cpp|hpp):[0-9]+" "$1" | head -3 |
    sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in /    at /' | cut -c1-200 || true
}

# ---- 1. saved inputs ----
for t in "${TARGETS[@]}"; do
  dir=fuzz/regressions/$t
  [ -d "$dir" ] || continue
  count=0
  for input in "$dir"/*; do
    [ -f "$input" ] || continue
    count=$((count + 1))
    log=$TMP/replay.log
    # Never skipped as a known bug: a saved input passes only once its bug is fixed. The outer
    # timeout catches a hang libFuzzer's alarm cannot interrupt (a blocking system call); the
    # outer 2>/dev/null drops bash's own "Aborted" line (the target's output is in the log).
    if ! (cd "$TMP" && timeout $((REPLAY_TIMEOUT * 4)) "$BIN/$t" "${LIMITS[@]}" \
          "$ROOT/$input" </dev/null >"$log" 2>&1) 2>/dev/null; then
      cp "$log" "$FINDINGS/$t.$(basename "$input").replay.log"
      echo "fuzz: FAIL $input still fails:"
      explain "$log" | sed 's/^/  /'
      echo "  full log: build-fuzz/findings/$t.$(basename "$input").replay.log"
      echo "  reproduce: build-fuzz/fuzz/$t ${LIMITS[*]} $input"
      replay_failed+=("$input")
    fi
  done
  echo "fuzz: $t: replayed $count saved input(s)"
done

if [ "${FUZZ_REPLAY_ONLY:-0}" = 1 ]; then
  [ ${#replay_failed[@]} -eq 0 ] || { echo "fuzz: ${#replay_failed[@]} saved input(s) still fail"; exit 1; }
  exit 0
fi

# ---- 2. fuzzing ----
for t in "${TARGETS[@]}"; do
  seconds=${FUZZ_SECONDS:-${BUDGET[$t]}}
  if [ -n "${FUZZ_CORPUS:-}" ]; then
    corpus=$(realpath -m "$FUZZ_CORPUS")/${DICT[$t]}  # absolute: libFuzzer runs in a directory of its own
  else
    corpus=$TMP/corpus-$t
  fi
  mkdir -p "$corpus" "$FINDINGS/$t" "$TMP/cwd-$t"
  # A copy: libFuzzer writes new and reduced inputs into its first corpus directory, which must
  # never be a committed one.
  # Regular files only: the bad corpus holds a directory named like a scenario, as a test input.
  for seeds in ${SEEDS[$t]}; do find "$seeds" -maxdepth 1 -type f -exec cp -n {} "$corpus"/ \;; done
  log=$FINDINGS/$t.log
  start=$(date +%s)
  # The working directory is empty scratch space: a fuzzed `extends = "x.toml"` reads nothing of ours.
  set +e
  (cd "$TMP/cwd-$t" && "${NO_ASLR[@]}" "$BIN/$t" -seed="$SEED" -max_total_time="$seconds" "${LIMITS[@]}" \
    -max_len="${MAX_LEN[$t]}" -dict="$ROOT/fuzz/dict/${DICT[$t]}.dict" -artifact_prefix="$FINDINGS/$t/" \
    -print_final_stats=1 "$corpus" </dev/null >"$log" 2>&1)
  rc=$?
  set -e
  execs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  rate=$(grep -oE "stat::average_exec_per_sec: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $t: ${seconds}s, $execs executions ($rate/s), no finding (seed $SEED)"
    continue
  fi
  artifact=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //')
  echo "fuzz: FAIL $t found a problem after $(( $(date +%s) - start ))s (seed $SEED):"
  explain "$log" | sed 's/^/  /'
  echo "  full log: ${log#"$ROOT"/}"
  if [ -n "$artifact" ]; then
    rel=${artifact#"$ROOT"/}
    echo "  input saved to $rel"
    echo "  reproduce: build-fuzz/fuzz/$t ${LIMITS[*]} $rel"
    echo "  minimise and keep it as a regression case (docs/fuzzing.md):"
    echo "    build-fuzz/fuzz/$t -minimize_crash=1 -max_total_time=60 \\"
    echo "      -exact_artifact_path=fuzz/regressions/$t/NAME $rel"
  fi
  fuzz_failed+=("$t")
done

if [ ${#replay_failed[@]} -gt 0 ] || [ ${#fuzz_failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${#replay_failed[@]} saved input(s) still fail;" \
    "new findings in ${#fuzz_failed[@]} target(s)${fuzz_failed[*]:+: ${fuzz_failed[*]}}"
  exit 1
fi
