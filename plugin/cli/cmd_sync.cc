// alliance-fhir sync / status.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "plugin/cli/commands.h"
#include "plugin/runtime.h"
#include "plugin/sync/sync_engine.h"

namespace plugin {
namespace {

// A one-line progress bar on stderr, only when it is a terminal.
std::function<void(std::size_t, std::size_t)> ProgressBar() {
  if (!isatty(2)) return nullptr;
  auto start = std::chrono::steady_clock::now();
  return [start](std::size_t done, std::size_t total) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int width = 30;
    int filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r[%-*s] %zu/%zu records, %.0f/s ", width,
                 std::string(static_cast<std::size_t>(filled), '#').c_str(), done, total,
                 s > 0 ? done / s : 0.0);
    if (done == total) std::fprintf(stderr, "\n");
  };
}

int ExitFor(const fhir::Status& st) {
  if (st.ok()) return kExitOk;
  switch (st.code()) {
    case fhir::StatusCode::kUnavailable:
    case fhir::StatusCode::kDeadlineExceeded:
    case fhir::StatusCode::kUnauthenticated:
    case fhir::StatusCode::kPermissionDenied:
      return kExitServer;
    case fhir::StatusCode::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitServer;
  }
}

}  // namespace

int RunSync(const config::Invocation& inv) {
  if (inv.Flag("push-only") && inv.Flag("pull-only")) {
    std::cerr << "alliance-fhir sync: --push-only and --pull-only exclude each other\n";
    return kExitUsage;
  }
  fhir::StatusOr<std::unique_ptr<Runtime>> rt = OpenRuntime(inv.options, true, &std::cerr);
  if (!rt.ok()) {
    std::cerr << "alliance-fhir sync: " << rt.status().message() << "\n";
    return rt.status().code() == fhir::StatusCode::kInvalidArgument ||
                   rt.status().code() == fhir::StatusCode::kNotFound
               ? kExitUsage
               : kExitServer;
  }
  SyncContext& ctx = (*rt)->sync;
  ctx.log = &std::cerr;
  ctx.progress = ProgressBar();
  SyncSummary summary;
  fhir::Status st = plugin::RunSync(ctx, !inv.Flag("pull-only"), !inv.Flag("push-only"), &summary);
  if (inv.Flag("json")) {
    std::cout << summary.ToJson().SerializePretty() << "\n";
  } else {
    std::cout << summary.ToText();
  }
  if (!st.ok()) {
    std::cerr << "alliance-fhir sync: " << st.message() << "\n";
    return ExitFor(st);
  }
  return kExitOk;
}

int RunStatus(const config::Invocation& inv) {
  fhir::StatusOr<std::unique_ptr<Store>> store = Store::Open(inv.options.store.path);
  if (!store.ok()) {
    std::cerr << "alliance-fhir status: " << store.status().message() << "\n";
    return kExitUsage;
  }
  fhir::StatusOr<StoreCounts> counts = (*store)->Counts();
  if (!counts.ok()) {
    std::cerr << "alliance-fhir status: " << counts.status().message() << "\n";
    return kExitUsage;
  }
  const StoreCounts& c = *counts;
  auto n = [](std::int64_t v) { return fhir::Json(v); };
  fhir::Json j = fhir::Json::Object();
  j.Set("store", inv.options.store.path);
  j.Set("records", n(c.records.total));
  j.Set("revisions", n(c.revisions));
  j.Set("pending", n(c.records.pending));
  j.Set("inFlight", n(c.records.in_flight));
  j.Set("sent", n(c.records.sent));
  j.Set("waiting", n(c.records.waiting));
  j.Set("parked", n(c.records.parked));
  j.Set("conflicts", n(c.open_conflicts));
  j.Set("dropped", n(c.records.dropped));
  fhir::Json& kinds = j.Set("byKind", fhir::Json::Object());
  for (const auto& [k, s] : c.by_kind) {
    fhir::Json& e = kinds.Set(k, fhir::Json::Object());
    e.Set("total", n(s.total));
    e.Set("pending", n(s.pending));
    e.Set("sent", n(s.sent));
    e.Set("waiting", n(s.waiting));
    e.Set("parked", n(s.parked));
  }
  fhir::Json& waiting = j.Set("waitingReasons", fhir::Json::Object());
  for (const auto& [r, k] : c.waiting_reasons) waiting.Set(r, n(k));
  fhir::Json& parked = j.Set("parkedReasons", fhir::Json::Object());
  for (const auto& [r, k] : c.parked_reasons) parked.Set(r, n(k));
  fhir::Json& types = j.Set("serverResources", fhir::Json::Object());
  for (const auto& [t, k] : c.resources_by_type) types.Set(t, n(k));
  if (c.last_sync) {
    auto last = fhir::Json::Parse(c.last_sync->summary_json);
    fhir::Json& ls = j.Set("lastSync", fhir::Json::Object());
    ls.Set("finishedAtMs", n(c.last_sync->finished_at_ms));
    if (last.ok()) ls.Set("summary", *last);
  }
  if (inv.Flag("json")) {
    std::cout << j.SerializePretty() << "\n";
    return kExitOk;
  }
  std::cout << "store " << inv.options.store.path << ": " << c.records.total << " records ("
            << c.revisions << " revisions)\n"
            << "  sent " << c.records.sent << ", pending " << c.records.pending
            << ", in flight " << c.records.in_flight << ", waiting " << c.records.waiting
            << ", parked " << c.records.parked << ", conflicts " << c.open_conflicts
            << ", dropped " << c.records.dropped << "\n";
  for (const auto& [k, s] : c.by_kind) {
    std::cout << "  " << k << ": " << s.total << " (sent " << s.sent << ", pending "
              << s.pending << ", waiting " << s.waiting << ", parked " << s.parked << ")\n";
  }
  for (const auto& [r, k] : c.waiting_reasons) std::cout << "  waiting: " << r << ": " << k << "\n";
  for (const auto& [r, k] : c.parked_reasons) std::cout << "  parked: " << r << ": " << k << "\n";
  for (const auto& [t, k] : c.resources_by_type) std::cout << "  on server: " << t << " " << k << "\n";
  if (c.last_sync) std::cout << "  last sync: " << c.last_sync->summary_json << "\n";
  return kExitOk;
}

}  // namespace plugin
