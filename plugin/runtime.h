// Runtime: the long-lived pieces a command or the service needs, built from
// Options: instruments, the store, the HTTP transport and FHIR client, and
// the sync context tying them together. Owns all of them.
#ifndef ALLIANCE_PLUGIN_RUNTIME_H_
#define ALLIANCE_PLUGIN_RUNTIME_H_

#include <memory>
#include <ostream>

#include "config/options.h"
#include "fhir/http/fhir_client.h"
#include "fhir/http/http_transport.h"
#include "fhir/status.h"
#include "mappings/rating/instrument_catalog.h"
#include "plugin/store/store.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

struct Runtime {
  mappings::InstrumentCatalog catalog;
  std::unique_ptr<Store> store;
  std::unique_ptr<fhir::HttpTransport> transport;  // null without a server
  std::unique_ptr<fhir::FhirClient> client;        // null without a server
  SyncContext sync;  // points into the members above
};

// Builds a runtime. `need_server`: server.base_url must be set (else
// InvalidArgument naming the key). Problems loading instrument files go to
// `messages`.
fhir::StatusOr<std::unique_ptr<Runtime>> OpenRuntime(const config::Options& options,
                                                     bool need_server,
                                                     std::ostream* messages);

std::int64_t WallClockMs();

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_RUNTIME_H_
