#!/usr/bin/env bash
# End-to-end checks of the real binary (argument: path to fabcast).
set -uo pipefail
FABCAST=${1:?usage: cli_test.sh PATH_TO_FABCAST}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
# Never the user's own store, even when run by hand (ctest sets one for the build).
export FABCAST_STORE=${FABCAST_STORE:-$TMP/runs.db}

# Byte-identical output for 1, 2 and 8 threads (the Done-when of the foundation issue).
for t in 1 2 8; do
  "$FABCAST" sample "10e9 to 25e9" --samples 1000000 --format json --seed 2026 --threads "$t" >"$TMP/t$t.json"
done
check "threads 1 and 2 give identical bytes" cmp -s "$TMP/t1.json" "$TMP/t2.json"
check "threads 1 and 8 give identical bytes" cmp -s "$TMP/t1.json" "$TMP/t8.json"
"$FABCAST" sample "10e9 to 25e9" --samples 1e5 --format csv --seed 4 --threads 1 >"$TMP/c1.csv"
"$FABCAST" sample "10e9 to 25e9" --samples 1e5 --format csv --seed 4 --threads 2 >"$TMP/c2.csv"
check "csv identical across threads" cmp -s "$TMP/c1.csv" "$TMP/c2.csv"
check "csv has a header and 1e5 rows" test "$(wc -l <"$TMP/c1.csv")" -eq 100001

# p5 near 1e10 and p95 near 2.5e10: the standard error of a sample quantile at n = 1e6 is
# sqrt(p (1 - p) / n) / f(x_p), about 0.1 % here; allow 1 %.
p5=$(sed -n 's/^ *"p5": \([^,]*\),*$/\1/p' "$TMP/t1.json")
p95=$(sed -n 's/^ *"p95": \([^,]*\),*$/\1/p' "$TMP/t1.json")
check "p5 within 1% of 1e10 (got $p5)" awk -v x="$p5" 'BEGIN { exit !(x > 0.99e10 && x < 1.01e10) }'
check "p95 within 1% of 2.5e10 (got $p95)" awk -v x="$p95" 'BEGIN { exit !(x > 2.475e10 && x < 2.525e10) }'

# Exit codes: 0 for help and version, 2 for bad input, nothing on stdout for errors.
check "help exits 0" "$FABCAST" --help >/dev/null
check "version exits 0" "$FABCAST" --version >/dev/null
"$FABCAST" sample "normal(1)" >"$TMP/out" 2>"$TMP/err"
check "bad expression exits 2" test $? -eq 2
check "bad expression prints nothing on stdout" test ! -s "$TMP/out"
check "bad expression names the column" grep -q "column 1: normal takes (mean, sd), got 1 argument" "$TMP/err"
"$FABCAST" bogus >/dev/null 2>&1
check "unknown command exits 2" test $? -eq 2
# No progress bar when stderr is not a terminal.
"$FABCAST" sample "1 to 2" --samples 3e6 --seed 1 --format json >/dev/null 2>"$TMP/err"
check "no progress output when piped" test ! -s "$TMP/err"

# Sweeps and seeks: byte-identical across thread counts; each sweep point is `run --set` with the
# same seed; bad requests exit 2 with nothing on stdout.
for t in 1 2; do
  "$FABCAST" sweep status-quo --vary program.budget_usd=1e11,4e11 --output committed_usd -n 300 --seed 8 \
    -f json -j "$t" -q --no-store >"$TMP/sweep$t.json"
  "$FABCAST" seek altman-7t --vary program.budget_usd --range 0.2e12..2e12 --target "median(committed_usd) >= 1e12" \
    -n 200 --seed 8 -f json -j "$t" -q --no-store >"$TMP/seek$t.json"
done
check "sweep identical across threads" cmp -s "$TMP/sweep1.json" "$TMP/sweep2.json"
check "seek identical across threads" cmp -s "$TMP/seek1.json" "$TMP/seek2.json"
"$FABCAST" run status-quo --set program.budget_usd=4e11 -n 300 --seed 8 -q --no-store -f json >"$TMP/point.json"
p50_run=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["scalars"]["committed_usd"]["p50"])' "$TMP/point.json")
p50_sweep=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["points"][1]["outputs"]["committed_usd"]["p50"])' "$TMP/sweep1.json")
check "a sweep point is the run with the key set ($p50_sweep, $p50_run)" test "$p50_run" = "$p50_sweep"
check "seek found an answer" grep -q '"found": true' "$TMP/seek1.json"
fails "sweep with a bad range" 2 "whole number from 2" "$FABCAST" sweep altman-7t --vary program.budget_usd=1..2:1 -n 10 --seed 1
fails "sweep with three keys" 2 "one or two keys" "$FABCAST" sweep altman-7t --vary a=1,2 --vary b=1,2 --vary c=1,2 -n 10 --seed 1
fails "sweep with a target error" 2 "give --samples" "$FABCAST" sweep altman-7t --vary program.budget_usd=1e12,2e12 --target-rel-error 0.1
fails "seek with a bad target" 2 "expected P(OUTPUT" "$FABCAST" seek altman-7t --vary program.budget_usd --range 1e11..1e12 --target "x >= 1"
fails "seek with a bad range" 2 "expects LO..HI" "$FABCAST" seek altman-7t --vary program.budget_usd --range 1e12 --target "mean(npv_usd) >= 0"

# Studies are stored (here in a store of the test's own) and `studies rerun` reproduces them byte for
# byte; `studies show -f json` gives what the study printed.
STUDIES="$TMP/studies.db"
"$FABCAST" sweep status-quo --vary program.budget_usd=1e11,4e11 -n 200 --seed 5 -f json -q --store "$STUDIES" \
  >"$TMP/stored-sweep.json" 2>/dev/null
"$FABCAST" studies show latest -f json --store "$STUDIES" >"$TMP/shown-sweep.json"
check "a stored sweep shows as it printed" cmp -s "$TMP/stored-sweep.json" "$TMP/shown-sweep.json"
check "studies rerun reproduces a sweep" quietly "$FABCAST" studies rerun 1 -j 1 --store "$STUDIES"
"$FABCAST" sensitivity status-quo -n 64 --half-width 0 --seed 5 --output committed_usd -q --store "$STUDIES" >/dev/null 2>&1
check "studies rerun reproduces a sensitivity study" quietly "$FABCAST" studies rerun latest -j 2 --store "$STUDIES"
check "studies list names both" test "$("$FABCAST" studies list --store "$STUDIES" | grep -c 'status-quo')" -eq 2
fails "studies rerun of a missing study" 2 "no study 7" "$FABCAST" studies rerun 7 --store "$STUDIES"
# A stored result changed behind fabcast's back is caught, with the line where it differs.
python3 - "$STUDIES" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE studies SET result_json = replace(result_json, '\"seed\": 5', '\"seed\": 6') WHERE id = 1")
db.commit()
PY
"$FABCAST" studies rerun 1 -j 1 --store "$STUDIES" >"$TMP/rerun.out" 2>&1
check "a changed study is NOT reproduced (exit 1)" test $? -eq 1
check "and the line that differs is shown" grep -q 'stored:.*"seed": 6' "$TMP/rerun.out"
mkfifo "$TMP/pipe.md"
fails "a Markdown study report to a pipe" 2 "needs a file path" "$FABCAST" sweep status-quo \
  --vary program.budget_usd=1e11,2e11 -n 10 --seed 1 --no-store --report "$TMP/pipe.md"

# Claims: the shipped file gives a verdict for every claim, the same with any thread count; a bad
# file is refused with its line and column before anything runs; a report checks them against a run.
"$FABCAST" claims -n 200 --seed 5 -j 1 -f json > "$TMP/claims1.json"
"$FABCAST" claims -n 200 --seed 5 -j 2 -f json > "$TMP/claims2.json"
check "claims do not depend on threads" cmp -s "$TMP/claims1.json" "$TMP/claims2.json"
check "every claim has a verdict" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["claims"]
assert len(c) >= 11 and all(x["verdict"] in ("holds", "fails", "uncertain") for x in c), c
v = {x["id"]: x["verdict"] for x in c}
assert v["gpt4-cost"] == "fails" and v["federal-budget"] == "holds", v' "$TMP/claims1.json"
printf 'title = "t"\nscenario = "altman-7t"\n[[claims]]\nid = "a"\ntext = "x"\nby = "y"\ndate = "2024"\nsource = "wsj-2024-altman"\n  [[claims.checks]]\n  model = "P(npv_usd >= 0)"\n  holds_if = "above 0.5"\n' > "$TMP/bad-claims.toml"
fails "a bad claims file" 2 "bad-claims.toml:11:14: claims\[1\].checks\[1\].holds_if" "$FABCAST" claims "$TMP/bad-claims.toml"
fails "an unknown claims file" 2 "did you mean 'altman-7t-2024'" "$FABCAST" claims altman-7t-2023
check "the run summary leads with the answer" bash -c "'$FABCAST' run status-quo -n 50 --seed 1 --no-store -q | grep -q '^the answer'"
"$FABCAST" report altman-7t -n 100 --seed 2 --no-store --claims altman-7t-2024 -o "$TMP/claims-report.md" 2>/dev/null
check "a report with claims" grep -q "## Claims checked" "$TMP/claims-report.md"
check "a report with the answer" grep -q "## The answer" "$TMP/claims-report.md"
check "the report's key results print money as money" grep -q '^| NPV (USD) | -\$[0-9.]*T | -\$' "$TMP/claims-report.md"
# Scenarios side by side: a column per run, each the same as that run's own summary.
"$FABCAST" report status-quo chips-act -n 200 --seed 3 --no-store -q -o "$TMP/cmp.md" 2>/dev/null
"$FABCAST" run chips-act -n 200 --seed 3 --no-store -q -f json > "$TMP/chips.json"
check "a comparison has a column per run" grep -q "^| output | status-quo | chips-act |" "$TMP/cmp.md"
check "a comparison's column is that run's result" python3 -c '
import json, sys, re
p50 = json.load(open(sys.argv[1]))["scalars"]["modules_operating_2035"]["p50"]
row = [l for l in open(sys.argv[2]) if l.startswith("| modules operating, 2035 |")][0]
assert row.split("|")[3].strip().startswith("%g [" % p50), (row, p50)' "$TMP/chips.json" "$TMP/cmp.md"
fails "claims with a comparison" 2 "not to a comparison" "$FABCAST" report status-quo chips-act --claims altman-7t-2024 --no-store
# Claims in an export: a claims sheet a check a row, the same verdicts as fabcast claims gives.
STORE_C="$TMP/claims-store.db"
"$FABCAST" run altman-7t -n 200 --seed 5 -q --store "$STORE_C" >/dev/null
"$FABCAST" export latest --store "$STORE_C" --claims altman-7t-2024 -o "$TMP/claims.xlsx" 2>/dev/null
"$FABCAST" export latest --store "$STORE_C" --claims altman-7t-2024 -o - > "$TMP/export-claims.json"
check "claims in the workbook and the JSON export" /usr/bin/python3 -c '
import json, sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1])["claims"].iter_rows(values_only=True))
claims = json.load(open(sys.argv[2]))["claims"]["claims"]
assert len(rows) - 1 == sum(len(c["checks"]) for c in claims), (len(rows), len(claims))
by_id = {c["id"]: c["verdict"] for c in claims}
assert all(by_id[r[0]] == r[4] for r in rows[1:])
standalone = {c["id"]: c["verdict"] for c in json.load(open(sys.argv[3]))["claims"]}
assert standalone == by_id, (standalone, by_id)' "$TMP/claims.xlsx" "$TMP/export-claims.json" "$TMP/claims1.json"

finish "e2e"
