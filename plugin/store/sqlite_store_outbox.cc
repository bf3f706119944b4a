// SqliteStore: decisions about revisions (waiting, pending, parked, sent)
// and the outbox. Every call loads the record's row, applies the transition
// in memory and writes the row back, inside one Scope.
#include <algorithm>

#include "plugin/store/sqlite_store.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

namespace {

// Takes the record out of the outbox (keeps attempts and last_error).
void LeaveOutbox(std::int64_t* queue_seq, RecordState* s) {
  *queue_seq = 0;
  s->next_attempt_at_ms = 0;
}

void SetState(RecordState* s, SyncState state, std::int64_t revision,
              std::int64_t now_ms) {
  s->state = state;
  s->state_revision = revision;
  s->state_changed_at_ms = now_ms;
}

std::string Describe(const RecordState& s) {
  return s.key.ToString() + " is " + SyncStateName(s.state) +
         (s.state_revision > 0
              ? " at revision " + std::to_string(s.state_revision)
              : std::string());
}

OutboxItem ReadItem(const Query& q) {
  OutboxItem item;
  item.key = RecordKey{q.Text(0), q.Text(1)};
  item.revision = q.Int(2);
  item.attempts = q.Int(3);
  item.next_attempt_at_ms = q.Int(4);
  item.last_error = q.Text(5);
  item.in_flight_since_ms = q.Int(6);
  return item;
}

}  // namespace

Status SqliteStore::SaveState(const Row& row) {
  const RecordState& s = row.state;
  Query q(db_.get(),
          "UPDATE record SET state = ?, state_revision = ?, state_reason = ?, "
          "state_outcome = ?, state_changed_at = ?, sent_revision = ?, "
          "queue_seq = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
          "in_flight_revision = ?, in_flight_since = ? WHERE record_pk = ?");
  q.Bind(SyncStateName(s.state))
      .Bind(s.state_revision)
      .Bind(s.reason)
      .Bind(s.outcome_json)
      .Bind(s.state_changed_at_ms)
      .Bind(s.sent_revision)
      .BindOrNull(row.queue_seq)
      .Bind(s.attempts);
  // Times may be 0 (tests start their clocks there): NULL means "not set".
  if (row.queue_seq != 0) {
    q.Bind(s.next_attempt_at_ms);
  } else {
    q.BindNull();
  }
  q.Bind(s.last_error).Bind(s.in_flight_revision);
  if (s.in_flight_revision != 0) {
    q.Bind(s.in_flight_since_ms);
  } else {
    q.BindNull();
  }
  q.Bind(row.pk);
  return q.Run();
}

Status SqliteStore::RefuseInConflict(const RecordState& state,
                                     const char* action) const {
  if (state.state != SyncState::kConflict) return Status();
  return Error(StatusCode::kFailedPrecondition,
               state.key.ToString() + " has an open conflict; resolve it " +
                   "before it can be " + action);
}

Status SqliteStore::QueueAtBack(Row* row, std::int64_t revision,
                                std::int64_t now_ms) {
  Query q(db_.get(),
          "SELECT IFNULL(MAX(queue_seq), 0) + 1 FROM record "
          "WHERE state = 'pending'");
  StatusOr<bool> found = q.Step();
  if (!found.ok()) return found.status();
  row->queue_seq = q.Int(0);
  RecordState& s = row->state;
  SetState(&s, SyncState::kPending, revision, now_ms);
  s.reason.clear();
  s.outcome_json.clear();
  s.attempts = 0;
  s.next_attempt_at_ms = now_ms;
  s.last_error.clear();
  return Status();
}

Status SqliteStore::SetWaiting(const RecordKey& key, std::int64_t revision,
                               std::string_view reason, std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (revision < s.state_revision) return Status();  // superseded
  STORE_RETURN_IF_ERROR(RefuseInConflict(s, "held back"));
  if (s.state == SyncState::kWaiting && s.state_revision == revision &&
      s.reason == reason) {
    return Status();  // re-evaluated, same answer: no write
  }
  SetState(&s, SyncState::kWaiting, revision, now_ms);
  s.reason = std::string(reason);
  s.outcome_json.clear();
  s.attempts = 0;
  s.last_error.clear();
  LeaveOutbox(&row->queue_seq, &s);
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

Status SqliteStore::Enqueue(const RecordKey& key, std::int64_t revision,
                            std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (revision < s.state_revision) return Status();  // superseded
  STORE_RETURN_IF_ERROR(RefuseInConflict(s, "queued"));
  if (s.state == SyncState::kPending) {
    if (s.state_revision == revision) return Status();  // already queued
    // A newer revision takes the older one's place in the queue.
    SetState(&s, SyncState::kPending, revision, now_ms);
    s.attempts = 0;
    s.next_attempt_at_ms = now_ms;
    s.last_error.clear();
  } else {
    STORE_RETURN_IF_ERROR(QueueAtBack(&*row, revision, now_ms));
  }
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

Status SqliteStore::Park(const RecordKey& key, std::int64_t revision,
                         std::string_view reason, std::string_view outcome_json,
                         std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (s.in_flight_revision == revision) {
    s.in_flight_revision = 0;
    s.in_flight_since_ms = 0;
  }
  if (revision >= s.state_revision) {
    STORE_RETURN_IF_ERROR(RefuseInConflict(s, "parked"));
    SetState(&s, SyncState::kParked, revision, now_ms);
    s.reason = std::string(reason);
    s.outcome_json = std::string(outcome_json);
    LeaveOutbox(&row->queue_seq, &s);
  }
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

StatusOr<std::vector<OutboxItem>> SqliteStore::ClaimDue(std::int64_t now_ms,
                                                        std::size_t limit) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT kind, record_id, state_revision, attempts, next_attempt_at, "
          "last_error, 0 FROM record WHERE state = 'pending' "
          "AND in_flight_revision = 0 AND state_revision = latest_revision "
          "AND next_attempt_at <= ? ORDER BY queue_seq LIMIT ?");
  q.Bind(now_ms).Bind(limit == 0 ? -1 : static_cast<std::int64_t>(limit));
  std::vector<OutboxItem> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadItem(q));
  }
}

Status SqliteStore::MarkInFlight(const RecordKey& key, std::int64_t revision,
                                 std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (s.state != SyncState::kPending || s.state_revision != revision) {
    return Error(StatusCode::kFailedPrecondition,
                 Describe(s) + ", not pending at revision " +
                     std::to_string(revision) + "; do not send it");
  }
  if (s.latest_revision != revision) {
    return Error(StatusCode::kFailedPrecondition,
                 key.ToString() + ": revision " + std::to_string(revision) +
                     " is superseded by revision " +
                     std::to_string(s.latest_revision) + "; do not send it");
  }
  if (s.in_flight_revision != 0) {
    return Error(StatusCode::kFailedPrecondition,
                 key.ToString() + ": a write of revision " +
                     std::to_string(s.in_flight_revision) +
                     " is already in flight; resolve it first");
  }
  s.in_flight_revision = revision;
  s.in_flight_since_ms = now_ms;
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

StatusOr<std::vector<OutboxItem>> SqliteStore::ListInFlight() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Query q(db_.get(),
          "SELECT kind, record_id, in_flight_revision, attempts, "
          "next_attempt_at, last_error, in_flight_since FROM record "
          "WHERE in_flight_revision > 0 ORDER BY in_flight_since, record_pk");
  std::vector<OutboxItem> out;
  for (;;) {
    StatusOr<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadItem(q));
  }
}

Status SqliteStore::MarkSent(const RecordKey& key, std::int64_t revision,
                             std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  s.sent_revision = std::max(s.sent_revision, revision);
  if (s.in_flight_revision != 0 && s.in_flight_revision <= revision) {
    s.in_flight_revision = 0;
    s.in_flight_since_ms = 0;
  }
  if (revision >= s.state_revision) {
    STORE_RETURN_IF_ERROR(RefuseInConflict(s, "marked sent"));
    SetState(&s, SyncState::kSent, revision, now_ms);
    s.reason.clear();
    s.outcome_json.clear();
    s.attempts = 0;
    s.last_error.clear();
    LeaveOutbox(&row->queue_seq, &s);
  }
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

Status SqliteStore::MarkFailed(const RecordKey& key, std::int64_t revision,
                               std::int64_t retry_at_ms, std::string_view error,
                               std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRevision(key, revision);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (s.in_flight_revision == revision) {
    s.in_flight_revision = 0;
    s.in_flight_since_ms = 0;
  }
  if (revision >= s.state_revision) {
    if (s.state != SyncState::kPending || s.state_revision != revision) {
      return Error(StatusCode::kFailedPrecondition,
                   Describe(s) + ", not pending at revision " +
                       std::to_string(revision));
    }
    s.attempts += 1;
    s.next_attempt_at_ms = retry_at_ms;
    s.last_error = std::string(error);
  }
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

Status SqliteStore::RequeueParked(const RecordKey& key, std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRow(key);
  if (!row.ok()) return row.status();
  if (row->state.state != SyncState::kParked) {
    return Error(StatusCode::kFailedPrecondition,
                 Describe(row->state) + ", not parked");
  }
  STORE_RETURN_IF_ERROR(QueueAtBack(&*row, row->state.state_revision, now_ms));
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

StatusOr<std::int64_t> SqliteStore::RequeueAllParked(std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  std::vector<RecordKey> parked;
  {
    Query q(db_.get(),
            "SELECT kind, record_id FROM record WHERE state = 'parked' "
            "ORDER BY state_changed_at, record_pk");
    for (;;) {
      StatusOr<bool> row = q.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      parked.push_back(RecordKey{q.Text(0), q.Text(1)});
    }
  }
  for (const RecordKey& key : parked) {
    STORE_RETURN_IF_ERROR(RequeueParked(key, now_ms));  // a savepoint inside
  }
  STORE_RETURN_IF_ERROR(scope.Commit());
  return static_cast<std::int64_t>(parked.size());
}

Status SqliteStore::DropParked(const RecordKey& key, std::int64_t now_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Scope scope(this, Scope::Kind::kWrite);
  STORE_RETURN_IF_ERROR(scope.status());
  StatusOr<Row> row = LoadRow(key);
  if (!row.ok()) return row.status();
  RecordState& s = row->state;
  if (s.state != SyncState::kParked) {
    return Error(StatusCode::kFailedPrecondition, Describe(s) + ", not parked");
  }
  SetState(&s, SyncState::kDropped, s.state_revision, now_ms);  // keeps reason
  STORE_RETURN_IF_ERROR(SaveState(*row));
  return scope.Commit();
}

}  // namespace store_internal
}  // namespace plugin
