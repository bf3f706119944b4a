#include "fhir/http/url.h"

#include <catch2/catch.hpp>

using fhir::ParseUrl;
using fhir::ResolveAgainstBase;

TEST_CASE("ParseUrl splits http(s) URLs and rejects the rest") {
  struct Case {
    const char* url;
    bool ok;
    const char* origin;
    const char* path;
  };
  const Case cases[] = {
      {"http://127.0.0.1:8080/fhir/R4", true, "http://127.0.0.1:8080",
       "/fhir/R4"},
      {"HTTPS://EHR.example/fhir", true, "https://ehr.example:443", "/fhir"},
      {"http://h", true, "http://h:80", "/"},
      {"http://h?x=1", true, "http://h:80", "/?x=1"},
      {"http://h/p?q=a|b#frag", true, "http://h:80", "/p?q=a|b"},
      {"http://[::1]:9/x", true, "http://[::1]:9", "/x"},
      {"ftp://h/x", false, "", ""},
      {"/relative/path", false, "", ""},
      {"http://user:secret@h/x", false, "", ""},
      {"http://h:0/x", false, "", ""},
      {"http://h:99999/x", false, "", ""},
      {"http://h:8a/x", false, "", ""},
      {"http:///x", false, "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.url);
    auto u = ParseUrl(c.url);
    REQUIRE(u.ok() == c.ok);
    if (!c.ok) continue;
    CHECK(u->Origin() == c.origin);
    CHECK(u->path_and_query == c.path);
  }
  // The user-information error must not echo the secret.
  CHECK(ParseUrl("http://user:secret@h/x").status().message().find("secret") ==
        std::string::npos);
}

TEST_CASE("links resolve against the FHIR base and not by RFC 3986") {
  const std::string base = "http://h:8080/fhir/R4";
  struct Case {
    const char* link;
    const char* want;
  };
  const Case cases[] = {
      {"Patient?_offset=3", "http://h:8080/fhir/R4/Patient?_offset=3"},
      {"Patient/1/_history/2", "http://h:8080/fhir/R4/Patient/1/_history/2"},
      {"/fhir/R4/Patient?page=2", "http://h:8080/fhir/R4/Patient?page=2"},
      {"//other:1/x", "http://other:1/x"},
      {"https://elsewhere/fhir/Patient?p=2",
       "https://elsewhere/fhir/Patient?p=2"},
      {"http://h:8080/fhir/R4/Goal?x=1", "http://h:8080/fhir/R4/Goal?x=1"},
      // A ':' inside a relative link's query is not a scheme.
      {"Patient?date=gt2024-01-01T00:00:00Z&u=http://x",
       "http://h:8080/fhir/R4/Patient?date=gt2024-01-01T00:00:00Z&u=http://x"},
  };
  for (const Case& c : cases) {
    INFO(c.link);
    CHECK(ResolveAgainstBase(base, c.link) == c.want);
  }
  CHECK(ResolveAgainstBase(base + "/", "metadata") == base + "/metadata");
  CHECK(fhir::SameOrigin("http://h:80/a", "http://H/b"));
  CHECK_FALSE(fhir::SameOrigin("http://h/a", "https://h/a"));
  CHECK_FALSE(fhir::SameOrigin("http://h/a", "not a url"));
}

TEST_CASE("query encoding") {
  CHECK(fhir::PercentEncode("http://sys|v 1~_.-") ==
        "http%3A%2F%2Fsys%7Cv%201~_.-");
  CHECK(fhir::EncodeQuery({{"identifier", "s|1"}, {"_count", "3"}}) ==
        "identifier=s%7C1&_count=3");
  CHECK(fhir::EncodeQuery({}).empty());
  // Wire escaping keeps valid escapes and reserved characters, fixes the rest.
  CHECK(fhir::EscapeUrlForWire("http://h/Goal?identifier=s|1&x=a%7Cb&y=a b") ==
        "http://h/Goal?identifier=s%7C1&x=a%7Cb&y=a%20b");
  CHECK(fhir::EscapeUrlForWire("http://h/x?p=100%") == "http://h/x?p=100%25");
  CHECK(fhir::EscapeUrlForWire("http://h/é") == "http://h/%C3%A9");
}
