'use strict';
// GET [base]/metadata: a CapabilityStatement. FhirRouter has no metadata route, and a client
// checking a server (the plugin's `doctor`) asks for one first. Describes what this server
// really does; built once from Medplum's indexed resource types and search parameters.

const { core } = require('./medplum');

const INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'];

function buildCapabilityStatement(baseUrl, startedAt, transactions = true) {
  const resource = [];
  for (const type of core.getResourceTypes().sort()) {
    const params = (core.globalSchema.types[type] && core.globalSchema.types[type].searchParams) || {};
    resource.push({
      type,
      interaction: INTERACTIONS.map((code) => ({ code })),
      versioning: 'versioned',
      readHistory: true,
      updateCreate: true,
      conditionalCreate: true,
      conditionalRead: 'not-supported',
      conditionalUpdate: true,
      conditionalDelete: 'single',
      searchParam: Object.values(params).map((p) => ({ name: p.code, type: p.type })),
    });
  }
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: startedAt,
    kind: 'instance',
    software: { name: 'alliance-fhir test server (Medplum FhirRouter + MemoryRepository)', version: core.MEDPLUM_VERSION },
    implementation: { description: 'In-memory FHIR R4 server for tests; nothing persists', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [{ mode: 'server', resource,
      interaction: transactions ? [{ code: 'transaction' }, { code: 'batch' }] : [{ code: 'batch' }] }],
  };
}

module.exports = { buildCapabilityStatement };
