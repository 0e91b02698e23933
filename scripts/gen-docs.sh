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
keys=$(mktemp)
"$FABCAST" docs scenario-keys > "$keys"
awk -v keys="$keys" '
  /<!-- BEGIN GENERATED KEYS -->/ { print; while ((getline line < keys) > 0) print line; skip = 1; next }
  /<!-- END GENERATED KEYS -->/ { skip = 0 }
  !skip { print }
' docs/scenario-format.md > docs/scenario-format.md.tmp
mv docs/scenario-format.md.tmp docs/scenario-format.md
"$FABCAST" docs outputs > "$keys"
awk -v keys="$keys" '
  /<!-- BEGIN GENERATED OUTPUTS -->/ { print; while ((getline line < keys) > 0) print line; skip = 1; next }
  /<!-- END GENERATED OUTPUTS -->/ { skip = 0 }
  !skip { print }
' docs/output-format.md > docs/output-format.md.tmp
mv docs/output-format.md.tmp docs/output-format.md
rm -f "$keys"
