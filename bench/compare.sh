#!/usr/bin/env bash
# The model benchmark (docs/performance.md): fabcast's bench-b1 at 1e6 samples and altman-7t at
# 1e5, beside the numpy and Squiggle implementations of B1 from the shared benchmark folder, all
# in one run on one machine, so the ratios compare like with like. Wall time of the whole
# process, median of REPEATS runs. Usage: bash bench/compare.sh (after `make build`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B1=${FABCAST_B1_DIR:-$ROOT/../shared/bench/b1}
REPEATS=${REPEATS:-3}
FABCAST=$ROOT/build/fabcast

median_wall() {  # median_wall COMMAND...: median wall seconds of REPEATS runs
  local times=()
  for _ in $(seq "$REPEATS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

command -v bc >/dev/null || { echo "installing bc" >&2; apt-get install -y -qq bc >/dev/null; }
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "installing python3-numpy (Debian) for the numpy peer" >&2
  apt-get install -y -qq python3-numpy >/dev/null
fi
SQUIGGLE_DIR=""
if [ -d "$B1/squiggle" ] && command -v npm >/dev/null; then
  SQUIGGLE_DIR=$(mktemp -d)
  cp "$B1/squiggle/"* "$SQUIGGLE_DIR/"
  (cd "$SQUIGGLE_DIR" && npm ci --silent >/dev/null 2>&1) || SQUIGGLE_DIR=""
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "fabcast: $(git rev-parse --short HEAD 2>/dev/null), $(g++ --version | head -1); numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
echo

fab_b1=$(median_wall "$FABCAST" run bench-b1 --samples 1e6 --seed 1 --threads 2 -q --format json --no-store)
numpy_b1=$(median_wall /usr/bin/python3 "$B1/numpy/b1.py" 1000000 1)
fab_alt=$(median_wall "$FABCAST" run altman-7t --samples 1e5 --seed 1 --threads 2 -q --format json --no-store)
if [ -n "$SQUIGGLE_DIR" ]; then
  sq_b1=$(cd "$SQUIGGLE_DIR" && median_wall node run.mjs 100000 b1.squiggle)
fi

rate() { echo "$1 / $2" | bc -l; }
printf '%-34s %10s %12s %16s\n' "run" "samples" "wall s" "samples/s"
printf '%-34s %10s %12.3f %16.0f\n' "fabcast bench-b1 (2 threads)" 1e6 "$fab_b1" "$(rate 1000000 "$fab_b1")"
printf '%-34s %10s %12.3f %16.0f\n' "numpy B1" 1e6 "$numpy_b1" "$(rate 1000000 "$numpy_b1")"
[ -n "${sq_b1:-}" ] && printf '%-34s %10s %12.3f %16.0f\n' "Squiggle B1 (vectorised)" 1e5 "$sq_b1" "$(rate 100000 "$sq_b1")"
printf '%-34s %10s %12.3f %16.0f\n' "fabcast altman-7t (2 threads)" 1e5 "$fab_alt" "$(rate 100000 "$fab_alt")"
echo
printf 'bench-b1 per sample: %.1fx faster than numpy (target 17x)\n' "$(echo "$numpy_b1 / $fab_b1" | bc -l)"
[ -n "${sq_b1:-}" ] && printf 'bench-b1 per sample: %.0fx faster than Squiggle\n' "$(echo "($sq_b1 / 100000) / ($fab_b1 / 1000000)" | bc -l)"
printf 'altman-7t at 1e5: %.2f s (target 2 s)\n' "$fab_alt"
[ -n "$SQUIGGLE_DIR" ] && rm -rf "$SQUIGGLE_DIR"
exit 0
