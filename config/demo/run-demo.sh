#!/usr/bin/env bash
# The alliance-fhir demo: a real FHIR server on loopback (Medplum's router,
# tests/fhir-server), the hospital's patients on it, the sample clinic
# records imported and synced, and a summary of what the server holds.
# Usage: run-demo.sh ALLIANCE_FHIR_BINARY [WORK_DIR]
set -euo pipefail
cli="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
conf="$here/alliance-fhir.conf"
store="$work/demo-store.db"
rm -f "$store" "$store-wal" "$store-shm"

node "$root/tests/fhir-server/server.js" --port 0 > "$work/server.out" 2> "$work/server.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^READY ' "$work/server.out" 2>/dev/null && break
  kill -0 $server 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.5
done
base="$(awk '/^READY /{print $2}' "$work/server.out")"
[ -n "$base" ] || { echo "the FHIR test server did not start" >&2; exit 1; }
echo "== FHIR server: $base"

# The hospital already knows its patients; here the demo registers them.
for mrn in MRN-0042 MRN-0107 MRN-0230; do
  curl -sf -X POST -H 'Content-Type: application/fhir+json' "$base/Patient" \
    -d "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:oid:2.16.840.1.113883.3.9999.1\",\"value\":\"$mrn\"}]}" > /dev/null
done

echo "== alliance-fhir import config/demo/clinic.jsonl"
"$cli" import "$here/clinic.jsonl" --config "$conf" --store.path="$store"
echo "== alliance-fhir sync"
"$cli" sync --config "$conf" --store.path="$store" --server.base_url="$base"
echo "== alliance-fhir sync (again: nothing to send)"
"$cli" sync --config "$conf" --store.path="$store" --server.base_url="$base"
echo "== alliance-fhir status"
"$cli" status --config "$conf" --store.path="$store"
echo "== on the server"
for type in Patient Consent Goal CarePlan QuestionnaireResponse Observation; do
  n=$(curl -sf "$base/$type?_summary=count" | jq -r '.total')
  printf '  %-22s %s\n' "$type" "$n"
done
echo "== SRS totals of MRN-0042 (the alliance over sessions)"
pid=$(curl -sf "$base/Patient?identifier=urn:oid:2.16.840.1.113883.3.9999.1|MRN-0042" | jq -r '.entry[0].resource.id')
curl -sf "$base/Observation?subject=Patient/$pid&_count=100" |
  jq -r '.entry[].resource | select(.code.coding[0].code == "srs:total") |
         "  \(.effectiveDateTime)  \(.valueQuantity.value)\(if .interpretation then "  below cutoff" else "" end)"' | sort
