// Pull: what the EHR changed in the resources we wrote (Goal, CarePlan,
// Consent carrying our identifier system), since the cursor of each type
// (_lastUpdated, all pages). Our own writes are recognised by version and
// skipped; a change made only on the server becomes a new local revision;
// a record changed on both sides is a conflict, settled by policy.
#ifndef ALLIANCE_PLUGIN_SYNC_PULL_H_
#define ALLIANCE_PLUGIN_SYNC_PULL_H_

#include "fhir/status.h"
#include "plugin/sync/resolver.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

struct PullStats {
  std::size_t seen = 0;       // resources returned by the searches
  std::size_t own = 0;        // our own writes (same version)
  std::size_t applied = 0;    // server changes taken into the store
  std::size_t conflicts = 0;  // changed on both sides
  std::size_t unreadable = 0; // could not be read back into a record
};

class Puller {
 public:
  Puller(const SyncContext& ctx, Resolver* resolver) : ctx_(ctx), resolver_(resolver) {}
  // Non-OK when the server or the store failed; the cursor of a type only
  // moves after all of its pages were applied.
  fhir::Status Run(PullStats* stats);

 private:
  fhir::Status PullType(const std::string& type, PullStats* stats);
  const SyncContext& ctx_;
  Resolver* resolver_;
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_PULL_H_
