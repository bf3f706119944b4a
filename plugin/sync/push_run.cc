// Pusher::Run: rounds over the outbox until everything due is settled or
// the wait budget is spent.
#include <algorithm>
#include <set>

#include "plugin/sync/push.h"
#include "plugin/sync/server_version.h"

namespace plugin {
namespace {

// The earliest next attempt of a pending record, if any.
std::optional<std::int64_t> EarliestPending(Store* store) {
  RecordQuery q;
  q.state = SyncState::kPending;
  fhir::StatusOr<std::vector<RecordState>> pending = store->ListRecords(q);
  if (!pending.ok() || pending->empty()) return std::nullopt;
  std::int64_t t = pending->front().next_attempt_at_ms;
  for (const RecordState& r : *pending) t = std::min(t, r.next_attempt_at_ms);
  return t;
}

}  // namespace

// Whether the server says it offers transactions. No usable answer: assume
// it does (most servers do; a refusal then shows up as a failed Bundle).
static bool OffersTransactions(fhir::FhirClient* client, std::ostream* log) {
  fhir::FhirResult cap = client->Capabilities();
  if (!cap.ok()) return true;
  const fhir::Json* rest = cap.response.body.Find("rest");
  if (!rest || rest->empty()) return true;
  for (const fhir::Json& mode : rest->items()) {
    const fhir::Json* interactions = mode.Find("interaction");
    if (!interactions) continue;
    for (const fhir::Json& i : interactions->items()) {
      const fhir::Json* code = i.Find("code");
      if (code && code->str() == "transaction") return true;
    }
  }
  if (log) {
    *log << "sync: the server's CapabilityStatement offers no transactions; "
            "sending one request per resource\n";
  }
  return false;
}

fhir::Status Pusher::Run(PushStats* stats) {
  const std::int64_t start = ctx_.now_ms();
  // Writes a killed process never heard back about: due now, and verified
  // by identifier before anything is written (attempts > 0).
  fhir::StatusOr<std::vector<OutboxItem>> in_flight = ctx_.store->ListInFlight();
  if (!in_flight.ok()) return in_flight.status();
  for (const OutboxItem& item : *in_flight) {
    fhir::Status st = ctx_.store->MarkFailed(item.key, item.revision, start,
                                             "outcome unknown: interrupted", start);
    if (!st.ok()) return st;
  }
  // Conflicts a killed process recorded but did not settle: settle them by
  // policy now (manual ones wait for `conflicts resolve`).
  fhir::StatusOr<std::vector<Conflict>> open = ctx_.store->ListConflicts(true);
  if (!open.ok()) return open.status();
  for (const Conflict& c : *open) {
    if (c.key.kind != "rating" && ctx_.options.conflict_policy == ConflictPolicy::kManual) continue;
    fhir::Status st = HandleConflict(ctx_, resolver_, c.key, c.local_revision, start);
    if (!st.ok() && st.code() != fhir::StatusCode::kFailedPrecondition) return st;
  }
  // Records waiting for their patient are asked about again on every sync.
  RecordQuery waiting;
  waiting.state = SyncState::kWaiting;
  fhir::StatusOr<std::vector<RecordState>> held = ctx_.store->ListRecords(waiting);
  if (!held.ok()) return held.status();
  for (const RecordState& r : *held) {
    if (r.reason != "patient not found") continue;
    fhir::Status st = ctx_.store->Enqueue(r.key, r.latest_revision, start);
    if (!st.ok()) return st;
  }
  if (ctx_.progress) {
    fhir::StatusOr<StoreCounts> counts = ctx_.store->Counts();
    if (counts.ok()) {
      progress_total_ = static_cast<std::size_t>(counts->records.pending + counts->records.in_flight);
    }
  }
  bool unreachable = false;
  bool asked = false;
  for (int round = 0; round < ctx_.options.max_rounds; ++round) {
    unreachable = false;
    // The outbox is taken a chunk at a time, so memory stays flat however
    // many records are queued; a record is planned at most once a round.
    std::set<RecordKey> seen;
    std::size_t done = 0;
    while (!unreachable) {
      fhir::StatusOr<std::vector<OutboxItem>> due =
          ctx_.store->ClaimDue(ctx_.now_ms(), ctx_.options.bundle_size * 10);
      if (!due.ok()) return due.status();
      std::vector<OutboxItem> fresh;
      for (OutboxItem& item : *due) {
        if (seen.insert(item.key).second) fresh.push_back(std::move(item));
      }
      if (fresh.empty()) break;
      if (!asked) {  // only when there is something to send
        transactions_ = OffersTransactions(ctx_.client, ctx_.log);
        stats->transactions = transactions_;
        asked = true;
      }
      fhir::Status st = PushChunk(fresh, stats, &unreachable, &done);
      if (!st.ok()) return st;
    }
    if (unreachable) continue;
    if (done > 0) continue;  // a new round picks up what became due meanwhile
    std::int64_t now = ctx_.now_ms();
    std::optional<std::int64_t> next = EarliestPending(ctx_.store);
    if (!next || *next - start > ctx_.options.max_wait_ms) break;
    if (*next > now) ctx_.sleep_ms(*next - now);
  }
  if (unreachable) {
    return fhir::UnavailableError("server unreachable: " + stats->last_error);
  }
  return fhir::OkStatus();
}

fhir::Status Pusher::PushChunk(const std::vector<OutboxItem>& due, PushStats* stats,
                               bool* unreachable, std::size_t* done) {
  std::int64_t now = ctx_.now_ms();
  std::vector<PlannedRecord> plans;
  plans.reserve(due.size());
  for (const OutboxItem& item : due) {
    fhir::StatusOr<PlannedRecord> plan = planner_.Plan(item, item.attempts > 0);
    if (!plan.ok()) {
      if (plan.status().code() != fhir::StatusCode::kUnavailable &&
          plan.status().code() != fhir::StatusCode::kDeadlineExceeded) {
        return plan.status();
      }
      stats->last_error = plan.status().message();
      *unreachable = true;
      break;
    }
    plans.push_back(std::move(*plan));
  }
  std::vector<std::vector<PlannedRecord*>> bundles(1);
  std::size_t entries = 0;
  {
    // Decisions that need no server call: one store commit for all of them.
    Transaction tx(ctx_.store);
    for (PlannedRecord& p : plans) {
      fhir::Status st;
      switch (p.outcome) {
        case PlannedRecord::Outcome::kWaiting:
          ++stats->records_waiting;
          st = ctx_.store->SetWaiting(p.key, p.revision, p.reason, now);
          break;
        case PlannedRecord::Outcome::kParked:
          ++stats->records_parked;
          st = ctx_.store->Park(p.key, p.revision, p.reason, p.outcome_json, now);
          break;
        case PlannedRecord::Outcome::kUnchanged:
          ++stats->records_unchanged;
          st = ctx_.store->MarkSent(p.key, p.revision, now);
          break;
        case PlannedRecord::Outcome::kSend:
          if (entries > 0 && entries + p.writes.size() > ctx_.options.bundle_size) {
            bundles.emplace_back();
            entries = 0;
          }
          bundles.back().push_back(&p);
          entries += p.writes.size();
          break;
      }
      if (!st.ok()) return st;
    }
    fhir::Status st = tx.Commit();
    if (!st.ok()) return st;
  }
  std::size_t unknown_in_a_row = 0;
  std::int64_t retry_at = 0;
  for (std::vector<PlannedRecord*>& bundle : bundles) {
    if (bundle.empty() || unknown_in_a_row >= 3) continue;
    std::vector<PlannedRecord*> sendable;
    {
      // In flight, all of the Bundle's records in one commit, before sending.
      Transaction tx(ctx_.store);
      for (PlannedRecord* p : bundle) {
        fhir::Status st = ctx_.store->MarkInFlight(p->key, p->revision, ctx_.now_ms());
        if (st.ok()) {
          sendable.push_back(p);
        } else if (st.code() != fhir::StatusCode::kFailedPrecondition) {
          return st;  // kFailedPrecondition: another engine took it
        }
      }
      fhir::Status st = tx.Commit();
      if (!st.ok()) return st;
    }
    if (sendable.empty()) continue;
    fhir::Status fatal;
    SendResult r = Send(sendable, stats, &fatal, &retry_at);
    if (r == SendResult::kFatal) return fatal;
    if (r == SendResult::kUnknownOutcome) {
      ++unknown_in_a_row;
      std::int64_t t = ctx_.now_ms();
      Transaction tx(ctx_.store);
      for (PlannedRecord* p : sendable) {
        fhir::Status st = ctx_.store->MarkFailed(p->key, p->revision, t + ctx_.options.backoff_ms,
                                                 "outcome unknown: " + stats->last_error, t);
        if (!st.ok()) return st;
        ++stats->records_retry;
      }
      fhir::Status st = tx.Commit();
      if (!st.ok()) return st;
    } else {
      unknown_in_a_row = 0;
    }
    *done += sendable.size();
    if (ctx_.progress) ctx_.progress(*done, std::max(progress_total_, *done));
  }
  *unreachable = *unreachable || unknown_in_a_row >= 3;
  return fhir::OkStatus();
}

}  // namespace plugin
