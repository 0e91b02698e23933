#!/usr/bin/env bash
# Browser test (arguments: path to fabcast, directory for artefacts): writes a report of a short
# altman-7t run, and of a sweep, a seek and both kinds of sensitivity, and opens each in Debian's
# headless Chromium through playwright-core (web/), which checks that every chart rendered and saves
# a screenshot beside it (ARTEFACTS/report.png, sweep.png, ...).
set -euo pipefail
FABCAST=${1:?usage: run.sh PATH_TO_FABCAST ARTEFACT_DIR}
ARTEFACTS=${2:?usage: run.sh PATH_TO_FABCAST ARTEFACT_DIR}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$ARTEFACTS"
export FABCAST_STORE="$TMP/runs.db"
"$FABCAST" report altman-7t --samples 2000 --seed 2026 --quiet -o "$ARTEFACTS/report.html"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
node "$ROOT/tests/browser/report_test.cjs" "$ROOT/web/node_modules/playwright-core" "$CHROMIUM" "$ARTEFACTS/report.html" "$ARTEFACTS/report.png"
# Study reports: a sweep over two keys (two curves a chart), a seek, Sobol bars, tornadoes.
"$FABCAST" sweep altman-7t --vary program.budget_usd=0.25e12..8e12:5:log --vary program.hold_starts_for_power=true,false \
  --output committed_usd --output installed_flops_2035 -n 300 --seed 1 -q --report "$ARTEFACTS/sweep.html" >/dev/null
"$FABCAST" seek altman-7t --vary program.budget_usd --range 0.1e12..8e12 --log \
  --target "P(installed_flops_2035 >= 2e23) >= 0.5" -n 300 --seed 1 -q --report "$ARTEFACTS/seek.html" >/dev/null
"$FABCAST" sensitivity altman-7t -n 128 --half-width 0 --seed 1 -q --report "$ARTEFACTS/sobol.html" >/dev/null
"$FABCAST" sensitivity altman-7t --method rank -n 500 --seed 1 -q --report "$ARTEFACTS/rank.html" >/dev/null
for study in sweep:2 seek:1 sobol:7 rank:7; do
  node "$ROOT/tests/browser/report_test.cjs" "$ROOT/web/node_modules/playwright-core" "$CHROMIUM" \
    "$ARTEFACTS/${study%%:*}.html" "$ARTEFACTS/${study%%:*}.png" "${study##*:}"
done
