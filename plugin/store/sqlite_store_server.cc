// SqliteStore: what is known about the server: resource mapping, pull
// cursors, the sync log and the resolution cache.
#include <utility>

#include "plugin/store/sqlite_store.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

namespace {

#define SERVER_COLUMNS                                                \
  "r.kind, r.record_id, s.resource_type, s.identifier, s.server_id, " \
  "s.version_id, s.etag, s.last_updated, s.sent_hash, s.updated_at"

ServerResource ReadResource(const Query& q) {
  ServerResource r;
  r.key = RecordKey{q.Text(0), q.Text(1)};
  r.resource_type = q.Text(2);
  r.identifier = q.Text(3);
  r.server_id = q.Text(4);
  r.version_id = q.Text(5);
  r.etag = q.Text(6);
  r.last_updated = q.Text(7);
  r.sent_hash = q.Text(8);
  r.updated_at_ms = q.Int(9);
  return r;
}

}  // namespace

Status SqliteStore::PutServerResource(const ServerResource& resource,
                                      std::int64_t now_ms) {
  if (resource.resource_type.empty() || resource.identifier.empty() ||
      resource.server_id.empty()) {
    return Error(StatusCode::kInvalidArgument,
                 resource.key.ToString() +
                     ": a server resource needs a type, an identifier and a "
                     "server id");
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRow(resource.key);
  if (!row.ok()) return row.status();
  {
    Query q(db_.get(),
            "SELECT r.kind, r.record_id, s.identifier FROM server_resource s "
            "JOIN record r ON r.record_pk = s.record_pk "
            "WHERE s.resource_type = ? AND s.server_id = ? "
            "AND NOT (s.record_pk = ? AND s.identifier = ?)");
    q.Bind(resource.resource_type)
        .Bind(resource.server_id)
        .Bind(row->pk)
        .Bind(resource.identifier);
    StatusOr<bool> taken = q.Step();
    if (!taken.ok()) return taken.status();
    if (*taken) {
      return Error(StatusCode::kAlreadyExists,
                   resource.resource_type + "/" + resource.server_id +
                       " is already mapped to " + q.Text(0) + "/" + q.Text(1) +
                       " (identifier " + q.Text(2) + ")");
    }
  }
  Query q(db_.get(),
          "INSERT INTO server_resource (record_pk, resource_type, identifier, "
          "server_id, version_id, etag, last_updated, sent_hash, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (record_pk, resource_type, identifier) DO UPDATE SET "
          "server_id = excluded.server_id, version_id = excluded.version_id, "
          "etag = excluded.etag, last_updated = excluded.last_updated, "
          "sent_hash = excluded.sent_hash, updated_at = excluded.updated_at");
  q.Bind(row->pk)
      .Bind(resource.resource_type)
      .Bind(resource.identifier)
      .Bind(resource.server_id)
      .Bind(resource.version_id)
      .Bind(resource.etag)
      .Bind(resource.last_updated)
      .Bind(resource.sent_hash)
      .Bind(now_ms);
  STORE_RETURN_IF_ERROR(q.Run());
  return scope.Commit();
}

StatusOr<std::vector<ServerResource>> SqliteStore::GetServerResources(
    const RecordKey& key) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT " SERVER_COLUMNS
          " FROM record r JOIN server_resource s "
          "ON s.record_pk = r.record_pk WHERE r.kind = ? AND r.record_id = ? "
          "ORDER BY s.resource_type, s.identifier");
  q.Bind(key.kind).Bind(key.id);
  std::vector<ServerResource> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadResource(q));
  }
}

StatusOr<std::optional<ServerResource>> SqliteStore::FindServerResource(
    std::string_view resource_type, std::string_view server_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(), "SELECT " SERVER_COLUMNS
                     " FROM server_resource s JOIN record r "
                     "ON r.record_pk = s.record_pk "
                     "WHERE s.resource_type = ? AND s.server_id = ?");
  q.Bind(resource_type).Bind(server_id);
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ServerResource>();
  return std::optional<ServerResource>(ReadResource(q));
}

Status SqliteStore::RemoveServerResource(const RecordKey& key,
                                         std::string_view resource_type,
                                         std::string_view identifier) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "DELETE FROM server_resource WHERE record_pk = (SELECT record_pk "
          "FROM record WHERE kind = ? AND record_id = ?) "
          "AND resource_type = ? AND identifier = ?");
  q.Bind(key.kind).Bind(key.id).Bind(resource_type).Bind(identifier);
  return q.Run();
}

StatusOr<std::optional<SyncCursor>> SqliteStore::GetCursor(
    std::string_view resource_type) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT resource_type, last_updated, updated_at FROM sync_cursor "
          "WHERE resource_type = ?");
  q.Bind(resource_type);
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SyncCursor>();
  return std::optional<SyncCursor>(SyncCursor{q.Text(0), q.Text(1), q.Int(2)});
}

StatusOr<std::vector<SyncCursor>> SqliteStore::ListCursors() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT resource_type, last_updated, updated_at FROM sync_cursor "
          "ORDER BY resource_type");
  std::vector<SyncCursor> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(SyncCursor{q.Text(0), q.Text(1), q.Int(2)});
  }
}

Status SqliteStore::SetCursor(std::string_view resource_type,
                              std::string_view last_updated,
                              std::int64_t now_ms) {
  if (resource_type.empty()) {
    return Error(StatusCode::kInvalidArgument, "cursor without resource type");
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "INSERT INTO sync_cursor (resource_type, last_updated, updated_at) "
          "VALUES (?, ?, ?) ON CONFLICT (resource_type) DO UPDATE SET "
          "last_updated = excluded.last_updated, "
          "updated_at = excluded.updated_at");
  q.Bind(resource_type).Bind(last_updated).Bind(now_ms);
  return q.Run();
}

StatusOr<std::int64_t> SqliteStore::AddSyncRun(std::int64_t started_at_ms,
                                               std::int64_t finished_at_ms,
                                               std::string_view summary_json) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "INSERT INTO sync_run (started_at, finished_at, summary_json) "
          "VALUES (?, ?, ?)");
  q.Bind(started_at_ms).Bind(finished_at_ms).Bind(summary_json);
  STORE_RETURN_IF_ERROR(q.Run());
  return db_->last_insert_rowid();
}

StatusOr<std::optional<SyncRun>> SqliteStore::LastSyncRun() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT run_id, started_at, finished_at, summary_json FROM sync_run "
          "ORDER BY run_id DESC LIMIT 1");
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SyncRun>();
  return std::optional<SyncRun>(
      SyncRun{q.Int(0), q.Int(1), q.Int(2), q.Text(3)});
}

Status SqliteStore::PutResolution(std::string_view resource_type,
                                  std::string_view identifier,
                                  std::string_view reference,
                                  std::int64_t now_ms) {
  if (resource_type.empty() || identifier.empty()) {
    return Error(StatusCode::kInvalidArgument,
                 "a resolution needs a resource type and an identifier");
  }
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "INSERT INTO resolution (resource_type, identifier, reference, "
          "resolved_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (resource_type, identifier) DO UPDATE SET "
          "reference = excluded.reference, resolved_at = excluded.resolved_at");
  q.Bind(resource_type).Bind(identifier).Bind(reference).Bind(now_ms);
  return q.Run();
}

StatusOr<std::optional<Resolution>> SqliteStore::GetResolution(
    std::string_view resource_type, std::string_view identifier) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT resource_type, identifier, reference, resolved_at "
          "FROM resolution WHERE resource_type = ? AND identifier = ?");
  q.Bind(resource_type).Bind(identifier);
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Resolution>();
  return std::optional<Resolution>(
      Resolution{q.Text(0), q.Text(1), q.Text(2), q.Int(3)});
}

}  // namespace store_internal
}  // namespace plugin
