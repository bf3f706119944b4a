#include "fhir/http/redact.h"

#include <catch2/catch.hpp>

using fhir::HttpRequest;

TEST_CASE("secret headers are redacted and others kept") {
  struct Case {
    const char* name;
    const char* value;
    const char* want;
  };
  const Case cases[] = {
      {"Authorization", "Bearer eyJhbGciOi.secret", "Bearer [redacted]"},
      {"authorization", "Basic dXNlcjpwYXNz", "Basic [redacted]"},
      {"Authorization", "opaque-token-without-scheme", "[redacted]"},
      {"Proxy-Authorization", "Basic abc", "Basic [redacted]"},
      {"Cookie", "session=abc", "[redacted]"},
      {"Set-Cookie", "session=abc; HttpOnly", "[redacted]"},
      {"X-Api-Key", "k-123", "[redacted]"},
      {"X-Refresh-Token", "r-1", "[redacted]"},
      {"Content-Type", "application/fhir+json", "application/fhir+json"},
      {"If-Match", "W/\"3\"", "W/\"3\""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(fhir::RedactHeaderValue(c.name, c.value) == c.want);
  }
}

TEST_CASE("request descriptions never show tokens or bodies") {
  HttpRequest r;
  r.method = "POST";
  r.url = "https://h/fhir/Goal?access_token=abc123&identifier=s%7C1";
  r.headers = {{"Authorization", "Bearer abc123"},
               {"Accept", "application/fhir+json"}};
  r.body = R"({"resourceType":"Goal","note":"private"})";
  std::string line = fhir::DescribeRequest(r);
  CHECK(line.find("abc123") == std::string::npos);
  CHECK(line.find("private") == std::string::npos);
  CHECK(line.find("identifier=s%7C1") != std::string::npos);
  CHECK(line.find("Accept: application/fhir+json") != std::string::npos);
  CHECK(line.find("body " + std::to_string(r.body.size()) + " bytes") !=
        std::string::npos);
  CHECK(fhir::FormatHeaders(
            {{"Authorization", "Bearer x"}, {"ETag", "W/\"1\""}}) ==
        "Authorization: Bearer [redacted]\nETag: W/\"1\"");
}

TEST_CASE("secrets in free text are redacted") {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"rejected Authorization: Bearer abc.def.ghi for user",
       "rejected Authorization: Bearer [redacted] for user"},
      {R"({"access_token":"xyz","expires_in":3600})",
       R"({"access_token":"[redacted]","expires_in":3600})"},
      {"client_secret=s3cr3t&grant_type=x",
       "client_secret=[redacted]&grant_type=x"},
      {"nothing to hide here", "nothing to hide here"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(fhir::RedactSecrets(c.text) == c.want);
  }
  CHECK(fhir::RedactUrl("http://h/x?a=1&client_secret=zz&my_token=t") ==
        "http://h/x?a=1&client_secret=[redacted]&my_token=[redacted]");
  CHECK(fhir::RedactUrl("http://h/Observation?code=1234-5") ==
        "http://h/Observation?code=1234-5");
}
