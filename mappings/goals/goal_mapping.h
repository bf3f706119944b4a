// MapGoal: a goal record -> one FHIR R4 Goal, shaped for US Core Goal
// (lifecycleStatus, description.text, subject, startDate, target.dueDate,
// expressedBy). Mapping tables: mappings/goals/README.md.
//
// Deterministic for a given record and context. The result holds the Goal
// (also with errors: then it must not be sent) and issues at record paths:
//   error    lifecycle, achievement, priority: a value outside the contract
//            (the parser rejects these first);
//   error    targets[i].measure: a detail without a measure (FHIR gol-1);
//   error    targets[i].detail: a number that is not a JSON number.
// A goal that is not SMART is warned about by the parser, not again here.
// The record's `plan` is not on the Goal (CarePlan.goal points to it) and
// `recorded` has no Goal element: neither travels.
#ifndef ALLIANCE_MAPPINGS_GOALS_GOAL_MAPPING_H_
#define ALLIANCE_MAPPINGS_GOALS_GOAL_MAPPING_H_

#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/records/record.h"

namespace mappings {

MappingResult MapGoal(const GoalRecord& record, const MappingContext& ctx);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_GOALS_GOAL_MAPPING_H_
