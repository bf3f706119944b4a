// A sync test environment: the real FHIR test server, a store in a temp
// file, a client, and the demo configuration's mapping context. Helpers to
// import records and to count what the server holds by business identifier.
#ifndef ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_ENV_H_
#define ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_ENV_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fhir/http/fhir_client.h"
#include "fhir/http/http_transport.h"
#include "mappings/rating/instrument_catalog.h"
#include "plugin/store/store.h"
#include "plugin/sync/importer.h"
#include "plugin/sync/sync_engine.h"
#include "tests/fhir/http/test_server.h"

namespace synctest {

class SyncEnv {
 public:
  // Resets the shared server (or, with `server_args`, starts one of its
  // own with those flags); a fresh store file per env.
  explicit SyncEnv(std::vector<std::string> server_args = {});
  ~SyncEnv();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Creates Patient resources carrying these MRNs.
  void AddPatients(const std::vector<std::string>& mrns);
  // Imports JSON Lines text (as if from a file in the demo folder).
  plugin::StoreImportSummary Import(const std::string& jsonl);
  plugin::SyncSummary Sync(bool push = true, bool pull = true);

  // Business identifier value -> how many resources of `type` carry it.
  std::map<std::string, int> CountByIdentifier(const std::string& type);
  // The one resource of `type` with this business identifier (null if 0/2+).
  fhir::Json Find(const std::string& type, const std::string& value);
  // Writes (POST+PUT+DELETE+PATCH) the server has processed so far.
  long Writes();

  plugin::Store* store() { return store_.get(); }
  fhir::FhirClient* client() { return client_.get(); }
  plugin::SyncContext& ctx() { return ctx_; }
  fhir::testing::TestFhirServer* server() { return server_; }

 private:
  std::string error_;
  std::string dir_;
  fhir::testing::TestFhirServer* server_ = nullptr;
  std::unique_ptr<fhir::testing::TestFhirServer> own_server_;
  mappings::InstrumentCatalog catalog_;
  std::unique_ptr<plugin::Store> store_;
  std::unique_ptr<fhir::HttpTransport> transport_;
  std::unique_ptr<fhir::FhirClient> client_;
  plugin::SyncContext ctx_;
};

// The demo clinic file's text.
std::string DemoRecords();

}  // namespace synctest

#endif  // ALLIANCE_TESTS_PLUGIN_SYNC_SYNC_TEST_ENV_H_
