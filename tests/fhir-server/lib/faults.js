'use strict';
// Fault settings and the decision "fault this FHIR request, and how".
//
// Kinds:
//   503, 429     reply at once with that status, Retry-After and an OperationOutcome; the
//                request is not processed
//   drop-before  close the connection without processing or replying
//   drop-after   process (commit) the request, then close the connection without replying:
//                the client cannot know it succeeded, the case idempotent sync must survive
// Each FHIR request is faulted with probability `rate`, the kind drawn uniformly from `kinds`,
// from a seeded PRNG, so a run with the same seed and request order faults the same requests.
// `next` is a queue of kinds applied to the very next requests before any random fault: a
// test can ask for exactly "the next POST gets a 503" without depending on a seed.

const KINDS = ['503', '429', 'drop-before', 'drop-after'];

// mulberry32: small, fast, deterministic 32-bit PRNG; returns numbers in [0, 1).
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseKinds(value) {
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const kinds = list.map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown fault kind "${k}" (known: ${KINDS.join(',')})`);
  return kinds;
}

function number(value, name, min, max) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number in [${min}, ${max}]`);
  return n;
}

class Faults {
  constructor() {
    this.rate = 0; // Default: no faults.
    this.kinds = ['503']; // Default: 503 only.
    this.retryAfter = 1; // Default: 1 second, sent with 503 and 429.
    this.latencyMs = 0; // Default: no added latency (applies to every FHIR request).
    this.seed = 1; // Default: 1.
    this.next = []; // Default: empty.
    this.random = prng(this.seed);
  }

  // Applies the given fields (names as in settings()); throws Error on a bad value and then
  // changes nothing. A new seed restarts the PRNG.
  configure(patch) {
    const s = this.settings();
    if (patch.rate !== undefined) s.rate = number(patch.rate, 'rate', 0, 1);
    if (patch.kinds !== undefined) {
      s.kinds = parseKinds(patch.kinds);
      if (!s.kinds.length) throw new Error('kinds must name at least one fault kind');
    }
    if (patch.retryAfter !== undefined) s.retryAfter = Math.round(number(patch.retryAfter, 'retryAfter', 0, 86400));
    if (patch.latencyMs !== undefined) s.latencyMs = Math.round(number(patch.latencyMs, 'latencyMs', 0, 600000));
    if (patch.seed !== undefined) s.seed = Math.round(number(patch.seed, 'seed', 0, 2 ** 32 - 1));
    if (patch.next !== undefined) s.next = parseKinds(patch.next);
    const reseed = s.seed !== this.seed || patch.seed !== undefined;
    Object.assign(this, s);
    if (reseed) this.random = prng(this.seed);
    return this.settings();
  }

  settings() {
    return { rate: this.rate, kinds: this.kinds.slice(), retryAfter: this.retryAfter,
      latencyMs: this.latencyMs, seed: this.seed, next: this.next.slice() };
  }

  // The fault kind for the next FHIR request, or null.
  decide() {
    if (this.next.length) return this.next.shift();
    if (this.rate <= 0) return null;
    if (this.random() >= this.rate) return null;
    return this.kinds[Math.floor(this.random() * this.kinds.length)];
  }
}

module.exports = { Faults, KINDS };
