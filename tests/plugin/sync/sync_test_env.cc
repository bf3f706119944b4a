#include "tests/plugin/sync/sync_test_env.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "config/command_line.h"
#include "fhir/bundle.h"
#include "plugin/runtime.h"
#include "plugin/setup.h"
#include "plugin/sync/importer.h"

namespace synctest {

std::string DemoRecords() {
  std::ifstream in(std::string(ALLIANCE_SOURCE_DIR) + "/config/demo/clinic.jsonl");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

SyncEnv::SyncEnv(std::vector<std::string> server_args) {
  if (server_args.empty()) {
    server_ = fhir::testing::TestFhirServer::Shared();
  } else {
    fhir::testing::TestFhirServer::Options o;
    o.args = server_args;
    auto started = fhir::testing::TestFhirServer::Start(o);
    if (started.ok()) {
      own_server_ = std::move(*started);
      server_ = own_server_.get();
    }
  }
  if (!server_) {
    error_ = "test server did not start";
    return;
  }
  server_->Reset();
  server_->SetFaults(fhir::Json::Parse(R"({"rate":0,"latencyMs":0,"next":[]})").value());
  char tmpl[] = "/tmp/alliance-sync-XXXXXX";
  dir_ = mkdtemp(tmpl);
  // The demo configuration, as the CLI would read it.
  std::string conf = std::string(ALLIANCE_SOURCE_DIR) + "/config/demo/alliance-fhir.conf";
  const char* argv[] = {"alliance-fhir", "status", "--config", conf.c_str()};
  auto inv = config::ParseCommandLine(4, argv);
  if (!inv.ok()) {
    error_ = inv.status().ToString();
    return;
  }
  fhir::Status st = plugin::LoadInstruments(inv->options, &catalog_, &std::cerr);
  auto store = plugin::Store::Open(dir_ + "/store.db");
  if (!st.ok() || !store.ok()) {
    error_ = st.ok() ? store.status().ToString() : st.ToString();
    return;
  }
  store_ = std::move(*store);
  transport_ = fhir::NewHttpTransport(fhir::TransportOptions());
  client_ = std::make_unique<fhir::FhirClient>(server_->base_url(), transport_.get());
  ctx_.store = store_.get();
  ctx_.client = client_.get();
  ctx_.mapping = plugin::MakeMappingContext(inv->options, &catalog_, "2026-03-02T20:00:00Z");
  ctx_.now_ms = plugin::WallClockMs;
  ctx_.sleep_ms = [](std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  ctx_.options.backoff_ms = 50;
  ctx_.options.max_wait_ms = 20000;
}

SyncEnv::~SyncEnv() {
  store_.reset();
  if (!dir_.empty()) std::system(("rm -rf '" + dir_ + "'").c_str());
}

void SyncEnv::AddPatients(const std::vector<std::string>& mrns) {
  for (const std::string& mrn : mrns) {
    fhir::Json p = fhir::Json::Object();
    p.Set("resourceType", "Patient");
    fhir::Json id = fhir::Json::Object();
    id.Set("system", ctx_.mapping.mrn_system);
    id.Set("value", mrn);
    p.Set("identifier", fhir::Json::Array()).Append(std::move(id));
    client_->Create(p);
  }
}

plugin::StoreImportSummary SyncEnv::Import(const std::string& jsonl) {
  std::string path = dir_ + "/records.jsonl";
  std::ofstream(path, std::ios::binary) << jsonl;
  // Documents named by path live beside the demo file.
  std::system(("cp -r '" + std::string(ALLIANCE_SOURCE_DIR) + "/config/demo/docs' '" + dir_ + "/'").c_str());
  plugin::IntakeContext intake;
  intake.instruments = &catalog_;
  plugin::StoreImportSummary summary;
  std::ostringstream messages;
  fhir::Status st = plugin::ImportFile(path, intake, 1 << 20, store_.get(),
                                       plugin::WallClockMs(), &messages, &summary);
  if (!st.ok() || !messages.str().empty()) error_ = st.ToString() + messages.str();
  return summary;
}

plugin::SyncSummary SyncEnv::Sync(bool push, bool pull) {
  plugin::SyncSummary summary;
  plugin::RunSync(ctx_, push, pull, &summary);
  return summary;
}

std::map<std::string, int> SyncEnv::CountByIdentifier(const std::string& type) {
  std::map<std::string, int> counts;
  fhir::SearchResult r = client_->Search(
      type, fhir::IdentifierQuery(ctx_.mapping.record_system, "") + "&_count=200");
  for (const fhir::Json& e : r.entries) {
    const fhir::Json* res = e.Find("resource");
    const fhir::Json* ids = res ? res->Find("identifier") : nullptr;
    if (!ids) continue;
    auto count = [&](const fhir::Json& id) {
      const fhir::Json* sys = id.Find("system");
      if (sys && sys->str() == ctx_.mapping.record_system) ++counts[id.Find("value")->str()];
    };
    if (ids->is_object()) count(*ids);
    for (const fhir::Json& id : ids->items()) count(id);
  }
  return counts;
}

fhir::Json SyncEnv::Find(const std::string& type, const std::string& value) {
  fhir::SearchResult r =
      client_->Search(type, fhir::IdentifierQuery(ctx_.mapping.record_system, value));
  if (r.entries.size() != 1) return fhir::Json();
  const fhir::Json* res = r.entries[0].Find("resource");
  return res ? *res : fhir::Json();
}

long SyncEnv::Writes() {
  auto stats = server_->Stats();
  if (!stats.ok()) return -1;
  long n = 0;
  if (const fhir::Json* by = stats->Find("byMethod")) {
    for (const char* m : {"POST", "PUT", "DELETE", "PATCH"}) {
      if (const fhir::Json* v = by->Find(m)) n += static_cast<long>(v->AsInt().value_or(0));
    }
  }
  return n;
}

}  // namespace synctest
