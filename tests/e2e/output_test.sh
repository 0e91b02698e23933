#!/usr/bin/env bash
# Output paths end to end (argument: path to fabcast), by the rule of docs/cli.md, "Output files": a
# symbolic link is written through and kept; terminals, pipes and devices are written directly;
# directories and other targets are refused; a write that fails says why, exits 1 and leaves no
# temporary file and the old file whole.
set -uo pipefail
FABCAST=${1:?usage: output_test.sh PATH_TO_FABCAST}
PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'chmod -R u+rwX "$TMP"; rm -rf "$TMP"' EXIT
export FABCAST_STORE="$TMP/store/runs.db"
export TMPDIR="$TMP/scratch"  # where libxlsxwriter and fabcast's workbook scratch files go: checked for leftovers
mkdir -p "$TMPDIR"
source "$(dirname "$0")/lib.sh"
leftovers() { find "$@" \( -name '*.tmp' -o -name 'fabcast-*' \) -print; }

"$FABCAST" run altman-7t --samples 3000 --seed 7 --keep-samples --quiet >/dev/null
"$FABCAST" export 1 -o "$TMP/plain.json" 2>/dev/null

# ---- symbolic links: followed, and kept ----
echo old >"$TMP/real.json"
chmod 640 "$TMP/real.json"
ln -s real.json "$TMP/link.json"
"$FABCAST" export 1 -o "$TMP/link.json" 2>/dev/null
check "a link stays a link" test -L "$TMP/link.json"
check "the file it points to is written" cmp -s "$TMP/real.json" "$TMP/plain.json"
check "and keeps its permissions" test "$(stat -c %a "$TMP/real.json")" = 640
ln -s sub/made.html "$TMP/dangling.html"
"$FABCAST" report 1 -o "$TMP/dangling.html" 2>/dev/null
check "a dangling link: the file it names is made" grep -q vegaEmbed "$TMP/sub/made.html"
check "and the link stays" test -L "$TMP/dangling.html"

# ---- pipes and descriptors: written directly ----
mkfifo "$TMP/fifo"
timeout 120 cat "$TMP/fifo" >"$TMP/from-fifo.json" &
reader=$!
"$FABCAST" export 1 -o "$TMP/fifo" --format json 2>/dev/null
wait "$reader"
check "a FIFO is written through" cmp -s "$TMP/from-fifo.json" "$TMP/plain.json"
check "and stays a FIFO" test -p "$TMP/fifo"

# ---- devices and descriptors: as an unprivileged user, so that no mistake can replace a system file ----
if can_drop "$FABCAST"; then
  chmod 755 "$TMP"
  chmod -R a+rX "$TMP/store"
  chmod 1777 "$TMPDIR"
  unprivileged "$FABCAST" export 1 -o /dev/stdout --format json 2>/dev/null | cmp -s - "$TMP/plain.json"
  check "/dev/stdout onto a pipe" test "${PIPESTATUS[1]}" -eq 0
  echo previous >"$TMP/log.json"
  chmod 666 "$TMP/log.json"
  unprivileged "$FABCAST" export 1 -o /dev/stdout --format json >>"$TMP/log.json" 2>/dev/null
  check "/dev/stdout >> a file appends, as the shell opened it" test "$(head -1 "$TMP/log.json")" = previous
  check "and the export follows whole" cmp -s <(tail -n +2 "$TMP/log.json") "$TMP/plain.json"
  for cmd in "export 1 -o /dev/full --format json" "export 1 -o /dev/full --format xlsx" "report 1 -o /dev/full"; do
    fails "$cmd: the device's error, exit 1" 1 "/dev/full: cannot write: No space left on device" unprivileged "$FABCAST" $cmd
  done
  check "/dev/null takes a report" quietly unprivileged "$FABCAST" report 1 -o /dev/null
  check "/dev/full and /dev/null are still devices, /dev/stdout a link" test -c /dev/full -a -c /dev/null -a -L /dev/stdout

  # A directory the user cannot write: the reason, and nothing left in it.
  mkdir -p "$TMP/locked"
  echo old >"$TMP/locked/x.json"
  chmod 755 "$TMP/locked"
  chmod 644 "$TMP/locked/x.json"
  [ "$(id -u)" -ne 0 ] && chmod 555 "$TMP/locked"  # root's directory is already not nobody's to write
  fails "a directory the user cannot write" 1 "$TMP/locked/x.json: cannot write: Permission denied" unprivileged "$FABCAST" export 1 -o "$TMP/locked/x.json"
  check "leaves the old file" test "$(cat "$TMP/locked/x.json")" = old
else
  echo "skipped: /dev/stdout, /dev/full, /dev/null and unwritable-directory checks (running as root without setpriv, or nobody cannot run $FABCAST)"
fi

# ---- refused before anything is done (exit 2) ----
mkdir -p "$TMP/adir"
fails "a directory as -o" 2 "$TMP/adir: is a directory" "$FABCAST" export 1 -o "$TMP/adir" --format json
fails "a directory as a report" 2 "$TMP/adir: is a directory" "$FABCAST" report 1 -o "$TMP/adir"
fails "a path ending in /" 2 "names a directory" "$FABCAST" report 1 -o "$TMP/new/"
fails "a report of a new run to a directory: refused before it runs" 2 "is a directory" "$FABCAST" report bench-b1 --samples 100 --seed 1 -o "$TMP/adir"
check "so nothing was stored" test "$("$FABCAST" runs list --format json | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq 1
fails "a Markdown report to a pipe" 2 "a Markdown report writes its charts as files beside it" timeout 60 "$FABCAST" report 1 -o "$TMP/fifo" --format md
fails "CSV into a file" 2 "$TMP/plain.json: is not a directory" "$FABCAST" export 1 -o "$TMP/plain.json" --format csv
fails "export -o ''" 2 "--output: expects a path, got an empty string" "$FABCAST" export 1 -o ""
fails "report -o ''" 2 "--output: expects a path, got an empty string" "$FABCAST" report 1 -o ""

# ---- a write that fails: the reason, exit 1, no temporary file, the old file whole ----
# A file-size limit (ulimit -f, in KiB) makes writes fail with EFBIG once past it; SIGXFSZ is
# ignored so that the write returns the error instead of killing the process.
limited() { (trap '' XFSZ && ulimit -f 256 && "$@"); }
out="$TMP/limited"
mkdir -p "$out"
for f in x.json x.xlsx x.html; do echo old >"$out/$f"; done
fails "json past the limit" 1 "$out/x.json: cannot write: File too large" limited "$FABCAST" export 1 -o "$out/x.json"
fails "csv past the limit" 1 "cannot write: File too large" limited "$FABCAST" export 1 -o "$out/csv"
fails "a report past the limit" 1 "$out/x.html: cannot write: File too large" limited "$FABCAST" report 1 -o "$out/x.html"
check "the old files are whole" test "$(cat "$out/x.json" "$out/x.xlsx" "$out/x.html")" = "$(printf 'old\nold\nold')"
check "no temporary file is left behind" test -z "$(leftovers "$out" "$TMPDIR")"
# libxlsxwriter ignores failed writes to its own temporary files (its parts here are larger than the
# limit): a workbook with parts cut short must be caught, not written.
fails "a workbook libxlsxwriter cut short" 1 "libxlsxwriter lost part of it (xl/worksheets/sheet" limited "$FABCAST" export 1 -o "$out/x.xlsx"
check "is not written" test "$(cat "$out/x.xlsx")" = old
check "and leaves nothing behind" test -z "$(leftovers "$out" "$TMPDIR")"

finish "output e2e"
