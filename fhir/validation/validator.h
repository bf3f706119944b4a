// Structural FHIR R4 validation of one resource (after google/fhir's
// validators): element tables per type (names, types, cardinality, required
// bindings), primitive formats, choice types, references, and the R4
// invariants of the types the project emits or reads back.
//
//   Issues issues;
//   ValidateResource(observation, &issues);
//   if (issues.HasErrors()) park(issues.ToOperationOutcome());
//
// Findings are appended to `issues` (existing issues are kept), each with an
// element path such as `Observation.component[1].valueQuantity` and a FHIR
// IssueType code: "structure" (unknown element, null/empty value, array vs
// single value, wrong JSON type), "required", "value" (bad format),
// "code-invalid" (not in a required value set), "invariant" (an R4
// constraint; the message starts with its key, e.g. "per-1: ..."),
// "too-long". Violations are errors. A resource type we do not model in
// detail gets the generic checks (id, meta, text, extensions, contained,
// JSON shape) and one "not-supported" warning; a name that is not an R4
// resource type is an error. Extensible/preferred bindings, terminology
// and profiles are not checked.
//
// A Bundle validates itself and every entry's resource (paths like
// `Bundle.entry[3].resource.status`); contained resources are validated in
// place. Never fails and never throws; safe to call concurrently (all
// tables are immutable). Cost is one walk over the JSON with no allocation
// unless something is reported.
#ifndef ALLIANCE_FHIR_VALIDATION_VALIDATOR_H_
#define ALLIANCE_FHIR_VALIDATION_VALIDATOR_H_

#include <string>

#include "fhir/issues.h"
#include "fhir/json.h"

namespace fhir {

// Paths start with the resource's type ("Goal.target[0]"), or "Resource"
// when it has no valid resourceType.
void ValidateResource(const Json& resource, Issues* issues);
// Paths start with `base_path` instead, e.g. "Bundle.entry[3].resource".
void ValidateResource(const Json& resource, const std::string& base_path,
                      Issues* issues);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_VALIDATOR_H_
