#include "fhir/http/paging.h"

#include <catch2/catch.hpp>

using fhir::Json;
using fhir::PageTracker;
using fhir::StatusCode;

namespace {

Json Page(const std::string& next) {
  Json bundle = Json::Object();
  bundle.Set("resourceType", "Bundle");
  bundle.Set("type", "searchset");
  Json links = Json::Array();
  Json self = Json::Object();
  self.Set("relation", "self");
  self.Set("url", "ignored");
  links.Append(self);
  if (!next.empty()) {
    Json link = Json::Object();
    link.Set("relation", "next");
    link.Set("url", next);
    links.Append(link);
  }
  bundle.Set("link", links);
  return bundle;
}

}  // namespace

TEST_CASE("next links are found and resolved whether relative or absolute") {
  const std::string base = "http://h:1/fhir/R4";
  CHECK(fhir::NextLink(Page("Goal?_offset=3")) == "Goal?_offset=3");
  CHECK(fhir::NextLink(Page("")).empty());
  CHECK(fhir::NextLink(Json::Object()).empty());

  PageTracker t(base, base + "/Goal?_count=3", 100);
  auto n1 = t.Next(Page("Goal?_count=3&_offset=3"));  // relative to the base
  REQUIRE(n1.ok());
  CHECK(*n1 == base + "/Goal?_count=3&_offset=3");
  auto n2 = t.Next(Page(base + "/Goal?_count=3&_offset=6"));  // absolute
  REQUIRE(n2.ok());
  CHECK(*n2 == base + "/Goal?_count=3&_offset=6");
  auto n3 = t.Next(Page("/fhir/R4/Goal?_count=3&_offset=9"));  // absolute path
  REQUIRE(n3.ok());
  CHECK(*n3 == base + "/Goal?_count=3&_offset=9");
  auto end = t.Next(Page(""));
  REQUIRE(end.ok());
  CHECK(end->empty());
  CHECK(t.pages() == 4);
}

TEST_CASE(
    "paging loops and foreign origins and page limits stop with an error") {
  const std::string base = "http://h:1/fhir/R4";
  {
    PageTracker t(base, base + "/Goal?_count=3", 100);
    REQUIRE(t.Next(Page("Goal?_offset=3")).ok());
    auto loop = t.Next(Page("Goal?_offset=3"));  // the same next link again
    CHECK(loop.status().code() == StatusCode::kFailedPrecondition);
    CHECK(loop.status().message().find("loop") != std::string::npos);
  }
  {
    PageTracker t(base, base + "/Goal?_count=3", 100);
    auto back = t.Next(Page(base + "/Goal?_count=3"));  // points at page 1
    CHECK(back.status().code() == StatusCode::kFailedPrecondition);
  }
  {
    PageTracker t(base, base + "/Goal", 100);
    auto away = t.Next(Page("https://evil.example/fhir/Goal?page=2"));
    CHECK(away.status().code() == StatusCode::kFailedPrecondition);
    CHECK(away.status().message().find("origin") != std::string::npos);
  }
  {
    PageTracker t(base, base + "/Goal", 2);
    REQUIRE(t.Next(Page("Goal?p=2")).ok());
    auto limit = t.Next(Page("Goal?p=3"));
    CHECK(limit.status().code() == StatusCode::kResourceExhausted);
  }
}
