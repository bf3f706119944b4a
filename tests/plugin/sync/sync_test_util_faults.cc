#include "tests/plugin/sync/sync_test_util_faults.h"

#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "config/command_line.h"
#include "fhir/bundle.h"
#include "fhir/crypto.h"
#include "plugin/runtime.h"
#include "plugin/setup.h"
#include "plugin/sync/sync_context.h"

#ifndef ALLIANCE_SOURCE_DIR
#error "ALLIANCE_SOURCE_DIR must be defined (the repository root)"
#endif

namespace faulttest {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// A date in 2026 from a day number (0 = 2026-01-01), months of 28 days.
std::string Date(int day) {
  return "2026-" + Two(1 + (day / 28) % 12) + "-" + Two(1 + day % 28);
}

const char* const kAchievements[] = {"in-progress", "improving", "no-change", "sustaining"};
const char* const kPriorities[] = {"high", "medium", "low"};
const char* const kGoalTexts[] = {
    "Speak up about my needs once a week", "Sleep through the night five nights a week",
    "Go for a walk three times a week", "Call a friend every weekend",
    "Keep my weekly appointments", "Use the breathing exercise when anxious"};
const char* const kTherapists[] = {"T-17", "T-22", "T-31"};

std::string Consent(const std::string& id, const std::string& mrn, int variant,
                    std::mt19937& rng) {
  std::string doc = "%PDF-1.4\n% consent " + id + " for " + mrn + " #" +
                    std::to_string(rng()) + "\n%%EOF\n";
  std::string data = fhir::Base64Encode(doc);
  std::string start = Date(static_cast<int>(rng() % 40));
  if (variant % 2 == 0) {
    return "{\"kind\":\"consent\",\"id\":" + Quote(id) + ",\"patient\":{\"mrn\":" + Quote(mrn) +
           "},\"status\":\"active\",\"scope\":\"patient-privacy\",\"category\":[\"release-of-"
           "information\"],\"decision\":\"permit\",\"signedAt\":\"" + start +
           "T10:12:00-05:00\",\"signer\":{\"role\":\"patient\",\"name\":\"Client " + mrn +
           "\"},\"witness\":\"T-17\",\"period\":{\"start\":\"" + start +
           "\",\"end\":\"2027-12-31\"},\"recipients\":[\"hospital\"],\"purposes\":[\"TREAT\"],"
           "\"data\":[\"alliance-ratings\",\"goals\",\"plans\"],\"policy\":\"hipaa\","
           "\"document\":{\"data\":\"" + data +
           "\",\"contentType\":\"application/pdf\",\"title\":\"Release of information\"}}";
  }
  return "{\"kind\":\"consent\",\"id\":" + Quote(id) + ",\"patient\":{\"mrn\":" + Quote(mrn) +
         "},\"status\":\"active\",\"scope\":\"treatment\",\"category\":[\"treatment\"],"
         "\"decision\":\"permit\",\"signedAt\":\"" + start +
         "T09:30:00-05:00\",\"signer\":{\"role\":\"guardian\",\"name\":\"Parent of " + mrn +
         "\"},\"period\":{\"start\":\"" + start + "\"},\"purposes\":[\"TREAT\"],"
         "\"policy\":\"hipaa\",\"document\":{\"data\":\"" + data +
         "\",\"contentType\":\"application/pdf\",\"title\":\"Consent to treatment\"}}";
}

std::string Plan(const std::string& id, const std::string& mrn,
                 const std::vector<std::string>& goals, std::mt19937& rng) {
  std::string list;
  for (const std::string& g : goals) list += (list.empty() ? "" : ",") + Quote(g);
  return "{\"kind\":\"plan\",\"id\":" + Quote(id) + ",\"patient\":{\"mrn\":" + Quote(mrn) +
         "},\"status\":\"active\",\"title\":\"Plan " + id + "\",\"author\":\"" +
         kTherapists[rng() % 3] + "\",\"period\":{\"start\":\"" + Date(static_cast<int>(rng() % 60)) +
         "\"},\"goals\":[" + list + "],\"description\":\"Weekly sessions, alliance checked every "
         "session.\"}";
}

std::string Goal(const std::string& id, const std::string& mrn, const std::string& plan,
                 std::mt19937& rng) {
  std::string target =
      rng() % 2 ? "{\"measure\":\"srs:total\",\"detail\":{\"low\":36},\"due\":\"" +
                      Date(120 + static_cast<int>(rng() % 100)) + "\"}"
                : "{\"measure\":{\"system\":\"http://loinc.org\",\"code\":\"93832-4\","
                  "\"display\":\"Sleep duration\"},\"detail\":{\"low\":7,\"high\":9},\"unit\":"
                  "\"h\",\"due\":\"" + Date(120 + static_cast<int>(rng() % 100)) + "\"}";
  return "{\"kind\":\"goal\",\"id\":" + Quote(id) + ",\"patient\":{\"mrn\":" + Quote(mrn) +
         "},\"plan\":" + Quote(plan) + ",\"description\":\"" + kGoalTexts[rng() % 6] +
         " (" + id + ")\",\"lifecycle\":\"active\",\"achievement\":\"" +
         kAchievements[rng() % 4] + "\",\"priority\":\"" + kPriorities[rng() % 3] +
         "\",\"expressedBy\":\"" + (rng() % 2 ? "patient" : "therapist") + "\",\"start\":\"" +
         Date(static_cast<int>(rng() % 60)) + "\",\"targets\":[" + target + "]}";
}

std::string Rating(const std::string& id, const std::string& mrn, bool wai, int number,
                   std::mt19937& rng) {
  std::string answers;
  if (wai) {
    for (int i = 1; i <= 12; ++i) {
      answers += (i > 1 ? "," : "") + Quote(std::to_string(i)) + ":" +
                 std::to_string(1 + rng() % 5);
    }
  } else {
    for (int i = 1; i <= 4; ++i) {
      int tenths = static_cast<int>(rng() % 101);  // 0.0 .. 10.0
      std::string v = std::to_string(tenths / 10);
      if (tenths % 10) v += "." + std::to_string(tenths % 10);
      answers += (i > 1 ? "," : "") + Quote(std::to_string(i)) + ":" + v;
    }
  }
  return "{\"kind\":\"rating\",\"id\":" + Quote(id) + ",\"patient\":{\"mrn\":" + Quote(mrn) +
         "},\"instrument\":\"" + (wai ? "wai-sr" : "srs") +
         "\",\"respondent\":\"client\",\"therapist\":\"" + kTherapists[rng() % 3] +
         "\",\"session\":{\"date\":\"" + Date(number * 7 % 300) + "T" + Two(9 + rng() % 8) +
         ":00:00-05:00\",\"number\":" + std::to_string(1 + number) + "},\"answers\":{" +
         answers + "}}";
}

std::string Str(const fhir::Json* j) { return j && j->is_string() ? j->str() : ""; }

}  // namespace

std::string DemoConfigPath() {
  return std::string(ALLIANCE_SOURCE_DIR) + "/config/demo/alliance-fhir.conf";
}

void Generated::Add(const Generated& more) {
  jsonl += more.jsonl;
  records += more.records;
  for (const auto& [k, n] : more.by_kind) by_kind[k] += n;
  for (const auto& [t, values] : more.expected) expected[t].insert(values.begin(), values.end());
  lines.insert(lines.end(), more.lines.begin(), more.lines.end());
}

Generated GenerateRecords(std::uint32_t seed, const std::vector<std::string>& mrns,
                          std::size_t count, const std::string& prefix) {
  std::mt19937 rng(seed);
  Generated g;
  auto add = [&g](const std::string& kind, std::string line) {
    g.jsonl += line + "\n";
    g.lines.push_back(std::move(line));
    ++g.records;
    ++g.by_kind[kind];
  };
  // Per patient: consent, plan, two goals (the plan before its goals, as in
  // the demo file).
  for (std::size_t p = 0; p < mrns.size() && g.records + 4 <= count; ++p) {
    std::string n = std::to_string(p + 1);
    std::string c = prefix + "-c-" + n, tp = prefix + "-tp-" + n;
    std::vector<std::string> goals = {prefix + "-g-" + n + "-1", prefix + "-g-" + n + "-2"};
    add("consent", Consent(c, mrns[p], static_cast<int>(p), rng));
    g.expected["Consent"].insert(c);
    add("plan", Plan(tp, mrns[p], goals, rng));
    g.expected["CarePlan"].insert(tp);
    for (const std::string& goal : goals) {
      add("goal", Goal(goal, mrns[p], tp, rng));
      g.expected["Goal"].insert(goal);
    }
  }
  for (int r = 1; g.records < count; ++r) {
    std::string id = prefix + "-r-" + std::to_string(r);
    bool wai = rng() % 5 < 2;  // 40% WAI-SR
    add("rating", Rating(id, mrns[r % mrns.size()], wai, r, rng));
    g.expected["QuestionnaireResponse"].insert(id);
    if (wai) {
      for (const char* score : {"task", "bond", "goal", "total"}) {
        g.expected["Observation"].insert(id + ":" + score);
      }
    } else {
      g.expected["Observation"].insert(id + ":total");
    }
  }
  return g;
}

fhir::Status AddPatients(fhir::FhirClient* client, const std::string& mrn_system,
                         const std::vector<std::string>& mrns) {
  for (const std::string& mrn : mrns) {
    fhir::Json p = fhir::Json::Object();
    p.Set("resourceType", "Patient");
    fhir::Json id = fhir::Json::Object();
    id.Set("system", mrn_system);
    id.Set("value", mrn);
    p.Set("identifier", fhir::Json::Array()).Append(std::move(id));
    fhir::Json name = fhir::Json::Object();
    name.Set("family", "Client " + mrn);
    p.Set("name", fhir::Json::Array()).Append(std::move(name));
    fhir::FhirResult r = client->Create(p, fhir::IdentifierQuery(mrn_system, mrn));
    if (!r.ok()) return r.status;
  }
  return fhir::OkStatus();
}

fhir::StatusOr<std::map<std::string, int>> CountByIdentifier(
    fhir::FhirClient* client, const std::string& type, const std::string& record_system,
    std::map<std::string, std::string>* server_ids) {
  std::map<std::string, int> counts;
  fhir::SearchResult r =
      client->Search(type, fhir::IdentifierQuery(record_system, "") + "&_count=100");
  if (!r.ok()) return r.status;
  for (const fhir::Json& e : r.entries) {
    const fhir::Json* res = e.Find("resource");
    const fhir::Json* ids = res ? res->Find("identifier") : nullptr;
    if (!ids) continue;
    auto count = [&](const fhir::Json& id) {
      if (Str(id.Find("system")) != record_system) return;
      std::string value = Str(id.Find("value"));
      ++counts[value];
      if (server_ids) (*server_ids)[value] = Str(res->Find("id"));
    };
    if (ids->is_object()) count(*ids);
    if (ids->is_array()) {
      for (const fhir::Json& id : ids->items()) count(id);
    }
  }
  return counts;
}

std::vector<std::string> CheckExactlyOnce(
    fhir::FhirClient* client, const std::string& record_system,
    const std::map<std::string, std::set<std::string>>& expected,
    const fhir::Json& server_stats, plugin::Store* store) {
  std::vector<std::string> problems;
  const fhir::Json* resources = server_stats.Find("resources");
  for (const auto& [type, values] : expected) {
    std::map<std::string, std::string> server_ids;
    fhir::StatusOr<std::map<std::string, int>> counts =
        CountByIdentifier(client, type, record_system, &server_ids);
    if (!counts.ok()) {
      problems.push_back(type + ": search failed: " + counts.status().ToString());
      continue;
    }
    for (const std::string& v : values) {
      auto it = counts->find(v);
      if (it == counts->end()) {
        problems.push_back(type + " " + v + ": missing on the server");
      } else if (it->second != 1) {
        problems.push_back(type + " " + v + ": " + std::to_string(it->second) +
                           " resources on the server (duplicate)");
      }
    }
    for (const auto& [v, n] : *counts) {
      if (!values.count(v)) problems.push_back(type + " " + v + ": unexpected on the server");
    }
    const fhir::Json* total = resources ? resources->Find(type) : nullptr;
    long on_server = total ? static_cast<long>(total->AsInt().value_or(-1)) : 0;
    if (on_server != static_cast<long>(values.size())) {
      problems.push_back(type + ": the server holds " + std::to_string(on_server) +
                         " resources, expected " + std::to_string(values.size()));
    }
    if (!store) continue;
    for (const std::string& v : values) {
      plugin::RecordKey key = plugin::RecordKeyFor(type, v);
      fhir::StatusOr<std::vector<plugin::ServerResource>> mapped = store->GetServerResources(key);
      std::string id;
      if (mapped.ok()) {
        for (const plugin::ServerResource& s : *mapped) {
          if (s.resource_type == type && s.identifier == record_system + "|" + v) id = s.server_id;
        }
      }
      if (id.empty()) {
        problems.push_back(type + " " + v + ": the store has no server mapping");
      } else if (server_ids.count(v) && server_ids[v] != id && (*counts)[v] == 1) {
        problems.push_back(type + " " + v + ": the store maps it to " + type + "/" + id +
                           ", the server holds " + type + "/" + server_ids[v]);
      }
    }
  }
  return problems;
}

long MethodCount(const fhir::Json& stats, const std::string& method) {
  const fhir::Json* by = stats.Find("byMethod");
  const fhir::Json* v = by ? by->Find(method) : nullptr;
  return v ? static_cast<long>(v->AsInt().value_or(0)) : 0;
}

long Writes(const fhir::Json& stats) {
  return MethodCount(stats, "POST") + MethodCount(stats, "PUT") +
         MethodCount(stats, "DELETE") + MethodCount(stats, "PATCH");
}

long FaultCount(const fhir::Json& stats, const std::string& kind) {
  const fhir::Json* faults = stats.Find("faults");
  const fhir::Json* v = faults ? faults->Find(kind) : nullptr;
  return v ? static_cast<long>(v->AsInt().value_or(0)) : 0;
}

std::string FaultSummary(const fhir::Json& stats) {
  std::string out;
  for (const char* k : {"503", "429", "drop-before", "drop-after"}) {
    out += std::string(out.empty() ? "" : " ") + k + "=" + std::to_string(FaultCount(stats, k));
  }
  return out;
}

void HookedTransport::SetHooks(Before before, After after) {
  std::lock_guard<std::mutex> lock(mu_);
  before_ = std::move(before);
  after_ = std::move(after);
}

fhir::StatusOr<fhir::HttpResponse> HookedTransport::Send(const fhir::HttpRequest& request) {
  Before before;
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    before = before_;
    after = after_;
  }
  if (before) before(request);
  fhir::StatusOr<fhir::HttpResponse> result = inner_->Send(request);
  if (after) after(request, result);
  return result;
}

bool IsBundlePost(const fhir::HttpRequest& request, const std::string& base_url) {
  if (request.method != "POST") return false;
  std::string url = request.url;
  if (std::size_t q = url.find('?'); q != std::string::npos) url.resize(q);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url == base_url;
}

fhir::StatusOr<config::Options> DemoOptions() {
  std::string conf = DemoConfigPath();
  const char* argv[] = {"alliance-fhir", "status", "--config", conf.c_str()};
  fhir::StatusOr<config::Invocation> inv = config::ParseCommandLine(4, argv);
  if (!inv.ok()) return inv.status();
  return inv->options;
}

Rig::Rig(fhir::testing::TestFhirServer* server) {
  if (!server) {
    error_ = "no test server: " + fhir::testing::TestFhirServer::SharedError();
    return;
  }
  dir_ = MakeTempDir("faults");
  fhir::StatusOr<config::Options> options = DemoOptions();
  if (!options.ok()) {
    error_ = options.status().ToString();
    return;
  }
  options_ = *options;
  std::ostringstream messages;
  fhir::Status st = plugin::LoadInstruments(options_, &catalog_, &messages);
  if (!st.ok()) {
    error_ = st.ToString() + " " + messages.str();
    return;
  }
  fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(dir_ + "/store.db");
  if (!store.ok()) {
    error_ = store.status().ToString();
    return;
  }
  store_ = std::move(*store);
  fhir::TransportOptions topts;
  topts.request_timeout_ms = 20000;
  transport_ = std::make_unique<HookedTransport>(fhir::NewHttpTransport(topts));
  fhir::ClientOptions copts;
  copts.retry.base_delay = fhir::Millis(20);
  copts.retry.max_delay = fhir::Millis(2000);
  copts.retry.max_elapsed = fhir::Millis(20000);
  copts.retry.seed = 42;
  client_ = std::make_unique<fhir::FhirClient>(server->base_url(), transport_.get(), copts);
  ctx_.store = store_.get();
  ctx_.client = client_.get();
  ctx_.mapping = plugin::MakeMappingContext(options_, &catalog_, plugin::NowInstant());
  ctx_.now_ms = plugin::WallClockMs;
  ctx_.sleep_ms = [](std::int64_t ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  };
  ctx_.log = &log_;
  ctx_.options.backoff_ms = 50;
  ctx_.options.max_wait_ms = 4000;
}

Rig::~Rig() {
  store_.reset();
  if (!dir_.empty() && std::getenv("ALLIANCE_KEEP_TEST_FILES") == nullptr) {
    std::system(("rm -rf '" + dir_ + "'").c_str());
  }
}

plugin::StoreImportSummary Rig::Import(const std::string& jsonl) {
  plugin::StoreImportSummary summary;
  static int n = 0;
  std::string path = dir_ + "/records-" + std::to_string(++n) + ".jsonl";
  if (!WriteFile(path, jsonl)) {
    error_ = "cannot write " + path;
    return summary;
  }
  plugin::IntakeContext intake;
  intake.instruments = &catalog_;
  std::ostringstream messages;
  fhir::Status st = plugin::ImportFile(path, intake, 1 << 20, store_.get(),
                                       plugin::WallClockMs(), &messages, &summary);
  if (!st.ok() || summary.rejected > 0) error_ = st.ToString() + " " + messages.str();
  return summary;
}

plugin::SyncSummary Rig::Sync(bool push, bool pull) {
  plugin::SyncSummary summary;
  plugin::RunSync(ctx_, push, pull, &summary);
  return summary;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string MakeTempDir(const std::string& tag) {
  std::string tmpl = "/tmp/alliance-" + tag + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const char* made = mkdtemp(buf.data());
  return made ? std::string(made) : std::string();
}

}  // namespace faulttest
