// PlanFromFhir: an R4 CarePlan (one this plugin produced, possibly changed on
// the server since) -> a plan record: the reverse of MapPlan.
//
// Returns nullopt when `plan` is not a CarePlan, has no business identifier
// under ctx.record_system, or its subject does not resolve to an MRN.
// Otherwise the record with what could be read: goals are the record ids of
// the Goal references (a reference without our identifier is warned about
// and left out); author is the staff id (warned about when it has none); the
// narrative is not read back. `recorded` comes from CarePlan.created.
#ifndef ALLIANCE_MAPPINGS_GOALS_PLAN_REVERSE_H_
#define ALLIANCE_MAPPINGS_GOALS_PLAN_REVERSE_H_

#include <optional>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/records/record.h"

namespace mappings {

// `issues` must not be null.
std::optional<PlanRecord> PlanFromFhir(const fhir::Json& plan,
                                       const MappingContext& ctx,
                                       fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_GOALS_PLAN_REVERSE_H_
