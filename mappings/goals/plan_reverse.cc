#include "mappings/goals/plan_reverse.h"

#include "fhir/json_fields.h"
#include "mappings/goals/goal_terms.h"
#include "mappings/mapped_resource.h"

namespace mappings {

using fhir::Fields;
using fhir::Json;

std::optional<PlanRecord> PlanFromFhir(const Json& plan,
                                       const MappingContext& ctx,
                                       fhir::Issues* issues) {
  PlanRecord r;
  if (!ReadRecordIdentity(plan, "CarePlan", "subject", ctx, &r.id, &r.mrn,
                          issues)) {
    return std::nullopt;
  }
  Fields f(plan, "CarePlan", issues);
  r.status = f.String("status", fhir::kRequired).value_or("");
  if (!r.status.empty() && !IsCarePlanStatus(r.status)) {
    issues->Error("code-invalid", f.PathOf("status"),
                  "\"" + r.status + "\" is not a CarePlan status");
  }
  r.title = f.String("title", fhir::kRequired).value_or("");
  r.description = f.String("description", fhir::kOptional).value_or("");
  if (const Json* period = f.Object("period", fhir::kOptional)) {
    Fields pf(*period, f.PathOf("period"), issues);
    r.period.start = pf.String("start", fhir::kOptional).value_or("");
    r.period.end = pf.String("end", fhir::kOptional).value_or("");
  }
  r.recorded = f.String("created", fhir::kOptional).value_or("");
  if (const Json* author = f.Object("author", fhir::kRequired)) {
    r.author = StaffIdFromReference(ctx, *author);
    if (r.author.empty()) {
      issues->Warning("not-found", f.PathOf("author"),
                      "has no staff identifier; left out");
    }
  }
  if (const Json* goals = f.Array("goal", fhir::kOptional)) {
    for (std::size_t i = 0; i < goals->size(); ++i) {
      std::string id = RecordIdFromReference(ctx, goals->at(i));
      if (id.empty()) {
        issues->Warning("not-found", fhir::IndexPath(f.PathOf("goal"), i),
                        "is not one of our goals (no record identifier); "
                        "left out");
        continue;
      }
      r.goals.push_back(id);
    }
  }
  return r;
}

}  // namespace mappings
