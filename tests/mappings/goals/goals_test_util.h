// Records and helpers shared by the goal and plan tests: the test context,
// the golden records (built as structs; they do not go through the parser)
// and field-by-field equality checks.
#ifndef ALLIANCE_TESTS_MAPPINGS_GOALS_GOALS_TEST_UTIL_H_
#define ALLIANCE_TESTS_MAPPINGS_GOALS_GOALS_TEST_UTIL_H_

#include "mappings/context.h"
#include "mappings/records/record.h"

namespace alliance_test {

mappings::MappingContext GoalsTestContext();

// Patient goal: a clinic-coded measure with a range (UCUM "/wk") and due
// date, achievement and priority, notes, status date and reason.
mappings::GoalRecord RangeGoal();
// Therapist goal: "srs:total" at least 36, due.
mappings::GoalRecord SrsGoal();
// Proposed goal in the client's words, non-ASCII, no target (not SMART).
mappings::GoalRecord UnicodeGoal();
// Targets with a string, a boolean and a decimal ("7.50", kept as written).
mappings::GoalRecord StringBoolGoal();
// Treatment plan with two goals; title and description need XHTML escaping.
mappings::PlanRecord PlanWithGoals();

// CHECK every field except `plan` and `recorded` (no Goal element for them).
void ExpectSameGoal(const mappings::GoalRecord& want,
                    const mappings::GoalRecord& got);
void ExpectSamePlan(const mappings::PlanRecord& want,
                    const mappings::PlanRecord& got);

}  // namespace alliance_test

#endif  // ALLIANCE_TESTS_MAPPINGS_GOALS_GOALS_TEST_UTIL_H_
