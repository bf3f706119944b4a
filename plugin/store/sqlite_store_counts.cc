// SqliteStore::Counts: the numbers behind `alliance-fhir status`, read in
// one transaction so that they agree with each other.
#include "plugin/store/sqlite_store.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusOr;

namespace {

void Add(SyncState state, std::int64_t n, std::int64_t in_flight,
         std::int64_t unprocessed, StateCounts* c) {
  c->total += n;
  c->in_flight += in_flight;
  c->unprocessed += unprocessed;
  switch (state) {
    case SyncState::kNew:
      c->new_records += n;
      break;
    case SyncState::kWaiting:
      c->waiting += n;
      break;
    case SyncState::kPending:
      c->pending += n;
      break;
    case SyncState::kSent:
      c->sent += n;
      break;
    case SyncState::kParked:
      c->parked += n;
      break;
    case SyncState::kConflict:
      c->conflict += n;
      break;
    case SyncState::kDropped:
      c->dropped += n;
      break;
  }
}

// Runs `sql` and hands each row to `each`.
template <typename Each>
Status ForEachRow(Db* db, const char* sql, Each each) {
  Query q(db, sql);
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
    each(q);
  }
}

}  // namespace

StatusOr<StoreCounts> SqliteStore::Counts() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kRead);
  STORE_RETURN_IF_ERROR(scope.status());
  StoreCounts out;
  STORE_RETURN_IF_ERROR(ForEachRow(
      db_.get(),
      "SELECT kind, state, count(*), sum(in_flight_revision > 0), "
      "sum(state_revision < latest_revision) FROM record GROUP BY kind, state",
      [&](const Query& q) {
        SyncState state = ParseSyncState(q.Text(1)).value_or(SyncState::kNew);
        Add(state, q.Int(2), q.Int(3), q.Int(4), &out.records);
        Add(state, q.Int(2), q.Int(3), q.Int(4), &out.by_kind[q.Text(0)]);
      }));
  STORE_RETURN_IF_ERROR(ForEachRow(
      db_.get(),
      "SELECT state, state_reason, count(*) FROM record "
      "WHERE state IN ('waiting', 'parked') GROUP BY state, state_reason",
      [&](const Query& q) {
        auto& reasons =
            q.Text(0) == "waiting" ? out.waiting_reasons : out.parked_reasons;
        reasons[q.Text(1)] += q.Int(2);
      }));
  STORE_RETURN_IF_ERROR(ForEachRow(
      db_.get(),
      "SELECT resource_type, count(*) FROM server_resource "
      "GROUP BY resource_type",
      [&](const Query& q) { out.resources_by_type[q.Text(0)] = q.Int(1); }));
  STORE_RETURN_IF_ERROR(
      ForEachRow(db_.get(), "SELECT count(*) FROM revision",
                 [&](const Query& q) { out.revisions = q.Int(0); }));
  STORE_RETURN_IF_ERROR(ForEachRow(
      db_.get(), "SELECT count(*) FROM conflict WHERE resolved_at IS NULL",
      [&](const Query& q) { out.open_conflicts = q.Int(0); }));
  StatusOr<std::optional<SyncRun>> last = LastSyncRun();
  if (!last.ok()) return last.status();
  out.last_sync = std::move(*last);
  STORE_RETURN_IF_ERROR(scope.Commit());
  return out;
}

}  // namespace store_internal
}  // namespace plugin
