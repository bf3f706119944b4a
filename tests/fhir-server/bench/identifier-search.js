#!/usr/bin/env node
'use strict';
// Measures conditional create (If-None-Exist: identifier=...) against 1,000 stored Goals,
// with the R4 search parameters as shipped and as narrowed by lib/search-params.js.
//   node bench/identifier-search.js [original|narrowed]   (default: runs both, one process each)

const { spawnSync } = require('node:child_process');

const mode = process.argv[2];
if (!mode) {
  for (const m of ['original', 'narrowed']) {
    const r = spawnSync(process.execPath, [__filename, m], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status || 1);
  }
  process.exit(0);
}

const { core, loadStructureDefinitions } = require('../lib/medplum');
const { loadNarrowedSearchParameters, loadOriginalSearchParameters } = require('../lib/search-params');
const { TestRepository } = require('../lib/repository');
const { FhirRouter } = require('@medplum/fhir-router');

const STORED = 1000;
const CREATES = 100;

function goal(i) {
  return { resourceType: 'Goal', identifier: [{ system: 'urn:bench', value: `G${i}` }], lifecycleStatus: 'active',
    description: { text: `goal ${i}` }, subject: { reference: 'Patient/p1' } };
}

async function main() {
  loadStructureDefinitions();
  if (mode === 'narrowed') loadNarrowedSearchParameters();
  else loadOriginalSearchParameters();
  const repo = new TestRepository();
  const router = new FhirRouter();
  for (let i = 0; i < STORED; i++) await repo.createResource(goal(i));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CREATES; i++) {
    const n = STORED + i; // new identifiers: every call searches, then creates
    const [outcome] = await router.handleRequest({ method: 'POST', url: 'Goal', pathname: '', params: {}, query: {},
      body: goal(n), headers: { 'if-none-exist': `identifier=urn:bench|G${n}` }, config: { transactions: true } }, repo);
    if (core.getStatus(outcome) !== 201) throw new Error(JSON.stringify(outcome));
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${mode}: ${CREATES} conditional creates against ${STORED}+ Goals: ${ms.toFixed(0)} ms (${(ms / CREATES).toFixed(2)} ms each)`);
}

main().catch((err) => { console.error(err); process.exit(1); });
