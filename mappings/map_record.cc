#include "mappings/map_record.h"

#include "mappings/consent/consent_mapping.h"
#include "mappings/goals/goal_mapping.h"
#include "mappings/goals/plan_mapping.h"
#include "mappings/rating/rating_mapping.h"

namespace mappings {

MappingResult MapRecord(const Record& record, const MappingContext& ctx) {
  struct Visitor {
    const MappingContext& ctx;
    MappingResult operator()(const RatingRecord& r) { return MapRating(r, ctx); }
    MappingResult operator()(const ConsentRecord& r) { return MapConsent(r, ctx); }
    MappingResult operator()(const GoalRecord& r) { return MapGoal(r, ctx); }
    MappingResult operator()(const PlanRecord& r) { return MapPlan(r, ctx); }
  };
  return std::visit(Visitor{ctx}, record);
}

}  // namespace mappings
