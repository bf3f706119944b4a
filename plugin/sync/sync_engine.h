// One sync: push the outbox, then pull what the EHR changed. The summary
// is also kept in the store (last sync, for `status`).
#ifndef ALLIANCE_PLUGIN_SYNC_SYNC_ENGINE_H_
#define ALLIANCE_PLUGIN_SYNC_SYNC_ENGINE_H_

#include <string>

#include "fhir/json.h"
#include "fhir/status.h"
#include "plugin/sync/pull.h"
#include "plugin/sync/push.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

struct SyncSummary {
  PushStats push;
  PullStats pull;
  fhir::Status status;
  std::int64_t elapsed_ms = 0;

  fhir::Json ToJson() const;
  std::string ToText() const;
};

// Runs push (unless !push) and pull (unless !pull). The Status is the
// first failure (the other phase is then skipped); records already settled
// stay settled.
fhir::Status RunSync(const SyncContext& ctx, bool push, bool pull, SyncSummary* summary);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_SYNC_ENGINE_H_
