#!/usr/bin/env bash
# Browser test (arguments: path to fabcast, directory for artefacts): writes a report of a short
# altman-7t run and opens it in Debian's headless Chromium through playwright-core (web/), which
# checks that every chart rendered and saves a screenshot as ARTEFACTS/report.png.
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
