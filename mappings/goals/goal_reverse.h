// GoalFromFhir: an R4 Goal (one this plugin produced, possibly changed on the
// server since, e.g. marked achieved) -> a goal record: the reverse of
// MapGoal.
//
// Returns nullopt when `goal` is not a Goal, has no business identifier under
// ctx.record_system, or its subject does not resolve to an MRN. Otherwise the
// record with what could be read; the rest is an issue at its element path
// ("Goal.target[1].detailRatio": a warning for what the contract cannot
// express, an error for a missing required element). Measures in
// kScoreCodeSystem become "<instrument>:<score>" strings, other codings stay
// codings; Quantity values keep their text. `plan` stays empty (the CarePlan
// holds the link) and `recorded` has no Goal element.
#ifndef ALLIANCE_MAPPINGS_GOALS_GOAL_REVERSE_H_
#define ALLIANCE_MAPPINGS_GOALS_GOAL_REVERSE_H_

#include <optional>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/records/record.h"

namespace mappings {

// `issues` must not be null.
std::optional<GoalRecord> GoalFromFhir(const fhir::Json& goal,
                                       const MappingContext& ctx,
                                       fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_GOALS_GOAL_REVERSE_H_
