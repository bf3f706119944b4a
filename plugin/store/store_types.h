// Plain value types of the store (plugin/store/store.h): what the store keeps
// about records, the outbox, the server and past syncs. No behaviour beyond
// naming; copies are independent of the store that produced them.
//
// Times: `*_ms` fields are the plugin's own clock, milliseconds since the Unix
// epoch (UTC), passed in by the caller (the store never reads the clock). Times
// the *server* wrote (lastUpdated, cursors) are kept verbatim as FHIR instants.
#ifndef ALLIANCE_PLUGIN_STORE_STORE_TYPES_H_
#define ALLIANCE_PLUGIN_STORE_STORE_TYPES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace plugin {

// A clinic record: its kind ("rating", "consent", "goal", "plan"; the store
// accepts any non-empty text) and the clinic's id, unique per kind.
struct RecordKey {
  std::string kind;
  std::string id;

  std::string ToString() const { return kind + "/" + id; }  // "rating/r1"
  bool operator==(const RecordKey& o) const {
    return kind == o.kind && id == o.id;
  }
  bool operator!=(const RecordKey& o) const { return !(*this == o); }
  bool operator<(const RecordKey& o) const {
    return std::tie(kind, id) < std::tie(o.kind, o.id);
  }
};

// Where a record stands with the server. A state concerns one revision
// (RecordState::state_revision); a newer revision supersedes it.
enum class SyncState {
  kNew,       // received, no decision yet
  kWaiting,   // held back with a reason ("patient not found", consent)
  kPending,   // in the outbox
  kSent,      // the server holds state_revision
  kParked,    // not sendable: reason + OperationOutcome; retry or drop
  kConflict,  // local and server both changed; see Conflict
  kDropped,   // a parked record the user chose not to send
};
// "new", "waiting", "pending", "sent", "parked", "conflict", "dropped".
const char* SyncStateName(SyncState state);
std::optional<SyncState> ParseSyncState(std::string_view name);

// Result of Store::PutRecord.
struct PutResult {
  bool changed = false;       // false: identical to the latest revision
  std::int64_t revision = 0;  // the new revision, or the unchanged latest
};

// One stored revision of a record (revisions are never changed or deleted).
struct Revision {
  RecordKey key;
  std::int64_t revision = 0;  // 1, 2, 3...
  std::string mrn;            // the patient's MRN in this revision
  std::string canonical_json;
  std::string content_hash;  // ContentHash(canonical_json), lower-case hex
  std::int64_t received_at_ms = 0;
};

// A record's sync state together with its outbox fields.
struct RecordState {
  RecordKey key;
  std::int64_t position = 0;  // the store's insertion order; RecordQuery::after
  std::string mrn;            // of the latest revision
  std::int64_t latest_revision = 0;

  SyncState state = SyncState::kNew;
  std::int64_t state_revision = 0;  // the revision the state concerns; 0: kNew
  std::string reason;               // kWaiting, kParked, kDropped
  std::string outcome_json;         // kParked: the OperationOutcome, if any
  std::int64_t state_changed_at_ms = 0;
  std::int64_t sent_revision = 0;  // newest revision the server holds; 0: none

  // Outbox (meaningful while kPending).
  std::int64_t attempts = 0;  // failed attempts for this revision
  std::int64_t next_attempt_at_ms = 0;
  std::string last_error;
  // A write of this revision may have reached the server but its answer was
  // not recorded (0: none). Resolve by identifier before sending again.
  std::int64_t in_flight_revision = 0;
  std::int64_t in_flight_since_ms = 0;

  // The latest revision still needs a decision (gate, mapping, outbox).
  bool unprocessed() const { return state_revision < latest_revision; }
};

// An outbox entry handed to the sync engine.
struct OutboxItem {
  RecordKey key;
  std::int64_t revision = 0;  // the revision to send (or in flight)
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at_ms = 0;
  std::string last_error;
  std::int64_t in_flight_since_ms = 0;  // ListInFlight only
};

// What the server holds for one resource built from a record.
struct ServerResource {
  RecordKey key;
  std::string resource_type;  // "Observation"
  std::string identifier;     // business identifier, e.g. "system|value"
  std::string server_id;      // the server's logical id
  std::string version_id;     // meta.versionId
  std::string etag;           // as received, e.g. W/"3"
  std::string last_updated;   // meta.lastUpdated, verbatim
  std::string sent_hash;      // ContentHash of the resource JSON last sent
  std::int64_t updated_at_ms = 0;
};

// Pull cursor for one resource type.
struct SyncCursor {
  std::string resource_type;
  std::string last_updated;  // _lastUpdated of the last change seen, verbatim
  std::int64_t updated_at_ms = 0;
};

// A cached search result: MRN -> Patient/<id>, staff id -> Practitioner/<id>.
struct Resolution {
  std::string resource_type;  // "Patient", "Practitioner"
  std::string identifier;     // MRN or staff id
  std::string reference;      // "Patient/123"; empty: searched, not found
  std::int64_t resolved_at_ms = 0;
  bool found() const { return !reference.empty(); }
};

enum class ConflictResolution { kTakeLocal, kTakeServer };

// The server's side of a conflict, as the engine saw it.
struct ServerVersion {
  std::string resource_type;
  std::string server_id;
  std::string version_id;
  std::string json;  // the server's resource
};

struct Conflict {
  std::int64_t conflict_id = 0;
  RecordKey key;
  std::int64_t local_revision = 0;
  ServerVersion server;
  std::int64_t detected_at_ms = 0;
  std::int64_t resolved_at_ms = 0;  // 0: open
  std::optional<ConflictResolution> resolution;
};

// One finished sync, as recorded by the engine.
struct SyncRun {
  std::int64_t run_id = 0;
  std::int64_t started_at_ms = 0;
  std::int64_t finished_at_ms = 0;
  std::string summary_json;
};

// Number of records per state. in_flight and unprocessed overlap the states.
struct StateCounts {
  std::int64_t total = 0;
  std::int64_t new_records = 0;
  std::int64_t waiting = 0;
  std::int64_t pending = 0;
  std::int64_t sent = 0;
  std::int64_t parked = 0;
  std::int64_t conflict = 0;
  std::int64_t dropped = 0;
  std::int64_t in_flight = 0;    // outcome of a write unknown
  std::int64_t unprocessed = 0;  // latest revision awaits a decision
};

// Everything `alliance-fhir status` shows.
struct StoreCounts {
  std::int64_t revisions = 0;
  StateCounts records;                                  // all kinds
  std::map<std::string, StateCounts> by_kind;           // "rating" -> counts
  std::map<std::string, std::int64_t> waiting_reasons;  // reason -> records
  std::map<std::string, std::int64_t> parked_reasons;
  std::map<std::string, std::int64_t> resources_by_type;  // server mappings
  std::int64_t open_conflicts = 0;
  std::optional<SyncRun> last_sync;
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_STORE_STORE_TYPES_H_
