#include "fhir/issues.h"

#include <catch2/catch.hpp>

#include "fhir/json_fields.h"

using fhir::Fields;
using fhir::Issues;
using fhir::Json;

TEST_CASE("issues become an OperationOutcome with expression paths") {
  Issues issues;
  issues.Error("required", "Goal.lifecycleStatus", "is required");
  issues.Warning("business-rule", "Goal.target", "goal is not SMART");
  CHECK(issues.HasErrors());
  CHECK(issues.error_count() == 1);
  CHECK(issues.warning_count() == 1);
  Json oo = issues.ToOperationOutcome();
  CHECK(oo.Serialize() ==
        R"({"resourceType":"OperationOutcome","issue":[)"
        R"({"severity":"error","code":"required","diagnostics":"is required","expression":["Goal.lifecycleStatus"]},)"
        R"({"severity":"warning","code":"business-rule","diagnostics":"goal is not SMART","expression":["Goal.target"]}]})");
  CHECK(issues.ToText() ==
        "error: Goal.lifecycleStatus: is required [required]\n"
        "warning: Goal.target: goal is not SMART [business-rule]\n");
}

TEST_CASE("an empty issue list is an informational OperationOutcome") {
  Json oo = Issues().ToOperationOutcome();
  CHECK(oo.Find("issue")->at(0).Find("severity")->str() == "information");
}

TEST_CASE("Merge prefixes paths") {
  Issues inner, outer;
  inner.Error("value", "detail.low", "bad");
  inner.Error("value", "", "whole");
  outer.Merge(inner, "targets[0]");
  CHECK(outer.list()[0].path == "targets[0].detail.low");
  CHECK(outer.list()[1].path == "targets[0]");
  CHECK(outer.error_count() == 2);
}

TEST_CASE("Fields reports missing, mistyped, unknown and bad codes by path") {
  auto rec = Json::Parse(
      R"({"id":7,"kind":"rating","extra":1,"answers":{"4":null},"list":["a",3],"flag":"yes"})");
  REQUIRE(rec.ok());
  Issues issues;
  Fields f(*rec, "", &issues);
  CHECK_FALSE(f.String("id", fhir::kRequired));           // number, not string
  CHECK_FALSE(f.String("patient", fhir::kRequired));      // missing
  CHECK_FALSE(f.String("recorded", fhir::kOptional));     // absent, fine
  CHECK_FALSE(f.Code("kind", fhir::kRequired, {"consent", "goal"}));
  CHECK_FALSE(f.StringList("list", fhir::kRequired));
  CHECK_FALSE(f.Bool("flag", fhir::kOptional));
  CHECK(f.Object("answers", fhir::kRequired) != nullptr);
  f.RejectUnknown({"id", "kind", "answers", "list", "flag"});
  std::vector<std::string> got;
  for (const auto& i : issues.list()) got.push_back(i.path + ": " + i.message);
  CHECK(got == std::vector<std::string>{
                   "id: must be a string",
                   "patient: is required",
                   "kind: \"rating\" is not one of consent, goal",
                   "list[1]: must be a non-empty string",
                   "flag: must be true or false",
                   "extra: unknown field",
               });
  Issues nested;
  Fields n(*rec->Find("answers"), "answers", &nested);
  CHECK_FALSE(n.Integer("4", fhir::kRequired));  // null counts as absent
  CHECK(nested.list().at(0).path == "answers.4");
}
