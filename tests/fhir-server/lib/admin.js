'use strict';
// Request statistics and the admin endpoints (outside the FHIR base, never faulted):
//   GET  /__admin/stats   counts: FHIR requests by method and by status sent, faults injected,
//                         requests processed by the router, stored resources by type
//   GET  /__admin/faults  current fault settings
//   POST /__admin/faults  change fault settings: JSON {rate, kinds, retryAfter, latencyMs,
//                         seed, next}, any subset; answers the new settings (400 on a bad value)
//   POST /__admin/reset   empty repository and zeroed stats (fault settings are kept)
// No auth: the server listens on loopback only.

const { KINDS } = require('./faults');

class Stats {
  constructor() {
    this.reset();
  }

  reset() {
    this.requests = 0;
    this.byMethod = {};
    this.byStatus = {};
    this.processed = 0; // reached the router (includes drop-after)
    this.faults = Object.fromEntries(KINDS.map((k) => [k, 0]));
  }

  request(method) {
    this.requests++;
    this.byMethod[method] = (this.byMethod[method] || 0) + 1;
  }

  status(code) {
    this.byStatus[code] = (this.byStatus[code] || 0) + 1;
  }

  toJSON() {
    return { requests: this.requests, byMethod: this.byMethod, byStatus: this.byStatus,
      processed: this.processed, faults: this.faults };
  }
}

// server: { stats, faults, repo, resetRepository() }. Returns {status, body}.
async function handleAdmin(server, method, path, body) {
  if (method === 'GET' && path === '/__admin/stats') {
    return { status: 200, body: { ...server.stats.toJSON(), resources: server.repo.counts(), faultSettings: server.faults.settings() } };
  }
  if (path === '/__admin/faults' && method === 'GET') return { status: 200, body: server.faults.settings() };
  if (path === '/__admin/faults' && method === 'POST') {
    let patch;
    try {
      patch = body ? JSON.parse(body) : {};
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('body must be a JSON object');
      return { status: 200, body: server.faults.configure(patch) };
    } catch (err) {
      return { status: 400, body: { error: err.message } };
    }
  }
  if (path === '/__admin/reset' && method === 'POST') {
    await server.resetRepository();
    server.stats.reset();
    return { status: 200, body: { reset: true } };
  }
  return { status: 404, body: { error: `no admin endpoint ${method} ${path}` } };
}

module.exports = { Stats, handleAdmin };
