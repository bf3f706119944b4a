// FhirClient over a scripted transport: URLs, headers, the error model,
// retries, token refresh and paging, without a network.
#include "fhir/http/fhir_client.h"

#include <catch2/catch.hpp>

#include "fhir/http/fhir_error.h"
#include "tests/fhir/http/fake_clock.h"
#include "tests/fhir/http/fake_transport.h"

using fhir::ClientOptions;
using fhir::FhirClient;
using fhir::FhirResult;
using fhir::HttpRequest;
using fhir::HttpResponse;
using fhir::Json;
using fhir::Millis;
using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;
using fhir::testing::FakeClock;
using fhir::testing::FakeTransport;
using fhir::testing::RequestHeader;

namespace {

const char kBase[] = "http://fhir.test:8080/fhir/R4";
const char kFhirJson[] = "application/fhir+json; fhirVersion=4.0";
const char kGoal[] =
    R"({"resourceType":"Goal","id":"g1","meta":{"versionId":"4"}})";
const char kOutcome400[] =
    R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid",)"
    R"("details":{"text":"Missing required property"},"expression":["Goal.subject"]}]})";

Json Parse(const char* text) {
  auto j = Json::Parse(text);
  REQUIRE(j.ok());
  return *j;
}

struct Fixture {
  FakeTransport transport;
  FakeClock clock;
  std::vector<std::string> log;

  ClientOptions Options() {
    ClientOptions o;
    o.clock = clock.AsClock();
    o.retry.seed = 11;
    o.debug_log = [this](const std::string& line) { log.push_back(line); };
    return o;
  }
};

class ScriptedTokens : public fhir::TokenProvider {
 public:
  explicit ScriptedTokens(std::vector<StatusOr<std::string>> tokens)
      : tokens_(std::move(tokens)) {}
  StatusOr<std::string> Token(bool force_refresh) override {
    calls.push_back(force_refresh);
    StatusOr<std::string> t = tokens_.at(std::min(next_, tokens_.size() - 1));
    ++next_;
    return t;
  }
  std::vector<bool> calls;

 private:
  std::vector<StatusOr<std::string>> tokens_;
  std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("each interaction sends the right method and URL and headers") {
  Fixture f;
  f.transport.handler = [](const HttpRequest&) -> StatusOr<HttpResponse> {
    HttpResponse r;
    r.status = 200;
    r.body = R"({"resourceType":"Bundle","type":"searchset"})";
    return r;
  };
  FhirClient client(std::string(kBase) + "/", &f.transport, f.Options());
  CHECK(client.base_url() == kBase);
  Json goal = Parse(kGoal);
  Json bundle =
      Parse(R"({"resourceType":"Bundle","type":"transaction","entry":[]})");
  Json batch = Parse(R"({"resourceType":"Bundle","type":"batch","entry":[]})");

  client.Read("Patient", "p-1");
  client.VRead("Patient", "p-1", "3");
  client.SearchPage("Goal", "identifier=s%7C1");
  client.Create(goal, "identifier=s%7Cg1");
  client.Create(goal);
  client.Update(goal, "4");
  client.Update(goal);
  client.ConditionalUpdate("Goal", "identifier=s%7Cg1", goal);
  client.Delete("Goal", "g1");
  client.Transaction(bundle, fhir::Idempotency::kIdempotent);
  client.Batch(batch, fhir::Idempotency::kNotIdempotent);
  client.Capabilities();
  client.History("Goal", "g1");

  struct Want {
    const char* method;
    std::string url;
    bool body;
    bool replay_safe;
    const char* extra_name;
    const char* extra_value;
  };
  const std::string b = kBase;
  const Want want[] = {
      {"GET", b + "/Patient/p-1", false, true, "", ""},
      {"GET", b + "/Patient/p-1/_history/3", false, true, "", ""},
      {"GET", b + "/Goal?identifier=s%7C1", false, true, "Prefer",
       "handling=strict"},
      {"POST", b + "/Goal", true, true, "If-None-Exist", "identifier=s%7Cg1"},
      {"POST", b + "/Goal", true, false, "Prefer", "return=representation"},
      {"PUT", b + "/Goal/g1", true, true, "If-Match", "W/\"4\""},
      {"PUT", b + "/Goal/g1", true, true, "", ""},
      {"PUT", b + "/Goal?identifier=s%7Cg1", true, true, "", ""},
      {"DELETE", b + "/Goal/g1", false, true, "", ""},
      {"POST", b, true, true, "Prefer", "return=representation"},
      {"POST", b, true, false, "", ""},
      {"GET", b + "/metadata", false, true, "", ""},
      {"GET", b + "/Goal/g1/_history", false, true, "", ""},
  };
  auto requests = f.transport.requests();
  REQUIRE(requests.size() == std::size(want));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const HttpRequest& r = requests[i];
    INFO(i << ": " << r.method << " " << r.url);
    CHECK(r.method == want[i].method);
    CHECK(r.url == want[i].url);
    CHECK(r.body.empty() == !want[i].body);
    CHECK(r.replay_safe == want[i].replay_safe);
    CHECK(RequestHeader(r, "Accept") == kFhirJson);
    CHECK(RequestHeader(r, "User-Agent") == "alliance-fhir");
    CHECK(RequestHeader(r, "Content-Type") == (want[i].body ? kFhirJson : ""));
    CHECK(RequestHeader(r, "Authorization").empty());
    if (*want[i].extra_name != '\0') {
      bool found = false;
      for (const auto& [n, v] : r.headers)
        found |= n == want[i].extra_name && v == want[i].extra_value;
      CHECK(found);
    }
  }
  CHECK(RequestHeader(requests[6], "If-Match").empty());
  CHECK(Parse(requests[3].body.c_str()) == goal);
}

TEST_CASE("bad arguments fail before anything is sent") {
  Fixture f;
  FhirClient client(kBase, &f.transport, f.Options());
  const FhirResult results[] = {
      client.Read("patient", "1"),
      client.Read("Patient", "a/b"),
      client.Read("Patient", ""),
      client.Read("Patient", std::string(65, 'x')),
      client.VRead("Patient", "1", "v 2"),
      client.Create(Parse(R"({"id":"x"})")),
      client.Update(Parse(R"({"resourceType":"Goal"})")),
      client.ConditionalUpdate("Goal", "", Parse(kGoal)),
      client.Transaction(Parse(R"({"resourceType":"Bundle","type":"batch"})"),
                         fhir::Idempotency::kIdempotent),
      client.Batch(Parse(R"({"resourceType":"Goal"})"),
                   fhir::Idempotency::kIdempotent),
      client.FetchPage("https://elsewhere.example/fhir/Goal?page=2"),
  };
  for (const FhirResult& r : results) {
    INFO(r.status.ToString());
    CHECK(r.status.code() == StatusCode::kInvalidArgument);
    CHECK(r.attempts == 0);
    CHECK(r.response.body.Find("resourceType")->str() == "OperationOutcome");
  }
  CHECK(f.transport.requests().empty());
  FhirClient bad("ftp://x/fhir", &f.transport, f.Options());
  CHECK(bad.Read("Patient", "1").status.code() == StatusCode::kInvalidArgument);
  CHECK(f.transport.requests().empty());
}

TEST_CASE("responses give ETag and version and Location and Last-Modified") {
  Fixture f;
  f.transport.Reply(201, kGoal,
                    {{"content-type", "application/fhir+json"},
                     {"etag", "W/\"7\""},
                     {"location", std::string(kBase) + "/Goal/g1/_history/7"},
                     {"last-modified", "Fri, 01 Mar 2024 12:00:00 GMT"}});
  f.transport.Reply(200, kGoal);  // no ETag: meta.versionId
  f.transport.Reply(204, "");
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult created = client.Create(Parse(kGoal));
  REQUIRE(created.ok());
  CHECK(created.response.status == 201);
  CHECK(created.response.etag == "W/\"7\"");
  CHECK(created.response.version_id == "7");
  CHECK(created.response.location ==
        std::string(kBase) + "/Goal/g1/_history/7");
  CHECK(created.response.last_modified == "Fri, 01 Mar 2024 12:00:00 GMT");
  CHECK(created.response.body.Find("id")->str() == "g1");
  FhirResult read = client.Read("Goal", "g1");
  CHECK(read.response.version_id == "4");
  FhirResult deleted = client.Delete("Goal", "g1");
  CHECK(deleted.ok());
  CHECK(deleted.response.body.is_null());
}

TEST_CASE("errors keep the server's OperationOutcome and are not retried") {
  Fixture f;
  f.transport.Reply(400, kOutcome400);
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult r = client.Update(Parse(kGoal));
  CHECK(r.status.code() == StatusCode::kInvalidArgument);
  CHECK(r.status.message() ==
        "HTTP 400 Bad Request: Missing required property");
  CHECK(r.response.status == 400);
  CHECK(r.response.body == Parse(kOutcome400));
  CHECK(r.attempts == 1);
  CHECK(f.clock.sleeps().empty());
}

TEST_CASE("a 2xx answer that is not JSON is an internal error") {
  Fixture f;
  f.transport.Reply(200, "<html>captive portal</html>",
                    {{"content-type", "text/html"}});
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult r = client.Read("Goal", "g1");
  CHECK(r.status.code() == StatusCode::kInternal);
  CHECK(fhir::OutcomeSummary(r.response.body).find("captive portal") !=
        std::string::npos);
}

TEST_CASE("idempotent requests are retried with backoff and Retry-After") {
  Fixture f;
  f.transport
      .Reply(503, "busy",
             {{"content-type", "text/plain"}, {"retry-after", "2"}})
      .Fail(fhir::UnavailableError("connection reset"))
      .Reply(429, "", {{"retry-after", "Fri, 01 Mar 2024 12:00:10 GMT"}})
      .Reply(200, kGoal);
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult r = client.Read("Goal", "g1");
  REQUIRE(r.ok());
  CHECK(r.attempts == 4);
  auto sleeps = f.clock.sleeps();
  REQUIRE(sleeps.size() == 3);
  CHECK(sleeps[0] >= Millis(2000));
  CHECK(sleeps[1] <= Millis(400));  // full jitter, second retry
  // The HTTP-date was 10 s after the start; some fake time has passed.
  CHECK(sleeps[2] >= Millis(10000) - sleeps[0] - sleeps[1]);
  bool logged_retry = false;
  for (const auto& line : f.log)
    logged_retry |= line.rfind("retrying GET", 0) == 0;
  CHECK(logged_retry);
}

TEST_CASE("retries stop at the attempt limit and say so") {
  Fixture f;
  f.transport.Reply(503, "", {{"retry-after", "0"}});
  ClientOptions options = f.Options();
  options.retry.max_attempts = 3;
  FhirClient client(kBase, &f.transport, options);
  FhirResult r = client.Read("Goal", "g1");
  CHECK(r.status.code() == StatusCode::kUnavailable);
  CHECK(r.attempts == 3);
  CHECK(r.status.message().find("gave up after 3 attempts") !=
        std::string::npos);
  CHECK(r.retry_after == Millis(0));
}

TEST_CASE("a Retry-After beyond the policy's wait is handed to the caller") {
  Fixture f;
  f.transport.Reply(503, "", {{"retry-after", "3600"}});
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult r = client.Read("Goal", "g1");
  CHECK(r.status.code() == StatusCode::kUnavailable);
  CHECK(r.attempts == 1);
  CHECK(r.retry_after == Millis(3600 * 1000));
  CHECK(f.clock.sleeps().empty());
}

TEST_CASE("a plain create is never retried; a conditional one is") {
  Fixture f;
  f.transport
      .Fail(
          fhir::UnavailableError("connection lost before a complete response"))
      .Reply(503, "");
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult lost = client.Create(Parse(kGoal));
  CHECK(lost.status.code() == StatusCode::kUnavailable);
  CHECK(lost.attempts == 1);
  CHECK(lost.response.status == 0);
  CHECK(lost.status.message().find("may have been committed") !=
        std::string::npos);
  FhirResult busy = client.Create(Parse(kGoal));
  CHECK(busy.status.code() == StatusCode::kUnavailable);
  CHECK(busy.attempts == 1);
  CHECK(busy.status.message().find("not idempotent") != std::string::npos);

  Fixture g;
  g.transport.Fail(fhir::UnavailableError("dropped")).Reply(200, kGoal);
  FhirClient conditional(kBase, &g.transport, g.Options());
  FhirResult r = conditional.Create(Parse(kGoal), "identifier=s%7Cg1");
  CHECK(r.ok());
  CHECK(r.attempts == 2);
}

TEST_CASE("transactions are retried only when declared idempotent") {
  Json conditional = Parse(
      R"({"resourceType":"Bundle","type":"transaction","entry":[)"
      R"({"request":{"method":"POST","url":"Goal","ifNoneExist":"identifier=s|1"}},)"
      R"({"request":{"method":"PUT","url":"Goal?identifier=s|2"}},)"
      R"({"request":{"method":"DELETE","url":"Goal/3"}}]})");
  Json plain = Parse(
      R"({"resourceType":"Bundle","type":"transaction","entry":[)"
      R"({"request":{"method":"POST","url":"Goal","ifNoneExist":"identifier=s|1"}},)"
      R"({"request":{"method":"POST","url":"Observation"}}]})");
  CHECK(fhir::IsIdempotentBundle(conditional));
  CHECK_FALSE(fhir::IsIdempotentBundle(plain));
  CHECK_FALSE(
      fhir::IsIdempotentBundle(Parse(R"({"entry":[{"resource":{}}]})")));

  Fixture f;
  f.transport.Reply(504, "").Reply(
      200, R"({"resourceType":"Bundle","type":"transaction-response"})");
  FhirClient client(kBase, &f.transport, f.Options());
  FhirResult r =
      client.Transaction(conditional, fhir::Idempotency::kIdempotent);
  CHECK(r.ok());
  CHECK(r.attempts == 2);

  Fixture g;
  g.transport.Reply(504, "").Reply(200, "{}");
  FhirClient client2(kBase, &g.transport, g.Options());
  FhirResult r2 = client2.Transaction(plain, fhir::Idempotency::kNotIdempotent);
  CHECK(r2.status.code() == StatusCode::kUnavailable);
  CHECK(r2.attempts == 1);
}

TEST_CASE("a 401 gets one fresh token and one more try") {
  Fixture f;
  f.transport.Reply(401, "").Reply(200, kGoal);
  ScriptedTokens tokens({std::string("tok-old"), std::string("tok-new")});
  ClientOptions options = f.Options();
  options.token_provider = &tokens;
  FhirClient client(kBase, &f.transport, options);
  // Not idempotent, still resent: the server refused it unprocessed.
  FhirResult r = client.Create(Parse(kGoal));
  REQUIRE(r.ok());
  CHECK(r.attempts == 2);
  CHECK(tokens.calls == std::vector<bool>{false, true});
  auto requests = f.transport.requests();
  CHECK(RequestHeader(requests[0], "Authorization") == "Bearer tok-old");
  CHECK(RequestHeader(requests[1], "Authorization") == "Bearer tok-new");
  for (const std::string& line : f.log) {
    INFO(line);
    CHECK(line.find("tok-") == std::string::npos);
    CHECK(line.find("Authorization: Bearer [redacted]") != std::string::npos);
  }
}

TEST_CASE(
    "a second 401 or a failing token provider or no provider is "
    "kUnauthenticated") {
  {
    Fixture f;
    f.transport.Reply(401, "token expired");
    ScriptedTokens tokens({std::string("a"), std::string("b")});
    ClientOptions options = f.Options();
    options.token_provider = &tokens;
    FhirClient client(kBase, &f.transport, options);
    FhirResult r = client.Read("Goal", "g1");
    CHECK(r.status.code() == StatusCode::kUnauthenticated);
    CHECK(r.attempts == 2);
    CHECK(tokens.calls.size() == 2);
  }
  {
    Fixture f;
    ScriptedTokens tokens(
        {Status(StatusCode::kUnavailable, "token endpoint down")});
    ClientOptions options = f.Options();
    options.token_provider = &tokens;
    FhirClient client(kBase, &f.transport, options);
    FhirResult r = client.Read("Goal", "g1");
    CHECK(r.status.code() == StatusCode::kUnavailable);
    CHECK(r.status.message() == "token provider: token endpoint down");
    CHECK(r.attempts == 0);
    CHECK(f.transport.requests().empty());
  }
  {
    Fixture f;
    f.transport.Reply(401, "");
    FhirClient client(kBase, &f.transport, f.Options());
    FhirResult r = client.Read("Goal", "g1");
    CHECK(r.status.code() == StatusCode::kUnauthenticated);
    CHECK(r.attempts == 1);
  }
}

namespace {

// A searchset page: entries [first, first+count) of `total`, with a next
// link written by `next_link(offset)` when more remain.
std::string SearchPageBody(int first, int count, int total,
                           const std::function<std::string(int)>& next_link) {
  Json bundle = Json::Object();
  bundle.Set("resourceType", "Bundle");
  bundle.Set("type", "searchset");
  bundle.Set("total", total);
  Json entries = Json::Array();
  for (int i = first; i < std::min(first + count, total); ++i) {
    Json e = Json::Object();
    Json res = Json::Object();
    res.Set("resourceType", "Goal");
    res.Set("id", "g" + std::to_string(i));
    e.Set("resource", res);
    entries.Append(e);
  }
  bundle.Set("entry", entries);
  if (first + count < total) {
    Json links = Json::Array();
    Json next = Json::Object();
    next.Set("relation", "next");
    next.Set("url", next_link(first + count));
    links.Append(next);
    bundle.Set("link", links);
  }
  return bundle.Serialize();
}

int OffsetOf(const std::string& url) {
  std::size_t p = url.find("_offset=");
  return p == std::string::npos ? 0 : std::atoi(url.c_str() + p + 8);
}

}  // namespace

TEST_CASE("Search follows relative and absolute next links to the end") {
  Fixture f;
  f.transport.handler = [](const HttpRequest& req) -> StatusOr<HttpResponse> {
    int offset = OffsetOf(req.url);
    HttpResponse r;
    r.status = 200;
    // Alternate relative and absolute links.
    r.body = SearchPageBody(offset, 3, 7, [](int next) {
      std::string rel = "Goal?_count=3&_offset=" + std::to_string(next);
      return next % 2 == 0 ? rel : std::string(kBase) + "/" + rel;
    });
    return r;
  };
  FhirClient client(kBase, &f.transport, f.Options());
  fhir::SearchResult s =
      client.Search("Goal", fhir::QueryParams{{"_count", "3"}});
  REQUIRE(s.ok());
  CHECK(s.pages == 3);
  CHECK(s.total == 7);
  REQUIRE(s.entries.size() == 7);
  for (int i = 0; i < 7; ++i) {
    CHECK(s.entries[i].Find("resource")->Find("id")->str() ==
          "g" + std::to_string(i));
  }
  auto requests = f.transport.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].url == std::string(kBase) + "/Goal?_count=3");
  CHECK(requests[1].url == std::string(kBase) + "/Goal?_count=3&_offset=3");
  CHECK(requests[2].url == std::string(kBase) + "/Goal?_count=3&_offset=6");
}

TEST_CASE(
    "Search stops on a paging loop or a foreign next link or a failing page") {
  {
    Fixture f;
    f.transport.handler = [](const HttpRequest&) -> StatusOr<HttpResponse> {
      HttpResponse r;
      r.status = 200;
      r.body = SearchPageBody(0, 3, 100,
                              [](int) { return "Goal?_count=3&_offset=3"; });
      return r;
    };
    FhirClient client(kBase, &f.transport, f.Options());
    fhir::SearchResult s = client.Search("Goal", "_count=3");
    CHECK(s.status.code() == StatusCode::kFailedPrecondition);
    CHECK(s.pages == 2);
    CHECK(f.transport.requests().size() == 2);
  }
  {
    Fixture f;
    f.transport.Reply(
        200, SearchPageBody(0, 3, 9, [](int) {
          return std::string("http://attacker.example/fhir/Goal?_offset=3");
        }));
    ScriptedTokens tokens({std::string("secret")});
    ClientOptions options = f.Options();
    options.token_provider = &tokens;
    FhirClient client(kBase, &f.transport, options);
    fhir::SearchResult s = client.Search("Goal", "");
    CHECK(s.status.code() == StatusCode::kFailedPrecondition);
    CHECK(s.entries.size() == 3);
    CHECK(f.transport.requests().size() == 1);
  }
  {
    Fixture f;
    f.transport
        .Reply(200, SearchPageBody(0, 3, 9,
                                   [](int n) {
                                     return "Goal?_offset=" + std::to_string(n);
                                   }))
        .Reply(400, kOutcome400);
    FhirClient client(kBase, &f.transport, f.Options());
    fhir::SearchResult s = client.Search("Goal", "");
    CHECK(s.status.code() == StatusCode::kInvalidArgument);
    CHECK(s.last.status == 400);
    CHECK(s.last.body == Parse(kOutcome400));
  }
  {
    Fixture f;
    f.transport.Reply(200, kGoal);  // not a Bundle
    FhirClient client(kBase, &f.transport, f.Options());
    CHECK(client.Search("Goal", "").status.code() == StatusCode::kInternal);
  }
}
