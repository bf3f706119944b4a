'use strict';
// TestRepository: Medplum's MemoryRepository with the gaps a sync client would trip over
// covered. Medplum's own logic (search matching, versioning, conditional create/update,
// transactions) still runs; each override does its bit and then calls the original.
//
// Relies on two internals of MemoryRepository 5.2.13 (TypeScript-private, plain properties in
// JS): `resources` Map<type, Map<id, resource>> and `history` Map<type, Map<id, version[]>>.
// Pin the version (package-lock.json) and re-check them when upgrading.

const { core } = require('./medplum');
const { MemoryRepository } = require('@medplum/fhir-router');

const { OperationOutcomeError, badRequest, globalSchema } = core;

class TestRepository extends MemoryRepository {
  // options.validate: check each created/updated resource against the R4 StructureDefinitions
  // (Default: true).
  constructor(options = {}) {
    super();
    this.validate = options.validate !== false;
    this.deleted = new Set(); // "Type/id" deleted and not re-created: read answers 410
    this.createdByUpdate = new Set(); // "Type/id" an update created; the HTTP layer resets it per request
    this.transactionDepth = 0;
  }

  // Gap: a client-supplied id on create is kept. A server assigns its own id on create
  // (R4 http.html#create), and keeping it would hide a client that sends ids. Dropped unless
  // Medplum itself assigned the id (batch/transaction entries: options.assignedId) or this is
  // MemoryRepository's update-as-create (update = true).
  async createResource(resource, options, update = false) {
    if (!update) this.check(resource); // updateResource checked it already
    const input = update ? resource : withoutClientId(resource, options);
    const result = await super.createResource(input, options, update);
    this.deleted.delete(`${result.resourceType}/${result.id}`);
    return result;
  }

  // Gap: MemoryRepository stores whatever it is given (Medplum's server validates in its own
  // repository). A hospital server refuses an invalid resource, so this one does too: 400
  // with Medplum's OperationOutcome (structure, cardinality, formats, invariants).
  check(resource) {
    if (this.validate && resource && resource.resourceType) core.validateResource(resource);
  }

  // Gap: update-as-create answers 200; R4 says 201. Remember which updates created.
  async updateResource(resource, options) {
    this.check(resource);
    const existed = Boolean(resource && resource.id && this.resources.get(resource.resourceType)?.has(resource.id));
    const result = await super.updateResource(resource, options);
    if (!existed) this.createdByUpdate.add(`${result.resourceType}/${result.id}`);
    return result;
  }

  // Gap: read after delete answers 404; R4 says 410 Gone. Remember what was deleted.
  async deleteResource(resourceType, id, options) {
    await super.deleteResource(resourceType, id, options);
    this.deleted.add(`${resourceType}/${id}`);
  }

  // Gap: MemoryRepository reverses the stored version list in place on every call, so
  // history order scrambles from the second read. Put the stored list back afterwards.
  async readHistory(resourceType, id, options) {
    const stored = this.history.get(resourceType)?.get(id);
    const before = stored ? stored.slice() : null;
    try {
      return await super.readHistory(resourceType, id, options);
    } finally {
      if (stored) stored.splice(0, stored.length, ...before);
    }
  }

  // Gap: an unknown search parameter silently matches nothing, so a typo in If-None-Exist
  // would create duplicates and a typo in a search would look like "no data". Rejected with
  // 400 here, for plain searches, conditional create/update/delete/patch and batch entries.
  async search(searchRequest, options) {
    checkSearchRequest(searchRequest);
    return super.search(searchRequest, options);
  }

  // MemoryRepository's conditionalCreate bypasses createResource() and search(), so the
  // checks above are repeated here: validation, client id, unknown parameters.
  async conditionalCreate(resource, search, options) {
    this.check(resource);
    checkSearchRequest(search);
    return super.conditionalCreate(withoutClientId(resource, options), search, options);
  }

  // Gap: a failed transaction is not rolled back (MemoryRepository's withTransaction just
  // runs the callback). Snapshot the store before the outermost transaction and restore it
  // when the callback throws. The HTTP layer runs one FHIR request at a time, so nothing
  // else writes between snapshot and restore. Cost: one copy of the id maps per transaction
  // (also for conditional create/update, which Medplum wraps in withTransaction).
  async withTransaction(callback) {
    if (this.transactionDepth > 0) return callback(this);
    const snapshot = this.snapshot();
    this.transactionDepth++;
    try {
      return await callback(this);
    } catch (err) {
      this.restore(snapshot);
      throw err;
    } finally {
      this.transactionDepth--;
    }
  }

  snapshot() {
    const copy = (outer, copyValue) => new Map([...outer].map(([type, inner]) =>
      [type, new Map([...inner].map(([id, value]) => [id, copyValue(value)]))]));
    return {
      resources: copy(this.resources, (r) => r), // stored resources are never mutated in place
      history: copy(this.history, (versions) => versions.slice()),
      deleted: new Set(this.deleted),
      createdByUpdate: new Set(this.createdByUpdate),
    };
  }

  restore(snapshot) {
    // Replace contents, not the Maps: MemoryRepository holds them as readonly fields.
    for (const name of ['resources', 'history']) {
      this[name].clear();
      for (const [key, value] of snapshot[name]) this[name].set(key, value);
    }
    this.deleted = snapshot.deleted;
    this.createdByUpdate = snapshot.createdByUpdate;
  }

  // Resource counts by type, for /__admin/stats.
  counts() {
    const out = {};
    for (const [type, byId] of this.resources) if (byId.size) out[type] = byId.size;
    return out;
  }
}

function withoutClientId(resource, options) {
  if (!resource || resource.id === undefined || (options && options.assignedId)) return resource;
  const { id: _clientId, ...rest } = resource;
  return rest;
}

// Throws 400 for a search parameter (or _sort key) the resource type does not define.
// MemoryRepository also returns nothing for reverse chaining (_has), so that is refused too.
function checkSearchRequest(searchRequest) {
  const type = searchRequest && searchRequest.resourceType;
  const params = type && globalSchema.types[type] && globalSchema.types[type].searchParams;
  if (!params) return; // system-level or unknown type: left to Medplum
  for (const filter of searchRequest.filters || []) {
    const code = filter.code;
    if (code.startsWith('_has:')) {
      throw new OperationOutcomeError(badRequest(`_has is not supported by this test server (MemoryRepository matches nothing)`));
    }
    // Chained "subject:Patient.identifier": check the first link; Medplum checks the rest.
    const first = code.split('.')[0].split(':')[0];
    if (!params[first]) {
      throw new OperationOutcomeError(badRequest(`Unknown search parameter for ${type}: ${code}`, code));
    }
  }
  for (const rule of searchRequest.sortRules || []) {
    if (!params[rule.code]) {
      throw new OperationOutcomeError(badRequest(`Unknown _sort parameter for ${type}: ${rule.code}`, '_sort'));
    }
  }
}

module.exports = { TestRepository, checkSearchRequest };
