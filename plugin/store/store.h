// Store: the truth about what the plugin has received and what it has sent.
//
// It keeps every revision of every clinic record (with a content hash, so an
// identical re-import changes nothing), each record's sync state and outbox
// entry, the mapping of records to server resources (id, versionId, ETag,
// hash of what was sent), pull cursors, the patient/practitioner resolution
// cache, conflicts, and a log of syncs. Field meanings: store_types.h.
//
// Implementation: one SQLite file in WAL mode (or ":memory:"), behind this
// interface so that a shared PostgreSQL store could be added as a second
// implementation (see plugin/store/README.md). Open() picks it from the path.
//
// Every call that changes something is one transaction: it happens entirely
// or not at all, and is on disk when the call returns (StoreOptions::durable).
// A Transaction groups several calls into one; use it for batches, which are
// also much faster (one disk sync instead of one per call).
//
// Threads: a Store may be shared by threads. Calls are serialized by a mutex
// inside (one connection). While a thread holds a Transaction, calls from
// other threads wait until it ends: keep transactions short and never hold
// one across a network request. Several processes may open the same file;
// a call waits up to busy_timeout_ms for another process's write, then fails
// with kUnavailable ("database is locked by another process").
//
// Errors: every call returns a Status; nothing throws. Messages start with
// "store PATH: ". Codes: kInvalidArgument (bad argument), kNotFound (no such
// record/revision/conflict), kFailedPrecondition (transition not allowed in
// the record's state; schema newer than this program; not a store file),
// kAlreadyExists (server id mapped to another record), kUnavailable (locked),
// kResourceExhausted (disk full), kInternal (corrupt file, I/O error, bug).
//
// State transitions all name the revision they concern. A call about an
// older revision than the record's current state is *superseded*: it changes
// no state and returns OK, except that MarkSent still raises sent_revision and
// MarkSent/MarkFailed/Park clear a matching in-flight mark. (MarkConflict and
// MarkInFlight are never superseded: they refuse an old revision.)
#ifndef ALLIANCE_PLUGIN_STORE_STORE_H_
#define ALLIANCE_PLUGIN_STORE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/status.h"
#include "plugin/store/store_types.h"

namespace plugin {

struct StoreOptions {
  // Create the file and its schema when missing; when false a missing file
  // is kNotFound. Default: true.
  bool create_if_missing = true;
  // How long a call waits for a lock held by another process before failing
  // with kUnavailable, in ms. Default: 5000.
  int busy_timeout_ms = 5000;
  // true: synchronous=FULL, a committed change survives power loss. false:
  // synchronous=NORMAL, survives a crash of the process but maybe not of the
  // machine (benchmarks, throwaway stores). Default: true.
  bool durable = true;
};

// Filter for Store::ListRecords. Results are in insertion order.
struct RecordQuery {
  std::optional<SyncState> state;  // Default: any state
  bool unprocessed_only = false;   // latest revision awaits a decision
  bool in_flight_only = false;     // a write's outcome is unknown
  std::string kind;                // Default: "" = every kind
  std::string mrn;                 // Default: "" = every patient
  std::int64_t after = 0;          // RecordState::position of the last page
  std::size_t limit = 0;           // Default: 0 = no limit
};

// The hex SHA-256 the store uses for record revisions; use it for
// ServerResource::sent_hash too.
std::string ContentHash(std::string_view text);

class Store {
 public:
  // Opens (creating when allowed) the store at `path`: a file name, or
  // ":memory:" for a private in-memory store (tests). An older file is
  // migrated to the current schema in one transaction; a newer one is refused
  // (kFailedPrecondition). "postgresql://..." is kUnimplemented for now.
  static fhir::StatusOr<std::unique_ptr<Store>> Open(
      const std::string& path, const StoreOptions& options = StoreOptions());

  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  virtual const std::string& path() const = 0;
  virtual int schema_version() const = 0;

  // ---- Records and revisions ----------------------------------------------

  // Stores `canonical_json` as a new revision of `key` unless it equals the
  // latest revision (same hash and MRN): then nothing changes. A new record
  // starts in kNew; a new revision of a known record leaves its state as is
  // (it now reports unprocessed()). Empty kind, id or JSON: kInvalidArgument.
  virtual fhir::StatusOr<PutResult> PutRecord(const RecordKey& key,
                                              std::string_view mrn,
                                              std::string_view canonical_json,
                                              std::int64_t now_ms) = 0;
  // `revision` 0 means the latest. kNotFound when absent.
  virtual fhir::StatusOr<Revision> GetRevision(const RecordKey& key,
                                               std::int64_t revision = 0) = 0;
  // All revisions, oldest first (the auditor's history). kNotFound when the
  // record is unknown.
  virtual fhir::StatusOr<std::vector<Revision>> ListRevisions(
      const RecordKey& key) = 0;
  virtual fhir::StatusOr<RecordState> GetState(const RecordKey& key) = 0;
  virtual fhir::StatusOr<std::vector<RecordState>> ListRecords(
      const RecordQuery& query) = 0;

  // ---- Decisions about a revision -----------------------------------------
  // `revision` must exist (else kInvalidArgument). While a record is in
  // kConflict only MarkConflict and ResolveConflict change its state
  // (others: kFailedPrecondition). Superseded calls: see the file comment.

  // -> kWaiting with `reason`; leaves the outbox.
  virtual fhir::Status SetWaiting(const RecordKey& key, std::int64_t revision,
                                  std::string_view reason,
                                  std::int64_t now_ms) = 0;
  // -> kPending, due at now_ms, attempts 0, at the back of the outbox. Already
  // pending at this revision: unchanged. Pending at an older revision: the
  // entry now names `revision`, keeps its place, attempts reset.
  virtual fhir::Status Enqueue(const RecordKey& key, std::int64_t revision,
                               std::int64_t now_ms) = 0;
  // -> kParked with `reason` and `outcome_json` (may be empty); never sent
  // until RequeueParked.
  virtual fhir::Status Park(const RecordKey& key, std::int64_t revision,
                            std::string_view reason,
                            std::string_view outcome_json,
                            std::int64_t now_ms) = 0;

  // ---- Outbox -------------------------------------------------------------

  // Up to `limit` (0: all) pending entries due at `now_ms`, oldest enqueued
  // first. Skips records in flight and records with a newer, undecided
  // revision. Claiming changes nothing: MarkInFlight is the commitment.
  virtual fhir::StatusOr<std::vector<OutboxItem>> ClaimDue(
      std::int64_t now_ms, std::size_t limit) = 0;
  // Records, atomically, that a write of `revision` is about to go out; call
  // it right before sending. kFailedPrecondition unless the record is pending
  // at `revision`, that is its latest revision and nothing is in flight: then
  // do not send it (of two engines that claimed the same item, one gets OK).
  virtual fhir::Status MarkInFlight(const RecordKey& key, std::int64_t revision,
                                    std::int64_t now_ms) = 0;
  // Writes whose outcome is unknown: after a restart, the ones a killed
  // process sent. Resolve each by identifier, then MarkSent or MarkFailed.
  virtual fhir::StatusOr<std::vector<OutboxItem>> ListInFlight() = 0;
  // The server holds `revision` (after a push, or a pull that stored the
  // server's content as this revision): -> kSent, leaves the outbox.
  virtual fhir::Status MarkSent(const RecordKey& key, std::int64_t revision,
                                std::int64_t now_ms) = 0;
  // A retryable failure: attempts + 1, due again at `retry_at_ms`, keeps
  // `error`. kFailedPrecondition unless pending at `revision` (or superseded).
  virtual fhir::Status MarkFailed(const RecordKey& key, std::int64_t revision,
                                  std::int64_t retry_at_ms,
                                  std::string_view error,
                                  std::int64_t now_ms) = 0;
  // Parked -> pending (attempts 0, due now). kFailedPrecondition if not parked.
  virtual fhir::Status RequeueParked(const RecordKey& key,
                                     std::int64_t now_ms) = 0;
  // Every parked record -> pending; returns how many.
  virtual fhir::StatusOr<std::int64_t> RequeueAllParked(
      std::int64_t now_ms) = 0;
  // Parked -> kDropped (kept, never sent). kFailedPrecondition if not parked.
  virtual fhir::Status DropParked(const RecordKey& key,
                                  std::int64_t now_ms) = 0;

  // ---- Conflicts ----------------------------------------------------------

  // -> kConflict at `revision`, recording the server's version. A record has
  // at most one open conflict: a second call updates it. Returns its id.
  // kFailedPrecondition when the record's state concerns a newer revision.
  virtual fhir::StatusOr<std::int64_t> MarkConflict(const RecordKey& key,
                                                    std::int64_t revision,
                                                    const ServerVersion& server,
                                                    std::int64_t now_ms) = 0;
  virtual fhir::StatusOr<std::vector<Conflict>> ListConflicts(
      bool open_only) = 0;
  // Closes an open conflict. kTakeLocal: the latest revision -> kPending.
  // kTakeServer: the caller has already stored the server's content as the
  // latest revision (PutRecord, same Transaction): it -> kSent.
  // kNotFound / kFailedPrecondition (already resolved).
  virtual fhir::Status ResolveConflict(std::int64_t conflict_id,
                                       ConflictResolution resolution,
                                       std::int64_t now_ms) = 0;

  // ---- Server mapping -----------------------------------------------------

  // Inserts or replaces the row for (key, resource_type, identifier). The
  // record must exist; resource_type, identifier and server_id non-empty.
  // kAlreadyExists when (resource_type, server_id) belongs to another row.
  virtual fhir::Status PutServerResource(const ServerResource& resource,
                                         std::int64_t now_ms) = 0;
  // The record's resources (empty when none), by type then identifier.
  virtual fhir::StatusOr<std::vector<ServerResource>> GetServerResources(
      const RecordKey& key) = 0;
  virtual fhir::StatusOr<std::optional<ServerResource>> FindServerResource(
      std::string_view resource_type, std::string_view server_id) = 0;
  // Forgets one mapping (e.g. the resource was deleted on the server).
  // Absent: OK, nothing changes.
  virtual fhir::Status RemoveServerResource(const RecordKey& key,
                                            std::string_view resource_type,
                                            std::string_view identifier) = 0;

  // ---- Pull cursors and sync log ------------------------------------------

  virtual fhir::StatusOr<std::optional<SyncCursor>> GetCursor(
      std::string_view resource_type) = 0;
  virtual fhir::StatusOr<std::vector<SyncCursor>> ListCursors() = 0;
  // Sets (not only advances: the store does not compare server instants).
  virtual fhir::Status SetCursor(std::string_view resource_type,
                                 std::string_view last_updated,
                                 std::int64_t now_ms) = 0;
  // Returns the new run's id.
  virtual fhir::StatusOr<std::int64_t> AddSyncRun(
      std::int64_t started_at_ms, std::int64_t finished_at_ms,
      std::string_view summary_json) = 0;
  virtual fhir::StatusOr<std::optional<SyncRun>> LastSyncRun() = 0;

  // ---- Resolution cache ---------------------------------------------------

  // `reference` empty records "searched, not found" at now_ms; the engine
  // searches again when that entry is older than the current sync.
  virtual fhir::Status PutResolution(std::string_view resource_type,
                                     std::string_view identifier,
                                     std::string_view reference,
                                     std::int64_t now_ms) = 0;
  virtual fhir::StatusOr<std::optional<Resolution>> GetResolution(
      std::string_view resource_type, std::string_view identifier) = 0;

  // ---- Status -------------------------------------------------------------

  virtual fhir::StatusOr<StoreCounts> Counts() = 0;

 protected:
  friend class Transaction;
  // A Transaction's hooks. Begin takes the store for the calling thread
  // until the matching Commit or Rollback; calls nest (inner ones become
  // savepoints). Rollback never fails.
  virtual fhir::Status BeginTransaction() = 0;
  virtual fhir::Status CommitTransaction() = 0;
  virtual void RollbackTransaction() = 0;
};

// Groups store calls into one atomic change:
//
//   Transaction txn(store);
//   if (!txn.status().ok()) return txn.status();
//   ... store->PutRecord(...), store->Enqueue(...) ...
//   return txn.Commit();
//
// Rolled back when destroyed without Commit (also after an error: a failed
// call inside undoes only its own part, the caller decides). Must end on the
// thread that began it; other threads' calls wait meanwhile. Nested
// Transactions are savepoints of the outer one. `store` must outlive it.
class Transaction {
 public:
  explicit Transaction(Store* store);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Why it could not begin (then Commit fails and nothing is rolled back).
  const fhir::Status& status() const { return status_; }
  // Makes the changes permanent. On failure they are rolled back.
  fhir::Status Commit();
  // Undoes the changes now (the destructor does it otherwise).
  void Rollback();

 private:
  Store* store_;
  fhir::Status status_;
  bool active_ = false;
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_STORE_STORE_H_
