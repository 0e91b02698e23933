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
