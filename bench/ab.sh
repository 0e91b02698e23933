#!/usr/bin/env bash
# Side-by-side CPU time of two (or more) fabcast binaries on one scenario: REPEATS alternating
# single-thread runs each, median user seconds. Alternating in the same minutes cancels most of
# the drift of a shared machine; use it to judge a change (docs/performance.md).
# Usage: bash bench/ab.sh [-s SCENARIO] [-n SAMPLES] BINARY BINARY...
set -euo pipefail
scenario=altman-7t
samples=3e4
REPEATS=${REPEATS:-5}
while getopts "s:n:" opt; do
  case $opt in
    s) scenario=$OPTARG ;;
    n) samples=$OPTARG ;;
    *) echo "usage: bash bench/ab.sh [-s SCENARIO] [-n SAMPLES] BINARY BINARY..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: bash bench/ab.sh [-s SCENARIO] [-n SAMPLES] BINARY BINARY..." >&2; exit 2; }
declare -A times
for _ in $(seq "$REPEATS"); do
  for bin in "$@"; do
    t=$( { /usr/bin/time -f "%U" "$bin" run "$scenario" --samples "$samples" --seed 1 --threads 1 -q --format json \
           --no-store >/dev/null; } 2>&1 | tail -1)
    times[$bin]+="$t "
  done
done
echo "$scenario, $samples samples, one thread; median and least user s of $REPEATS alternating runs"
for bin in "$@"; do
  sorted=$(echo "${times[$bin]}" | tr ' ' '\n' | grep . | sort -g)
  med=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  least=$(echo "$sorted" | head -1)
  printf '%-40s %6s %6s   (%s)\n' "$bin" "$med" "$least" "${times[$bin]% }"
done
