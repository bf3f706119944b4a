#!/usr/bin/env bash
# Smoke test of server.js with curl and jq: starts it on a free loopback port, checks the
# FHIR behaviour the plugin relies on (and each covered Medplum gap), then the fault mode,
# and stops it. Exit 0 when every check passes. Run: `npm run smoke` or `bash smoke.sh`.
set -u
cd "$(dirname "$0")"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# check NAME ACTUAL EXPECTED
check() { if [ "$2" == "$3" ]; then ok "$1"; else fail "$1 (got '$2', want '$3')"; fi; }

# start NAME ARGS...: starts a server, sets BASE and ADMIN; exits if it is not ready in 30 s.
start() {
  local name=$1; shift
  node server.js --port 0 --port-file "$WORK/$name.url" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  LAST_PID=$!
  for _ in $(seq 300); do [ -s "$WORK/$name.url" ] && break; sleep 0.1; done
  if [ ! -s "$WORK/$name.url" ]; then echo "server $name did not start:"; cat "$WORK/$name.err"; exit 1; fi
  BASE=$(cat "$WORK/$name.url")
  ADMIN=${BASE%/fhir/R4}/__admin
  check "$name: READY line on stdout" "$(cat "$WORK/$name.out")" "READY $BASE"
}

CT='Content-Type: application/fhir+json'
# req METHOD PATH [curl args...]: body to $WORK/body, headers to $WORK/headers; prints status.
req() {
  local method=$1 path=$2; shift 2
  curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "$@" "$BASE$path"
}
header() { grep -i "^$1:" "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
body() { jq -r "$1" "$WORK/body"; }
goal() { # goal IDENTIFIER [DESCRIPTION]
  echo "{\"resourceType\":\"Goal\",\"identifier\":[{\"system\":\"urn:smoke\",\"value\":\"$1\"}],\"lifecycleStatus\":\"active\",\"description\":{\"text\":\"${2:-x}\"},\"subject\":{\"reference\":\"Patient/p1\"}}"
}

start main

# Create: 201 with ETag, Last-Modified and an absolute Location with _history.
check "create: 201" "$(req POST /Goal -H "$CT" -d "$(goal G1)")" 201
ID=$(body .id); VID=$(body .meta.versionId)
check "create: ETag" "$(header ETag)" "W/\"$VID\""
check "create: Location" "$(header Location)" "$BASE/Goal/$ID/_history/$VID"
[ -n "$(header Last-Modified)" ] && ok "create: Last-Modified" || fail "create: Last-Modified"
check "read: 200" "$(req GET "/Goal/$ID")" 200
check "read: ETag" "$(header ETag)" "W/\"$VID\""

# Update: If-Match honoured; update-as-create is 201.
check "update with stale If-Match: 412" "$(req PUT "/Goal/$ID" -H "$CT" -H 'If-Match: W/"stale"' -d "$(goal G1 | jq -c ".id=\"$ID\"")")" 412
check "unquoted If-Match refused: 400" "$(req PUT "/Goal/$ID" -H "$CT" -H 'If-Match: 1' -d "$(goal G1 | jq -c ".id=\"$ID\"")")" 400
check "update with If-Match: 200" "$(req PUT "/Goal/$ID" -H "$CT" -H "If-Match: W/\"$VID\"" -d "$(goal G1 y | jq -c ".id=\"$ID\"")")" 200
check "update-as-create: 201" "$(req PUT /Goal/smoke-1 -H "$CT" -d "$(goal G9 | jq -c '.id="smoke-1"')")" 201
check "history: 2 versions, newest first, twice" \
  "$(req GET "/Goal/$ID/_history" >/dev/null; req GET "/Goal/$ID/_history" >/dev/null; body '[.entry[].resource.description.text] | join(",")')" "y,x"

# Conditional create twice: one resource.
check "conditional create: 201" "$(req POST /Goal -H "$CT" -H 'If-None-Exist: identifier=urn:smoke|C1' -d "$(goal C1)")" 201
check "conditional create again: 200" "$(req POST /Goal -H "$CT" -H 'If-None-Exist: identifier=urn:smoke|C1' -d "$(goal C1)")" 200
req GET '/Goal?identifier=urn:smoke|C1' >/dev/null
check "conditional create: one resource" "$(body .total)" 1

# Unknown search parameter: 400, also in If-None-Exist (would otherwise create a duplicate).
check "unknown search parameter: 400" "$(req GET '/Goal?identifer=urn:smoke|C1')" 400
check "unknown parameter in If-None-Exist: 400" "$(req POST /Goal -H "$CT" -H 'If-None-Exist: identifer=urn:smoke|C1' -d "$(goal C1)")" 400
check "invalid resource refused: 400" "$(req POST /Goal -H "$CT" -d '{"resourceType":"Goal","description":{"text":"x"},"subject":{"reference":"Patient/p1"}}')" 400

# Transaction with urn:uuid references.
TX='{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:6f1c9a52-0000-4000-8000-000000000001","resource":{"resourceType":"Patient","identifier":[{"system":"urn:smoke","value":"P1"}]},"request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=urn:smoke|P1"}},
 {"fullUrl":"urn:uuid:6f1c9a52-0000-4000-8000-000000000002","resource":{"resourceType":"Goal","identifier":[{"system":"urn:smoke","value":"T1"}],"lifecycleStatus":"active","description":{"text":"t"},"subject":{"reference":"urn:uuid:6f1c9a52-0000-4000-8000-000000000001"}},"request":{"method":"POST","url":"Goal"}}]}'
check "transaction: 200" "$(req POST '' -H "$CT" -d "$TX")" 200
check "transaction: entry statuses" "$(body '[.entry[].response.status] | join(",")')" "201,201"
PATIENT=$(body '.entry[0].resource.id')
check "transaction: urn:uuid reference rewritten" "$(body '.entry[1].resource.subject.reference')" "Patient/$PATIENT"

# A failing transaction leaves nothing behind (the second entry is invalid).
BAD=$(echo "$TX" | jq -c '.entry[0].resource.identifier[0].value="P2" | .entry[0].request.ifNoneExist="identifier=urn:smoke|P2" | del(.entry[1].resource.lifecycleStatus)')
check "failing transaction: 400" "$(req POST '' -H "$CT" -d "$BAD")" 400
req GET '/Patient?identifier=urn:smoke|P2' >/dev/null
check "failing transaction: rolled back" "$(body .total)" 0

# Paging: _count=2 over 5 resources gives 3 pages through absolute next links.
for i in 1 2 3 4 5; do req POST /Observation -H "$CT" -d "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"page$i\"}}" >/dev/null; done
URL="$BASE/Observation?_count=2"; SEEN=""; PAGES=0
while [ -n "$URL" ] && [ "$PAGES" -lt 10 ]; do
  curl -s -o "$WORK/body" "$URL"; PAGES=$((PAGES + 1))
  SEEN="$SEEN$(body '[.entry[].resource.code.text] | join(",")'),"
  URL=$(body '(.link[] | select(.relation == "next") | .url) // ""')
done
check "paging: pages" "$PAGES" 3
check "paging: every resource once, in order" "$SEEN" "page1,page2,page3,page4,page5,"

# Delete, then read: 410 Gone.
check "delete: 200" "$(req DELETE /Goal/smoke-1)" 200
check "read after delete: 410" "$(req GET /Goal/smoke-1)" 410
check "metadata: CapabilityStatement" "$(req GET /metadata >/dev/null; body .resourceType)" CapabilityStatement

# Admin: stats, reset.
check "admin stats: resources" "$(curl -s "$ADMIN/stats" | jq -c '.resources.Observation')" 5
check "admin reset" "$(curl -s -X POST "$ADMIN/reset" | jq -c .reset)" true
check "admin reset: empty" "$(req GET /Observation >/dev/null; body .total)" 0

# Faults at runtime: the next two requests are dropped after and before processing.
curl -s -X POST -d '{"next":["drop-after","drop-before"]}' "$ADMIN/faults" >/dev/null
curl -s -o /dev/null -X POST -H "$CT" -d "$(goal D1)" "$BASE/Goal"; check "drop-after: no reply" $? 52
curl -s -o /dev/null -X POST -H "$CT" -d "$(goal D2)" "$BASE/Goal"; check "drop-before: no reply" $? 52
check "drop-after committed, drop-before did not" "$(curl -s "$ADMIN/stats" | jq -c '[.resources.Goal, .faults["drop-after"], .faults["drop-before"]]')" "[1,1,1]"
check "bad fault setting: 400" "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{"rate":5}' "$ADMIN/faults")" 400

# Faults from flags: every FHIR request answered 503 or 429 with Retry-After; admin unaffected.
start faulty --fault-rate 1 --faults 503,429 --retry-after 3 --seed 42
CODES=""
for i in 1 2 3 4 5 6; do CODES="$CODES$(req GET /Goal)/$(header Retry-After) "; done
check "fault-rate 1: all 503/429 with Retry-After 3" "$(echo "$CODES" | tr ' ' '\n' | grep -v -E '^(503|429)/3$' | grep -c .)" 0
check "fault-rate 1: stats count faults" "$(curl -s "$ADMIN/stats" | jq -c '.faults["503"] + .faults["429"]')" 6

# SIGTERM stops the server cleanly.
kill -TERM "$LAST_PID"; wait "$LAST_PID"; check "SIGTERM: exit 0" $? 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
