// The alliance-fhir command end to end: real binary, real files, exit codes
// and messages as a user sees them.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "fhir/json.h"

namespace {

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

Run Cli(const std::string& args) {
  std::string cmd = std::string(ALLIANCE_CLI_PATH) + " " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string TempDir() {
  static std::string dir = [] {
    char tmpl[] = "/tmp/alliance-cli-XXXXXX";
    return std::string(mkdtemp(tmpl));
  }();
  return dir;
}

std::string Write(const std::string& name, const std::string& text) {
  std::string path = TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kSrs =
    R"({"kind":"rating","id":"r-1001","patient":{"mrn":"MRN-0042"},"instrument":"srs","respondent":"client","therapist":"T-17","session":{"date":"2026-03-02T15:00:00-05:00","number":4},"answers":{"1":9,"2":8,"3":9,"4":7}})";
const char* kGoal =
    R"({"kind":"goal","id":"g-5","patient":{"mrn":"MRN-0042"},"plan":"tp-3","description":"Speak up about my needs","lifecycle":"active","priority":"high","expressedBy":"patient","start":"2026-03-02","targets":[{"measure":"srs:total","detail":{"low":36},"due":"2026-06-01"}]})";
const char* kPlan =
    R"({"kind":"plan","id":"tp-3","patient":{"mrn":"MRN-0042"},"status":"active","title":"Anxiety and relationship plan","author":"T-17","period":{"start":"2026-03-02"},"goals":["g-5"]})";
const char* kBadWai =  // item 4 is outside 1..5
    R"({"kind":"rating","id":"r-1002","patient":{"mrn":"MRN-0042"},"instrument":"wai-sr","respondent":"client","therapist":"T-17","session":{"date":"2026-03-09T15:00:00-05:00"},"answers":{"1":4,"2":4,"3":5,"4":7}})";

const std::string kNow = " --now 2026-03-02T20:00:00Z";

}  // namespace

TEST_CASE("dry-run of good records writes a transaction Bundle and exits 0") {
  std::string in = Write("good.jsonl", std::string(kSrs) + "\r\n\n" + kGoal + "\n" + kPlan);
  std::string out = TempDir() + "/good.bundle.json";
  Run r = Cli("import " + in + " --dry-run --out " + out + kNow);
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("records: 3 read, 3 accepted, 0 rejected, 0 parked") != std::string::npos);
  auto bundle = fhir::Json::Parse(Read(out));
  REQUIRE(bundle.ok());
  CHECK(bundle->Find("type")->str() == "transaction");
  const fhir::Json& entries = *bundle->Find("entry");
  // Questionnaire(srs) + QR + Observation(total) + Goal + CarePlan.
  std::map<std::string, int> types;
  for (const fhir::Json& e : entries.items()) {
    ++types[e.Find("resource")->Find("resourceType")->str()];
    const fhir::Json& req = *e.Find("request");
    CHECK(req.Find("method")->str() == "POST");
    CHECK(req.Find("ifNoneExist") != nullptr);
    CHECK(e.Find("fullUrl")->str().rfind("urn:uuid:", 0) == 0);
  }
  CHECK(types["Questionnaire"] == 1);
  CHECK(types["QuestionnaireResponse"] == 1);
  CHECK(types["Goal"] == 1);
  CHECK(types["CarePlan"] == 1);
  CHECK(types["Observation"] >= 1);
  // Determinism: the same input and --now give the same bytes.
  std::string again = TempDir() + "/good.bundle2.json";
  REQUIRE(Cli("import " + in + " --dry-run --out " + again + kNow).code == 0);
  CHECK(Read(out) == Read(again));
  // Our own validator accepts the whole Bundle.
  Run v = Cli("validate " + out);
  INFO(v.out);
  CHECK(v.code == 0);
}

TEST_CASE("bad lines are reported as FILE:LINE: field: reason; good lines kept") {
  std::string in = Write("mixed.jsonl", std::string(kSrs) + "\n" + kBadWai + "\n" +
                                            "{not json\n" +
                                            R"({"kind":"goal","id":"g 1","patient":{"mrn":"M"},"description":"d","lifecycle":"active"})" +
                                            "\n" + kPlan + "\n");
  std::string out = TempDir() + "/mixed.bundle.json";
  Run r = Cli("import " + in + " --dry-run --out " + out + kNow);
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out.find(in + ":2: answers.4: 7 is outside 1..5") != std::string::npos);
  CHECK(r.out.find(in + ":3: invalid JSON at offset") != std::string::npos);
  CHECK(r.out.find(in + ":4: id: ") != std::string::npos);
  CHECK(r.out.find("records: 5 read, 2 accepted, 3 rejected") != std::string::npos);
  auto bundle = fhir::Json::Parse(Read(out));
  REQUIRE(bundle.ok());
  bool has_plan = false;
  for (const fhir::Json& e : bundle->Find("entry")->items()) {
    has_plan = has_plan || e.Find("resource")->Find("resourceType")->str() == "CarePlan";
  }
  CHECK(has_plan);
}

TEST_CASE("usage and configuration errors exit 2 with a clear message") {
  struct Case { std::string args; const char* needle; };
  const Case cases[] = {
      {"", "Usage: alliance-fhir COMMAND"},
      {"bogus", "unknown command \"bogus\""},
      {"import /nonexistent.jsonl --dry-run", "cannot open /nonexistent.jsonl"},
      {"import x.jsonl --dry-run --now yesterday", "--now: \"yesterday\" is not a FHIR instant"},
      {"import x.jsonl --dry-run --instruments.dir=/nonexistent", "/nonexistent"},
      {"import x.jsonl --dry-run --cutoffs.srs:nope=3", "cutoffs.srs:nope: no such instrument score"},
  };
  for (const Case& c : cases) {
    Run r = Cli(c.args);
    INFO(c.args << "\n" << r.out);
    CHECK(r.code == 2);
    CHECK(r.out.find(c.needle) != std::string::npos);
  }
}

TEST_CASE("every command has --help and exits 0 with it") {
  for (const char* cmd : {"import", "validate", "instruments list", "instruments show", "version",
                          "sync", "status", "parked list", "parked retry", "parked drop",
                          "conflicts list", "conflicts resolve"}) {
    Run r = Cli(std::string(cmd) + " --help");
    INFO(cmd << "\n" << r.out);
    CHECK(r.code == 0);
    CHECK(r.out.find(std::string("Usage: alliance-fhir ") + cmd) != std::string::npos);
  }
}

TEST_CASE("validate reports element paths and exits 1 on errors") {
  std::string bad = Write("bad-goal.json",
                          R"({"resourceType":"Goal","description":{"text":"x"},"subject":{"reference":"Patient/1"}})");
  Run r = Cli("validate " + bad);
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out.find("Goal.lifecycleStatus") != std::string::npos);
  CHECK(r.out.find("INVALID") != std::string::npos);
}

TEST_CASE("instruments list and show") {
  Run list = Cli("instruments list");
  INFO(list.out);
  CHECK(list.code == 0);
  for (const char* id : {"srs", "wai-sr", "wai-sr-t", "haq-ii"}) {
    CHECK(list.out.find(id) != std::string::npos);
  }
  Run q = Cli("instruments show srs --questionnaire");
  REQUIRE(q.code == 0);
  auto json = fhir::Json::Parse(q.out);
  REQUIRE(json.ok());
  CHECK(json->Find("resourceType")->str() == "Questionnaire");
  CHECK(json->Find("item")->size() >= 4);
  Run missing = Cli("instruments show nope");
  CHECK(missing.code == 2);
  CHECK(missing.out.find("no instrument \"nope\"") != std::string::npos);
}
