#!/usr/bin/env bash
# Regenerates the generated documentation from the built binary (after `make build`):
#   docs/data-sources.md            entirely, from the reference-data library;
#   docs/validation.md              entirely, by running the validation checks (a few seconds);
#   docs/scenario-format.md         the key reference between its GENERATED markers;
#   docs/output-format.md           the output reference between its GENERATED markers.
# A test (DocsAreUpToDate) fails when the committed files differ from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
FABCAST=${FABCAST:-./build/fabcast}
"$FABCAST" docs data-sources > docs/data-sources.md
"$FABCAST" docs validation > docs/validation.md
# Replaces what lies between <!-- BEGIN GENERATED WHAT --> and <!-- END GENERATED WHAT --> in FILE
# with the output of `fabcast docs WHICH`.
splice() {
  local file=$1 what=$2 which=$3 generated
  generated=$(mktemp)
  "$FABCAST" docs "$which" > "$generated"
  awk -v generated="$generated" -v begin="<!-- BEGIN GENERATED $what -->" -v end="<!-- END GENERATED $what -->" '
    $0 == begin { print; while ((getline line < generated) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$file" > "$file.tmp"
  mv "$file.tmp" "$file"
  rm -f "$generated"
}
splice docs/scenario-format.md KEYS scenario-keys
splice docs/output-format.md OUTPUTS outputs
