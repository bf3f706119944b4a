#!/usr/bin/env node
'use strict';
// A real FHIR R4 server for integration tests and the demo: Medplum's FhirRouter over
// TestRepository (MemoryRepository with its gaps covered, lib/repository.js), served with
// node:http on loopback, with a fault layer in front. See README.md for flags and the API.
//
//   node server.js [--port 0] [--host 127.0.0.1] [--port-file FILE] [--fault-rate R]
//                  [--faults 503,429,drop-before,drop-after] [--retry-after S]
//                  [--latency-ms N] [--seed N] [--no-validate] [--log]
//                  [--tls-cert F --tls-key F [--tls-ca F] [--require-client-cert]]
//
// When listening it prints exactly one line to stdout, "READY http://127.0.0.1:PORT/fhir/R4",
// and writes that base URL to --port-file. Stops on SIGTERM/SIGINT (exit 0).

const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');

const BASE_PATH = '/fhir/R4';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const USAGE = 'usage: node server.js [--port N] [--host 127.0.0.1] [--port-file FILE] [--fault-rate R] ' +
  '[--faults 503,429,drop-before,drop-after] [--retry-after S] [--latency-ms N] [--seed N] [--no-validate] [--no-transactions] [--log] ' +
  '[--tls-cert FILE --tls-key FILE [--tls-ca FILE] [--require-client-cert]]';

function parseArgs(argv) {
  const opts = { port: 0, host: '127.0.0.1', portFile: null, log: false, validate: true, requireClientCert: false, faults: {} };
  const valued = { '--port': 'port', '--host': 'host', '--port-file': 'portFile', '--tls-cert': 'tlsCert',
    '--tls-key': 'tlsKey', '--tls-ca': 'tlsCa', '--fault-rate': 'f:rate', '--faults': 'f:kinds',
    '--retry-after': 'f:retryAfter', '--latency-ms': 'f:latencyMs', '--seed': 'f:seed' };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s);
    if (flag === '--log') { opts.log = true; continue; }
    if (flag === '--no-validate') { opts.validate = false; continue; }
    // Plays a server without transaction support (advertised and enforced),
    // for the plugin's fallback path.
    if (flag === '--no-transactions') { opts.transactions = false; continue; }
    if (flag === '--require-client-cert') { opts.requireClientCert = true; continue; }
    if (flag === '--help' || flag === '-h') { console.log(USAGE); process.exit(0); }
    const key = valued[flag];
    if (!key) throw new Error(`unknown option ${flag}`);
    if (value === undefined) value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (key.startsWith('f:')) opts.faults[key.slice(2)] = value;
    else opts[key] = value;
  }
  opts.port = Number(opts.port);
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  // Loopback only: the admin endpoints have no auth, and tests must not reach other hosts.
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(opts.host)) throw new Error('--host must be a loopback address');
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
  if ((opts.tlsCa || opts.requireClientCert) && !opts.tlsCert) throw new Error('--tls-ca/--require-client-cert need --tls-cert');
  return opts;
}

// Runs async functions one at a time, in call order. Every FHIR request goes through it so a
// transaction's snapshot/restore (lib/repository.js) never races another request. The router
// and MemoryRepository do synchronous work anyway, so little concurrency is lost.
function serializer() {
  let tail = Promise.resolve();
  return (fn) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(Object.assign(new Error('request body too large'), { status: 413 }));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function queryObject(searchParams) {
  const q = {};
  for (const [k, v] of searchParams) {
    if (q[k] === undefined) q[k] = v;
    else q[k] = [].concat(q[k], v);
  }
  return q;
}

// Parses a FHIR request body by Content-Type. Returns {body} or {error: reply}.
function parseFhirBody(text, contentType, fhirHttp) {
  if (!text) return { body: undefined };
  const type = String(contentType || 'application/fhir+json').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { body: queryObject(new URLSearchParams(text)) };
  if (!['application/fhir+json', 'application/json', 'application/json-patch+json'].includes(type)) {
    return { error: fhirHttp.reply(415, fhirHttp.outcome(415, 'not-supported', `Unsupported Content-Type: ${type} (JSON only)`)) };
  }
  try {
    return { body: JSON.parse(text) };
  } catch (err) {
    return { error: fhirHttp.reply(400, fhirHttp.outcome(400, 'structure', `Invalid JSON: ${err.message}`)) };
  }
}

function send(res, status, body, headers) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`server.js: ${err.message}\n${USAGE}`);
    return 2;
  }
  const t0 = Date.now();
  const { core, loadStructureDefinitions } = require('./lib/medplum');
  const { loadNarrowedSearchParameters } = require('./lib/search-params');
  const { TestRepository } = require('./lib/repository');
  const { FhirRouter } = require('@medplum/fhir-router');
  const fhirHttp = require('./lib/fhir-http');
  const { Faults } = require('./lib/faults');
  const { Stats, handleAdmin } = require('./lib/admin');
  const { buildCapabilityStatement } = require('./lib/capability');
  loadStructureDefinitions();
  loadNarrowedSearchParameters();

  const faults = new Faults();
  try {
    faults.configure(opts.faults);
  } catch (err) {
    console.error(`server.js: ${err.message}`);
    return 2;
  }
  const serialized = serializer();
  const state = {
    stats: new Stats(),
    faults,
    repo: new TestRepository({ validate: opts.validate }),
    router: new FhirRouter(),
    baseUrl: '', // set once listening
    resetRepository: () => serialized(async () => { state.repo = new TestRepository({ validate: opts.validate }); }),
  };
  let capability = null;
  const startedAt = new Date().toISOString();
  const capabilityStatement = () =>
    (capability ||= buildCapabilityStatement(state.baseUrl, startedAt, opts.transactions !== false));
  const log = opts.log ? (...a) => console.error(...a) : () => {};

  async function handleFhirRequest(req, res, url) {
    const started = Date.now();
    state.stats.request(req.method);
    const fault = faults.decide();
    if (fault) state.stats.faults[fault]++;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const text = await readBody(req);
    if (fault === 'drop-before') {
      log(`${req.method} ${req.url} fault=drop-before`);
      req.socket.destroy();
      return;
    }
    if (fault === '503' || fault === '429') {
      const status = Number(fault);
      const oo = status === 429 ? core.tooManyRequests
        : fhirHttp.outcome(503, 'transient', 'Service Unavailable (injected fault)');
      state.stats.status(status);
      log(`${req.method} ${req.url} ${status} fault`);
      send(res, status, oo, { 'Content-Type': fhirHttp.FHIR_JSON, 'Retry-After': String(faults.retryAfter) });
      return;
    }
    const parsed = parseFhirBody(text, req.headers['content-type'], fhirHttp);
    let result = parsed.error;
    if (!result) {
      const relPath = url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '');
      result = await serialized(() => {
        state.stats.processed++;
        return fhirHttp.handleFhir({ router: state.router, repo: state.repo, baseUrl: state.baseUrl, capability: capabilityStatement, transactions: opts.transactions !== false },
          req.method, relPath, queryObject(url.searchParams), req.headers, parsed.body);
      });
    }
    if (fault === 'drop-after') {
      log(`${req.method} ${req.url} ${result.status} fault=drop-after`);
      req.socket.destroy();
      return;
    }
    state.stats.status(result.status);
    log(`${req.method} ${req.url} ${result.status} ${Date.now() - started}ms`);
    send(res, result.status, result.body, result.headers);
  }

  async function onRequest(req, res) {
    try {
      const url = new URL(req.url, 'http://loopback');
      if (url.pathname.startsWith('/__admin/')) {
        const out = await handleAdmin(state, req.method, url.pathname, await readBody(req));
        send(res, out.status, out.body, { 'Content-Type': 'application/json' });
      } else if (url.pathname === BASE_PATH || url.pathname.startsWith(BASE_PATH + '/')) {
        await handleFhirRequest(req, res, url);
      } else {
        send(res, 404, fhirHttp.outcome(404, 'not-found', `Not found; the FHIR base is ${BASE_PATH}`),
          { 'Content-Type': fhirHttp.FHIR_JSON });
      }
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      const status = err.status || 500;
      send(res, status, fhirHttp.outcome(status, 'exception', String(err.message)), { 'Content-Type': fhirHttp.FHIR_JSON });
    }
  }

  // HTTPS: the same handler over node:https when --tls-cert/--tls-key are given; with
  // --require-client-cert the TLS layer refuses clients without a certificate from --tls-ca.
  const server = opts.tlsCert
    ? https.createServer({
      cert: fs.readFileSync(opts.tlsCert),
      key: fs.readFileSync(opts.tlsKey),
      ca: opts.tlsCa ? fs.readFileSync(opts.tlsCa) : undefined,
      requestCert: opts.requireClientCert,
      rejectUnauthorized: opts.requireClientCert,
    }, onRequest)
    : http.createServer(onRequest);
  server.keepAliveTimeout = 5000;
  server.on('clientError', (err, socket) => socket.destroy());

  const stop = (signal) => {
    log(`server.js: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address();
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  state.baseUrl = `${opts.tlsCert ? 'https' : 'http'}://${hostInUrl}:${port}${BASE_PATH}`;
  if (opts.portFile) {
    const tmp = path.join(path.dirname(opts.portFile), `.${path.basename(opts.portFile)}.${process.pid}`);
    fs.writeFileSync(tmp, state.baseUrl + '\n');
    fs.renameSync(tmp, opts.portFile); // atomic: a reader never sees a half-written file
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1048576);
  console.error(`server.js: started in ${Date.now() - t0} ms, rss ${rssMb} MB, faults ${JSON.stringify(faults.settings())}`);
  console.log(`READY ${state.baseUrl}`);
  return undefined; // keep running
}

main().then((code) => { if (code !== undefined) process.exit(code); }, (err) => {
  console.error(`server.js: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
