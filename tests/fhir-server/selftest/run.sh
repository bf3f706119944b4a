#!/usr/bin/env bash
# Self-test of validate.js: valid samples must pass, every invalid sample must fail, and
# the two validators must each catch what only they can (FHIR.js: codes in a required value
# set; Medplum: primitive formats). Run from anywhere: `npm test` or `bash selftest/run.sh`.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
check() { # NAME COMMAND...: runs the command, records pass/fail
  local name=$1; shift
  if "$@" >/tmp/validate-selftest.$$ 2>&1; then echo "ok   $name"; passed=$((passed + 1))
  else echo "FAIL $name"; sed 's/^/     /' /tmp/validate-selftest.$$; failed=$((failed + 1)); fi
}
expect_line() { # FILE PATTERN: validate.js output on FILE has a line matching PATTERN
  node validate.js "$1" | grep -E -q -- "$2"
}
check "valid samples pass" node validate.js selftest/valid/*
check "every invalid sample has an error" node validate.js --expect-invalid selftest/invalid/*
check "FHIR.js catches Consent.status bogus" \
  expect_line selftest/invalid/consent-bogus-status.json '^[^ ]+: Consent/bogus: fhirjs: Consent.status: Code "bogus"'
check "Medplum catches missing Goal.lifecycleStatus" \
  expect_line selftest/invalid/goal-missing-lifecycle.json ': medplum: Goal.lifecycleStatus: Missing required property$'
check "Medplum catches a bad dateTime" \
  expect_line selftest/invalid/observation-bad-datetime.json ': medplum: Observation.effective\[x\]: Invalid dateTime'
check "Bundle entries are reported at their path" \
  expect_line selftest/invalid/bundle-entry.json ': Goal/bad: fhirjs: Bundle.entry\[1\].resource.lifecycleStatus: '
check "NDJSON issues carry the line number" \
  expect_line selftest/invalid/one-bad-line.ndjson '^selftest/invalid/one-bad-line.ndjson:2: Observation/no-code: '
check "no FHIR.js noise for valueUuid (suppressed false positive)" \
  bash -c '! node validate.js selftest/valid/observation.json | grep -q valueUuid'
check "versioned references pass FHIR.js's reference type check" \
  bash -c '! node validate.js selftest/valid/observation.json selftest/valid/resources.ndjson | grep -q "Invalid type for reference"'
check "--expect-invalid fails when a file is valid" \
  bash -c '! node validate.js --expect-invalid selftest/invalid/consent-bogus-status.json selftest/valid/consent.json'
check "missing file is exit 2" bash -c 'node validate.js does-not-exist.json; test $? -eq 2'
rm -f /tmp/validate-selftest.$$
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
