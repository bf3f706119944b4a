// MapGoal: golden Goals and the issues a goal mapping reports.
#include "mappings/goals/goal_mapping.h"

#include <catch2/catch.hpp>

#include "mappings/codes.h"
#include "mappings/goals/goal_terms.h"
#include "tests/mappings/consent/golden.h"
#include "tests/mappings/goals/goals_test_util.h"

namespace mappings {
namespace {

using alliance_test::CheckGolden;
using alliance_test::GoalsTestContext;
using fhir::Json;

const Json& OnlyGoal(const MappingResult& result) {
  REQUIRE(result.resources.size() == 1);
  CHECK(result.resources[0].resource_type == "Goal");
  return result.resources[0].resource;
}

TEST_CASE("goal with a range target and a due date") {
  MappingResult result =
      MapGoal(alliance_test::RangeGoal(), GoalsTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& g = OnlyGoal(result);
  CheckGolden(g, "goals/golden/range_target.json");
  const Json& range = *g.Find("target")->at(0).Find("detailRange");
  CHECK(range.Find("low")->Find("value")->str() == "1");
  CHECK(range.Find("high")->Find("code")->str() == "/wk");
  CHECK(range.Find("high")->Find("system")->str() == kUcum);
  CHECK(CodeIn(*g.Find("priority"), kGoalPrioritySystem) == "high-priority");
}

TEST_CASE("goal with the srs:total score as measure, expressed by therapist") {
  MappingResult result = MapGoal(alliance_test::SrsGoal(), GoalsTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& g = OnlyGoal(result);
  CheckGolden(g, "goals/golden/srs_total.json");
  const Json& coding =
      g.Find("target")->at(0).Find("measure")->Find("coding")->at(0);
  CHECK(coding.Find("system")->str() == kScoreCodeSystem);
  CHECK(coding.Find("code")->str() == "srs:total");
  CHECK(coding.Find("display")->str() == "SRS total score");
  // No unit given: a Quantity with a value only (qty-3 needs no system).
  CHECK(g.Find("target")->at(0).Find("detailRange")->Find("low")->size() == 1);
  const Json& by = *g.Find("expressedBy");
  CHECK(by.Find("type")->str() == "Practitioner");
  CHECK(by.Find("reference") == nullptr);
}

TEST_CASE("goal with a non-ASCII description, no target: no mapping warning") {
  MappingResult result =
      MapGoal(alliance_test::UnicodeGoal(), GoalsTestContext());
  // Not SMART, but the parser warns about that, not the mapping.
  CHECK(result.issues.empty());
  const Json& g = OnlyGoal(result);
  CheckGolden(g, "goals/golden/unicode_description.json");
  CHECK(g.Find("description")->Find("text")->str() ==
        "Sprechen über Gefühle 😊 — café");
  // Written as UTF-8, not as \u escapes.
  CHECK(g.Serialize().find("Gefühle 😊") != std::string::npos);
}

TEST_CASE("goal with string, boolean and decimal details") {
  MappingResult result =
      MapGoal(alliance_test::StringBoolGoal(), GoalsTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& g = OnlyGoal(result);
  CheckGolden(g, "goals/golden/string_bool_detail.json");
  const Json& targets = *g.Find("target");
  CHECK(targets.at(0).Find("detailString")->str() ==
        "Client names one need per session");
  CHECK(targets.at(1).Find("detailBoolean")->boolean());
  CHECK(targets.at(2).Find("detailQuantity")->Find("value")->str() == "7.50");
}

TEST_CASE("goal mapping errors at record paths") {
  GoalRecord g = alliance_test::RangeGoal();
  g.lifecycle = "done";
  g.priority = "urgent";
  g.targets[0].measure_coding.reset();
  g.targets.push_back(g.targets[0]);
  g.targets[1].detail_kind = GoalTarget::DetailKind::kNumber;
  g.targets[1].detail_number = "lots";
  MappingResult result = MapGoal(g, GoalsTestContext());
  std::vector<std::string> paths;
  for (const fhir::Issue& i : result.issues.list()) {
    CHECK(i.is_error());
    paths.push_back(i.path);
  }
  CHECK(paths ==
        std::vector<std::string>{"lifecycle", "priority", "targets[0].measure",
                                 "targets[1].detail", "targets[1].measure"});
}

}  // namespace
}  // namespace mappings
