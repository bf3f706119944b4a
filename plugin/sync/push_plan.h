// Push planning: one outbox record -> the writes it needs. Parses the stored
// revision, resolves the patient and staff, maps, validates, and compares
// each resource with what the server last received from us (content hash),
// so that an unchanged resource is never written again.
#ifndef ALLIANCE_PLUGIN_SYNC_PUSH_PLAN_H_
#define ALLIANCE_PLUGIN_SYNC_PUSH_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "fhir/json.h"
#include "plugin/store/store.h"
#include "plugin/sync/resolver.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

struct PlannedWrite {
  std::string type;
  std::string identifier_value;  // under the record system
  std::string full_url;          // urn:uuid for a create
  fhir::Json resource;           // as mapped, references not yet rewritten
  std::string hash;              // ContentHash of `resource`
  std::optional<ServerResource> existing;  // the server's copy we know of
  bool already_there = false;  // Verify found our own earlier write of it
};

struct PlannedRecord {
  enum class Outcome { kSend, kUnchanged, kWaiting, kParked };
  Outcome outcome = Outcome::kSend;
  RecordKey key;
  std::int64_t revision = 0;
  std::vector<PlannedWrite> writes;  // kSend: the changed resources
  std::string reason;                // kWaiting / kParked
  std::string outcome_json;          // kParked: OperationOutcome
};

class PushPlanner {
 public:
  PushPlanner(const SyncContext& ctx, Resolver* resolver)
      : ctx_(ctx), resolver_(resolver) {}

  // Plans `item`. `verify`: an earlier send's outcome is unknown, so look
  // each resource up by identifier on the server first. A non-OK Status
  // means the store or the server could not be asked.
  fhir::StatusOr<PlannedRecord> Plan(const OutboxItem& item, bool verify);

 private:
  fhir::Status Verify(PlannedWrite* write);

  const SyncContext& ctx_;
  Resolver* resolver_;
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_PUSH_PLAN_H_
