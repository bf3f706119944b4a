// Taking the server's version of a record (pull, and conflicts settled
// "server-wins"), and handling a conflict by the configured policy.
#ifndef ALLIANCE_PLUGIN_SYNC_SERVER_VERSION_H_
#define ALLIANCE_PLUGIN_SYNC_SERVER_VERSION_H_

#include <cstdint>

#include "fhir/json.h"
#include "fhir/status.h"
#include "plugin/sync/resolver.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

// The server's `resource` (a Goal, CarePlan or Consent we wrote, changed
// there) becomes the record's newest local revision, counted as sent, and
// the server mapping takes its version. InvalidArgument when the resource
// cannot be read back into a record (it is then left alone).
fhir::Status TakeServerVersion(const SyncContext& ctx, Resolver* resolver,
                               const RecordKey& key, const fhir::Json& resource,
                               std::int64_t now_ms);

// A write of `revision` met a newer server version (409/412): records the
// conflict with the server's current version, then settles it by policy:
// server-wins takes the server's version (ratings, which only the clinic
// writes, always go local-wins); local-wins re-queues the local revision
// against the server's version; manual leaves it for `conflicts resolve`.
fhir::Status HandleConflict(const SyncContext& ctx, Resolver* resolver,
                            const RecordKey& key, std::int64_t revision,
                            std::int64_t now_ms);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_SERVER_VERSION_H_
