#!/usr/bin/env bash
# Browser test (arguments: path to fabcast, directory for artefacts): writes a report of a short
# altman-7t run, and of a sweep, a seek and both kinds of sensitivity, and opens each in Debian's
# headless Chromium through playwright-core (web/), which checks that every chart rendered and saves
# a screenshot beside it (ARTEFACTS/report.png, sweep.png, ...); and the same run's Markdown report,
# whose SVG charts must hold every text inside their bounds as Chromium draws it.
set -euo pipefail
FABCAST=${1:?usage: run.sh PATH_TO_FABCAST ARTEFACT_DIR}
ARTEFACTS=${2:?usage: run.sh PATH_TO_FABCAST ARTEFACT_DIR}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$ARTEFACTS"
export FABCAST_STORE="$TMP/runs.db"
"$FABCAST" report altman-7t --samples 2000 --seed 2026 --quiet -o "$ARTEFACTS/report.html"
"$FABCAST" report altman-7t --samples 2000 --seed 2026 --quiet -o "$ARTEFACTS/report.md"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# Every chart of the run report, the distributions and training runs among them.
RUN_CHARTS=modules,accelerators,flops,spend,power,market,compute_share,capacity,binding,limiting
RUN_CHARTS+=,cdf-committed_usd,cdf-npv_usd,cdf-payback_year,cdf-irr,cdf-modules_operating_2035
RUN_CHARTS+=,cdf-installed_flops_2035,cdf-accelerators_total,cdf-peak_power_gw,training_runs,training_first_year
node "$ROOT/tests/browser/report_test.cjs" "$ROOT/web/node_modules/playwright-core" "$CHROMIUM" "$ARTEFACTS/report.html" \
  "$ARTEFACTS/report.png" 20 "$RUN_CHARTS"
node "$ROOT/tests/browser/svg_test.cjs" "$ROOT/web/node_modules/playwright-core" "$CHROMIUM" "$ARTEFACTS"/report_charts/*.svg
# Study reports: a sweep over two keys (two curves a chart), a seek, Sobol bars, tornadoes.
"$FABCAST" sweep altman-7t --vary program.budget_usd=0.25e12..8e12:5:log --vary program.hold_starts_for_power=true,false \
  --output committed_usd --output installed_flops_2035 -n 300 --seed 1 -q --report "$ARTEFACTS/sweep.html" >/dev/null
"$FABCAST" seek altman-7t --vary program.budget_usd --range 0.1e12..8e12 --log \
  --target "P(installed_flops_2035 >= 2e23) >= 0.5" -n 300 --seed 1 -q --report "$ARTEFACTS/seek.html" >/dev/null
"$FABCAST" sensitivity altman-7t -n 128 --half-width 0 --seed 1 -q --report "$ARTEFACTS/sobol.html" >/dev/null
"$FABCAST" sensitivity altman-7t --method rank -n 500 --seed 1 -q --report "$ARTEFACTS/rank.html" >/dev/null
# Scenarios side by side: every run's fans overlaid in each chart.
"$FABCAST" report altman-7t chips-act status-quo -n 300 --seed 1 -q --no-store -o "$ARTEFACTS/compare.html"
for study in sweep:2 seek:1 sobol:7 rank:7 compare:5; do
  node "$ROOT/tests/browser/report_test.cjs" "$ROOT/web/node_modules/playwright-core" "$CHROMIUM" \
    "$ARTEFACTS/${study%%:*}.html" "$ARTEFACTS/${study%%:*}.png" "${study##*:}"
done
