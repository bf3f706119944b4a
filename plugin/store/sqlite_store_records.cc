// SqliteStore: records, revisions and reading states.
#include <utility>

#include "plugin/store/sqlite_store.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

namespace {

#define RECORD_COLUMNS                                              \
  "record_pk, kind, record_id, mrn, latest_revision, state, "       \
  "state_revision, state_reason, state_outcome, state_changed_at, " \
  "sent_revision, attempts, next_attempt_at, last_error, "          \
  "in_flight_revision, in_flight_since, queue_seq"

RecordState ReadState(const Query& q) {
  RecordState s;
  s.position = q.Int(0);
  s.key = RecordKey{q.Text(1), q.Text(2)};
  s.mrn = q.Text(3);
  s.latest_revision = q.Int(4);
  // The CHECK constraint keeps unknown names out of the table.
  s.state = ParseSyncState(q.Text(5)).value_or(SyncState::kNew);
  s.state_revision = q.Int(6);
  s.reason = q.Text(7);
  s.outcome_json = q.Text(8);
  s.state_changed_at_ms = q.Int(9);
  s.sent_revision = q.Int(10);
  s.attempts = q.Int(11);
  s.next_attempt_at_ms = q.Int(12);
  s.last_error = q.Text(13);
  s.in_flight_revision = q.Int(14);
  s.in_flight_since_ms = q.Int(15);
  return s;
}

Revision ReadRevision(const RecordKey& key, const Query& q) {
  Revision r;
  r.key = key;
  r.revision = q.Int(0);
  r.mrn = q.Text(1);
  r.content_hash = q.Text(2);
  r.canonical_json = q.Text(3);
  r.received_at_ms = q.Int(4);
  return r;
}

}  // namespace

StatusOr<SqliteStore::Row> SqliteStore::LoadRow(const RecordKey& key) {
  Query q(db_.get(), "SELECT " RECORD_COLUMNS
                     " FROM record WHERE kind = ? AND record_id = ?");
  q.Bind(key.kind).Bind(key.id);
  StatusOr<bool> found = q.Step();
  if (!found.ok()) return found.status();
  if (!*found) {
    return Error(StatusCode::kNotFound, "no record " + key.ToString());
  }
  Row row;
  row.pk = q.Int(0);
  row.queue_seq = q.Int(16);
  row.state = ReadState(q);
  return row;
}

StatusOr<SqliteStore::Row> SqliteStore::LoadRevision(const RecordKey& key,
                                                     std::int64_t revision) {
  StatusOr<Row> row = LoadRow(key);
  if (!row.ok()) return row;
  STORE_RETURN_IF_ERROR(CheckRevision(*row, revision));
  return row;
}

Status SqliteStore::CheckRevision(const Row& row, std::int64_t revision) const {
  if (revision >= 1 && revision <= row.state.latest_revision) return Status();
  return Error(StatusCode::kInvalidArgument,
               row.state.key.ToString() + ": no revision " +
                   std::to_string(revision) + " (latest is " +
                   std::to_string(row.state.latest_revision) + ")");
}

StatusOr<PutResult> SqliteStore::PutRecord(const RecordKey& key,
                                           std::string_view mrn,
                                           std::string_view canonical_json,
                                           std::int64_t now_ms) {
  if (key.kind.empty() || key.id.empty()) {
    return Error(
        StatusCode::kInvalidArgument,
        "a record needs a kind and an id (got \"" + key.ToString() + "\")");
  }
  if (canonical_json.empty()) {
    return Error(StatusCode::kInvalidArgument,
                 key.ToString() + ": empty record JSON");
  }
  const std::string hash = ContentHash(canonical_json);
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());

  std::int64_t pk = 0;
  std::int64_t latest = 0;
  {
    Query q(db_.get(),
            "SELECT r.record_pk, r.latest_revision, v.mrn, v.content_hash "
            "FROM record r JOIN revision v ON v.record_pk = r.record_pk "
            "AND v.revision = r.latest_revision "
            "WHERE r.kind = ? AND r.record_id = ?");
    q.Bind(key.kind).Bind(key.id);
    StatusOr<bool> found = q.Step();
    if (!found.ok()) return found.status();
    if (*found) {
      pk = q.Int(0);
      latest = q.Int(1);
      if (q.Text(2) == mrn && q.Text(3) == hash) {
        return PutResult{false, latest};  // identical: nothing to write
      }
    }
  }
  if (pk == 0) {
    Query q(db_.get(),
            "INSERT INTO record (kind, record_id, mrn, latest_revision, state, "
            "state_changed_at) VALUES (?, ?, ?, 1, 'new', ?)");
    q.Bind(key.kind).Bind(key.id).Bind(mrn).Bind(now_ms);
    STORE_RETURN_IF_ERROR(q.Run());
    pk = db_->last_insert_rowid();
  } else {
    Query q(db_.get(),
            "UPDATE record SET latest_revision = ?, mrn = ? "
            "WHERE record_pk = ?");
    q.Bind(latest + 1).Bind(mrn).Bind(pk);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  {
    Query q(db_.get(),
            "INSERT INTO revision (record_pk, revision, mrn, content_hash, "
            "canonical_json, received_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.Bind(pk)
        .Bind(latest + 1)
        .Bind(mrn)
        .Bind(hash)
        .Bind(canonical_json)
        .Bind(now_ms);
    STORE_RETURN_IF_ERROR(q.Run());
  }
  STORE_RETURN_IF_ERROR(scope.Commit());
  return PutResult{true, latest + 1};
}

StatusOr<Revision> SqliteStore::GetRevision(const RecordKey& key,
                                            std::int64_t revision) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT v.revision, v.mrn, v.content_hash, v.canonical_json, "
          "v.received_at FROM record r JOIN revision v "
          "ON v.record_pk = r.record_pk WHERE r.kind = ? AND r.record_id = ? "
          "AND v.revision = CASE WHEN ? = 0 THEN r.latest_revision ELSE ? END");
  q.Bind(key.kind).Bind(key.id).Bind(revision).Bind(revision);
  StatusOr<bool> found = q.Step();
  if (!found.ok()) return found.status();
  if (*found) return ReadRevision(key, q);
  StatusOr<Row> row = LoadRow(key);  // which of the two is missing?
  if (!row.ok()) return row.status();
  return Error(StatusCode::kNotFound,
               key.ToString() + ": no revision " + std::to_string(revision));
}

StatusOr<std::vector<Revision>> SqliteStore::ListRevisions(
    const RecordKey& key) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::vector<Revision> out;
  Query q(db_.get(),
          "SELECT v.revision, v.mrn, v.content_hash, v.canonical_json, "
          "v.received_at FROM record r JOIN revision v "
          "ON v.record_pk = r.record_pk WHERE r.kind = ? AND r.record_id = ? "
          "ORDER BY v.revision");
  q.Bind(key.kind).Bind(key.id);
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(ReadRevision(key, q));
  }
  if (out.empty()) {
    return Error(StatusCode::kNotFound, "no record " + key.ToString());
  }
  return out;
}

StatusOr<RecordState> SqliteStore::GetState(const RecordKey& key) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  StatusOr<Row> row = LoadRow(key);
  if (!row.ok()) return row.status();
  return std::move(row->state);
}

StatusOr<std::vector<RecordState>> SqliteStore::ListRecords(
    const RecordQuery& query) {
  std::string sql = "SELECT " RECORD_COLUMNS " FROM record WHERE record_pk > ?";
  if (query.state) sql += " AND state = ?";
  if (query.unprocessed_only) sql += " AND state_revision < latest_revision";
  if (query.in_flight_only) sql += " AND in_flight_revision > 0";
  if (!query.kind.empty()) sql += " AND kind = ?";
  if (!query.mrn.empty()) sql += " AND mrn = ?";
  sql += " ORDER BY record_pk";
  if (query.limit > 0) sql += " LIMIT ?";

  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(), sql);
  q.Bind(query.after);
  if (query.state) q.Bind(SyncStateName(*query.state));
  if (!query.kind.empty()) q.Bind(query.kind);
  if (!query.mrn.empty()) q.Bind(query.mrn);
  if (query.limit > 0) q.Bind(static_cast<std::int64_t>(query.limit));
  std::vector<RecordState> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(ReadState(q));
  }
  return out;
}

}  // namespace store_internal
}  // namespace plugin
