// Crash tests: the real alliance-fhir binary against the real FHIR test
// server, SIGKILLed mid-sync; then a sync runs to completion. Nothing may be
// lost and nothing duplicated.
//  - Two kills at chosen points (polling the store and the server): with a
//    transaction on the wire (the server commits it for a dead client), and
//    between recording a conflict and settling it.
//  - Kills at random points (seeded delays), many times in a row: start-up,
//    planning, transactions on the wire, recording answers, pull. To keep the
//    kills landing on real work, a new batch of records (new ones and changed
//    ones, so updates are killed too) is imported whenever a run got
//    everything sent. The kill points are printed.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "fhir/bundle.h"
#include "tests/plugin/sync/sync_test_util_faults.h"

#ifndef ALLIANCE_CLI_PATH
#error "ALLIANCE_CLI_PATH must be defined (the alliance-fhir binary)"
#endif

namespace {

using Clock = std::chrono::steady_clock;

fhir::Json ParseJson(const std::string& text) {
  fhir::StatusOr<fhir::Json> j = fhir::Json::Parse(text);
  INFO(text);
  REQUIRE(j.ok());
  return *j;
}

fhir::Json Stats(fhir::testing::TestFhirServer* server) {
  fhir::StatusOr<fhir::Json> s = server->Stats();
  REQUIRE(s.ok());
  return *s;
}

// Starts the CLI with `args`, stdout and stderr appended to `log`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> all = {ALLIANCE_CLI_PATH};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Runs the CLI to its end; returns the exit code (-1: killed by a signal).
int RunCli(const std::vector<std::string>& args, const std::string& log) {
  pid_t pid = Spawn(args, log);
  REQUIRE(pid > 0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char* MainType(const std::string& kind) {
  if (kind == "rating") return "QuestionnaireResponse";
  if (kind == "goal") return "Goal";
  if (kind == "plan") return "CarePlan";
  return "Consent";
}

std::string Tail(const std::string& text, std::size_t n) {
  return text.size() <= n ? text : "..." + text.substr(text.size() - n);
}

// Runs the CLI with `args` and SIGKILLs it as soon as `ready(store)` holds
// (polled every few ms on the store the CLI writes). Returns true when it was
// killed that way; false when it ended first or `timeout_ms` passed.
bool KillWhen(const std::vector<std::string>& args, const std::string& log,
              const std::string& store_path, int timeout_ms,
              const std::function<bool(plugin::Store*)>& ready) {
  fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(store_path);
  REQUIRE(store.ok());
  pid_t pid = Spawn(args, log);
  REQUIRE(pid > 0);
  auto start = Clock::now();
  int status = 0;
  while (Clock::now() - start < std::chrono::milliseconds(timeout_ms)) {
    if (ready(store->get())) {
      ::kill(pid, SIGKILL);
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      return true;
    }
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return false;
}

// A store file, the CLI's arguments for it, and the test's own client.
struct CliEnv {
  fhir::testing::TestFhirServer* server = nullptr;
  std::string dir, store_path, log, record_system, mrn_system;
  std::vector<std::string> common;
  std::unique_ptr<fhir::HttpTransport> transport;
  std::unique_ptr<fhir::FhirClient> client;

  CliEnv() {
    server = fhir::testing::TestFhirServer::Shared();
    INFO(fhir::testing::TestFhirServer::SharedError());
    REQUIRE(server != nullptr);
    REQUIRE(server->ClearFaults().ok());
    REQUIRE(server->Reset().ok());
    dir = faulttest::MakeTempDir("crash");
    REQUIRE(!dir.empty());
    store_path = dir + "/store.db";
    log = dir + "/cli.log";
    fhir::StatusOr<config::Options> options = faulttest::DemoOptions();
    REQUIRE(options.ok());
    record_system = options->identifiers.record_system;
    mrn_system = options->identifiers.mrn_system;
    common = {"--config", faulttest::DemoConfigPath(), "--store.path=" + store_path,
              "--server.base_url=" + server->base_url()};
    transport = fhir::NewHttpTransport(fhir::TransportOptions());
    client = std::make_unique<fhir::FhirClient>(server->base_url(), transport.get());
  }
  ~CliEnv() {
    if (!dir.empty() && std::getenv("ALLIANCE_KEEP_TEST_FILES") == nullptr) {
      std::system(("rm -rf '" + dir + "'").c_str());
    }
  }
  std::vector<std::string> Args(std::vector<std::string> args) const {
    args.insert(args.end(), common.begin(), common.end());
    return args;
  }
  int Run(std::vector<std::string> args) { return RunCli(Args(std::move(args)), log); }
  void Import(const std::string& jsonl, const std::string& name) {
    std::string path = dir + "/" + name + ".jsonl";
    REQUIRE(faulttest::WriteFile(path, jsonl));
    int code = Run({"import", path});
    INFO(Tail(faulttest::ReadFile(log), 3000));
    REQUIRE(code == 0);
  }
  fhir::Json Status() {
    std::string out = dir + "/status.json";
    ::unlink(out.c_str());
    REQUIRE(RunCli(Args({"status", "--json"}), out) == 0);
    return ParseJson(faulttest::ReadFile(out));
  }
  // The one resource of `type` with this business identifier.
  fhir::Json Find(const std::string& type, const std::string& value) {
    fhir::SearchResult r = client->Search(type, fhir::IdentifierQuery(record_system, value));
    REQUIRE(r.ok());
    INFO(type << " " << value);
    REQUIRE(r.entries.size() == 1);
    return *r.entries[0].Find("resource");
  }
};

std::int64_t Num(const fhir::Json& j, const char* key) {
  const fhir::Json* v = j.Find(key);
  return v ? v->AsInt().value_or(-1) : -1;
}

std::string IdOf(const std::string& line) {
  return std::regex_replace(line, std::regex(R"(.*\"id\":\"([^\"]+)\".*)"), "$1");
}

}  // namespace

TEST_CASE("sync SIGKILLed with a transaction on the wire: the server commits it, "
          "the next sync does not send it again",
          "[sync][crash]") {
  CliEnv env;
  const std::vector<std::string> mrns = {"MRN-W001", "MRN-W002"};
  REQUIRE(faulttest::AddPatients(env.client.get(), env.mrn_system, mrns).ok());
  const faulttest::Generated records = faulttest::GenerateRecords(31, mrns, 24, "w");
  env.Import(records.jsonl, "records");
  // Slow enough that the kill lands while the transaction waits on the
  // server; the server then processes it for a client that is gone.
  REQUIRE(env.server->SetFaults(ParseJson(R"({"latencyMs":600})")).ok());
  // Killed once the transaction has reached the server (and the store has
  // its records in flight).
  const long posts_before = faulttest::MethodCount(Stats(env.server), "POST");
  bool killed = KillWhen(env.Args({"sync"}), env.log, env.store_path, 30000,
                         [&](plugin::Store* store) {
                           fhir::StatusOr<plugin::StoreCounts> c = store->Counts();
                           return c.ok() && c->records.in_flight > 0 &&
                                  faulttest::MethodCount(Stats(env.server), "POST") > posts_before;
                         });
  INFO(Tail(faulttest::ReadFile(env.log), 3000));
  REQUIRE(killed);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the server commits
  REQUIRE(env.server->SetFaults(ParseJson(R"({"latencyMs":0})")).ok());
  fhir::Json at_kill = env.Status();
  INFO("status after the kill: " << at_kill.Serialize());
  CHECK(Num(at_kill, "inFlight") > 0);
  CHECK(Num(at_kill, "sent") == 0);
  fhir::Json stats = Stats(env.server);
  const fhir::Json* on_server = stats.Find("resources");
  INFO("server: " << stats.Serialize());
  REQUIRE(on_server != nullptr);
  CHECK(on_server->Find("QuestionnaireResponse") != nullptr);  // it was committed

  CHECK(env.Run({"sync"}) == 0);
  fhir::Json status = env.Status();
  INFO("status: " << status.Serialize());
  CHECK(Num(status, "sent") == static_cast<std::int64_t>(records.records));
  CHECK(Num(status, "inFlight") == 0);
  CHECK(Num(status, "conflicts") == 0);
  fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(env.store_path);
  REQUIRE(store.ok());
  std::vector<std::string> problems = faulttest::CheckExactlyOnce(
      env.client.get(), env.record_system, records.expected, Stats(env.server), store->get());
  std::string text;
  for (const std::string& p : problems) text += p + "\n";
  INFO(text);
  CHECK(problems.empty());
}

TEST_CASE("sync SIGKILLed while it settles a conflict leaves no record stuck",
          "[sync][crash]") {
  CliEnv env;
  const std::vector<std::string> mrns = {"MRN-X001"};
  REQUIRE(faulttest::AddPatients(env.client.get(), env.mrn_system, mrns).ok());
  const faulttest::Generated records = faulttest::GenerateRecords(57, mrns, 6, "x");
  env.Import(records.jsonl, "records");
  REQUIRE(env.Run({"sync"}) == 0);
  REQUIRE(Num(env.Status(), "sent") == 6);

  // Both sides change a rating and a goal: the EHR on the server, the
  // clinic here. Ratings always go local-wins; goals here server-wins.
  std::string rating_line, goal_line;
  for (const std::string& l : records.lines) {
    if (rating_line.empty() && l.find("\"instrument\":\"srs\"") != std::string::npos) rating_line = l;
    if (goal_line.empty() && l.find("\"kind\":\"goal\"") != std::string::npos) goal_line = l;
  }
  REQUIRE(!rating_line.empty());
  REQUIRE(!goal_line.empty());
  const std::string rating_id = IdOf(rating_line), goal_id = IdOf(goal_line);
  fhir::Json qr = env.Find("QuestionnaireResponse", rating_id);
  qr.Set("language", "en");
  REQUIRE(env.client->Update(qr).ok());
  fhir::Json goal = env.Find("Goal", goal_id);
  fhir::Json description = fhir::Json::Object();
  description.Set("text", "Changed in the EHR");
  goal.Set("description", description);
  REQUIRE(env.client->Update(goal).ok());
  std::string changed =
      std::regex_replace(rating_line, std::regex(R"(\"answers\":\{[^}]*\})"),
                         R"("answers":{"1":2,"2":2,"3":2,"4":2})") + "\n" +
      std::regex_replace(goal_line, std::regex(R"(\"description\":\"([^\"]*)\")"),
                         "\"description\":\"$1, changed in the clinic\"") + "\n";
  env.Import(changed, "changed");

  // Slow server: after the server answers 412 (the conflict is found), the
  // process reads the server's versions before it records and settles the
  // conflict (one store transaction); the kill lands in between.
  auto count412 = [&] {
    fhir::Json stats = Stats(env.server);
    const fhir::Json* by = stats.Find("byStatus");
    const fhir::Json* n = by ? by->Find("412") : nullptr;
    return n ? n->AsInt().value_or(0) : 0;
  };
  const std::int64_t conflicts_before = count412();
  REQUIRE(env.server->SetFaults(ParseJson(R"({"latencyMs":400})")).ok());
  bool killed = KillWhen(env.Args({"sync", "--push-only"}), env.log, env.store_path, 30000,
                         [&](plugin::Store*) { return count412() > conflicts_before; });
  INFO(Tail(faulttest::ReadFile(env.log), 3000));
  REQUIRE(killed);
  REQUIRE(env.server->SetFaults(ParseJson(R"({"latencyMs":0})")).ok());

  // The next syncs settle both by policy; nothing waits for a person.
  CHECK(env.Run({"sync"}) == 0);
  CHECK(env.Run({"sync"}) == 0);
  fhir::Json status = env.Status();
  INFO("status: " << status.Serialize());
  CHECK(Num(status, "conflicts") == 0);
  CHECK(Num(status, "sent") == 6);
  CHECK(Num(status, "pending") == 0);
  // local-wins for the rating: the clinic's answers are on the server.
  fhir::Json total = env.Find("Observation", rating_id + ":total");
  CHECK(total.Find("valueQuantity")->Find("value")->AsDouble() == Approx(8.0));
  // server-wins for the goal: the EHR's text stays.
  CHECK(env.Find("Goal", goal_id).Find("description")->Find("text")->str() == "Changed in the EHR");
  fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(env.store_path);
  REQUIRE(store.ok());
  std::vector<std::string> problems = faulttest::CheckExactlyOnce(
      env.client.get(), env.record_system, records.expected, Stats(env.server), store->get());
  std::string text;
  for (const std::string& p : problems) text += p + "\n";
  INFO(text);
  CHECK(problems.empty());
}

TEST_CASE("sync SIGKILLed at random points, then run to completion: nothing lost, "
          "nothing duplicated",
          "[sync][crash]") {
  CliEnv env;
  fhir::testing::TestFhirServer* server = env.server;
  const std::string& dir = env.dir;
  const std::string& store_path = env.store_path;
  const std::string& log = env.log;
  const std::string& record_system = env.record_system;
  fhir::FhirClient& client = *env.client;
  auto cli = [&env](std::vector<std::string> args) { return env.Args(std::move(args)); };
  const std::vector<std::string> mrns = {"MRN-K001", "MRN-K002", "MRN-K003", "MRN-K004", "MRN-K005"};
  REQUIRE(faulttest::AddPatients(&client, env.mrn_system, mrns).ok());

  const std::uint32_t kSeed = 4242;
  faulttest::Generated all = faulttest::GenerateRecords(kSeed, mrns, 300, "k");
  std::vector<std::string> first_batch = all.lines;
  std::size_t revisions = all.records;
  int batch = 0;
  auto import = [&](const std::string& jsonl) {
    std::string path = dir + "/batch-" + std::to_string(batch) + ".jsonl";
    REQUIRE(faulttest::WriteFile(path, jsonl));
    int code = RunCli(cli({"import", path}), log);
    INFO(Tail(faulttest::ReadFile(log), 3000));
    REQUIRE(code == 0);
  };
  import(all.jsonl);

  // Every FHIR request takes a little while, so a sync lasts long enough to
  // be killed in the middle; small bundles give more transactions to hit.
  REQUIRE(server->SetFaults(ParseJson(R"({"rate":0,"latencyMs":20,"next":[]})")).ok());
  const std::string bundle_size = "--sync.bundle_size=30";

  // SRS ratings changed by later batches: id -> the answer given to all four
  // items (the total is four times that).
  std::map<std::string, int> changed_srs;
  // Goals changed by later batches: id -> the end of their new description.
  std::map<std::string, std::string> changed_goals;
  std::mt19937 rng(kSeed);
  std::uniform_int_distribution<int> delay_ms(50, 2000);
  // 15 runs; a few more (up to 20) if too few were killed with writes in
  // flight, so that the test cannot pass without meeting that case. (The
  // test above kills one with a transaction on the wire on purpose.)
  const int kKills = 15;
  int killed = 0, exited = 0, in_flight_kills = 0, committed_unrecorded = 0;
  std::string points;
  auto enough = [&] { return killed >= kKills / 2 && in_flight_kills > 0; };
  int i = 0;
  while (++i <= kKills || (i <= kKills + 5 && !enough())) {
    int delay = delay_ms(rng);
    pid_t pid = Spawn(cli({"sync", bundle_size}), log);
    REQUIRE(pid > 0);
    auto start = Clock::now();
    int status = 0;
    bool done = false;
    while (!done && Clock::now() - start < std::chrono::milliseconds(delay)) {
      done = ::waitpid(pid, &status, WNOHANG) == pid;
      if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::string what;
    if (!done) {
      ::kill(pid, SIGKILL);
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      ++killed;
      what = "killed at " + std::to_string(delay) + " ms";
    } else {
      ++exited;
      what = "exited " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
             " before " + std::to_string(delay) + " ms";
    }
    // Let the server finish a request the dead process left behind.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));

    fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(store_path);
    REQUIRE(store.ok());
    fhir::StatusOr<plugin::StoreCounts> c = (*store)->Counts();
    REQUIRE(c.ok());
    fhir::StatusOr<std::vector<plugin::OutboxItem>> in_flight = (*store)->ListInFlight();
    REQUIRE(in_flight.ok());
    // Creates in flight whose resources the server already holds: committed,
    // but the process died before it could record the answer.
    int committed = 0, creates = 0;
    for (const plugin::OutboxItem& item : *in_flight) {
      fhir::StatusOr<std::vector<plugin::ServerResource>> known =
          (*store)->GetServerResources(item.key);
      REQUIRE(known.ok());
      if (!known->empty() || creates >= 8) continue;
      ++creates;
      fhir::SearchResult found =
          client.Search(MainType(item.key.kind), fhir::IdentifierQuery(record_system, item.key.id));
      REQUIRE(found.ok());
      if (!found.entries.empty()) ++committed;
    }
    if (!in_flight->empty()) ++in_flight_kills;
    committed_unrecorded += committed;
    std::string line = "kill " + std::to_string(i) + ": " + what + ": sent " +
                       std::to_string(c->records.sent) + "/" + std::to_string(c->records.total) +
                       ", pending " + std::to_string(c->records.pending) + ", in flight " +
                       std::to_string(c->records.in_flight) +
                       (committed ? " (" + std::to_string(committed) + " of " +
                                        std::to_string(creates) +
                                        " new ones checked already on the server)"
                                  : "");
    // Nothing left to send (a record stuck in another state does not count:
    // the final checks find it).
    bool idle = c->records.pending == 0 && c->records.in_flight == 0;
    store->reset();
    if (idle) {
      // Everything sent: give the next kills new work, creates and updates.
      ++batch;
      faulttest::Generated more = faulttest::GenerateRecords(
          kSeed + batch, mrns, 100, "k" + std::to_string(batch));
      std::string jsonl = more.jsonl;
      int changes = 0;
      for (const std::string& l : first_batch) {
        if (changes == 20 || l.find("\"instrument\":\"srs\"") == std::string::npos) continue;
        std::string id = IdOf(l);
        if ((std::hash<std::string>()(id) + batch) % 3 != 0) continue;
        std::string a = std::to_string(batch % 10);
        jsonl += std::regex_replace(l, std::regex(R"(\"answers\":\{[^}]*\})"),
                                    "\"answers\":{\"1\":" + a + ",\"2\":" + a + ",\"3\":" + a +
                                        ",\"4\":" + a + "}") + "\n";
        changed_srs[id] = batch % 10;
        ++changes;
      }
      for (const std::string& l : first_batch) {  // and two goals
        if (l.find("\"kind\":\"goal\"") == std::string::npos) continue;
        std::string id = IdOf(l);
        if ((std::hash<std::string>()(id) + batch) % 5 != 0 ||
            changed_goals.size() >= 2u * static_cast<std::size_t>(batch)) {
          continue;
        }
        std::string suffix = ", revised in batch " + std::to_string(batch);
        jsonl += std::regex_replace(l, std::regex(R"(\"description\":\"([^\"]*)\")"),
                                    "\"description\":\"$1" + suffix + "\"") + "\n";
        changed_goals[id] = suffix;
        ++changes;
      }
      import(jsonl);
      all.Add(more);
      revisions += more.records + changes;
      line += "; imported batch " + std::to_string(batch) + " (" + std::to_string(more.records) +
              " new, " + std::to_string(changes) + " changed)";
    }
    points += line + "\n";
    std::cout << "[crash] " << line << std::endl;
  }

  // Now a sync runs to its end (the server quick again).
  REQUIRE(server->SetFaults(ParseJson(R"({"latencyMs":0})")).ok());
  int final_code = RunCli(cli({"sync"}), log);
  INFO("kill points:\n" << points);
  INFO("CLI output (tail):\n" << Tail(faulttest::ReadFile(log), 6000));
  CHECK(final_code == 0);

  // Nothing lost: `status --json` has every record sent.
  std::string status_log = dir + "/status.json";
  REQUIRE(RunCli(cli({"status", "--json"}), status_log) == 0);
  fhir::Json status = ParseJson(faulttest::ReadFile(status_log));
  INFO("status: " << status.SerializePretty());
  auto num = [&status](const char* k) {
    const fhir::Json* v = status.Find(k);
    return v ? v->AsInt().value_or(-1) : -1;
  };
  CHECK(num("records") == static_cast<std::int64_t>(all.records));
  CHECK(num("sent") == static_cast<std::int64_t>(all.records));
  CHECK(num("revisions") == static_cast<std::int64_t>(revisions));
  CHECK(num("pending") == 0);
  CHECK(num("inFlight") == 0);
  CHECK(num("waiting") == 0);
  CHECK(num("parked") == 0);
  CHECK(num("conflicts") == 0);

  // Nothing duplicated: each identifier once, the store naming the very
  // resource the server holds.
  {
    fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(store_path);
    REQUIRE(store.ok());
    std::vector<std::string> problems = faulttest::CheckExactlyOnce(
        &client, record_system, all.expected, Stats(server), store->get());
    std::string text;
    for (const std::string& p : problems) text += p + "\n";
    INFO(text);
    CHECK(problems.empty());
  }
  // The changed ratings carry their last answers.
  for (const auto& [id, a] : changed_srs) {
    fhir::SearchResult total =
        client.Search("Observation", fhir::IdentifierQuery(record_system, id + ":total"));
    REQUIRE(total.entries.size() == 1);
    INFO(id);
    CHECK(total.entries[0].Find("resource")->Find("valueQuantity")->Find("value")->AsDouble() ==
          Approx(4.0 * a));
  }

  for (const auto& [id, suffix] : changed_goals) {
    fhir::SearchResult goal = client.Search("Goal", fhir::IdentifierQuery(record_system, id));
    REQUIRE(goal.entries.size() == 1);
    INFO(id);
    std::string text = goal.entries[0].Find("resource")->Find("description")->Find("text")->str();
    CHECK(text.size() >= suffix.size());
    CHECK(text.compare(text.size() - std::min(text.size(), suffix.size()), suffix.size(), suffix) == 0);
  }
  // Nobody but us wrote to the server: a conflict recorded at any time is
  // the engine mistaking its own write (committed, answer lost) for the
  // EHR's.
  {
    fhir::StatusOr<std::unique_ptr<plugin::Store>> store = plugin::Store::Open(store_path);
    REQUIRE(store.ok());
    fhir::StatusOr<std::vector<plugin::Conflict>> conflicts = (*store)->ListConflicts(false);
    REQUIRE(conflicts.ok());
    std::string listed;
    for (const plugin::Conflict& k : *conflicts) listed += k.key.ToString() + " ";
    INFO("conflicts recorded: " << listed);
    CHECK(conflicts->empty());
  }

  // And a further sync writes nothing.
  fhir::Json before = Stats(server);
  CHECK(RunCli(cli({"sync"}), log) == 0);
  fhir::Json after = Stats(server);
  CHECK(faulttest::MethodCount(after, "POST") == faulttest::MethodCount(before, "POST"));
  CHECK(faulttest::MethodCount(after, "PUT") == faulttest::MethodCount(before, "PUT"));

  std::cout << "[crash] " << killed << " killed, " << exited << " finished before the kill; "
            << in_flight_kills << " kills left writes in flight; " << committed_unrecorded
            << " creates were committed but unrecorded at a kill; " << batch
            << " extra batches; " << all.records << " records\n";
  // Not vacuous: the process was really killed, with writes on the wire.
  CHECK(killed >= kKills / 2);
  CHECK(in_flight_kills > 0);
  CHECK(batch > 0);  // some runs got everything sent, and then met updates too
}
