#include "tests/mappings/goals/goals_test_util.h"

#include <catch2/catch.hpp>

namespace alliance_test {

using mappings::GoalRecord;
using mappings::GoalTarget;
using mappings::PlanRecord;
using Kind = mappings::GoalTarget::DetailKind;

mappings::MappingContext GoalsTestContext() {
  mappings::MappingContext ctx;
  ctx.now = "2026-03-05T12:00:00Z";
  return ctx;
}

GoalRecord RangeGoal() {
  GoalRecord g;
  g.id = "g-5";
  g.mrn = "MRN-0042";
  g.plan = "tp-3";
  g.description = "Speak up about my needs with my partner once a week";
  g.lifecycle = "active";
  g.achievement = "in-progress";
  g.priority = "high";
  g.expressed_by = "patient";
  g.start = "2026-03-02";
  GoalTarget t;
  t.measure_coding = mappings::Coding{
      "http://clinic.example/fhir/CodeSystem/goal-measures", "assertive-talks",
      "Conversations where the client states a need"};
  t.detail_kind = Kind::kRange;
  t.range_low = "1";
  t.range_high = "3";
  t.unit = "/wk";
  t.due = "2026-06-01";
  g.targets.push_back(t);
  g.notes = {"Client chose this goal in session 4.", "Review monthly."};
  g.status_date = "2026-03-02";
  g.status_reason = "Agreed in session";
  return g;
}

GoalRecord SrsGoal() {
  GoalRecord g;
  g.id = "g-6";
  g.mrn = "MRN-0042";
  g.description = "Keep the session alliance strong";
  g.lifecycle = "active";
  g.priority = "medium";
  g.expressed_by = "therapist";
  g.start = "2026-03-02";
  GoalTarget t;
  t.measure_score = "srs:total";
  t.detail_kind = Kind::kRange;
  t.range_low = "36";
  t.due = "2026-06-01";
  g.targets.push_back(t);
  return g;
}

GoalRecord UnicodeGoal() {
  GoalRecord g;
  g.id = "g-7";
  g.mrn = "MRN-0107";
  g.description = "Sprechen über Gefühle 😊 — café";
  g.lifecycle = "proposed";
  g.priority = "low";
  g.expressed_by = "patient";
  g.notes = {"In the client's words: \"<mehr> & weniger\""};
  return g;
}

GoalRecord StringBoolGoal() {
  GoalRecord g;
  g.id = "g-8";
  g.mrn = "MRN-0042";
  g.description = "Name one need in every session";
  g.lifecycle = "active";
  g.achievement = "improving";
  GoalTarget s;
  s.measure_coding = mappings::Coding{
      "http://clinic.example/fhir/CodeSystem/goal-measures", "need-named", ""};
  s.detail_kind = Kind::kString;
  s.detail_string = "Client names one need per session";
  GoalTarget b;
  b.measure_coding =
      mappings::Coding{"http://clinic.example/fhir/CodeSystem/goal-measures",
                       "attends", "Attends the sessions"};
  b.detail_kind = Kind::kBool;
  b.detail_bool = true;
  b.due = "2026-09-30";
  GoalTarget n;
  n.measure_score = "wai-sr:bond";
  n.detail_kind = Kind::kNumber;
  n.detail_number = "7.50";
  n.unit = "{score}";
  g.targets = {s, b, n};
  return g;
}

PlanRecord PlanWithGoals() {
  PlanRecord p;
  p.id = "tp-3";
  p.mrn = "MRN-0042";
  p.recorded = "2026-03-02T16:00:00-05:00";
  p.status = "active";
  p.title = "Anxiety & relationship plan <v2>";
  p.author = "T-17";
  p.period = {"2026-03-02", ""};
  p.goals = {"g-5", "g-6"};
  p.description = "Weekly sessions; \"speak up\" goals first.";
  return p;
}

void ExpectSameGoal(const GoalRecord& want, const GoalRecord& got) {
  INFO("goal " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.mrn == want.mrn);
  CHECK(got.description == want.description);
  CHECK(got.lifecycle == want.lifecycle);
  CHECK(got.achievement == want.achievement);
  CHECK(got.priority == want.priority);
  CHECK(got.expressed_by == want.expressed_by);
  CHECK(got.start == want.start);
  CHECK(got.notes == want.notes);
  CHECK(got.status_date == want.status_date);
  CHECK(got.status_reason == want.status_reason);
  REQUIRE(got.targets.size() == want.targets.size());
  for (std::size_t i = 0; i < want.targets.size(); ++i) {
    const GoalTarget& w = want.targets[i];
    const GoalTarget& t = got.targets[i];
    INFO("target " << i);
    REQUIRE(t.measure_coding.has_value() == w.measure_coding.has_value());
    if (w.measure_coding) {
      CHECK(t.measure_coding->system == w.measure_coding->system);
      CHECK(t.measure_coding->code == w.measure_coding->code);
      CHECK(t.measure_coding->display == w.measure_coding->display);
    }
    CHECK(t.measure_score == w.measure_score);
    CHECK(t.detail_kind == w.detail_kind);
    CHECK(t.detail_number == w.detail_number);
    CHECK(t.range_low == w.range_low);
    CHECK(t.range_high == w.range_high);
    CHECK(t.detail_string == w.detail_string);
    CHECK(t.detail_bool == w.detail_bool);
    CHECK(t.unit == w.unit);
    CHECK(t.due == w.due);
  }
}

void ExpectSamePlan(const PlanRecord& want, const PlanRecord& got) {
  INFO("plan " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.mrn == want.mrn);
  CHECK(got.recorded == want.recorded);
  CHECK(got.status == want.status);
  CHECK(got.title == want.title);
  CHECK(got.author == want.author);
  CHECK(got.period.start == want.period.start);
  CHECK(got.period.end == want.period.end);
  CHECK(got.goals == want.goals);
  CHECK(got.description == want.description);
}

}  // namespace alliance_test
