'use strict';
// One FHIR request -> Medplum's FhirRouter -> one HTTP reply {status, headers, body}.
//
// The router and TestRepository do the FHIR work; this file only adds what MemoryRepository
// leaves to an HTTP layer (each marked "Gap:"): response headers, status codes, search paging.

const { core } = require('./medplum');

const DEFAULT_PAGE_SIZE = 50; // _count when a search gives none (MemoryRepository returns all)
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function outcome(status, code, text) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

function reply(status, body, headers = {}) {
  return { status, body, headers: { 'Content-Type': FHIR_JSON, ...headers } };
}

// Gap: no ETag / Last-Modified (and Location on create). From the resource's meta.
function versionHeaders(resource) {
  const headers = {};
  const meta = resource && resource.meta;
  if (meta && meta.versionId) headers.ETag = `W/"${meta.versionId}"`;
  if (meta && meta.lastUpdated) headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
  return headers;
}

// Gap: no paging links, every match returned. Adds self/first/next/previous (absolute) for
// the offset paging MemoryRepository does with _count/_offset. Order is stable between pages:
// MemoryRepository lists matches in insertion order (a Map; updates keep their place) and
// sorts with the stable Array.prototype.sort, so equal _sort keys keep that order too.
// Only a delete between two page reads shifts later pages, as with any offset paging.
function addPagingLinks(bundle, pageUrl, query) {
  const count = Number.parseInt(query._count, 10);
  const offset = Number.parseInt(query._offset, 10) || 0;
  const total = bundle.total;
  const link = (relation, off) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (k === '_offset') continue;
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    }
    if (off > 0) params.set('_offset', String(off));
    return { relation, url: `${pageUrl}?${params}` };
  };
  const links = [link('self', offset)];
  if (Number.isFinite(count) && count > 0) {
    links.push(link('first', 0));
    if (typeof total === 'number' && offset + count < total) links.push(link('next', offset + count));
    if (offset > 0) links.push(link('previous', Math.max(0, offset - count)));
  }
  bundle.link = links;
}

// Gap: search and history entries have no fullUrl (R4 requires it for searchset entries).
function addFullUrls(bundle, baseUrl) {
  if (!bundle.entry) return;
  bundle.entry = bundle.entry.map((entry) => {
    const r = entry.resource;
    return r && r.id && !entry.fullUrl ? { fullUrl: `${baseUrl}/${r.resourceType}/${r.id}`, ...entry } : entry;
  });
}

// Batch/transaction response entries: status 201 for updates that created (gap: update-as-
// create says 200) and etag/lastModified from the returned resource, as real servers give.
function fixBundleResponse(bundle, repo) {
  for (const entry of bundle.entry || []) {
    const res = entry && entry.response;
    const resource = entry && entry.resource;
    if (!res || !resource || !resource.meta) continue;
    if (res.status === '200' && repo.createdByUpdate.has(`${resource.resourceType}/${resource.id}`)) res.status = '201';
    if (resource.meta.versionId && !res.etag) res.etag = `W/"${resource.meta.versionId}"`;
    if (resource.meta.lastUpdated && !res.lastModified) res.lastModified = resource.meta.lastUpdated;
  }
}

// Where an If-Match without a quoted ETag is ("If-Match header", "Bundle.entry[2].request.ifMatch"), or null.
function badIfMatch(header, body) {
  const quoted = (v) => /"[^"]+"/.test(v);
  if (header !== undefined && !quoted(header)) return 'If-Match header';
  if (body && body.resourceType === 'Bundle' && Array.isArray(body.entry)) {
    const i = body.entry.findIndex((e) => e && e.request && e.request.ifMatch !== undefined && !quoted(e.request.ifMatch));
    if (i >= 0) return `Bundle.entry[${i}].request.ifMatch`;
  }
  return null;
}

// ctx: { router, repo, baseUrl, capability() }. relPath: path after the base, no leading
// "/" ("" for the base itself). query: parsed query (string or string[] values). body:
// parsed JSON or form object, or undefined. Never throws.
async function handleFhir(ctx, method, relPath, query, headers, body) {
  const { router, repo, baseUrl } = ctx;
  if (method === 'GET' && relPath === 'metadata') return reply(200, ctx.capability());
  if (ctx.transactions === false && method === 'POST' && relPath === '' && body && body.type === 'transaction') {
    return reply(501, outcome(501, 'not-supported', 'this server does not support transactions'));
  }

  // _format/_pretty: this server only speaks JSON; Medplum would take them as filters.
  const q = { ...query };
  delete q._format;
  delete q._pretty;
  const routeUrl = (params) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) s.append(k, one);
    const str = s.toString();
    return str ? `${relPath}?${str}` : relPath;
  };

  // Gap: Medplum ignores an If-Match without a quoted ETag (If-Match: 3), so a client bug
  // would turn a guarded update into a blind one. Refused instead (also in Bundle entries).
  const unquoted = badIfMatch(headers['if-match'], body);
  if (unquoted) return reply(400, outcome(400, 'invalid', `${unquoted}: If-Match must be an ETag such as W/"versionId"`));

  let route;
  try {
    route = router.find(method, routeUrl(q));
  } catch (err) {
    const oo = core.normalizeOperationOutcome(err);
    return reply(core.getStatus(oo), oo);
  }
  const interaction = route && route.data && route.data.interaction;
  const isTypeSearch = interaction === 'search-type' && route.params.resourceType;

  // Search by POST takes its parameters from the form body; both go through paging.
  let params = q;
  if (isTypeSearch && method === 'POST') params = { ...(body || {}), ...q };
  if (isTypeSearch && params._count === undefined && params._summary !== 'count') params = { ...params, _count: String(DEFAULT_PAGE_SIZE) };
  const fhirReq = { method, url: routeUrl(method === 'GET' ? params : q), pathname: '', params: {}, query: {},
    body: isTypeSearch && method === 'POST' ? params : body, headers, config: { transactions: true } };

  repo.createdByUpdate.clear();
  let result;
  try {
    result = await router.handleRequest(fhirReq, repo);
  } catch (err) {
    result = [core.normalizeOperationOutcome(err)];
  }
  const [oo, resource] = result;
  let status = core.getStatus(oo);
  const responseBody = resource || oo;
  const h = {};

  // Gap: read after delete answers 404; R4 says 410 Gone.
  if (status === 404 && interaction === 'read' &&
      repo.deleted.has(`${route.params.resourceType}/${route.params.id}`)) {
    return reply(410, core.gone);
  }
  if (!resource || resource.resourceType === 'OperationOutcome') return reply(status, responseBody);

  if (resource.resourceType === 'Bundle' && interaction === 'batch') fixBundleResponse(resource, repo);
  if (isTypeSearch && resource.resourceType === 'Bundle' && resource.type === 'searchset') {
    addPagingLinks(resource, `${baseUrl}/${route.params.resourceType}`, params);
  }
  if (resource.resourceType === 'Bundle' && (resource.type === 'searchset' || resource.type === 'history')) {
    addFullUrls(resource, baseUrl);
  }
  if (resource.meta && resource.meta.versionId && resource.resourceType !== 'Bundle') {
    Object.assign(h, versionHeaders(resource));
    // Gap: update-as-create (PUT Type/id of a new id) answers 200; R4 says 201.
    if (status === 200 && interaction === 'update' && repo.createdByUpdate.has(`${resource.resourceType}/${resource.id}`)) {
      status = 201;
    }
    if (status === 201) {
      h.Location = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
  }
  return reply(status, responseBody, h);
}

module.exports = { handleFhir, reply, outcome, DEFAULT_PAGE_SIZE, FHIR_JSON };
