#!/usr/bin/env node
'use strict';
// Validates FHIR R4 JSON files with two third-party validators (Medplum and FHIR.js).
//
//   node validate.js [--expect-invalid] [--quiet] FILE...
//
// FILE holds one resource, a Bundle, or NDJSON (one resource per line; chosen by the
// ".ndjson" suffix, or when the file is not one JSON value but every line is). A Bundle is
// validated itself and each entry.resource separately, reported at Bundle.entry[i].resource.
//
// Output, one line per issue (NDJSON files say FILE:LINE):
//   FILE: <ResourceType>[/<id or identifier value>]: <medplum|fhirjs|json>: <path>: <message>
// Warnings print with "warning: " before the message (not with --quiet) and never fail.
// Last line: "validated N resources: E errors".
//
// Exit: 0 no errors; 1 any error; 2 usage or I/O error. With --expect-invalid: 0 only when
// every FILE has at least one error (proves the validators catch bad data), else 1.

const fs = require('node:fs');

// Loaded on first use: indexing the R4 definitions takes ~1.5 s, not worth it for --help.
let loadedValidators = null;
function validators() {
  if (!loadedValidators) loadedValidators = require('./lib/validators');
  return loadedValidators;
}

const USAGE = 'usage: node validate.js [--expect-invalid] [--quiet] FILE...';

function parseArgs(argv) {
  const opts = { expectInvalid: false, quiet: false, files: [] };
  for (const arg of argv) {
    if (arg === '--expect-invalid') opts.expectInvalid = true;
    else if (arg === '--quiet' || arg === '-q') opts.quiet = true;
    else if (arg === '--help' || arg === '-h') { console.log(USAGE); process.exit(0); }
    else if (arg.startsWith('-') && arg !== '-') return null;
    else opts.files.push(arg);
  }
  return opts.files.length ? opts : null;
}

// "Goal/g1", "Goal/<identifier[0].value>", or "Goal".
function labelOf(resource) {
  const type = resource.resourceType || '(no resourceType)';
  if (typeof resource.id === 'string' && resource.id) return `${type}/${resource.id}`;
  const ident = Array.isArray(resource.identifier) ? resource.identifier[0] : resource.identifier;
  if (ident && typeof ident.value === 'string') return `${type}/${ident.value}`;
  return type;
}

// Validator paths start with the resource's type; re-root them where the resource sits in
// the file ("Goal.lifecycleStatus" -> "Bundle.entry[3].resource.lifecycleStatus").
function reroot(path, type, root) {
  if (root === type) return path;
  if (path === type) return root;
  if (path.startsWith(type + '.')) return root + path.slice(type.length);
  return `${root} > ${path}`; // e.g. FHIR.js reports a contained resource by its own type
}

// Is `path` inside the resource of one of these bundle entries? ("Bundle.entry[2].resource...")
function inEntryResource(path, entryRoots) {
  const m = /^Bundle\.entry\[(\d+)\]\.resource(?=$|[.[])/.exec(path);
  return m !== null && entryRoots.has(Number(m[1]));
}

class Run {
  constructor(opts) {
    this.opts = opts;
    this.resources = 0;
    this.errors = 0;
  }

  report(where, label, validator, issue) {
    if (issue.severity === 'error') this.errors++;
    else if (this.opts.quiet) return;
    const warn = issue.severity === 'error' ? '' : 'warning: ';
    console.log(`${where}: ${label}: ${validator}: ${issue.path}: ${warn}${issue.message}`);
  }

  // Validates one resource found at `root` (its type at top level); recurses into Bundles.
  validateResource(where, resource, root) {
    const { validateWithMedplum, validateWithFhirJs } = validators();
    this.resources++;
    const label = labelOf(resource);
    if (typeof resource.resourceType !== 'string') {
      this.report(where, label, 'json', { severity: 'error', path: root, message: 'not a FHIR resource (no resourceType)' });
      return;
    }
    const type = resource.resourceType;
    const entries = type === 'Bundle' && Array.isArray(resource.entry) ? resource.entry : [];
    const entryRoots = new Set();
    entries.forEach((e, i) => { if (e && typeof e.resource === 'object' && e.resource) entryRoots.add(i); });

    // Medplum sees the whole Bundle (its invariants, e.g. bdl-5, look at entry.resource);
    // issues inside an entry's resource are left to that entry's own validation below.
    for (const issue of validateWithMedplum(resource)) {
      if (entryRoots.size && inEntryResource(issue.path, entryRoots)) continue;
      this.report(where, label, 'medplum', { ...issue, path: reroot(issue.path, type, root) });
    }
    // FHIR.js reports nested resources with paths relative to the nested resource, so it
    // gets the Bundle without the entries' resources (0..1, and it checks no invariants).
    let forFhirJs = resource;
    if (entryRoots.size) {
      forFhirJs = { ...resource, entry: entries.map((e, i) => {
        if (!entryRoots.has(i)) return e;
        const { resource: _omit, ...rest } = e;
        return rest;
      }) };
    }
    for (const issue of validateWithFhirJs(forFhirJs)) {
      this.report(where, label, 'fhirjs', { ...issue, path: reroot(issue.path, type, root) });
    }
    for (const i of entryRoots) {
      const entryRoot = `${root === type ? 'Bundle' : root}.entry[${i}].resource`;
      this.validateResource(where, entries[i].resource, entryRoot);
    }
  }

  validateValue(where, value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.resources++;
      this.report(where, '(not an object)', 'json', { severity: 'error', path: '(root)', message: 'expected a JSON object (a FHIR resource)' });
      return;
    }
    this.validateResource(where, value, value.resourceType || '');
  }

  // Returns false on an I/O error.
  validateFile(file) {
    let text;
    try {
      text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (err) {
      console.error(`${file}: cannot read: ${err.message}`);
      return false;
    }
    let single;
    let isNdjson = file.endsWith('.ndjson');
    if (!isNdjson) {
      try {
        single = JSON.parse(text);
      } catch (err) {
        const lines = text.split('\n').filter((l) => l.trim());
        if (lines.length > 1 && lines.every((l) => l.trim().startsWith('{'))) isNdjson = true;
        else {
          this.resources++;
          this.report(file, '(unparsed)', 'json', { severity: 'error', path: '(root)', message: `invalid JSON: ${err.message}` });
          return true;
        }
      }
    }
    if (!isNdjson) {
      this.validateValue(file, single);
      return true;
    }
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file}:${i + 1}`;
      let value;
      try {
        value = JSON.parse(line);
      } catch (err) {
        this.resources++;
        this.report(where, '(unparsed)', 'json', { severity: 'error', path: '(root)', message: `invalid JSON: ${err.message}` });
        return;
      }
      this.validateValue(where, value);
    });
    return true;
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts) {
    console.error(USAGE);
    return 2;
  }
  const run = new Run(opts);
  let ioError = false;
  const filesWithoutErrors = [];
  for (const file of opts.files) {
    const before = run.errors;
    if (!run.validateFile(file)) { ioError = true; continue; }
    if (run.errors === before) filesWithoutErrors.push(file);
  }
  console.log(`validated ${run.resources} resources: ${run.errors} errors`);
  if (ioError) return 2;
  if (opts.expectInvalid) {
    for (const file of filesWithoutErrors) console.log(`${file}: expected at least one error, found none`);
    return filesWithoutErrors.length ? 1 : 0;
  }
  return run.errors ? 1 : 0;
}

process.exitCode = main();
