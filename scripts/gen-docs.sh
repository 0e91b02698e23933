#!/usr/bin/env bash
# Regenerates the generated documentation from the built binary (after `make build`):
#   docs/data-sources.md            entirely, from the reference-data library;
#   docs/validation.md              entirely, by running the validation checks (a few seconds);
#   docs/scenario-format.md         the key reference between its GENERATED markers;
#   docs/output-format.md           the output reference between its GENERATED markers;
#   README.md                       the example between its GENERATED SAMPLE markers: the command
#                                   on its first line ("$ ./build/fabcast ..."), run, and what it prints.
# Tests (Docs.GeneratedDocumentationIsUpToDate, Docs.TheReadmeExampleIsWhatItsCommandPrints) fail when
# the committed files differ from what this writes.
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

# The README's example: keep its command line, replace what follows with what the command prints now.
readme_example() {
  local begin end command generated
  begin=$(grep -n '^<!-- BEGIN GENERATED SAMPLE' README.md | cut -d: -f1)
  end=$(grep -n '^<!-- END GENERATED SAMPLE -->$' README.md | cut -d: -f1)
  command=$(sed -n "$((begin + 2))p" README.md)
  case $command in
    '$ ./build/fabcast '*) ;;
    *) echo "gen-docs: README.md: expected '\$ ./build/fabcast ...' two lines below the BEGIN GENERATED SAMPLE marker, found '$command'" >&2
       exit 1 ;;
  esac
  generated=$(mktemp)
  {
    sed -n "1,$((begin + 2))p" README.md
    eval "\"\$FABCAST\" ${command#'$ ./build/fabcast '}"
    echo '```'
    sed -n "$end,\$p" README.md
  } > "$generated"
  cat "$generated" > README.md  # in place, keeping the file's permissions
  rm -f "$generated"
}
readme_example
