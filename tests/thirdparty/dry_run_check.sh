#!/usr/bin/env bash
# End to end, offline: import the demo clinic records with --dry-run, then
# check the Bundle with our own validator (alliance-fhir validate) and with
# both third-party validators (every entry resource and the Bundle).
set -euo pipefail
cli="$1"; root="$2"; work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$cli" import "$root/config/demo/clinic.jsonl" --dry-run --out "$work/bundle.json" \
  --config "$root/config/demo/alliance-fhir.conf" --now 2026-03-02T20:00:00Z > "$work/summary.txt"
cat "$work/summary.txt"
grep -q " 0 rejected, 0 parked" "$work/summary.txt"
"$cli" validate "$work/bundle.json"
node "$root/tests/fhir-server/validate.js" --quiet "$work/bundle.json"
