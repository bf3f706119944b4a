#include "fhir/http/fhir_error.h"

#include <catch2/catch.hpp>

using fhir::Json;
using fhir::StatusCode;

namespace {

Json ParseOrDie(const char* text) {
  auto j = Json::Parse(text);
  REQUIRE(j.ok());
  return *j;
}

}  // namespace

TEST_CASE("HTTP statuses map to the code that decides what happens") {
  struct Case {
    int status;
    StatusCode code;
  };
  const Case cases[] = {
      {200, StatusCode::kOk},
      {201, StatusCode::kOk},
      {204, StatusCode::kOk},
      {301, StatusCode::kFailedPrecondition},
      {400, StatusCode::kInvalidArgument},
      {401, StatusCode::kUnauthenticated},
      {403, StatusCode::kPermissionDenied},
      {404, StatusCode::kNotFound},
      {405, StatusCode::kUnimplemented},
      {406, StatusCode::kInvalidArgument},
      {408, StatusCode::kDeadlineExceeded},
      {409, StatusCode::kAborted},
      {410, StatusCode::kNotFound},
      {412, StatusCode::kAborted},
      {413, StatusCode::kResourceExhausted},
      {415, StatusCode::kInvalidArgument},
      {422, StatusCode::kInvalidArgument},
      {429, StatusCode::kUnavailable},
      {500, StatusCode::kUnavailable},
      {501, StatusCode::kUnimplemented},
      {502, StatusCode::kUnavailable},
      {503, StatusCode::kUnavailable},
      {504, StatusCode::kUnavailable},
      {599, StatusCode::kUnavailable},
      {0, StatusCode::kInternal},
  };
  for (const Case& c : cases) {
    INFO(c.status);
    CHECK(fhir::CodeForHttpStatus(c.status) == c.code);
  }
}

TEST_CASE("a server OperationOutcome is kept and summarized") {
  const char* body =
      R"({"resourceType":"OperationOutcome","issue":[)"
      R"({"severity":"warning","code":"informational","diagnostics":"fyi"},)"
      R"({"severity":"error","code":"invalid","details":{"text":"Missing required property"},)"
      R"("expression":["Goal.lifecycleStatus"]}]})";
  Json oo = fhir::OutcomeFromErrorBody(400, "application/fhir+json", body);
  CHECK(oo == ParseOrDie(body));
  CHECK(fhir::OutcomeSummary(oo) == "Missing required property");
  fhir::Status s = fhir::ClassifyHttpResponse(400, oo);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "HTTP 400 Bad Request: Missing required property");
  CHECK(fhir::ClassifyHttpResponse(201, oo).ok());
}

TEST_CASE("non-FHIR error bodies become synthetic OperationOutcomes") {
  struct Case {
    int status;
    const char* content_type;
    std::string body;
    const char* want_code;
    std::string want_text;
  };
  const Case cases[] = {
      {502, "text/html",
       "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad  "
       "Gateway</h1>"
       "\n<p>nginx</p></body></html>",
       "transient", "HTTP 502 Bad Gateway: 502 Bad Gateway Bad Gateway nginx"},
      {503, "text/plain", "upstream down", "transient",
       "HTTP 503 Service Unavailable: upstream down"},
      {401, "text/plain", "invalid token: Bearer abc.def", "login",
       "HTTP 401 Unauthorized: invalid token: Bearer [redacted]"},
      {404, "application/json", R"({"error":"no such route"})", "not-found",
       R"(HTTP 404 Not Found: {"error":"no such route"})"},
      {500, "", "", "transient", "HTTP 500 Internal Server Error (empty body)"},
      {418, "text/plain", "teapot", "exception", "HTTP 418: teapot"},
      {400, "text/plain", std::string(500, 'x'), "invalid",
       "HTTP 400 Bad Request: " + std::string(200, 'x') + "..."},
  };
  for (const Case& c : cases) {
    INFO(c.status << " " << c.body);
    Json oo = fhir::OutcomeFromErrorBody(c.status, c.content_type, c.body);
    CHECK(oo.Find("resourceType")->str() == "OperationOutcome");
    const Json& issue = oo.Find("issue")->at(0);
    CHECK(issue.Find("severity")->str() == "error");
    CHECK(issue.Find("code")->str() == c.want_code);
    CHECK(issue.Find("diagnostics")->str() == c.want_text);
    // The status message does not repeat the HTTP label.
    CHECK(fhir::ClassifyHttpResponse(c.status, oo).message() == c.want_text);
  }
}

TEST_CASE("the OperationOutcome refines vague 4xx statuses") {
  auto outcome = [](const char* code) {
    return ParseOrDie(
        (std::string(
             R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":")") +
         code + R"(","diagnostics":"d"}]})")
            .c_str());
  };
  CHECK(fhir::ClassifyHttpResponse(400, outcome("throttled")).code() ==
        StatusCode::kUnavailable);
  CHECK(fhir::ClassifyHttpResponse(400, outcome("too-costly")).code() ==
        StatusCode::kResourceExhausted);
  CHECK(fhir::ClassifyHttpResponse(422, outcome("not-supported")).code() ==
        StatusCode::kUnimplemented);
  CHECK(fhir::ClassifyHttpResponse(400, outcome("invalid")).code() ==
        StatusCode::kInvalidArgument);
  // Specific statuses are not second-guessed.
  CHECK(fhir::ClassifyHttpResponse(412, outcome("throttled")).code() ==
        StatusCode::kAborted);
}

TEST_CASE("transport failures get a synthetic OperationOutcome") {
  Json oo = fhir::OutcomeFromStatus(
      fhir::Status(StatusCode::kDeadlineExceeded, "timed out"));
  CHECK(oo.Find("issue")->at(0).Find("code")->str() == "timeout");
  CHECK(fhir::OutcomeSummary(oo) == "timed out");
  oo = fhir::OutcomeFromStatus(fhir::UnavailableError("refused"));
  CHECK(oo.Find("issue")->at(0).Find("code")->str() == "transient");
  CHECK(fhir::OutcomeSummary(Json("not an outcome")).empty());
}

TEST_CASE("batch and transaction entries are classified like responses") {
  struct Case {
    const char* entry;
    StatusCode code;
  };
  const Case cases[] = {
      {R"({"response":{"status":"201 Created","location":"Goal/1/_history/1"}})",
       StatusCode::kOk},
      {R"({"response":{"status":"200"}})", StatusCode::kOk},
      {R"({"response":{"status":"412","outcome":{"resourceType":"OperationOutcome",)"
       R"("issue":[{"severity":"error","code":"conflict","diagnostics":"multiple matches"}]}}})",
       StatusCode::kAborted},
      {R"({"response":{"status":"400 Bad Request"}})",
       StatusCode::kInvalidArgument},
      {R"({"response":{"status":"Created"}})", StatusCode::kInternal},
      {R"({"resource":{}})", StatusCode::kInternal},
  };
  for (const Case& c : cases) {
    INFO(c.entry);
    CHECK(fhir::ClassifyBundleEntry(ParseOrDie(c.entry)).code() == c.code);
  }
  CHECK(fhir::ParseEntryStatus("201 Created") == 201);
  CHECK(fhir::ParseEntryStatus("404") == 404);
  CHECK(fhir::ParseEntryStatus("2010") == 0);
  CHECK(fhir::ParseEntryStatus("") == 0);
}
