// MapPlan: the golden CarePlan, its narrative and references.
#include "mappings/goals/plan_mapping.h"

#include <catch2/catch.hpp>

#include "mappings/goals/goal_terms.h"
#include "tests/mappings/consent/golden.h"
#include "tests/mappings/goals/goals_test_util.h"

namespace mappings {
namespace {

using alliance_test::GoalsTestContext;
using fhir::Json;

TEST_CASE("plan with goals") {
  MappingResult result =
      MapPlan(alliance_test::PlanWithGoals(), GoalsTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  REQUIRE(result.resources.size() == 1);
  const Json& p = result.resources[0].resource;
  alliance_test::CheckGolden(p, "goals/golden/plan_with_goals.json");
  CHECK(p.Find("intent")->str() == "plan");
  CHECK(CodeIn(p.Find("category")->at(0), kCarePlanCategorySystem) ==
        "assess-plan");
  const Json& goals = *p.Find("goal");
  REQUIRE(goals.size() == 2);
  CHECK(RecordIdFromReference(GoalsTestContext(), goals.at(1)) == "g-6");
  const std::string& div = p.Find("text")->Find("div")->str();
  CHECK(div.rfind("<div xmlns=\"http://www.w3.org/1999/xhtml\">", 0) == 0);
  CHECK(div.find("Anxiety &amp; relationship plan &lt;v2&gt;") !=
        std::string::npos);
  CHECK(div.find("&quot;speak up&quot;") != std::string::npos);
}

TEST_CASE("EscapeXhtml escapes the five XML specials and nothing else") {
  CHECK(EscapeXhtml("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(EscapeXhtml("Gefühle 😊") == "Gefühle 😊");
}

TEST_CASE("plan status outside CarePlan status is an error") {
  PlanRecord p = alliance_test::PlanWithGoals();
  p.status = "ongoing";
  MappingResult result = MapPlan(p, GoalsTestContext());
  REQUIRE(result.issues.error_count() == 1);
  CHECK(result.issues.list()[0].path == "status");
}

TEST_CASE("plan author unknown to the directory is a warning") {
  MappingContext ctx = GoalsTestContext();
  ReferenceDirectory directory;
  directory.patients["MRN-0042"] = "Patient/p1";
  ctx.directory = &directory;
  MappingResult result = MapPlan(alliance_test::PlanWithGoals(), ctx);
  CHECK_FALSE(result.issues.HasErrors());
  REQUIRE(result.issues.warning_count() == 1);
  CHECK(result.issues.list()[0].path == "author");
  CHECK(
      result.resources[0].resource.Find("subject")->Find("reference")->str() ==
      "Patient/p1");
}

}  // namespace
}  // namespace mappings
