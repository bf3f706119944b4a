// GoalFromFhir / PlanFromFhir: round trips and what the reverse mappings
// report about resources they cannot fully read.
#include <catch2/catch.hpp>

#include "mappings/codes.h"
#include "mappings/goals/goal_mapping.h"
#include "mappings/goals/goal_reverse.h"
#include "mappings/goals/goal_terms.h"
#include "mappings/goals/plan_mapping.h"
#include "mappings/goals/plan_reverse.h"
#include "tests/mappings/goals/goals_test_util.h"

namespace mappings {
namespace {

using alliance_test::GoalsTestContext;
using fhir::Json;

GoalRecord GoalRoundTrip(const GoalRecord& record, const MappingContext& ctx) {
  MappingResult mapped = MapGoal(record, ctx);
  REQUIRE_FALSE(mapped.issues.HasErrors());
  fhir::Issues issues;
  std::optional<GoalRecord> back =
      GoalFromFhir(mapped.resources.at(0).resource, ctx, &issues);
  INFO(issues.ToText());
  CHECK(issues.empty());
  REQUIRE(back);
  return *back;
}

TEST_CASE("round trip: every golden goal") {
  MappingContext ctx = GoalsTestContext();
  for (const GoalRecord& g :
       {alliance_test::RangeGoal(), alliance_test::SrsGoal(),
        alliance_test::UnicodeGoal(), alliance_test::StringBoolGoal()}) {
    GoalRecord back = GoalRoundTrip(g, ctx);
    alliance_test::ExpectSameGoal(g, back);
    CHECK(back.plan.empty());  // CarePlan.goal carries the link
  }
}

TEST_CASE("round trip: plan, also with literal references") {
  MappingContext ctx = GoalsTestContext();
  PlanRecord p = alliance_test::PlanWithGoals();
  for (bool with_directory : {false, true}) {
    ReferenceDirectory directory;
    directory.patients["MRN-0042"] = "Patient/p1";
    directory.staff["T-17"] = "Practitioner/pr9";
    ctx.directory = with_directory ? &directory : nullptr;
    MappingResult mapped = MapPlan(p, ctx);
    REQUIRE_FALSE(mapped.issues.HasErrors());
    fhir::Issues issues;
    std::optional<PlanRecord> back =
        PlanFromFhir(mapped.resources.at(0).resource, ctx, &issues);
    INFO(issues.ToText());
    CHECK(issues.empty());
    REQUIRE(back);
    alliance_test::ExpectSamePlan(p, *back);
  }
}

Json MappedGoal() {
  return MapGoal(alliance_test::RangeGoal(), GoalsTestContext())
      .resources.at(0)
      .resource;
}

TEST_CASE("reverse: a goal achieved on the server comes back achieved") {
  Json g = MappedGoal();
  g.Set("lifecycleStatus", "completed");
  g.Set("achievementStatus",
        ConceptJson(kGoalAchievementSystem, "achieved", "Achieved"));
  fhir::Issues issues;
  std::optional<GoalRecord> back = GoalFromFhir(g, GoalsTestContext(), &issues);
  REQUIRE(back);
  CHECK(back->lifecycle == "completed");
  CHECK(back->achievement == "achieved");
}

TEST_CASE("reverse: details the record cannot express are warned about") {
  Json g = MappedGoal();
  Json& target = g.Find("target")->at(0);
  target.Remove("detailRange");
  Json ratio = Json::Object();
  ratio.Set("numerator", Json::Object()).Set("value", Json::Decimal("1"));
  target.Set("detailRatio", ratio);
  target.Remove("dueDate");
  Json duration = Json::Object();
  duration.Set("value", Json::Decimal("12"));
  target.Set("dueDuration", duration);
  fhir::Issues issues;
  std::optional<GoalRecord> back = GoalFromFhir(g, GoalsTestContext(), &issues);
  REQUIRE(back);
  CHECK_FALSE(issues.HasErrors());
  CHECK(issues.warning_count() == 2);
  CHECK(back->targets.at(0).detail_kind == GoalTarget::DetailKind::kNone);
  CHECK(back->targets.at(0).measure_coding.has_value());
}

TEST_CASE("reverse: Quantity values keep their text, foreign units stay text") {
  Json g = MappedGoal();
  Json q = Json::Object();
  q.Set("value", Json::Decimal("2.50"));
  q.Set("unit", "times a week");
  Json& target = g.Find("target")->at(0);
  target.Remove("detailRange");
  target.Set("detailQuantity", q);
  fhir::Issues issues;
  std::optional<GoalRecord> back = GoalFromFhir(g, GoalsTestContext(), &issues);
  REQUIRE(back);
  CHECK(back->targets.at(0).detail_number == "2.50");
  CHECK(back->targets.at(0).unit == "times a week");
}

TEST_CASE("reverse: not ours or no subject -> nullopt") {
  fhir::Issues issues;
  Json g = MappedGoal();
  g.Remove("subject");
  CHECK_FALSE(GoalFromFhir(g, GoalsTestContext(), &issues));
  CHECK(issues.list().at(0).path == "Goal.subject");

  Json p = MapPlan(alliance_test::PlanWithGoals(), GoalsTestContext())
               .resources.at(0)
               .resource;
  p.Remove("identifier");
  issues.Clear();
  CHECK_FALSE(PlanFromFhir(p, GoalsTestContext(), &issues));
  CHECK(issues.list().at(0).path == "CarePlan.identifier");
  issues.Clear();
  CHECK_FALSE(PlanFromFhir(MappedGoal(), GoalsTestContext(), &issues));
}

TEST_CASE("reverse: plan goal references that are not ours are left out") {
  Json p = MapPlan(alliance_test::PlanWithGoals(), GoalsTestContext())
               .resources.at(0)
               .resource;
  Json foreign = Json::Object();
  foreign.Set("reference", "Goal/123");
  p.Find("goal")->Append(foreign);
  fhir::Issues issues;
  std::optional<PlanRecord> back = PlanFromFhir(p, GoalsTestContext(), &issues);
  REQUIRE(back);
  CHECK(back->goals == std::vector<std::string>{"g-5", "g-6"});
  REQUIRE(issues.warning_count() == 1);
  CHECK(issues.list()[0].path == "CarePlan.goal[2]");
}

}  // namespace
}  // namespace mappings
