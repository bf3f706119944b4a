// FhirClient + the cpprestsdk transport against the real FHIR test server
// (Medplum's router, tests/fhir-server/server.js), faults included. Retries
// sleep on a fake clock, so Retry-After: 1 costs no time.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "fhir/bundle.h"
#include "fhir/http/fhir_client.h"
#include "fhir/http/fhir_error.h"
#include "fhir/http/paging.h"
#include "tests/fhir/http/fake_clock.h"
#include "tests/fhir/http/test_server.h"

using fhir::ClientOptions;
using fhir::FhirClient;
using fhir::FhirResult;
using fhir::Json;
using fhir::Millis;
using fhir::StatusCode;
using fhir::testing::FakeClock;
using fhir::testing::TestFhirServer;

namespace {

const char kMrnSystem[] = "urn:test:mrn";

Json Patient(const std::string& mrn, const std::string& family = "Doe") {
  auto j =
      Json::Parse(R"({"resourceType":"Patient","identifier":[{"system":")" +
                  std::string(kMrnSystem) + R"(","value":")" + mrn +
                  R"("}],"name":[{"family":")" + family + R"("}]})");
  REQUIRE(j.ok());
  return *j;
}

std::string Family(const Json& patient) {
  const Json* names = patient.Find("name");
  return names != nullptr && names->size() > 0
             ? names->at(0).Find("family")->str()
             : "";
}

// The shared server, emptied, without faults.
TestFhirServer* CleanServer() {
  TestFhirServer* server = TestFhirServer::Shared();
  if (server == nullptr)
    FAIL("test FHIR server did not start: " << TestFhirServer::SharedError());
  REQUIRE(server->ClearFaults().ok());
  REQUIRE(server->Reset().ok());
  return server;
}

Json Stats(TestFhirServer* server) {
  auto stats = server->Stats();
  REQUIRE(stats.ok());
  return *stats;
}

// stats.<group>.<key> as a number; 0 when absent.
long long Stat(const Json& stats, const char* group, const char* key) {
  const Json* g = stats.Find(group);
  const Json* v = g != nullptr ? g->Find(key) : nullptr;
  return v != nullptr ? v->AsInt().value_or(0) : 0;
}

Json Faults(const char* json) {
  auto j = Json::Parse(json);
  REQUIRE(j.ok());
  return *j;
}

std::size_t CountPatients(FhirClient& client, const std::string& mrn) {
  fhir::SearchResult s =
      client.Search("Patient", fhir::IdentifierQuery(kMrnSystem, mrn));
  REQUIRE(s.ok());
  return s.entries.size();
}

}  // namespace

TEST_CASE("FhirClient against the Medplum test server") {
  TestFhirServer* server = CleanServer();
  auto transport = fhir::NewHttpTransport(fhir::TransportOptions());
  FakeClock clock;
  ClientOptions options;
  options.clock = clock.AsClock();
  FhirClient client(server->base_url(), transport.get(), options);

  SECTION("create, read, vread, update with If-Match, history, delete") {
    FhirResult created = client.Create(Patient("mrn-1"));
    REQUIRE(created.ok());
    CHECK(created.response.status == 201);
    const std::string id = created.response.body.Find("id")->str();
    const std::string v1 = created.response.version_id;
    CHECK(!v1.empty());
    CHECK(created.response.etag == "W/\"" + v1 + "\"");
    CHECK(created.response.location ==
          server->base_url() + "/Patient/" + id + "/_history/" + v1);
    CHECK(!created.response.last_modified.empty());

    FhirResult read = client.Read("Patient", id);
    REQUIRE(read.ok());
    CHECK(read.response.version_id == v1);
    CHECK(Family(read.response.body) == "Doe");

    Json changed = read.response.body;
    changed.Find("name")->at(0).Set("family", "Roe");
    FhirResult updated = client.Update(changed, v1);
    REQUIRE(updated.ok());
    const std::string v2 = updated.response.version_id;
    CHECK(!v2.empty());
    CHECK(v2 != v1);

    // The stale version: 412 -> kAborted, the server's OperationOutcome kept.
    FhirResult stale = client.Update(changed, v1);
    CHECK(stale.status.code() == StatusCode::kAborted);
    CHECK(stale.response.status == 412);
    CHECK(stale.response.body.Find("resourceType")->str() ==
          "OperationOutcome");
    CHECK(stale.attempts == 1);

    FhirResult old_version = client.VRead("Patient", id, v1);
    REQUIRE(old_version.ok());
    CHECK(Family(old_version.response.body) == "Doe");
    CHECK(Family(client.VRead("Patient", id, v2).response.body) == "Roe");

    fhir::SearchResult history = client.History("Patient", id);
    REQUIRE(history.ok());
    CHECK(history.entries.size() == 2);

    CHECK(client.Delete("Patient", id).ok());
    FhirResult gone = client.Read("Patient", id);
    CHECK(gone.status.code() == StatusCode::kNotFound);
    CHECK(gone.response.status == 410);
    CHECK(client.Read("Patient", "no-such-id").status.code() ==
          StatusCode::kNotFound);
  }

  SECTION("conditional create twice gives one resource") {
    // Note: Medplum does not undo FHIR search escaping ("\|", "\,"), so
    // an identifier value holding '|' or ',' never matches there.
    const std::string q = fhir::IdentifierQuery(kMrnSystem, "mrn-2");
    FhirResult first = client.Create(Patient("mrn-2"), q);
    REQUIRE(first.ok());
    CHECK(first.response.status == 201);
    FhirResult second = client.Create(Patient("mrn-2", "Other"), q);
    REQUIRE(second.ok());
    CHECK(second.response.status == 200);
    CHECK(second.response.body.Find("id")->str() ==
          first.response.body.Find("id")->str());
    CHECK(CountPatients(client, "mrn-2") == 1);
  }

  SECTION("conditional update creates, then updates the same resource") {
    const std::string q = fhir::IdentifierQuery(kMrnSystem, "mrn-3");
    FhirResult made = client.ConditionalUpdate("Patient", q, Patient("mrn-3"));
    REQUIRE(made.ok());
    CHECK(made.response.status == 201);
    FhirResult again =
        client.ConditionalUpdate("Patient", q, Patient("mrn-3", "Roe"));
    REQUIRE(again.ok());
    CHECK(again.response.status == 200);
    CHECK(again.response.body.Find("id")->str() ==
          made.response.body.Find("id")->str());
    CHECK(CountPatients(client, "mrn-3") == 1);
  }

  SECTION("search pages through 7 resources, 3 at a time") {
    for (int i = 0; i < 7; ++i) {
      REQUIRE(
          client.Create(Patient("page-" + std::to_string(i), "Pager")).ok());
    }
    REQUIRE(client.Create(Patient("other", "Other")).ok());
    fhir::SearchResult s = client.Search(
        "Patient", fhir::QueryParams{{"family", "Pager"}, {"_count", "3"}});
    REQUIRE(s.ok());
    CHECK(s.pages == 3);
    CHECK(s.total == 7);
    REQUIRE(s.entries.size() == 7);
    std::set<std::string> ids;
    for (const Json& e : s.entries)
      ids.insert(e.Find("resource")->Find("id")->str());
    CHECK(ids.size() == 7);
    // One page on its own.
    FhirResult page = client.SearchPage("Patient", "family=Pager&_count=3");
    REQUIRE(page.ok());
    CHECK(page.response.body.Find("entry")->size() == 3);
    CHECK(!fhir::NextLink(page.response.body).empty());
  }

  SECTION("a transaction ties entries together with urn:uuid references") {
    const std::string patient_url =
        "urn:uuid:5b0b3f3e-0d2a-4b8e-9a57-3a1c2d9e7f10";
    Json bundle = Json::Object();
    bundle.Set("resourceType", "Bundle");
    bundle.Set("type", "transaction");
    Json& entries = bundle.Set("entry", Json::Array());
    entries.Append(fhir::TransactionEntry(
        patient_url, Patient("tx-1"), fhir::EntryMethod::kConditionalCreate,
        fhir::IdentifierQuery(kMrnSystem, "tx-1")));
    auto obs = Json::Parse(
        R"({"resourceType":"Observation","status":"final","code":{"text":"alliance"},)"
        R"("subject":{"reference":")" +
        patient_url + R"("},"valueInteger":42})");
    REQUIRE(obs.ok());
    Json obs_entry = Json::Object();
    obs_entry.Set("fullUrl", "urn:uuid:0c6a1f9e-8f55-4c1e-b5f7-1d7c1c3b9a21");
    obs_entry.Set("resource", *obs);
    Json request = Json::Object();
    request.Set("method", "POST");
    request.Set("url", "Observation");
    obs_entry.Set("request", request);
    entries.Append(obs_entry);
    CHECK_FALSE(fhir::IsIdempotentBundle(bundle));

    FhirResult r =
        client.Transaction(bundle, fhir::Idempotency::kNotIdempotent);
    REQUIRE(r.ok());
    const Json& response = r.response.body;
    CHECK(response.Find("type")->str() == "transaction-response");
    REQUIRE(response.Find("entry")->size() == 2);
    for (const Json& e : response.Find("entry")->items()) {
      CHECK(fhir::ClassifyBundleEntry(e).ok());
    }
    std::string patient_id =
        response.Find("entry")->at(0).Find("resource")->Find("id")->str();
    std::string obs_id =
        response.Find("entry")->at(1).Find("resource")->Find("id")->str();
    FhirResult stored = client.Read("Observation", obs_id);
    REQUIRE(stored.ok());
    CHECK(stored.response.body.Find("subject")->Find("reference")->str() ==
          "Patient/" + patient_id);
  }

  SECTION(
      "an invalid resource is kInvalidArgument with the server's "
      "OperationOutcome") {
    auto goal =
        Json::Parse(R"({"resourceType":"Goal","lifecycleStatus":"active"})");
    REQUIRE(goal.ok());
    FhirResult r = client.Create(*goal);
    CHECK(r.status.code() == StatusCode::kInvalidArgument);
    CHECK(r.response.status == 400);
    CHECK(r.attempts == 1);
    const Json& oo = r.response.body;
    CHECK(oo.Find("resourceType")->str() == "OperationOutcome");
    CHECK(!fhir::OutcomeSummary(oo).empty());
    CHECK(r.status.message().rfind("HTTP 400 Bad Request: ", 0) == 0);
    CHECK(Stat(Stats(server), "resources", "Goal") == 0);
  }

  SECTION("capabilities") {
    FhirResult r = client.Capabilities();
    REQUIRE(r.ok());
    CHECK(r.response.body.Find("resourceType")->str() == "CapabilityStatement");
    CHECK(r.response.body.Find("fhirVersion")->str().rfind("4.0", 0) == 0);
  }
}

TEST_CASE("FhirClient retries the test server's faults") {
  TestFhirServer* server = CleanServer();
  auto transport = fhir::NewHttpTransport(fhir::TransportOptions());
  FakeClock clock;
  ClientOptions options;
  options.clock = clock.AsClock();
  options.retry.seed = 5;
  FhirClient client(server->base_url(), transport.get(), options);

  SECTION("503 and 429 with Retry-After are waited out and retried") {
    FhirResult created = client.Create(Patient("f-1"));
    REQUIRE(created.ok());
    const std::string id = created.response.body.Find("id")->str();
    REQUIRE(
        server->SetFaults(Faults(R"({"next":["503","429"],"retryAfter":1})"))
            .ok());
    FhirResult r = client.Read("Patient", id);
    REQUIRE(r.ok());
    CHECK(r.attempts == 3);
    auto sleeps = clock.sleeps();
    REQUIRE(sleeps.size() == 2);
    CHECK(sleeps[0] >= Millis(1000));
    CHECK(sleeps[1] >= Millis(1000));
    Json stats = Stats(server);
    CHECK(Stat(stats, "faults", "503") == 1);
    CHECK(Stat(stats, "faults", "429") == 1);
    CHECK(Stat(stats, "byStatus", "503") == 1);
    CHECK(Stat(stats, "byStatus", "429") == 1);
  }

  SECTION("drop-before: kUnavailable without retries, success with them") {
    // Each client gets a new transport: on a *reused* keep-alive connection
    // cpprest itself resends a replay-safe request that was dropped, which
    // would hide the fault from the client (see fhir/http/README.md).
    const std::string q = fhir::IdentifierQuery(kMrnSystem, "f-2");
    ClientOptions once = options;
    once.retry.max_attempts = 1;
    auto transport1 = fhir::NewHttpTransport(fhir::TransportOptions());
    FhirClient no_retry(server->base_url(), transport1.get(), once);
    REQUIRE(server->SetFaults(Faults(R"({"next":["drop-before"]})")).ok());
    FhirResult lost = no_retry.Create(Patient("f-2"), q);
    CHECK(lost.status.code() == StatusCode::kUnavailable);
    CHECK(lost.status.message().find("lost before a complete response") !=
          std::string::npos);
    CHECK(lost.response.status == 0);
    CHECK(CountPatients(client, "f-2") == 0);

    auto transport2 = fhir::NewHttpTransport(fhir::TransportOptions());
    FhirClient retrying(server->base_url(), transport2.get(), options);
    REQUIRE(server->SetFaults(Faults(R"({"next":["drop-before"]})")).ok());
    FhirResult r = retrying.Create(Patient("f-2"), q);
    REQUIRE(r.ok());
    CHECK(r.attempts == 2);
    CHECK(r.response.status == 201);
    CHECK(Stat(Stats(server), "faults", "drop-before") == 2);
    CHECK(CountPatients(client, "f-2") == 1);
  }

  SECTION("drop-after: a plain create is not resent (not even by cpprest)") {
    // Warm the keep-alive pool: a replaying client would reuse it.
    REQUIRE(client.Capabilities().ok());
    REQUIRE(client.Capabilities().ok());
    REQUIRE(server->SetFaults(Faults(R"({"next":["drop-after"]})")).ok());
    FhirResult r = client.Create(Patient("f-3"));
    CHECK(r.status.code() == StatusCode::kUnavailable);
    CHECK(r.attempts == 1);
    CHECK(r.status.message().find("may have been committed") !=
          std::string::npos);
    Json stats = Stats(server);
    CHECK(Stat(stats, "byMethod", "POST") == 1);
    CHECK(Stat(stats, "resources", "Patient") == 1);  // it was committed, once
  }

  SECTION(
      "drop-after: a conditional create is retried and finds its resource") {
    const std::string q = fhir::IdentifierQuery(kMrnSystem, "f-4");
    REQUIRE(server->SetFaults(Faults(R"({"next":["drop-after"]})")).ok());
    FhirResult r = client.Create(Patient("f-4"), q);
    REQUIRE(r.ok());
    CHECK(r.attempts == 2);
    CHECK(r.response.status == 200);  // the first attempt created it
    CHECK(CountPatients(client, "f-4") == 1);
    CHECK(Stat(Stats(server), "faults", "drop-after") == 1);
  }

  SECTION("a slow server is kDeadlineExceeded per attempt, then given up") {
    ClientOptions quick = options;
    quick.request_timeout_ms = 300;
    quick.retry.max_attempts = 2;
    FhirClient impatient(server->base_url(), transport.get(), quick);
    REQUIRE(server->SetFaults(Faults(R"({"latencyMs":1500})")).ok());
    auto t0 = std::chrono::steady_clock::now();
    FhirResult r = impatient.Capabilities();
    CHECK(r.status.code() == StatusCode::kDeadlineExceeded);
    CHECK(r.attempts == 2);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
    REQUIRE(server->ClearFaults().ok());
  }
}

TEST_CASE("FhirClient: a server that is not running is quickly kUnavailable") {
  // A port a server listened on a moment ago: connecting is refused.
  auto own = TestFhirServer::Start(TestFhirServer::Options{
      {},
      std::string(ALLIANCE_SOURCE_DIR) + "/tests/fhir/http/echo_server.js",
      "",
      15000});
  REQUIRE(own.ok());
  std::string dead = (*own)->origin() + "/fhir/R4";
  (*own)->Stop();

  auto transport = fhir::NewHttpTransport(fhir::TransportOptions());
  FakeClock clock;
  ClientOptions options;
  options.clock = clock.AsClock();
  options.retry.max_attempts = 3;
  FhirClient client(dead, transport.get(), options);
  auto t0 = std::chrono::steady_clock::now();
  FhirResult r = client.Read("Patient", "1");
  CHECK(r.status.code() == StatusCode::kUnavailable);
  CHECK(r.status.message().find("cannot connect") != std::string::npos);
  CHECK(r.attempts == 3);
  CHECK(r.response.status == 0);
  CHECK(fhir::OutcomeSummary(r.response.body).find("cannot connect") !=
        std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}
