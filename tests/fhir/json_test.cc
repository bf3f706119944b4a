#include "fhir/json.h"

#include <catch2/catch.hpp>

using fhir::Json;

TEST_CASE("numbers keep the text they were written with") {
  auto parsed = Json::Parse(R"({"a":1.50,"b":-0.0,"c":1e3,"d":12345678901234567890})");
  REQUIRE(parsed.ok());
  const Json& j = *parsed;
  CHECK(j.Find("a")->str() == "1.50");
  CHECK(j.Find("b")->str() == "-0.0");
  CHECK(j.Find("c")->str() == "1e3");
  CHECK(j.Find("d")->str() == "12345678901234567890");
  CHECK(j.Serialize() ==
        R"({"a":1.50,"b":-0.0,"c":1e3,"d":12345678901234567890})");
  CHECK_FALSE(j.Find("d")->AsInt().has_value());  // does not fit int64
  CHECK(j.Find("a")->AsDouble() == Approx(1.5));
}

TEST_CASE("Parse rejects bad input with a located message") {
  struct Case { const char* text; const char* needle; };
  const Case cases[] = {
      {R"({"a":1,"a":2})", "duplicate key \"a\""},
      {R"({"a":)", "offset"},
      {"{\"a\":\"\xff\"}", "offset"},  // invalid UTF-8
      {R"([1,2,])", "offset"},
      {"", "offset"},
      // A lone low surrogate decodes to bytes that are not UTF-8 (found by
      // the JSON fuzzer: they would be written out and not read back).
      {R"(["\udc00"])", "lone surrogate"},
      {R"({"\udfff":1})", "lone surrogate"},
  };
  for (const Case& c : cases) {
    auto r = Json::Parse(c.text);
    INFO(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == fhir::StatusCode::kInvalidArgument);
    CHECK(r.status().message().find(c.needle) != std::string::npos);
  }
}

TEST_CASE("valid escapes and surrogate pairs round trip") {
  auto r = Json::Parse(R"(["\u00e9\ud83d\ude00\u0000x"])");
  REQUIRE(r.ok());
  CHECK(r->at(0).str() == std::string("\xC3\xA9\xF0\x9F\x98\x80\0x", 8));
  auto back = Json::Parse(r->Serialize());
  REQUIRE(back.ok());
  CHECK(*back == *r);
}

TEST_CASE("Parse limits nesting depth instead of overflowing the stack") {
  std::string deep(Json::kMaxDepth + 1, '[');
  deep += std::string(Json::kMaxDepth + 1, ']');
  auto r = Json::Parse(deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("nesting") != std::string::npos);
  std::string ok(Json::kMaxDepth, '[');
  ok += std::string(Json::kMaxDepth, ']');
  CHECK(Json::Parse(ok).ok());
}

TEST_CASE("objects keep insertion order; canonical form sorts keys") {
  Json j = Json::Object();
  j.Set("resourceType", "Goal");
  j.Set("b", 2);
  j.Set("a", true);
  j.Set("b", 3);  // replaces in place
  CHECK(j.Serialize() == R"({"resourceType":"Goal","b":3,"a":true})");
  CHECK(j.SerializeCanonical() == R"({"a":true,"b":3,"resourceType":"Goal"})");
  CHECK(j.Remove("b"));
  CHECK_FALSE(j.Remove("b"));
  CHECK(j.Serialize() == R"({"resourceType":"Goal","a":true})");
}

TEST_CASE("strings escape control characters and keep unicode") {
  Json j = Json::Object();
  j.Set("t", std::string("caf\xC3\xA9 \"q\"\n\x01"));
  CHECK(j.Serialize() == "{\"t\":\"caf\xC3\xA9 \\\"q\\\"\\n\\u0001\"}");
  auto back = Json::Parse(j.Serialize());
  REQUIRE(back.ok());
  CHECK(*back == j);
}

TEST_CASE("Decimal from double rounds half away from zero and keeps places") {
  CHECK(Json::Decimal(7.25, 1).str() == "7.3");
  CHECK(Json::Decimal(3.0, 2).str() == "3.00");
  CHECK(Json::Decimal(-2.5, 0).str() == "-3");
  CHECK(Json::Decimal(-0.0001, 2).str() == "0.00");
  CHECK(Json::Decimal(1.0 / 0.0, 2).is_null());
  CHECK(Json::Decimal("01").is_null());
  CHECK(Json::Decimal("4.10").str() == "4.10");
}

TEST_CASE("accessors do not assert on type mismatch") {
  Json s("text");
  CHECK(s.Find("x") == nullptr);
  CHECK(s.size() == 0);
  CHECK_FALSE(s.AsInt().has_value());
  Json n(42);
  CHECK(n.AsInt() == 42);
  CHECK(n.str() == "42");
  Json arr;
  arr.Append(1);
  arr.Append("x");
  CHECK(arr.is_array());
  CHECK(arr.size() == 2);
  CHECK(arr.Serialize() == R"([1,"x"])");
}

TEST_CASE("equality ignores member order but not array order") {
  auto a = Json::Parse(R"({"x":[1,2],"y":{"p":1,"q":2}})");
  auto b = Json::Parse(R"({"y":{"q":2,"p":1},"x":[1,2]})");
  auto c = Json::Parse(R"({"y":{"q":2,"p":1},"x":[2,1]})");
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(*a == *b);
  CHECK(*a != *c);
}
