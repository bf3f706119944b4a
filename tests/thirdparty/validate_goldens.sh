#!/usr/bin/env bash
# Third-party check of our FHIR output: every golden resource under
# tests/testdata/**/golden/ and tests/testdata/validation/valid/ must pass
# Medplum's validateResource and FHIR.js with zero errors; every file under
# tests/testdata/validation/invalid/ must be rejected by them.
set -euo pipefail
root="$1"
validate="$root/tests/fhir-server/validate.js"
mapfile -t valid < <(find "$root/tests/testdata" \( -path '*/golden/*.json' -o -path '*/validation/valid/*.json' \) | sort)
mapfile -t invalid < <(find "$root/tests/testdata/validation/invalid" -name '*.json' 2>/dev/null | sort)
if [ "${#valid[@]}" -lt 10 ]; then
  echo "expected golden files, found ${#valid[@]}" >&2
  exit 1
fi
echo "valid set: ${#valid[@]} files"
node "$validate" --quiet "${valid[@]}"
if [ "${#invalid[@]}" -gt 0 ]; then
  echo "invalid set: ${#invalid[@]} files (each must be rejected)"
  node "$validate" --quiet --expect-invalid "${invalid[@]}"
fi
