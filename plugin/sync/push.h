// Push: the outbox -> transaction Bundles on the server, exactly once.
//
//  - A record's resources travel in one Bundle; a new resource is a plain
//    create (fullUrl urn:uuid, references between them rewritten by the
//    server), a known one an update with If-Match on the version we wrote.
//  - Before a Bundle is sent its records are marked in flight. If the
//    answer is lost (connection dropped, crash), the next attempt first
//    looks each resource up by identifier and updates what arrived instead
//    of creating it again: no duplicates.
//  - 400/422 for a Bundle: split it (bisect) until the failing record is
//    alone; that record is parked with the server's OperationOutcome and
//    the others go on. This also adapts to servers that limit Bundle size.
//  - 429/5xx: the records wait (Retry-After honoured) and are retried in a
//    later round of the same sync, within SyncOptions::max_wait_ms.
//  - 409/412 for one record: a conflict, settled by the configured policy.
//  - A server whose CapabilityStatement does not offer transactions gets
//    one request per resource instead (creates in dependency order, each
//    recorded as it succeeds, so a retry never creates a resource twice).
#ifndef ALLIANCE_PLUGIN_SYNC_PUSH_H_
#define ALLIANCE_PLUGIN_SYNC_PUSH_H_

#include <map>
#include <string>
#include <vector>

#include "fhir/status.h"
#include "plugin/sync/push_plan.h"
#include "plugin/sync/resolver.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

// Adds the kSentHashTagSystem tag with `hash` to a resource about to be sent.
void TagSentHash(fhir::Json* resource, const std::string& hash);

struct PushStats {
  std::size_t records_sent = 0;
  std::size_t records_unchanged = 0;
  std::size_t records_waiting = 0;
  std::size_t records_parked = 0;
  std::size_t records_conflicts = 0;
  std::size_t records_retry = 0;  // failed transiently, still queued
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t bundles = 0;
  std::size_t single_requests = 0;  // writes sent one per request
  bool transactions = true;         // false: the server offers none
  std::map<std::string, std::size_t> resources_by_type;
  std::string last_error;  // the last server or transport problem
};

class Pusher {
 public:
  Pusher(const SyncContext& ctx, Resolver* resolver)
      : ctx_(ctx), resolver_(resolver), planner_(ctx, resolver) {}

  // Pushes everything due. Returns kUnavailable when the server could not
  // be reached for the whole wait, kUnauthenticated/kPermissionDenied when
  // it refused us, another error when the store failed; OK otherwise (even
  // with records parked or waiting: those are in `stats`).
  fhir::Status Run(PushStats* stats);

 private:
  enum class SendResult { kDone, kRetryLater, kUnknownOutcome, kFatal };
  // Plans and sends one chunk of the outbox; `done` counts records sent.
  fhir::Status PushChunk(const std::vector<OutboxItem>& due, PushStats* stats,
                         bool* unreachable, std::size_t* done);
  SendResult Send(std::vector<PlannedRecord*> records, PushStats* stats,
                  fhir::Status* fatal, std::int64_t* retry_at);
  SendResult SendSingly(PlannedRecord* record, PushStats* stats,
                        fhir::Status* fatal, std::int64_t* retry_at);
  // Classifies a failed write; the records are settled accordingly.
  SendResult Failed(const fhir::FhirResult& result, std::vector<PlannedRecord*> records,
                    PushStats* stats, fhir::Status* fatal, std::int64_t* retry_at);
  // Rewrites references for sending (see ResolveRecordReference).
  void RewriteReferences(fhir::Json* node, const std::vector<PlannedRecord*>& bundle);
  fhir::Json BuildBundle(const std::vector<PlannedRecord*>& records);
  fhir::Status Apply(const std::vector<PlannedRecord*>& records,
                     const fhir::Json& response, PushStats* stats);
  fhir::Status SettleOne(PlannedRecord* record, const fhir::Status& status,
                         const fhir::FhirResponse& response, PushStats* stats);
  std::string ResolveRecordReference(const std::string& reference,
                                     const std::vector<PlannedRecord*>& bundle);

  const SyncContext& ctx_;
  Resolver* resolver_;
  PushPlanner planner_;
  bool transactions_ = true;  // from the server's CapabilityStatement
  std::size_t progress_total_ = 0;  // records to push, for the progress bar
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_PUSH_H_
