# Shared by the end-to-end scripts: `check NAME COMMAND...` counts a pass when the command exits
# 0 and reports a failure by name otherwise; `finish LABEL` prints the tally and fails if any failed.
passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name" >&2
  fi
}
finish() {
  echo "$1: $passed passed, $failed failed"
  test "$failed" -eq 0
}
# `unprivileged COMMAND...` runs a command as a user whom file permissions restrict: as is, unless
# we are root (whom they do not restrict), then as nobody through setpriv. `can_drop` says whether
# that is possible here; when it is not, permission tests say so and are skipped.
unprivileged() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  else
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"  # nobody, nogroup
  fi
}
can_drop() {
  [ "$(id -u)" -ne 0 ] || { command -v setpriv >/dev/null 2>&1 && unprivileged test -x "$1"; }
}
# `fails NAME CODE PATTERN COMMAND...` counts a pass when the command exits with CODE and its stderr
# matches PATTERN (grep, basic), and shows what it did otherwise.
fails() {
  local name=$1 code=$2 pattern=$3 err rc
  shift 3
  err=$("$@" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -eq "$code" ] && grep -q -- "$pattern" <<<"$err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name: exit $rc (expected $code), stderr: $err" >&2
  fi
}
# `quietly COMMAND...`: the command with its output discarded (for `check`, which reports by name).
quietly() { "$@" >/dev/null 2>&1; }
