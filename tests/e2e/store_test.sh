#!/usr/bin/env bash
# The run store end to end (argument: path to fabcast): runs commands, rerun byte for byte (and a
# tampered run caught), kill -9 at random moments and concurrent writers leave every earlier run
# intact, exports read back by independent readers (Python's csv module and openpyxl), a store the
# user may only read, and stores and runs that fabcast did not write.
set -uo pipefail
FABCAST=${1:?usage: store_test.sh PATH_TO_FABCAST}
PY=/usr/bin/python3  # Debian's, which has python3-openpyxl
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export FABCAST_STORE="$TMP/store/runs.db"
source "$(dirname "$0")/lib.sh"
count_runs() { "$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from runs").fetchone()[0])' "$FABCAST_STORE"; }

# ---- runs commands ----
"$FABCAST" run altman-7t --samples 2000 --seed 11 --keep-samples >"$TMP/run1.txt" 2>"$TMP/run1.err"
check "run says where it stored" grep -q "stored as run 1 in $FABCAST_STORE" "$TMP/run1.err"
"$FABCAST" run altman-7t --samples 2000 --seed 11 --set program.budget_usd=2e12 --quiet >/dev/null
"$FABCAST" run altman-7t --samples 2000 --seed 12 --no-store --quiet >/dev/null
check "--no-store stores nothing" test "$(count_runs)" -eq 2
"$FABCAST" runs list >"$TMP/list.txt"
check "list shows both runs" test "$(grep -c altman-7t "$TMP/list.txt")" -eq 2
check "list names the overrides of the second" grep -q "^ *2 .* program.budget_usd=2e12$" "$TMP/list.txt"
check "list marks kept samples" grep -q "samples" "$TMP/list.txt"
"$FABCAST" runs list --format json --scenario altman-7t >"$TMP/list.json"
check "list as JSON, filtered by scenario" "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [x["id"] for x in r] == [2, 1] and r[1]["seed"] == 11 and r[1]["samples_kept"], r' "$TMP/list.json"
"$FABCAST" runs show 1 >"$TMP/show.txt"
check "show gives the seed and the summary" grep -q "seed 11" "$TMP/show.txt"
check "show ends with the run's summary" diff <(tail -n +6 "$TMP/show.txt") "$TMP/run1.txt"
check "show says the run has no overrides" grep -q "^overrides: none$" "$TMP/show.txt"
"$FABCAST" runs diff 1 2 >"$TMP/diff.txt"
check "diff names the changed input" grep -q "program.budget_usd" "$TMP/diff.txt"
check "diff does not list unchanged inputs" bash -c "! grep -q 'program.drawdown_years' '$TMP/diff.txt'"
check "diff shows how the outputs moved" grep -q "committed_usd" "$TMP/diff.txt"
"$FABCAST" runs rerun 1 --threads 1 >"$TMP/rerun.txt"
check "rerun reproduces byte for byte" grep -q "reproduced byte for byte" "$TMP/rerun.txt"
# The stored scenario is complete: running it by hand gives the stored result.
"$FABCAST" runs show latest --scenario >"$TMP/stored.toml"
"$FABCAST" run "$TMP/stored.toml" --samples 2000 --seed 11 --format json --no-store >"$TMP/by-hand.json"
"$FABCAST" runs show 2 --format json >"$TMP/stored.json"
check "the stored scenario reruns by hand to the stored JSON" cmp -s "$TMP/by-hand.json" "$TMP/stored.json"
# A rerun that differs is caught: change one stored number.
"$PY" - "$FABCAST_STORE" <<'PY'
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
text = db.execute("select result_json from runs where id = 2").fetchone()[0]
tampered = re.sub(r'("mean": )(\d)', r'\g<1>9\2', text, count=1)  # the first numeric mean, 9 prepended
assert tampered != text
db.execute("update runs set result_json = ? where id = 2", (tampered,))
db.commit()
PY
"$FABCAST" runs rerun 2 >"$TMP/rerun2.txt"
rc=$?
check "a tampered run is not reproduced (exit 1, got $rc)" test "$rc" -eq 1
check "and the difference is shown" grep -q "NOT reproduced" "$TMP/rerun2.txt"
"$FABCAST" runs rm 2 >/dev/null
check "rm removes" test "$(count_runs)" -eq 1
"$FABCAST" runs show 2 >/dev/null 2>"$TMP/err.txt"
rc=$?
check "a missing run exits 2 (got $rc)" test "$rc" -eq 2
check "and says how to list runs" grep -q "fabcast runs list" "$TMP/err.txt"
"$FABCAST" runs show x1 >/dev/null 2>"$TMP/err.txt"
check "a malformed id is named" grep -q "'x1' is not a run id" "$TMP/err.txt"
"$FABCAST" run bench-b1 --samples 100 --seed 1 --store /proc/none/runs.db >/dev/null 2>"$TMP/err.txt"
rc=$?
check "an unusable --store exits 1 (got $rc)" test "$rc" -eq 1
check "and names the file" grep -q "/proc/none/runs.db" "$TMP/err.txt"

# ---- a store that refuses the write: the results are still printed whole ----
cp "$FABCAST_STORE" "$TMP/refusing.db"
"$PY" -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("create trigger refuse before insert on runs begin select raise(abort, \"simulated write failure\"); end"); db.commit()' "$TMP/refusing.db"
"$FABCAST" run altman-7t --samples 2000 --seed 11 --format json --store "$TMP/refusing.db" >"$TMP/refused.json" 2>"$TMP/err.txt"
rc=$?
check "a failed store exits 1 (got $rc)" test "$rc" -eq 1
check "and says the run was not stored, and why" grep -q "not stored:.*simulated write failure" "$TMP/err.txt"
"$FABCAST" runs show 1 --format json >"$TMP/run1.json"
check "but the results are printed whole" cmp -s "$TMP/refused.json" "$TMP/run1.json"

# ---- reports ----
before=$(count_runs)
"$FABCAST" report 1 -o "$TMP/r1.html" 2>/dev/null
check "a stored run's HTML report inlines its charts' libraries" grep -q "vegaEmbed" "$TMP/r1.html"
check "and fetches nothing" bash -c "! grep -q '<script src=' '$TMP/r1.html'"
"$FABCAST" report latest -o "$TMP/md/r1.md" 2>/dev/null
check "a Markdown report links its SVG charts" grep -q "](r1_charts/modules.svg)" "$TMP/md/r1.md"
check "which are written beside it" grep -q "<svg" "$TMP/md/r1_charts/binding.svg"
"$FABCAST" report bench-b1 --samples 500 --seed 3 --no-store -o "$TMP/b1.html" 2>/dev/null
check "report --no-store runs the scenario without storing it" test "$(count_runs)" -eq "$before"
check "and still writes the report" grep -q "fabcast report: bench-b1" "$TMP/b1.html"
"$FABCAST" report 1 --set program.budget_usd=1e12 -o "$TMP/x.html" >/dev/null 2>"$TMP/err.txt"
rc=$?
check "--set with a stored run is refused (exit 2, got $rc)" test "$rc" -eq 2

# ---- exports, read back independently ----
"$FABCAST" export 1 -o "$TMP/x.xlsx" 2>/dev/null
"$FABCAST" export 1 -o "$TMP/csv" 2>/dev/null
"$FABCAST" export 1 -o "$TMP/x.json" 2>/dev/null
check "exports read back with openpyxl and csv" "$PY" - "$TMP" <<'PY'
import csv, json, math, sys, openpyxl
# Excel keeps 15-16 significant digits (libxlsxwriter writes %.16G); CSV and JSON keep every bit.
def same(x, y):
    return x == y or (x is not None and y is not None and math.isclose(x, y, rel_tol=1e-15))
tmp = sys.argv[1]
run = json.load(open(f"{tmp}/x.json"))
res = run["result"]
steps = len(res["steps"])
quantile_series = [k for k, v in res["series"].items() if "p50" in v]
indicators = [k for k, v in res["series"].items() if "p50" not in v]
wb = openpyxl.load_workbook(f"{tmp}/x.xlsx", read_only=True)
assert wb.sheetnames == ["README", "series", "series_wide", "scalars", "binding", "training_runs", "inputs", "samples"], wb.sheetnames
readme = {r[0]: (r[1] if len(r) > 1 else None) for r in wb["README"].iter_rows(values_only=True) if r and r[0]}
assert readme["fabcast run"] == "1" and readme["scenario"] == "altman-7t" and readme["seed"] == "11", readme
assert readme["overrides"] == "none", readme
def rows(sheet):
    return list(wb[sheet].iter_rows(values_only=True))
def cells(sheet):
    return list(wb[sheet].iter_rows())
series = rows("series")
assert series[0] == ("series", "unit", "step", "mean", "p5", "p25", "p50", "p75", "p95"), series[0]
assert len(series) == 1 + len(quantile_series) * steps, len(series)
name, step = quantile_series[0], 5
row = series[1 + step]
assert row[0] == name and row[1] == run["units"][name] and row[2] == res["steps"][step], row
assert same(row[6], res["series"][name]["p50"][step]), row
# The wide form: a column per quantile series, a row per step, the medians; charts without a pivot.
wide = rows("series_wide")
assert list(wide[0]) == ["step"] + quantile_series, wide[0]
assert [r[0] for r in wide[1:]] == res["steps"]
for c, name in enumerate(quantile_series, start=1):
    assert all(same(r[c], res["series"][name]["p50"][t]) for t, r in enumerate(wide[1:])), name
# Scalars with their units; money as scaled dollars, shares as percentages, years whole; a value
# that is not finite written as the word that says why, never an empty cell.
scalars = cells("scalars")
assert [c.value for c in scalars[0][:3]] == ["output", "unit", "mean"], scalars[0]
by_name = {r[0].value: r for r in scalars[1:]}
assert set(by_name) == set(res["scalars"])
for out, r in by_name.items():
    assert r[1].value == run["units"][out], (out, r[1].value)
    want = res["scalars"][out]["p50"]
    got = r[7].value  # p50
    if want is None:
        assert got == ("never" if run["units"][out] == "year" else "undefined"), (out, got)
    else:
        assert same(got, want), (out, got, want)
committed = by_name["committed_usd"]
assert committed[2].number_format == '$#,##0.00,,,,"T"' and committed[2].value > 1e12, committed[2].number_format
assert by_name["cost_per_good_wafer_usd"][7].number_format == "$#,##0", by_name["cost_per_good_wafer_usd"][7].number_format
assert by_name["breakeven_price_usd"][1].value == "USD/accelerator"
assert by_name["cost_per_good_wafer_usd"][1].value == "USD/wafer"
assert by_name["spent_share_2030"][7].number_format == "0.0%"
assert all(r[12].number_format == "0.0%" for r in scalars[1:]), "share_finite as a percentage"
payback = by_name["payback_year"]
assert all(c.value == "never" or (c.number_format == "0" and isinstance(c.value, (int, float))) for c in payback[2:12]), [c.value for c in payback]
assert any(c.value == "never" for r in scalars[1:] for c in r), "no value written as never"
binding = rows("binding")
assert len(binding) == 1 + steps and list(binding[0][1:]) == indicators, binding[0]
assert same(binding[3][1], res["series"][indicators[0]]["mean"][2])
assert cells("binding")[3][1].number_format == "0.0%"
# Training-run probabilities: a row per year, a column per threshold.
training = cells("training_runs")
thresholds = list(res["training_runs"])
assert [c.value for c in training[0]] == ["year"] + [t + " FLOP" for t in thresholds], training[0]
years = res["training_runs"][thresholds[0]]["years"]
assert [r[0].value for r in training[1:]] == years and training[1][0].number_format == "0"
for c, t in enumerate(thresholds, start=1):
    assert [r[c].value for r in training[1:]] == res["training_runs"][t]["probability"], t
    assert training[1][c].number_format == "0.0%"
# Inputs: every key of the stored scenario with its value, unit and source, as the JSON export lists them.
inputs = rows("inputs")
assert inputs[0] == ("key", "value", "unit", "source"), inputs[0]
assert [list(r) for r in inputs[1:]] == [[i[k] or None for k in ("key", "value", "unit", "source")] for i in run["inputs"]]
budget = {r[0]: r for r in inputs[1:]}["program.budget_usd"]
assert budget[1] == "7e12" and budget[2] == "USD" and budget[3].startswith("scenario ["), budget
assert len(inputs) - 1 == sum(1 for line in run["scenario_toml"].splitlines() if " = " in line and not line.startswith("#"))
samples = rows("samples")
assert len(samples) == 1 + res["run"]["samples"], len(samples)
col = samples[0].index("committed_usd")
assert all(same(r[col], want) for r, want in zip(samples[1:], run["samples"]["committed_usd"]))
# CSV: the same tables, the same numbers.
with open(f"{tmp}/csv/scalars.csv", newline="") as f:
    table = list(csv.DictReader(f))
for r in table:
    want = res["scalars"][r["output"]]["p50"]
    assert (r["p50"] == "" and want is None) or float(r["p50"]) == want, (r, want)
with open(f"{tmp}/csv/series.csv", newline="") as f:
    assert sum(1 for _ in f) == 1 + len(quantile_series) * steps
with open(f"{tmp}/csv/series_wide.csv", newline="") as f:
    table = list(csv.reader(f))
assert table[0] == ["step"] + quantile_series and len(table) == 1 + steps
assert float(table[3][1]) == res["series"][quantile_series[0]]["p50"][2]
with open(f"{tmp}/csv/inputs.csv", newline="") as f:
    assert list(csv.DictReader(f)) == [{k: i[k] for k in ("key", "value", "unit", "source")} for i in run["inputs"]]
with open(f"{tmp}/csv/training_runs.csv", newline="") as f:
    table = list(csv.reader(f))
assert [float(r[1]) for r in table[1:]] == res["training_runs"][thresholds[0]]["probability"]
with open(f"{tmp}/csv/samples.csv", newline="") as f:
    got = [float(r["committed_usd"]) for r in csv.DictReader(f)]
assert got == run["samples"]["committed_usd"]
PY

# ---- kill -9 at random moments, while runs with 2e5 kept samples are being written ----
"$FABCAST" run bench-b1 --samples 5000 --seed 21 --quiet >/dev/null
"$PY" -c 'import sqlite3,sys,hashlib; db=sqlite3.connect(sys.argv[1]); print("\n".join(f"{i} {hashlib.sha256(t.encode()).hexdigest()}" for i,t in db.execute("select id, result_json from runs order by id")))' "$FABCAST_STORE" >"$TMP/before.txt"
for i in $(seq 1 12); do
  "$FABCAST" run bench-b1 --samples 200000 --seed "$i" --keep-samples --quiet >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
check "after kill -9: integrity ok, earlier runs unchanged, no half-written run" "$PY" - "$FABCAST_STORE" "$TMP/before.txt" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
before = dict(line.split() for line in open(sys.argv[2]))
now = {str(i): hashlib.sha256(t.encode()).hexdigest() for i, t in db.execute("select id, result_json from runs")}
for i, h in before.items():
    assert now.get(i) == h, f"run {i} changed or vanished"
outputs = None
for (i,) in db.execute("select id from runs where id > ?", (max(int(k) for k in before),)):
    n = db.execute("select count(*) from samples where run_id = ?", (i,)).fetchone()[0]
    assert n > 0, f"run {i} lost its samples"
PY

# ---- concurrent writers ----
before=$(count_runs)
for s in 1 2 3 4; do "$FABCAST" run bench-b1 --samples 20000 --seed "$s" --keep-samples --quiet >/dev/null & done
wait
check "four concurrent writers all stored" test "$(count_runs)" -eq $((before + 4))
check "and the store is whole" test "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0])' "$FABCAST_STORE")" = ok

# ---- a store the user may only read ----
# Reading commands open it read-only; writing ones refuse it before doing anything, naming it, and
# it stays byte for byte as it was. Permissions do not restrict root: the commands then run as
# nobody (lib.sh: unprivileged).
if can_drop "$FABCAST"; then
  chmod 755 "$TMP"
  RO="$TMP/ro"
  mkdir -p "$RO/store" "$RO/out"
  chmod 777 "$RO/out"
  ro_store="$RO/store/runs.db"
  "$FABCAST" run bench-b1 --samples 500 --seed 1 --keep-samples --quiet --store "$ro_store" >/dev/null
  "$FABCAST" run bench-b1 --samples 500 --seed 2 --quiet --store "$ro_store" >/dev/null
  ro_sum=$(sha256sum <"$ro_store")
  ro() { unprivileged "$FABCAST" "$@" --store "$ro_store"; }
  for mode in "read-only directory" "read-only file"; do
    chmod 444 "$ro_store"
    if [ "$mode" = "read-only directory" ]; then chmod 555 "$RO/store"; else chmod 777 "$RO/store"; fi
    ro runs list >"$TMP/ro-list.txt" 2>"$TMP/err.txt"
    check "$mode: runs list" test "$(grep -c bench-b1 "$TMP/ro-list.txt")" -eq 2
    ro runs show 1 >"$TMP/ro-show.txt" 2>/dev/null
    check "$mode: runs show" grep -q "seed 1" "$TMP/ro-show.txt"
    ro runs diff 1 2 >"$TMP/ro-diff.txt" 2>/dev/null
    check "$mode: runs diff" grep -q "seed" "$TMP/ro-diff.txt"
    ro runs rerun 1 >"$TMP/ro-rerun.txt" 2>/dev/null
    check "$mode: runs rerun" grep -q "reproduced byte for byte" "$TMP/ro-rerun.txt"
    rm -rf "$RO/out/"*
    check "$mode: export json" quietly ro export 1 -o "$RO/out/r.json"
    check "$mode: export xlsx" quietly ro export 1 -o "$RO/out/r.xlsx"
    check "$mode: export csv" quietly ro export 1 -o "$RO/out/csv"
    check "$mode: report of a stored run" quietly ro report latest -o "$RO/out/r.html"
    check "$mode: the exports and report are whole" "$PY" -c 'import json,sys,openpyxl; d=sys.argv[1]; json.load(open(d+"/r.json")); openpyxl.load_workbook(d+"/r.xlsx"); assert "vegaEmbed" in open(d+"/r.html").read()' "$RO/out"
    fails "$mode: run refuses at once" 1 "$ro_store: the run store is read-only" ro run bench-b1 --samples 200 --seed 3
    check "$mode: before running anything" test -z "$(ro run bench-b1 --samples 200 --seed 3 2>/dev/null)"
    fails "$mode: report of a new run refuses" 1 "$ro_store: the run store is read-only" ro report bench-b1 --samples 200 --seed 3 -o "$RO/out/new.html"
    check "$mode: and writes no report" test ! -e "$RO/out/new.html"
    check "$mode: run --no-store still runs" quietly ro run bench-b1 --samples 200 --seed 3 --no-store --quiet
    fails "$mode: rm refuses" 1 "$ro_store: the run store is read-only" ro runs rm 1
    check "$mode: the store is unchanged" test "$(sha256sum <"$ro_store")" = "$ro_sum"
  done
  chmod 555 "$RO/store"
  fails "the read-only directory is named as the reason" 1 "its directory $RO/store is not writable" ro runs rm 1
  chmod 755 "$RO/store"
  chmod 644 "$ro_store"
  rm -f "$ro_store"-wal "$ro_store"-shm

  # A log holding changes, its index missing and impossible to create: the one read-only store
  # that cannot be read; the message says why and how to fold the log in.
  mkdir -p "$RO/wal"
  cp "$ro_store" "$RO/source.db"
  "$PY" - "$RO/source.db" "$RO/wal/runs.db" <<'PY'
import shutil, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("pragma wal_autocheckpoint = 0")
db.execute("update runs set scenario_name = 'changed' where id = 1")
db.commit()
for part in ("", "-wal"):  # copied while the change is only in the log
    shutil.copy(sys.argv[1] + part, sys.argv[2] + part)
db.close()
PY
  chmod 444 "$RO/wal/"*
  chmod 555 "$RO/wal"
  fails "a read-only store with changes in its log names the log" 1 "runs.db-wal holds changes not yet folded into it" \
    unprivileged "$FABCAST" runs list --store "$RO/wal/runs.db"
  chmod 755 "$RO/wal"
else
  echo "skipped: the read-only store checks (running as root without setpriv, or nobody cannot run $FABCAST)"
fi

# ---- stores and runs that fabcast did not write ----
# Every command fails with exit 1 and a message naming the store (and the run); nothing crashes.
dmg="$TMP/damaged.db"
for seed in 1 2 3 4; do "$FABCAST" run altman-7t --samples 200 --seed "$seed" --keep-samples --quiet --store "$dmg" >/dev/null; done
"$PY" - "$dmg" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update runs set result_json = 'garbage{' where id = 2")
result = json.loads(db.execute("select result_json from runs where id = 3").fetchone()[0])
for series in result["series"].values():
    for key in series:
        series[key] = series[key][:2]  # valid JSON, but the series stop short of the steps
db.execute("update runs set result_json = ? where id = 3", (json.dumps(result),))
db.execute("update samples set vals = x'010203' where run_id = 4 and ord = 1")
db.commit()
PY
for cmd in "runs show 2" "runs show 2 --format json" "runs diff 1 2" "runs rerun 2" "export 2 -o $TMP/d.json" "export 2 -o $TMP/d.xlsx" \
  "export 2 -o $TMP/dcsv" "report 2 -o $TMP/d.html"; do
  fails "a result that is not JSON: $cmd" 1 "$dmg: run 2: stored result is not valid JSON (parse error" $FABCAST $cmd --store "$dmg"
done
for cmd in "export 3 -o $TMP/dcsv" "export 3 -o $TMP/d.xlsx" "report 3 -o $TMP/d.html" "report 3 -o $TMP/d.md"; do
  fails "a result with series cut short: $cmd" 1 "$dmg: run 3: stored data is not as fabcast writes it" $FABCAST $cmd --store "$dmg"
done
fails "kept samples cut short" 1 "$dmg: run 4: the kept samples of .* are damaged" "$FABCAST" export 4 -o "$TMP/d.json" --store "$dmg"
check "the damaged runs are still listed" test "$("$FABCAST" runs list --store "$dmg" | grep -c altman-7t)" -eq 4
check "and can be removed" quietly "$FABCAST" runs rm 2 3 4 --store "$dmg"
"$PY" -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("update runs set seed = ? where id = 1", ("x12",)); db.commit()' "$dmg"
fails "a seed that is not a number" 1 "$dmg: run 1: stored seed 'x12' is not a 64-bit whole number" "$FABCAST" runs list --store "$dmg"

"$PY" -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("create table notes (x)"); db.execute("insert into notes values (1)"); db.commit()' "$TMP/foreign.db"
cp "$FABCAST_STORE" "$TMP/dropped.db"
"$PY" -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("drop table samples"); db.execute("drop table runs"); db.commit()' "$TMP/dropped.db"
head -c 8192 /dev/urandom >"$TMP/random.db"
for store in foreign dropped random; do
  case $store in
    foreign) why="a SQLite database without fabcast's tables" ;;
    dropped) why="it has no table runs" ;;
    random) why="the file is not a SQLite database" ;;
  esac
  for cmd in "runs list" "runs show 1" "export 1 -o $TMP/f.json" "report 1 -o $TMP/f.html" "runs rm 1" "run bench-b1 --samples 100 --seed 1"; do
    fails "$store store: $cmd" 1 "$TMP/$store.db: not a fabcast run store: $why" $FABCAST $cmd --store "$TMP/$store.db"
  done
done
check "someone else's database is left as it was" test "$("$PY" -c 'import sqlite3,sys; print([r[0] for r in sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master")])' "$TMP/foreign.db")" = "['notes']"
"$FABCAST" runs list --store "$TMP/none/runs.db" >"$TMP/none.txt"
check "a store that does not exist lists no runs" grep -q "no runs in $TMP/none/runs.db" "$TMP/none.txt"
check "and is not created by reading it" test ! -e "$TMP/none"
fails "nor has a run 1" 2 "$TMP/none/runs.db: no run 1: no runs are stored there yet" "$FABCAST" runs show 1 --store "$TMP/none/runs.db"
fails "--store '' is a usage error" 2 "--store: expects a path" "$FABCAST" runs list --store ""
fails "for run too" 2 "--store: expects a path" "$FABCAST" run bench-b1 --samples 100 --seed 1 --store ""

finish "store e2e"
