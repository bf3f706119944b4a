#!/usr/bin/env node
'use strict';
// A tiny HTTP server for transport tests (not FHIR): answers every request
// with JSON describing it, gzip-compressed when the client accepts gzip.
//   GET /echo       -> 200 {method, url, headers, body}
//   GET /slow?ms=N  -> the same after N ms
//   ANY /drop       -> the connection is closed without an answer
// Prints "READY http://127.0.0.1:PORT" when listening; exits on SIGTERM.
// HTTPS with --tls-cert FILE --tls-key FILE [--tls-ca FILE --require-client-cert].
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const zlib = require('node:zlib');

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const tls = arg('--tls-cert') ? {
  cert: fs.readFileSync(arg('--tls-cert')),
  key: fs.readFileSync(arg('--tls-key')),
  ca: arg('--tls-ca') ? fs.readFileSync(arg('--tls-ca')) : undefined,
  requestCert: args.includes('--require-client-cert'),
  rejectUnauthorized: args.includes('--require-client-cert'),
} : null;

const handler = (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/drop') {
      req.socket.destroy();
      return;
    }
    const text = JSON.stringify({
      method: req.method, url: req.url, headers: req.headers, port: req.socket.remotePort,
      body: Buffer.concat(chunks).toString('utf8'), padding: 'x'.repeat(2000),
    });
    const reply = () => {
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      const body = gzip ? zlib.gzipSync(text) : Buffer.from(text);
      const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length,
        'X-Mixed-Case': 'yes' };
      if (gzip) headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers);
      res.end(body);
    };
    const ms = Number(url.searchParams.get('ms') || 0);
    if (url.pathname === '/slow' && ms > 0) setTimeout(reply, ms);
    else reply();
  });
};
const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
server.keepAliveTimeout = 5000;
server.on('tlsClientError', () => {});
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
server.listen(0, '127.0.0.1', () =>
  console.log(`READY ${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`));
