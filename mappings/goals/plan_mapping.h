// MapPlan: a plan record -> one FHIR R4 CarePlan shaped for US Core CarePlan:
// intent "plan", category assess-plan, a generated XHTML narrative (title,
// status, period, description, goal count; text escaped), author, and one
// Goal reference per goal id (conditional on the goal's business
// identifier). Mapping table: mappings/goals/README.md.
//
// Deterministic for a given record and context. Issues at record paths:
//   error    status: not a CarePlan status code (the parser rejects it first);
//   warning  author: staff id unknown to ctx.directory.
#ifndef ALLIANCE_MAPPINGS_GOALS_PLAN_MAPPING_H_
#define ALLIANCE_MAPPINGS_GOALS_PLAN_MAPPING_H_

#include <string>

#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/records/record.h"

namespace mappings {

MappingResult MapPlan(const PlanRecord& record, const MappingContext& ctx);

// `text` with &, <, >, " and ' escaped for XHTML.
std::string EscapeXhtml(const std::string& text);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_GOALS_PLAN_MAPPING_H_
