// End to end against the real FHIR test server (Medplum's router over
// HTTP): import -> sync -> exactly the expected resources, read back.
#include <catch2/catch.hpp>

#include <regex>

#include "tests/plugin/sync/sync_test_env.h"

using synctest::SyncEnv;

namespace {

const std::vector<std::string> kDemoPatients = {"MRN-0042", "MRN-0107", "MRN-0230"};

std::string Str(const fhir::Json& j, std::initializer_list<const char*> path) {
  const fhir::Json* cur = &j;
  for (const char* p : path) {
    if (!cur) return "";
    cur = (*p >= '0' && *p <= '9') ? (std::atoi(p) < static_cast<int>(cur->size()) ? &cur->at(std::atoi(p)) : nullptr)
                                   : cur->Find(p);
  }
  return cur ? cur->str() : "";
}

void ExpectEachOnce(SyncEnv& env, const std::string& type, std::size_t expected) {
  std::map<std::string, int> counts = env.CountByIdentifier(type);
  INFO(type);
  CHECK(counts.size() == expected);
  for (const auto& [id, n] : counts) {
    INFO(type << " " << id);
    CHECK(n == 1);
  }
}

}  // namespace

TEST_CASE("import then sync puts every record on the server exactly once") {
  SyncEnv env;
  REQUIRE(env.ok());
  env.AddPatients(kDemoPatients);
  plugin::StoreImportSummary imported = env.Import(synctest::DemoRecords());
  INFO(env.error());
  REQUIRE(env.ok());
  REQUIRE(imported.new_records == 19);

  plugin::SyncSummary first = env.Sync();
  INFO(first.ToText());
  REQUIRE(first.status.ok());
  CHECK(first.push.records_sent == 19);
  CHECK(first.push.created == 35);
  ExpectEachOnce(env, "Consent", 3);
  ExpectEachOnce(env, "Goal", 4);
  ExpectEachOnce(env, "CarePlan", 2);
  ExpectEachOnce(env, "QuestionnaireResponse", 10);
  ExpectEachOnce(env, "Observation", 16);

  // Read back, field by field.
  fhir::Json qr = env.Find("QuestionnaireResponse", "r-1001");
  REQUIRE(qr.is_object());
  CHECK(Str(qr, {"status"}) == "completed");
  CHECK(Str(qr, {"authored"}) == "2026-03-02T15:00:00-05:00");
  CHECK(Str(qr, {"item", "3", "answer", "0", "valueDecimal"}) == "8.5");
  std::string patient = Str(qr, {"subject", "reference"});
  CHECK(std::regex_match(patient, std::regex("Patient/[A-Za-z0-9.-]+")));

  fhir::Json total = env.Find("Observation", "r-1001:total");
  REQUIRE(total.is_object());
  CHECK(Str(total, {"valueQuantity", "value"}) == "34.5");  // 9 + 8 + 9 + 8.5
  CHECK(Str(total, {"derivedFrom", "0", "reference"}) == "QuestionnaireResponse/" + Str(qr, {"id"}));
  CHECK(Str(total, {"subject", "reference"}) == patient);

  fhir::Json goal = env.Find("Goal", "g-5");
  fhir::Json plan = env.Find("CarePlan", "tp-3");
  REQUIRE((goal.is_object() && plan.is_object()));
  CHECK(Str(goal, {"description", "text"}) == "Speak up about my needs with my partner once a week");
  CHECK(Str(goal, {"lifecycleStatus"}) == "active");
  CHECK(Str(plan, {"goal", "0", "reference"}) == "Goal/" + Str(goal, {"id"}));

  fhir::Json consent = env.Find("Consent", "c-77");
  REQUIRE(consent.is_object());
  CHECK(Str(consent, {"status"}) == "active");
  CHECK(!Str(consent, {"sourceAttachment", "hash"}).empty());

  // A second sync writes nothing.
  long writes = env.Writes();
  plugin::SyncSummary second = env.Sync();
  CHECK(second.status.ok());
  CHECK(second.push.records_sent == 0);
  CHECK(env.Writes() == writes);
  // And re-importing the same file changes nothing.
  plugin::StoreImportSummary again = env.Import(synctest::DemoRecords());
  CHECK(again.unchanged == 19);
}

TEST_CASE("a changed record becomes a new version of the same resources") {
  SyncEnv env;
  REQUIRE(env.ok());
  env.AddPatients(kDemoPatients);
  env.Import(synctest::DemoRecords());
  REQUIRE(env.Sync().status.ok());
  fhir::Json before = env.Find("QuestionnaireResponse", "r-1001");
  std::string text = synctest::DemoRecords();
  std::string changed = std::regex_replace(text, std::regex(R"("4":8.5\})"), R"("4":9.5})");
  REQUIRE(changed != text);
  plugin::StoreImportSummary imported = env.Import(changed);
  CHECK(imported.new_revisions == 1);
  plugin::SyncSummary s = env.Sync();
  INFO(s.ToText());
  CHECK(s.push.records_sent == 1);
  CHECK(s.push.created == 0);
  CHECK(s.push.updated == 2);  // the response and its total
  fhir::Json after = env.Find("QuestionnaireResponse", "r-1001");
  CHECK(Str(after, {"id"}) == Str(before, {"id"}));
  CHECK(Str(after, {"meta", "versionId"}) != Str(before, {"meta", "versionId"}));
  CHECK(Str(after, {"item", "3", "answer", "0", "valueDecimal"}) == "9.5");
  CHECK(Str(env.Find("Observation", "r-1001:total"), {"valueQuantity", "value"}) == "35.5");
  ExpectEachOnce(env, "QuestionnaireResponse", 10);
}

TEST_CASE("an unknown patient waits, then goes once the hospital has the patient") {
  SyncEnv env;
  REQUIRE(env.ok());
  env.AddPatients({"MRN-0042", "MRN-0107"});  // MRN-0230 unknown
  env.Import(synctest::DemoRecords());
  plugin::SyncSummary s = env.Sync();
  CHECK(s.push.records_waiting == 4);  // c-90, g-30, r-3001, r-3002
  auto counts = env.store()->Counts();
  REQUIRE(counts.ok());
  CHECK(counts->waiting_reasons["patient not found"] == 4);
  CHECK(env.CountByIdentifier("Consent").count("c-90") == 0);
  env.AddPatients({"MRN-0230"});
  plugin::SyncSummary later = env.Sync();
  CHECK(later.push.records_sent == 4);
  ExpectEachOnce(env, "Consent", 3);
  ExpectEachOnce(env, "Goal", 4);
}

TEST_CASE("pull brings back a goal the EHR changed") {
  SyncEnv env;
  REQUIRE(env.ok());
  env.AddPatients(kDemoPatients);
  env.Import(synctest::DemoRecords());
  REQUIRE(env.Sync().status.ok());
  fhir::Json goal = env.Find("Goal", "g-5");
  goal.Set("lifecycleStatus", "completed");
  goal.Find("achievementStatus")->Find("coding")->at(0).Set("code", "achieved");
  goal.Find("achievementStatus")->Find("coding")->at(0).Set("display", "Achieved");
  REQUIRE(env.client()->Update(goal, Str(goal, {"meta", "versionId"})).ok());
  plugin::SyncSummary s = env.Sync();
  INFO(s.ToText());
  CHECK(s.pull.applied == 1);
  auto rev = env.store()->GetRevision({"goal", "g-5"}, 0);
  REQUIRE(rev.ok());
  CHECK(rev->revision == 2);
  CHECK(rev->canonical_json.find("\"lifecycle\":\"completed\"") != std::string::npos);
  CHECK(rev->canonical_json.find("\"achievement\":\"achieved\"") != std::string::npos);
  // Taking the server's version is not a local change: nothing to push back.
  long writes = env.Writes();
  plugin::SyncSummary again = env.Sync();
  CHECK(again.push.records_sent == 0);
  CHECK(env.Writes() == writes);
}

TEST_CASE("a record changed on both sides is settled by the conflict policy") {
  struct Case {
    plugin::ConflictPolicy policy;
    const char* server_lifecycle;  // what the server holds afterwards
    const char* local_lifecycle;   // the newest local revision
    bool open_conflict;
  };
  const Case cases[] = {
      {plugin::ConflictPolicy::kServerWins, "completed", "completed", false},
      {plugin::ConflictPolicy::kLocalWins, "on-hold", "on-hold", false},
      {plugin::ConflictPolicy::kManual, "completed", "on-hold", true},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(plugin::ConflictPolicyName(c.policy)) {
      SyncEnv env;
      REQUIRE(env.ok());
      env.ctx().options.conflict_policy = c.policy;
      env.AddPatients(kDemoPatients);
      env.Import(synctest::DemoRecords());
      REQUIRE(env.Sync().status.ok());
      fhir::Json goal = env.Find("Goal", "g-5");
      goal.Set("lifecycleStatus", "completed");
      REQUIRE(env.client()->Update(goal, Str(goal, {"meta", "versionId"})).ok());
      std::string text = synctest::DemoRecords();
      env.Import(std::regex_replace(text, std::regex(R"x("id":"g-5"(.*)"lifecycle":"active")x"),
                                    R"x("id":"g-5"$1"lifecycle":"on-hold")x"));
      plugin::SyncSummary s = env.Sync();
      INFO(s.ToText());
      CHECK(Str(env.Find("Goal", "g-5"), {"lifecycleStatus"}) == c.server_lifecycle);
      auto rev = env.store()->GetRevision({"goal", "g-5"}, 0);
      REQUIRE(rev.ok());
      CHECK(rev->canonical_json.find(std::string("\"lifecycle\":\"") + c.local_lifecycle + "\"") !=
            std::string::npos);
      auto conflicts = env.store()->ListConflicts(true);
      REQUIRE(conflicts.ok());
      CHECK(conflicts->size() == (c.open_conflict ? 1u : 0u));
      ExpectEachOnce(env, "Goal", 4);
    }
  }
}

TEST_CASE("bundles the server refuses as too large are split, nothing is parked") {
  // The test server refuses a transaction with more than 50 updates; 30
  // changed SRS ratings need 60 updates in one 100-entry Bundle.
  SyncEnv env;
  REQUIRE(env.ok());
  env.AddPatients({"MRN-0042"});
  auto ratings = [](int v) {
    std::string out;
    for (int i = 0; i < 30; ++i) {
      out += R"({"kind":"rating","id":"r-b)" + std::to_string(i) +
             R"(","patient":{"mrn":"MRN-0042"},"instrument":"srs","respondent":"client","therapist":"T-17","session":{"date":"2026-03-02T15:00:00-05:00"},"answers":{"1":)" +
             std::to_string(v) + R"(,"2":8,"3":9,"4":7}})" + "\n";
    }
    return out;
  };
  env.Import(ratings(5));
  REQUIRE(env.Sync().status.ok());
  env.Import(ratings(6));
  plugin::SyncSummary s = env.Sync();
  INFO(s.ToText());
  CHECK(s.status.ok());
  CHECK(s.push.records_sent == 30);
  CHECK(s.push.records_parked == 0);
  CHECK(s.push.updated == 60);
  CHECK(s.push.bundles > 1);
  ExpectEachOnce(env, "QuestionnaireResponse", 30);
  // Compared as numbers: the server (JavaScript) writes 30.0 back as 30.
  fhir::Json total = env.Find("Observation", "r-b7:total");
  CHECK(total.Find("valueQuantity")->Find("value")->AsDouble() == Approx(30.0));
}

TEST_CASE("a server without transactions gets one request per resource, still exactly once") {
  SyncEnv env({"--no-transactions"});
  REQUIRE(env.ok());
  env.AddPatients(kDemoPatients);
  env.Import(synctest::DemoRecords());
  plugin::SyncSummary s = env.Sync();
  INFO(s.ToText());
  REQUIRE(s.status.ok());
  CHECK_FALSE(s.push.transactions);
  CHECK(s.push.bundles == 0);
  CHECK(s.push.single_requests == 35);
  ExpectEachOnce(env, "QuestionnaireResponse", 10);
  ExpectEachOnce(env, "Observation", 16);
  ExpectEachOnce(env, "CarePlan", 2);
  fhir::Json total = env.Find("Observation", "r-1004:total");
  fhir::Json qr = env.Find("QuestionnaireResponse", "r-1004");
  CHECK(Str(total, {"derivedFrom", "0", "reference"}) == "QuestionnaireResponse/" + Str(qr, {"id"}));
  CHECK(Str(total, {"hasMember", "0", "reference"}).rfind("Observation/", 0) == 0);
  long writes = env.Writes();
  CHECK(env.Sync().push.records_sent == 0);
  CHECK(env.Writes() == writes);
}
