// Benchmark of sync against the local FHIR server (issue 3).
//
// Measures, in one run, against tests/fhir-server/server.js (Medplum's
// FhirRouter over its in-memory repository, started by TestFhirServer with
// its defaults: resource validation ON, transactions on, no faults):
//  1. bundled sync (RunSync, transaction Bundles of bundle_size 100) of N
//     ratings (default 10,000; with the generator's instrument mix that is
//     about 3 resources per rating, ~30,000) imported into a fresh store:
//     wall time, resources written, resources/s, HTTP requests, CPU of this
//     process and of the server, peak memory of both;
//  2. a no-op re-sync of the same records (re-import of the same file, then
//     RunSync): time and write requests (target: under 1 s, zero writes);
//     and a forced re-check (every record queued again, so the engine
//     re-maps it and compares content hashes): time and write requests;
//  3. the baseline: the same records sent one request per resource by the
//     same FhirClient and transport (mapped with mappings::MapRecord, each
//     resource a plain FhirClient::Create, sequential like the engine)
//     against the same server after Reset(): resources/s over the time
//     spent inside Create (mapping not counted: the baseline's best case)
//     and the ratio bundled / single (target >= 5);
//  4. for reference, the engine's own one-request-per-resource fallback
//     (a second server started with --no-transactions) on a sample.
// Speed is reported, never asserted. The exit status is non-zero only when
// the results are wrong (a sync failed, a resource count is off, a no-op
// re-sync wrote something).
//
// Usage: bench_sync [--ratings N] [--patients P] [--single-ratings M]
//                   [--fallback-ratings F] [--bundle-size B] [--dir DIR]
//                   [--no-validate] [--latency-ms L]
//   --single-ratings: ratings in the baseline (default: all N)
//   --fallback-ratings: ratings through the engine's fallback (default
//     1000; 0 skips it)
//   --dir: where the records and the store go (default
//     /tmp/alliance-bench-sync); the store's commits wait for the disk
//     (fdatasync), so a tmpfs here shows what the disk costs
//   --no-validate: the servers store resources unchecked (shows what
//     Medplum's validation costs; the benchmark's figures keep it on)
//   --latency-ms: the servers delay every FHIR request by L ms, like a
//     network round trip to a hospital (default 0: loopback)
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/command_line.h"
#include "fhir/bundle.h"
#include "fhir/http/fhir_client.h"
#include "fhir/http/http_transport.h"
#include "mappings/map_record.h"
#include "mappings/rating/instrument_catalog.h"
#include "plugin/intake/record_intake.h"
#include "plugin/runtime.h"
#include "plugin/setup.h"
#include "plugin/store/store.h"
#include "plugin/sync/importer.h"
#include "plugin/sync/sync_engine.h"
#include "tests/bench/record_generator.h"
#include "tests/fhir/http/test_server.h"

namespace {

using fhir::testing::TestFhirServer;
using Steady = std::chrono::steady_clock;

double Seconds(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

[[noreturn]] void Die(const std::string& what) {
  std::fflush(stdout);
  std::cerr << "bench_sync: " << what << "\n";
  std::exit(2);
}

// ---- /proc figures (this process and the server child) -------------------

long StatusKib(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
      return std::strtol(line.c_str() + n + 1, nullptr, 10);
    }
  }
  return -1;
}
long PeakKib(pid_t pid) { return StatusKib(pid, "VmHWM"); }
long RssKib(pid_t pid) { return StatusKib(pid, "VmRSS"); }

// This process's peak RSS over the whole run: ResetPeak() also resets what
// getrusage reports as ru_maxrss, so the peaks are kept here before each reset.
long g_run_peak_kib = 0;

// Resets the process's peak RSS (VmHWM) to its current RSS (Linux >= 4.0),
// so a phase's peak can be read afterwards.
void ResetPeak(pid_t pid) {
  if (pid == getpid()) g_run_peak_kib = std::max(g_run_peak_kib, PeakKib(pid));
  std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";
}

// User + system CPU seconds of a process (all its threads).
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  // Fields after the command: 3 state ... 14 utime, 15 stime.
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::strtod(field.c_str(), nullptr);
    if (i == 15) stime = std::strtod(field.c_str(), nullptr);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Mb(long kib) { return kib / 1024.0; }

// ---- Server stats ---------------------------------------------------------

struct ServerCounts {
  long requests = 0;
  std::map<std::string, long> by_method;
  std::map<std::string, long> resources;

  long Writes() const {
    long n = 0;
    for (const char* m : {"POST", "PUT", "DELETE", "PATCH"}) {
      auto it = by_method.find(m);
      if (it != by_method.end()) n += it->second;
    }
    return n;
  }
  long Resources(const std::string& type) const {
    auto it = resources.find(type);
    return it == resources.end() ? 0 : it->second;
  }
};

ServerCounts Counts(TestFhirServer* server) {
  fhir::StatusOr<fhir::Json> stats = server->Stats();
  if (!stats.ok()) Die("server stats: " + stats.status().ToString());
  ServerCounts c;
  auto num = [](const fhir::Json& j) { return static_cast<long>(j.AsInt().value_or(0)); };
  if (const fhir::Json* r = stats->Find("requests")) c.requests = num(*r);
  for (const char* key : {"byMethod", "resources"}) {
    const fhir::Json* obj = stats->Find(key);
    if (!obj || !obj->is_object()) continue;
    for (std::size_t i = 0; i < obj->size(); ++i) {
      (std::strcmp(key, "byMethod") == 0 ? c.by_method : c.resources)[obj->key(i)] =
          num(obj->at(i));
    }
  }
  return c;
}

ServerCounts Delta(const ServerCounts& a, const ServerCounts& b) {
  ServerCounts d;
  d.requests = b.requests - a.requests;
  for (const auto& [m, n] : b.by_method) {
    auto it = a.by_method.find(m);
    d.by_method[m] = n - (it == a.by_method.end() ? 0 : it->second);
  }
  for (const auto& [t, n] : b.resources) {
    auto it = a.resources.find(t);
    d.resources[t] = n - (it == a.resources.end() ? 0 : it->second);
  }
  return d;
}

std::string Methods(const ServerCounts& d) {
  std::string s;
  for (const auto& [m, n] : d.by_method) {
    if (n == 0) continue;
    if (!s.empty()) s += ", ";
    s += m + " " + std::to_string(n);
  }
  return s.empty() ? "none" : s;
}

// ---- A measured phase -----------------------------------------------------

struct Phase {
  double wall = 0;
  double cpu_self = 0;
  double cpu_server = 0;
  long peak_self_kib = 0;
  long peak_server_kib = 0;
  long rss_before_kib = 0;
  long server_rss_before_kib = 0;
  ServerCounts http;  // server stats delta

  template <typename F>
  static Phase Measure(TestFhirServer* server, F&& body) {
    Phase p;
    malloc_trim(0);  // memory freed by an earlier phase must not count here
    p.rss_before_kib = RssKib(getpid());
    p.server_rss_before_kib = RssKib(server->pid());
    ResetPeak(getpid());
    ResetPeak(server->pid());
    ServerCounts before = Counts(server);
    double c0 = CpuSeconds(getpid()), s0 = CpuSeconds(server->pid());
    auto t0 = Steady::now();
    body();
    p.wall = Seconds(t0, Steady::now());
    p.cpu_self = CpuSeconds(getpid()) - c0;
    p.cpu_server = CpuSeconds(server->pid()) - s0;
    p.peak_self_kib = PeakKib(getpid());
    p.peak_server_kib = PeakKib(server->pid());
    p.http = Delta(before, Counts(server));
    return p;
  }
};

void PrintCpu(const Phase& p) {
  std::printf("  CPU: this process %.1f s (%.0f%% of wall), server %.1f s (%.0f%% of wall)\n",
              p.cpu_self, 100 * p.cpu_self / p.wall, p.cpu_server, 100 * p.cpu_server / p.wall);
}

void PrintPeaks(const Phase& p) {
  std::printf("  peak RSS: this process %.1f MB (%.1f MB before), server %.1f MB (%.1f MB before)\n",
              Mb(p.peak_self_kib), Mb(p.rss_before_kib), Mb(p.peak_server_kib),
              Mb(p.server_rss_before_kib));
}

// Round-trip times of transaction Bundles (POST to the base URL), from the
// client's debug log: "POST <base> | ... -> 200 OK (N ms)".
struct BundleTimes {
  std::string prefix;  // "POST <base> |"
  bool on = false;
  std::vector<long> ms;

  void Line(const std::string& line) {
    if (!on || line.compare(0, prefix.size(), prefix) != 0) return;
    std::size_t open = line.rfind('('), unit = line.rfind(" ms)");
    if (open == std::string::npos || unit == std::string::npos || unit < open) return;
    ms.push_back(std::strtol(line.c_str() + open + 1, nullptr, 10));
  }
  // Mean of the first and the last tenth.
  void Print() const {
    if (ms.size() < 10) return;
    std::size_t tenth = ms.size() / 10;
    double first = 0, last = 0;
    for (std::size_t i = 0; i < tenth; ++i) {
      first += ms[i];
      last += ms[ms.size() - 1 - i];
    }
    std::printf("  round trip per transaction Bundle: first %zu bundles %.0f ms each, last %zu "
                "%.0f ms each\n", tenth, first / tenth, tenth, last / tenth);
  }
};

// ---- Set-up helpers -------------------------------------------------------

struct Env {
  config::Options options;
  mappings::InstrumentCatalog catalog;
  mappings::MappingContext mapping;
  std::unique_ptr<fhir::HttpTransport> transport;
};

std::unique_ptr<TestFhirServer> StartServer(std::vector<std::string> args) {
  TestFhirServer::Options o;
  o.args = std::move(args);
  auto started = TestFhirServer::Start(o);
  if (!started.ok()) Die("test server did not start: " + started.status().ToString());
  return std::move(*started);
}

fhir::Json WithIdentifier(const char* type, const std::string& system, const std::string& value) {
  fhir::Json r = fhir::Json::Object();
  r.Set("resourceType", type);
  fhir::Json id = fhir::Json::Object();
  id.Set("system", system);
  id.Set("value", value);
  r.Set("identifier", fhir::Json::Array()).Append(std::move(id));
  return r;
}

// The hospital's side: `patients` Patients with the generator's MRNs and the
// generator's staff as Practitioners. Returns their literal references.
mappings::ReferenceDirectory CreatePopulation(fhir::FhirClient* client,
                                              const mappings::MappingContext& m,
                                              int patients) {
  mappings::ReferenceDirectory dir;
  auto create = [&](const fhir::Json& r, const std::string& type) {
    fhir::FhirResult res = client->Create(r);
    const fhir::Json* id = res.response.body.Find("id");
    if (!res.ok() || !id) Die("creating a " + type + ": " + res.status.ToString());
    return type + "/" + id->str();
  };
  for (int i = 0; i < patients; ++i) {
    std::string mrn = bench::PatientMrn(i);
    dir.patients[mrn] = create(WithIdentifier("Patient", m.mrn_system, mrn), "Patient");
  }
  for (int i = 1; i <= bench::kStaff; ++i) {
    std::string staff = bench::StaffId(i);
    dir.staff[staff] =
        create(WithIdentifier("Practitioner", m.staff_system, staff), "Practitioner");
  }
  return dir;
}

// A fresh store file (a previous run's, and its WAL, removed first).
std::unique_ptr<plugin::Store> OpenStore(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  auto store = plugin::Store::Open(path);
  if (!store.ok()) Die(store.status().ToString());
  return std::move(*store);
}

plugin::StoreImportSummary Import(const Env& env, const std::string& file, plugin::Store* store) {
  plugin::IntakeContext intake;
  intake.instruments = &env.catalog;
  plugin::StoreImportSummary summary;
  std::ostringstream messages;
  fhir::Status st = plugin::ImportFile(file, intake, 1 << 20, store, plugin::WallClockMs(),
                                       &messages, &summary);
  if (!st.ok() || summary.rejected) Die("import: " + st.ToString() + "\n" + messages.str());
  return summary;
}

plugin::SyncContext MakeSyncContext(Env& env, plugin::Store* store, fhir::FhirClient* client,
                                    std::size_t bundle_size, std::ostream* log) {
  plugin::SyncContext ctx;
  ctx.store = store;
  ctx.client = client;
  ctx.mapping = env.mapping;
  ctx.options.bundle_size = bundle_size;
  ctx.now_ms = plugin::WallClockMs;
  ctx.sleep_ms = [](std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  ctx.log = log;
  return ctx;
}

plugin::SyncSummary Sync(const plugin::SyncContext& ctx, const char* what) {
  plugin::SyncSummary summary;
  plugin::RunSync(ctx, true, true, &summary);
  if (!summary.status.ok()) Die(std::string(what) + ": " + summary.ToText());
  return summary;
}

// Conditional references to resources of the same record
// ("Type?identifier=<record system>|<value>") -> the literal ones created.
void RewriteReferences(fhir::Json* node, const std::map<std::string, std::string>& created,
                       std::size_t* unresolved) {
  if (node->is_object()) {
    const fhir::Json* ref = node->Find("reference");
    if (ref && ref->is_string() && ref->str().find('?') != std::string::npos) {
      auto it = created.find(ref->str());
      if (it != created.end()) {
        node->Set("reference", it->second);
      } else {
        ++*unresolved;
        node->Remove("reference");  // logical reference (identifier) only
      }
    }
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    if (node->at(i).is_object() || node->at(i).is_array()) {
      RewriteReferences(&node->at(i), created, unresolved);
    }
  }
}

struct SingleRun {
  std::size_t records = 0;
  std::size_t resources = 0;
  std::size_t failed = 0;
  std::size_t unresolved = 0;
  double send_seconds = 0;  // in FhirClient::Create only
  std::string first_error;
};

// The baseline: each record's resources, in the mapping's order (each refers
// only to earlier ones), one FhirClient::Create per resource.
SingleRun SendOnePerResource(const Env& env, const std::string& file, std::size_t max_records,
                             const mappings::ReferenceDirectory& dir, fhir::FhirClient* client) {
  SingleRun run;
  plugin::IntakeContext intake;
  intake.instruments = &env.catalog;
  mappings::MappingContext m = env.mapping;
  m.directory = &dir;
  std::ifstream in(file);
  std::string line;
  while (run.records < max_records && std::getline(in, line)) {
    fhir::Issues issues;
    std::optional<mappings::Record> record = plugin::TakeRecord(line, intake, &issues);
    if (!record) Die("baseline: record rejected: " + issues.ToText());
    mappings::MappingResult mapped = mappings::MapRecord(*record, m);
    if (mapped.issues.HasErrors()) Die("baseline: mapping: " + mapped.issues.ToText());
    ++run.records;
    std::map<std::string, std::string> created;
    for (mappings::MappedResource& r : mapped.resources) {
      RewriteReferences(&r.resource, created, &run.unresolved);
      auto t0 = Steady::now();
      fhir::FhirResult res = client->Create(r.resource);
      run.send_seconds += Seconds(t0, Steady::now());
      const fhir::Json* id = res.response.body.Find("id");
      if (!res.ok() || !id) {
        if (run.failed++ == 0) run.first_error = res.status.ToString();
        continue;
      }
      ++run.resources;
      created[r.resource_type + "?" + fhir::IdentifierQuery(m.record_system, r.identifier_value)] =
          r.resource_type + "/" + id->str();
    }
  }
  return run;
}

std::string Head(const std::string& text, std::size_t lines) {
  std::istringstream in(text);
  std::string out, line;
  std::size_t n = 0, total = 0;
  while (std::getline(in, line)) {
    if (n < lines) { out += "    " + line + "\n"; ++n; }
    ++total;
  }
  if (total > n) out += "    ... (" + std::to_string(total - n) + " more lines)\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ratings = 10000, bundle_size = 100, fallback = 1000;
  std::size_t single = static_cast<std::size_t>(-1);
  int patients = 200;
  std::string dir = "/tmp/alliance-bench-sync";
  std::vector<std::string> server_args;  // validation on, as in the tests
  int latency_ms = 0;
  const char* usage =
      "usage: bench_sync [--ratings N] [--patients P] [--single-ratings M] "
      "[--fallback-ratings F] [--bundle-size B] [--dir DIR] [--no-validate] [--latency-ms L]";
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--no-validate") {
      server_args.push_back("--no-validate");
      continue;
    }
    if (i + 1 >= argc) Die(usage);
    const char* value = argv[++i];
    if (flag == "--ratings") ratings = std::strtoul(value, nullptr, 10);
    else if (flag == "--patients") patients = std::atoi(value);
    else if (flag == "--single-ratings") single = std::strtoul(value, nullptr, 10);
    else if (flag == "--fallback-ratings") fallback = std::strtoul(value, nullptr, 10);
    else if (flag == "--bundle-size") bundle_size = std::strtoul(value, nullptr, 10);
    else if (flag == "--dir") dir = value;
    else if (flag == "--latency-ms") latency_ms = std::atoi(value);
    else Die("unknown flag " + flag + "\n" + usage);
  }
  if (latency_ms > 0) server_args.insert(server_args.end(), {"--latency-ms", std::to_string(latency_ms)});
  if (ratings == 0 || patients <= 0 || bundle_size == 0) {
    Die("--ratings, --patients and --bundle-size must be positive");
  }
  single = std::min(single, ratings);
  fallback = std::min(fallback, ratings);
  bool failed = false;

  // Records: ratings only (SRS, WAI-SR, HAq-II in equal parts) over a small
  // patient population the server knows.
  std::system(("mkdir -p '" + dir + "'").c_str());
  const std::string file = dir + "/ratings.jsonl";
  const std::string sample = dir + "/ratings-sample.jsonl";
  {
    std::ofstream out(file);
    bench::GenerateRecords(&out, ratings, 3, bench::Mix{100, 0, 0, 0}, "consent.pdf", patients);
    if (fallback > 0) {  // same seed: the first `fallback` records of the file
      std::ofstream sample_out(sample);
      bench::GenerateRecords(&sample_out, fallback, 3, bench::Mix{100, 0, 0, 0}, "consent.pdf",
                             patients);
    }
  }

  // The demo configuration, as the CLI reads it.
  Env env;
  std::string conf = std::string(ALLIANCE_SOURCE_DIR) + "/config/demo/alliance-fhir.conf";
  const char* cli[] = {"alliance-fhir", "sync", "--config", conf.c_str()};
  auto inv = config::ParseCommandLine(4, cli);
  if (!inv.ok()) Die(inv.status().ToString());
  env.options = inv->options;
  if (!plugin::LoadInstruments(env.options, &env.catalog, &std::cerr).ok()) Die("instruments");
  env.mapping = plugin::MakeMappingContext(env.options, &env.catalog, "2026-03-02T20:00:00Z");
  env.transport = fhir::NewHttpTransport(fhir::TransportOptions());

  std::printf("bench_sync: %zu ratings over %d patients and %d staff; bundle size %zu\n",
              ratings, patients, bench::kStaff, bundle_size);
  std::printf("server: tests/fhir-server/server.js (Medplum FhirRouter + MemoryRepository), "
              "resource validation %s, loopback, %s; client: FhirClient over "
              "NewHttpTransport (cpprestsdk), one thread; store: SQLite file in %s, durable "
              "(synchronous=FULL, as the CLI)\n",
              std::count(server_args.begin(), server_args.end(), "--no-validate")
                  ? "OFF (--no-validate)" : "ON",
              latency_ms > 0 ? ("no faults, " + std::to_string(latency_ms) +
                                " ms added to every FHIR request (--latency-ms)").c_str()
                             : "no faults, no added latency",
              dir.c_str());
  std::fflush(stdout);

  {
    std::ifstream load("/proc/loadavg");
    double one = 0;
    load >> one;
    std::printf("machine: %ld cores, load average %.2f at start (other work on the machine "
                "slows both sides and the disk)\n", sysconf(_SC_NPROCESSORS_ONLN), one);
  }
  auto t_start = Steady::now();
  std::unique_ptr<TestFhirServer> server = StartServer(server_args);
  std::printf("server started in %.1f s (pid %d, RSS %.0f MB)\n", Seconds(t_start, Steady::now()),
              server->pid(), Mb(RssKib(server->pid())));
  BundleTimes bundle_times;
  bundle_times.prefix = "POST " + server->base_url() + " |";
  fhir::ClientOptions client_options;
  client_options.debug_log = [&](const std::string& line) { bundle_times.Line(line); };
  fhir::FhirClient client(server->base_url(), env.transport.get(), client_options);
  CreatePopulation(&client, env.mapping, patients);
  std::fflush(stdout);

  // ---- 1. Import, then bundled sync ---------------------------------------
  std::unique_ptr<plugin::Store> store = OpenStore(dir + "/store.db");
  auto t_import = Steady::now();
  plugin::StoreImportSummary imported = Import(env, file, store.get());
  double import_s = Seconds(t_import, Steady::now());
  std::printf("\nimport into a fresh store (%s): %zu new records in %.2f s\n",
              store->path().c_str(), imported.new_records, import_s);

  std::ostringstream log;
  plugin::SyncContext ctx = MakeSyncContext(env, store.get(), &client, bundle_size, &log);
  plugin::SyncSummary first;
  bundle_times.on = true;
  Phase bundled = Phase::Measure(server.get(), [&] { first = Sync(ctx, "bundled sync"); });
  bundle_times.on = false;
  std::size_t written = first.push.created + first.push.updated;
  long qr = bundled.http.Resources("QuestionnaireResponse");
  long obs = bundled.http.Resources("Observation");
  double bundled_rate = written / bundled.wall;
  std::printf("\n1. bundled sync (RunSync: push + pull)\n");
  std::printf("  records sent %zu of %zu; resources written %zu (%zu created, %zu updated): "
              "QuestionnaireResponse %ld, Observation %ld on the server\n",
              first.push.records_sent, ratings, written, first.push.created, first.push.updated,
              qr, obs);
  std::printf("  wall %.2f s: %.0f resources/s, %.0f records/s\n", bundled.wall, bundled_rate,
              first.push.records_sent / bundled.wall);
  std::printf("  HTTP requests: %ld (%s); %zu transaction bundles, %.1f resources per request\n",
              bundled.http.requests, Methods(bundled.http).c_str(), first.push.bundles,
              static_cast<double>(written) / bundled.http.requests);
  bundle_times.Print();
  PrintCpu(bundled);
  PrintPeaks(bundled);
  if (first.push.records_sent != ratings || static_cast<long>(written) != qr + obs ||
      qr != static_cast<long>(ratings) || first.push.records_parked || first.push.records_waiting) {
    std::printf("  WRONG: %s", first.ToText().c_str());
    failed = true;
  }

  std::fflush(stdout);  // progress, also when piped

  // ---- 2. No-op re-sync ---------------------------------------------------
  auto t_reimport = Steady::now();
  plugin::StoreImportSummary again = Import(env, file, store.get());
  double reimport_s = Seconds(t_reimport, Steady::now());
  plugin::SyncSummary noop;
  Phase noop_phase = Phase::Measure(server.get(), [&] { noop = Sync(ctx, "no-op re-sync"); });
  std::printf("\n2. no-op re-sync of the %zu synced records\n", ratings);
  std::printf("  re-import of the same file: %zu unchanged, %zu new, %zu changed in %.2f s\n",
              again.unchanged, again.new_records, again.new_revisions, reimport_s);
  std::printf("  RunSync: %.3f s (target < 1 s), %ld HTTP requests (%s), %ld writes (target 0)\n",
              noop_phase.wall, noop_phase.http.requests, Methods(noop_phase.http).c_str(),
              noop_phase.http.Writes());
  if (noop_phase.http.Writes() != 0 || noop.push.records_sent != 0 || again.unchanged != ratings) {
    std::printf("  WRONG: %s", noop.ToText().c_str());
    failed = true;
  }

  // Forced re-check: every record queued again at its latest revision, so
  // the engine re-reads, re-maps, re-validates and compares content hashes.
  {
    plugin::RecordQuery all;
    auto records = store->ListRecords(all);
    if (!records.ok()) Die(records.status().ToString());
    plugin::Transaction tx(store.get());
    std::int64_t now = plugin::WallClockMs();
    for (const plugin::RecordState& r : *records) {
      fhir::Status st = store->Enqueue(r.key, r.latest_revision, now);
      if (!st.ok()) Die("enqueue: " + st.ToString());
    }
    if (!tx.Commit().ok()) Die("enqueue: commit");
  }
  plugin::SyncSummary recheck;
  Phase recheck_phase =
      Phase::Measure(server.get(), [&] { recheck = Sync(ctx, "forced re-check"); });
  std::printf("  forced re-check (all %zu queued again: re-mapped, hashes compared): %.2f s, "
              "%zu unchanged, %ld HTTP requests (%s), %ld writes\n",
              ratings, recheck_phase.wall, recheck.push.records_unchanged,
              recheck_phase.http.requests, Methods(recheck_phase.http).c_str(),
              recheck_phase.http.Writes());
  PrintCpu(recheck_phase);
  if (recheck_phase.http.Writes() != 0 || recheck.push.records_unchanged != ratings) {
    std::printf("  WRONG: %s", recheck.ToText().c_str());
    failed = true;
  }
  store.reset();
  std::fflush(stdout);

  // ---- 3. Baseline: one request per resource, same client -----------------
  // --single-ratings 0 skips it.
  if (single > 0) {
    if (!server->Reset().ok()) Die("server reset");
    mappings::ReferenceDirectory directory = CreatePopulation(&client, env.mapping, patients);
    SingleRun base;
    Phase single_phase = Phase::Measure(server.get(), [&] {
      base = SendOnePerResource(env, file, single, directory, &client);
    });
    // Over the time inside Create only: the baseline's mapping is not held
    // against it (the bundled figure includes the engine's own mapping).
    double single_rate = base.resources / base.send_seconds;
    std::printf("\n3. baseline: the same %s%zu ratings, one FhirClient::Create per resource "
                "(same client and transport, server Reset() and the population re-created)\n",
                single == ratings ? "" : "(first) ", base.records);
    std::printf("  resources written %zu (QuestionnaireResponse %ld, Observation %ld), failed %zu%s\n",
                base.resources, single_phase.http.Resources("QuestionnaireResponse"),
                single_phase.http.Resources("Observation"), base.failed,
                base.failed ? (": " + base.first_error).c_str() : "");
    std::printf("  wall %.2f s, of which %.2f s inside Create: %.0f resources/s (over the time "
                "inside Create); HTTP requests %ld (%s)\n",
                single_phase.wall, base.send_seconds, single_rate, single_phase.http.requests,
                Methods(single_phase.http).c_str());
    PrintCpu(single_phase);
    PrintPeaks(single_phase);
    if (base.failed || base.unresolved) {
      std::printf("  WRONG: %zu failed, %zu unresolved references\n", base.failed, base.unresolved);
      failed = true;
    }
    std::printf("\n  RATIO bundled / one-request-per-resource: %.0f / %.0f resources/s = %.2fx "
                "(target >= 5x)\n", bundled_rate, single_rate, bundled_rate / single_rate);
  }
  server.reset();  // stops it
  std::fflush(stdout);

  // ---- 4. The engine's own fallback (server without transactions) ---------
  if (fallback > 0) {
    std::vector<std::string> plain_args = server_args;
    plain_args.push_back("--no-transactions");
    std::unique_ptr<TestFhirServer> plain = StartServer(plain_args);
    fhir::FhirClient plain_client(plain->base_url(), env.transport.get());
    CreatePopulation(&plain_client, env.mapping, patients);
    std::unique_ptr<plugin::Store> fb_store = OpenStore(dir + "/store-fallback.db");
    Import(env, sample, fb_store.get());
    std::ostringstream fb_log;
    plugin::SyncContext fb_ctx =
        MakeSyncContext(env, fb_store.get(), &plain_client, bundle_size, &fb_log);
    plugin::SyncSummary fb;
    Phase fb_phase = Phase::Measure(plain.get(), [&] { fb = Sync(fb_ctx, "fallback sync"); });
    std::size_t fb_written = fb.push.created + fb.push.updated;
    double fb_rate = fb_written / fb_phase.wall;
    std::printf("\n4. for reference: the engine's one-request-per-resource fallback "
                "(server --no-transactions), first %zu ratings\n", fallback);
    std::printf("  records sent %zu, resources written %zu, %zu single requests; wall %.2f s: "
                "%.0f resources/s; HTTP requests %ld (%s)\n",
                fb.push.records_sent, fb_written, fb.push.single_requests, fb_phase.wall, fb_rate,
                fb_phase.http.requests, Methods(fb_phase.http).c_str());
    PrintCpu(fb_phase);
    PrintPeaks(fb_phase);
    std::printf("  ratio bundled / engine fallback: %.2fx\n", bundled_rate / fb_rate);
    if (fb.push.records_sent != fallback || fb.push.transactions) {
      std::printf("  WRONG: %s", fb.ToText().c_str());
      failed = true;
    }
  }

  g_run_peak_kib = std::max(g_run_peak_kib, PeakKib(getpid()));
  std::printf("\npeak RSS of this process over the whole run: %.1f MB; total run %.0f s\n",
              Mb(g_run_peak_kib), Seconds(t_start, Steady::now()));
  if (!log.str().empty()) std::printf("sync log:\n%s", Head(log.str(), 5).c_str());
  std::fflush(stdout);
  return failed ? 1 : 0;
}
