#!/usr/bin/env bash
# Wall time of the studies on altman-7t with every core (issue targets: a 16-point budget sweep at
# 10,000 samples a point in 10 s, a seek with its verification in 20 s, Sobol indices of the
# default outputs and groups with 95 % half-widths <= 0.05 in 60 s), beside one plain run of
# 10,000 samples, alternating, REPEATS times; medians. Usage: bash bench/studies.sh [BINARY]
set -euo pipefail
bin=${1:-build/fabcast}
REPEATS=${REPEATS:-3}
nproc_=$(nproc)
declare -A times
run() { { /usr/bin/time -f "%e" "$@" >/dev/null; } 2>&1 | tail -1; }
for _ in $(seq "$REPEATS"); do
  times[run]+="$(run "$bin" run altman-7t -n 1e4 --seed 3 -q --no-store) "
  times[sweep]+="$(run "$bin" sweep altman-7t --vary program.budget_usd=0.25e12..8e12:16:log -n 1e4 --seed 3 -q --no-store) "
  times[seek]+="$(run "$bin" seek altman-7t --vary program.budget_usd --range 0.1e12..8e12 --log \
    --target 'P(installed_flops_2035 >= 2e23) >= 0.8' -n 1e4 --seed 3 -q --no-store) "
  times[sobol]+="$(run "$bin" sensitivity altman-7t --seed 3 -q --no-store) "
  times[rank]+="$(run "$bin" sensitivity altman-7t --method rank --seed 3 -q --no-store) "
done
echo "altman-7t, $nproc_ threads, wall seconds, median of $REPEATS alternating runs"
for what in run sweep seek sobol rank; do
  med=$(echo "${times[$what]}" | tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-6s %6s   (%s)\n' "$what" "$med" "${times[$what]% }"
done
