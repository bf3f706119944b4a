#include "plugin/runtime.h"

#include <chrono>
#include <thread>

#include "plugin/setup.h"

namespace plugin {

std::int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

fhir::StatusOr<std::unique_ptr<Runtime>> OpenRuntime(const config::Options& options,
                                                     bool need_server,
                                                     std::ostream* messages) {
  auto rt = std::make_unique<Runtime>();
  fhir::Status st = LoadInstruments(options, &rt->catalog, messages);
  if (!st.ok()) return st;
  fhir::StatusOr<std::unique_ptr<Store>> store = Store::Open(options.store.path);
  if (!store.ok()) return store.status();
  rt->store = std::move(*store);

  SyncContext& ctx = rt->sync;
  ctx.store = rt->store.get();
  ctx.mapping = MakeMappingContext(options, &rt->catalog, NowInstant());
  ctx.now_ms = WallClockMs;
  ctx.sleep_ms = [](std::int64_t ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  };
  ctx.options.bundle_size = options.sync.bundle_size;
  ctx.options.max_wait_ms = options.sync.max_wait_ms;
  const std::string& policy = options.sync.conflict_policy;
  ctx.options.conflict_policy = policy == "local-wins" ? ConflictPolicy::kLocalWins
                                : policy == "manual"   ? ConflictPolicy::kManual
                                                       : ConflictPolicy::kServerWins;
  if (options.server.base_url.empty()) {
    if (need_server) {
      return fhir::InvalidArgumentError(
          "server.base_url is not set (config file [server] base_url, or "
          "--server.base_url=URL)");
    }
    return rt;
  }
  fhir::TransportOptions topts;
  topts.connect_timeout_ms = options.server.connect_timeout_ms;
  topts.request_timeout_ms = options.server.request_timeout_ms;
  rt->transport = fhir::NewHttpTransport(topts);
  fhir::ClientOptions copts;
  copts.request_timeout_ms = options.server.request_timeout_ms;
  rt->client = std::make_unique<fhir::FhirClient>(options.server.base_url,
                                                  rt->transport.get(), copts);
  ctx.client = rt->client.get();
  return rt;
}

}  // namespace plugin
