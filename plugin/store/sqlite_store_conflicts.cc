// SqliteStore: conflicts between a local revision and a server version.
// Invariant: a record is in kConflict exactly while it has an open conflict
// row (resolved_at IS NULL); the unique index conflict_open allows one.
#include <utility>

#include "plugin/store/sqlite_store.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

StatusOr<std::int64_t> SqliteStore::MarkConflict(const RecordKey& key,
                                                 std::int64_t revision,
                                                 const ServerVersion& server,
                                                 std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (revision < s.state_revision) {
    return Error(StatusCode::kFailedPrecondition,
                 key.ToString() + ": revision " + std::to_string(revision) +
                     " is superseded by revision " +
                     std::to_string(s.state_revision) +
                     "; compare the server with that one");
  }
  std::int64_t conflict_id = 0;
  {
    Query q(db_.get(),
            "SELECT conflict_id FROM conflict "
            "WHERE record_pk = ? AND resolved_at IS NULL");
    q.Bind(row->pk);
    StatusOr<bool> found = q.Step();
    if (!found.ok()) return found.status();
    if (*found) conflict_id = q.Int(0);
  }
  if (conflict_id != 0) {
    Query q(db_.get(),
            "UPDATE conflict SET local_revision = ?, resource_type = ?, "
            "server_id = ?, server_version = ?, server_json = ?, "
            "detected_at = ? WHERE conflict_id = ?");
    q.Bind(revision)
        .Bind(server.resource_type)
        .Bind(server.server_id)
        .Bind(server.version_id)
        .Bind(server.json)
        .Bind(now_ms)
        .Bind(conflict_id);
    STORE_RETURN_IF_ERROR(q.Run());
  } else {
    Query q(db_.get(),
            "INSERT INTO conflict (record_pk, local_revision, resource_type, "
            "server_id, server_version, server_json, detected_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.Bind(row->pk)
        .Bind(revision)
        .Bind(server.resource_type)
        .Bind(server.server_id)
        .Bind(server.version_id)
        .Bind(server.json)
        .Bind(now_ms);
    STORE_RETURN_IF_ERROR(q.Run());
    conflict_id = db_->last_insert_rowid();
  }
  if (s.in_flight_revision == revision) {
    s.in_flight_revision = 0;
    s.in_flight_since_ms = 0;
  }
  s.state = SyncState::kConflict;
  s.state_revision = revision;
  s.state_changed_at_ms = now_ms;
  s.reason.clear();
  s.outcome_json.clear();
  row->queue_seq = 0;
  s.next_attempt_at_ms = 0;
  STORE_RETURN_IF_ERROR(SaveState(*row));
  STORE_RETURN_IF_ERROR(scope.Commit());
  return conflict_id;
}

StatusOr<std::vector<Conflict>> SqliteStore::ListConflicts(bool open_only) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          open_only
              ? "SELECT c.conflict_id, r.kind, r.record_id, c.local_revision, "
                "c.resource_type, c.server_id, c.server_version, "
                "c.server_json, c.detected_at, c.resolved_at, c.resolution "
                "FROM conflict c JOIN record r ON r.record_pk = c.record_pk "
                "WHERE c.resolved_at IS NULL ORDER BY c.conflict_id"
              : "SELECT c.conflict_id, r.kind, r.record_id, c.local_revision, "
                "c.resource_type, c.server_id, c.server_version, "
                "c.server_json, c.detected_at, c.resolved_at, c.resolution "
                "FROM conflict c JOIN record r ON r.record_pk = c.record_pk "
                "ORDER BY c.conflict_id");
  std::vector<Conflict> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Conflict c;
    c.conflict_id = q.Int(0);
    c.key = RecordKey{q.Text(1), q.Text(2)};
    c.local_revision = q.Int(3);
    c.server = ServerVersion{q.Text(4), q.Text(5), q.Text(6), q.Text(7)};
    c.detected_at_ms = q.Int(8);
    c.resolved_at_ms = q.Int(9);
    const std::string resolution = q.Text(10);
    if (resolution == "local") c.resolution = ConflictResolution::kTakeLocal;
    if (resolution == "server") c.resolution = ConflictResolution::kTakeServer;
    out.push_back(std::move(c));
  }
}

Status SqliteStore::ResolveConflict(std::int64_t conflict_id,
                                    ConflictResolution resolution,
                                    std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  RecordKey key;
  {
    Query q(
        db_.get(),
        "SELECT r.kind, r.record_id, c.resolved_at FROM conflict c "
        "JOIN record r ON r.record_pk = c.record_pk WHERE c.conflict_id = ?");
    q.Bind(conflict_id);
    StatusOr<bool> found = q.Step();
    if (!found.ok()) return found.status();
    if (!*found) {
      return Error(StatusCode::kNotFound,
                   "no conflict " + std::to_string(conflict_id));
    }
    if (!q.IsNull(2)) {
      return Error(
          StatusCode::kFailedPrecondition,
          "conflict " + std::to_string(conflict_id) + " is already resolved");
    }
    key = RecordKey{q.Text(0), q.Text(1)};
  }
  const bool local = resolution == ConflictResolution::kTakeLocal;
  {
    Query q(db_.get(),
            "UPDATE conflict SET resolved_at = ?, resolution = ? "
            "WHERE conflict_id = ?");
    q.Bind(now_ms).Bind(local ? "local" : "server").Bind(conflict_id);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  StatusOr<Row> row = LoadRow(key);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (local) {
    STORE_RETURN_IF_ERROR(QueueAtBack(&*row, s.latest_revision, now_ms));
  } else {
    s.state = SyncState::kSent;
    s.state_revision = s.latest_revision;
    s.state_changed_at_ms = now_ms;
    s.sent_revision = s.latest_revision;
    s.reason.clear();
    s.outcome_json.clear();
    s.attempts = 0;
    s.last_error.clear();
    row->queue_seq = 0;
    s.next_attempt_at_ms = 0;
  }
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

}  // namespace store_internal
}  // namespace plugin
