// Helpers for the fault and crash tests of the sync engine
// (sync_fault_test.cc, sync_crash_test.cc): generated clinic records with the
// resources they must become, an in-process sync rig on the demo
// configuration, and the "exactly once" check of what the server holds.
#ifndef ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_UTIL_FAULTS_H_
#define ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_UTIL_FAULTS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/options.h"
#include "fhir/http/fhir_client.h"
#include "fhir/http/http_transport.h"
#include "fhir/json.h"
#include "fhir/status.h"
#include "mappings/rating/instrument_catalog.h"
#include "plugin/store/store.h"
#include "plugin/sync/importer.h"
#include "plugin/sync/sync_engine.h"
#include "tests/fhir/http/test_server.h"

namespace faulttest {

// config/demo/alliance-fhir.conf, the file the CLI tests pass with --config.
std::string DemoConfigPath();

// Clinic records and what the server must hold once they are all synced.
struct Generated {
  std::string jsonl;         // one record per line
  std::size_t records = 0;
  std::map<std::string, std::size_t> by_kind;  // "rating" -> n
  // Resource type -> business identifier values (under the record system),
  // e.g. "Observation" -> {"f-r-1:total", "f-r-2:task", ...}.
  std::map<std::string, std::set<std::string>> expected;
  std::vector<std::string> lines;  // the same records, one per element

  void Add(const Generated& more);  // union (ids must not overlap)
};

// `count` varied, valid records for `mrns` (each patient gets a consent with
// an inline base64 document, a plan and two goals; the rest are SRS and
// WAI-SR ratings spread over the patients). Ids start with `prefix` + "-".
// Deterministic for a seed.
Generated GenerateRecords(std::uint32_t seed, const std::vector<std::string>& mrns,
                          std::size_t count, const std::string& prefix);

// Creates one Patient per MRN (identifier system `mrn_system`).
fhir::Status AddPatients(fhir::FhirClient* client, const std::string& mrn_system,
                         const std::vector<std::string>& mrns);

// Business identifier value -> number of resources of `type` carrying it
// (all pages). `server_ids` (optional) gets value -> the server id (the last
// one seen when there are several).
fhir::StatusOr<std::map<std::string, int>> CountByIdentifier(
    fhir::FhirClient* client, const std::string& type, const std::string& record_system,
    std::map<std::string, std::string>* server_ids = nullptr);

// Every expected identifier exactly once on the server, nothing else of
// ours, and the server's resource count per type (admin stats) equal to the
// expected count (so nothing was created without our identifier either).
// With `store`: the store's server mapping of each resource names the very
// resource the server holds. Returns the problems, one line each.
std::vector<std::string> CheckExactlyOnce(
    fhir::FhirClient* client, const std::string& record_system,
    const std::map<std::string, std::set<std::string>>& expected,
    const fhir::Json& server_stats, plugin::Store* store);

// From admin stats: requests by method, faults by kind.
long MethodCount(const fhir::Json& stats, const std::string& method);
long Writes(const fhir::Json& stats);  // POST + PUT + DELETE + PATCH
long FaultCount(const fhir::Json& stats, const std::string& kind);
std::string FaultSummary(const fhir::Json& stats);  // "503=4 429=3 ..."

// A transport that forwards to another and lets the test act around each
// request: `before` runs before a request is sent, `after` once its result
// is known (transport error or HTTP status). Thread-safe as the hooks are.
class HookedTransport : public fhir::HttpTransport {
 public:
  using Before = std::function<void(const fhir::HttpRequest&)>;
  using After = std::function<void(const fhir::HttpRequest&,
                                   const fhir::StatusOr<fhir::HttpResponse>&)>;
  explicit HookedTransport(std::unique_ptr<fhir::HttpTransport> inner)
      : inner_(std::move(inner)) {}
  void SetHooks(Before before, After after);
  fhir::StatusOr<fhir::HttpResponse> Send(const fhir::HttpRequest& request) override;

 private:
  std::unique_ptr<fhir::HttpTransport> inner_;
  std::mutex mu_;
  Before before_;
  After after_;
};

// True for a transaction/batch: POST to the FHIR base itself.
bool IsBundlePost(const fhir::HttpRequest& request, const std::string& base_url);

// The sync engine in process, as the CLI would build it from the demo
// configuration: a store in a fresh temp folder, a real HTTP transport
// (wrapped in a HookedTransport), a FHIR client with short retry delays, the
// real clock. Small backoff and wait so that faulted syncs stay quick.
class Rig {
 public:
  explicit Rig(fhir::testing::TestFhirServer* server);
  ~Rig();
  Rig(const Rig&) = delete;
  Rig& operator=(const Rig&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Writes `jsonl` to a file in the rig's folder and imports it; problems
  // (rejected lines, a failed import) go to error().
  plugin::StoreImportSummary Import(const std::string& jsonl);
  plugin::SyncSummary Sync(bool push = true, bool pull = true);

  plugin::Store* store() { return store_.get(); }
  fhir::FhirClient* client() { return client_.get(); }  // the engine's
  HookedTransport* transport() { return transport_.get(); }
  plugin::SyncContext& ctx() { return ctx_; }
  const std::string& record_system() const { return ctx_.mapping.record_system; }
  const std::string& mrn_system() const { return ctx_.mapping.mrn_system; }
  const std::string& dir() const { return dir_; }
  std::string log() const { return log_.str(); }

 private:
  std::string error_;
  std::string dir_;
  config::Options options_;
  mappings::InstrumentCatalog catalog_;
  std::unique_ptr<plugin::Store> store_;
  std::unique_ptr<HookedTransport> transport_;
  std::unique_ptr<fhir::FhirClient> client_;
  plugin::SyncContext ctx_;
  std::ostringstream log_;
};

// Demo configuration as parsed by the CLI (identifier systems etc.).
fhir::StatusOr<config::Options> DemoOptions();

// Writes `text` to `path`; false on failure.
bool WriteFile(const std::string& path, const std::string& text);
std::string ReadFile(const std::string& path);
// A fresh folder under /tmp.
std::string MakeTempDir(const std::string& tag);

}  // namespace faulttest

#endif  // ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_UTIL_FAULTS_H_
