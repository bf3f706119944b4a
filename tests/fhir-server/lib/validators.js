'use strict';
// Two independent third-party FHIR R4 validators behind one small interface.
//
//   validateWithMedplum(resource) -> [{severity, path, message}]
//   validateWithFhirJs(resource)  -> [{severity, path, message}]
//
// severity is 'error' or 'warning'. Paths are relative to the resource given, starting with
// its resourceType (e.g. "Goal.lifecycleStatus"); the caller re-roots them for Bundle entries.
//
// Why two: Medplum's validateResource checks structure, cardinality, primitive formats and
// FHIRPath invariants but not codes against value sets (Consent.status "bogus" passes).
// FHIR.js checks codes in bound value sets and required elements, but not formats of
// dateTime and not invariants. Together they cover what the project generates.

const { core, loadStructureDefinitions } = require('./medplum');
const { Fhir } = require('fhir');

loadStructureDefinitions();
const fhirJs = new Fhir(); // Loads FHIR.js's bundled R4 (4.0.x) profiles and value sets.

function medplumIssue(issue) {
  const severity = issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning';
  const path = (issue.expression && issue.expression[0]) || '';
  const message = (issue.details && issue.details.text) || issue.diagnostics || issue.code || 'issue';
  return { severity, path, message };
}

function validateWithMedplum(resource) {
  try {
    // Returns non-error issues (warnings); throws OperationOutcomeError when any error.
    return core.validateResource(resource).map(medplumIssue);
  } catch (err) {
    if (err && err.outcome && Array.isArray(err.outcome.issue)) {
      return err.outcome.issue.map(medplumIssue);
    }
    return [{ severity: 'error', path: resource.resourceType || '', message: String(err && err.message) }];
  }
}

// FHIR.js false positive 1: a versioned literal reference ("Patient/1/_history/3", valid R4)
// makes FHIR.js take "_history" as the target type and report "Invalid type for reference".
// Instead of dropping that error (which would also hide real wrong-type references), give
// FHIR.js a copy with the "/_history/<vid>" suffix removed, so the type check still runs on
// "Patient/1". Only copies when such a reference exists.
const VERSIONED_REF = /\/_history\/[^/]+$/;

function hasVersionedReference(node) {
  if (Array.isArray(node)) return node.some(hasVersionedReference);
  if (node === null || typeof node !== 'object') return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'reference' && typeof value === 'string' && VERSIONED_REF.test(value)) return true;
    if (typeof value === 'object' && hasVersionedReference(value)) return true;
  }
  return false;
}

function stripReferenceVersions(node) {
  if (Array.isArray(node)) return node.map(stripReferenceVersions);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'reference' && typeof value === 'string' ? value.replace(VERSIONED_REF, '')
      : stripReferenceVersions(value);
  }
  return out;
}

// FHIR.js false positive 2: its list of primitive types (constants.js PrimitiveTypes) lacks
// "uuid", so a string in valueUuid (an R4 extension value type) is walked as an object and
// every character yields a warning "Unexpected property" at "...valueUuid.<n>". Only those
// warnings are dropped; an error at valueUuid, or a warning elsewhere, is kept.
function isUuidCharacterWarning(msg) {
  return msg.severity === 'warning' && msg.message === 'Unexpected property' &&
    /\.valueUuid\.\d+$/.test(msg.location || '');
}

function validateWithFhirJs(resource) {
  const input = hasVersionedReference(resource) ? stripReferenceVersions(resource) : resource;
  let result;
  try {
    result = fhirJs.validate(input, {});
  } catch (err) {
    return [{ severity: 'error', path: resource.resourceType || '', message: `FHIR.js failed: ${err && err.message}` }];
  }
  const issues = [];
  for (const msg of result.messages || []) {
    // 'info' is FHIR.js saying e.g. "Value set ... could not be found": not a finding.
    if (msg.severity === 'info' || isUuidCharacterWarning(msg)) continue;
    const severity = msg.severity === 'error' || msg.severity === 'fatal' ? 'error' : 'warning';
    issues.push({ severity, path: msg.location || resource.resourceType || '', message: msg.message || 'issue' });
  }
  return issues;
}

module.exports = { validateWithMedplum, validateWithFhirJs };
