// Resource TypeDefs the validator models element by element (internal to
// fhir/validation). Each lives in its own resource_*.cc with its invariants.
#ifndef ALLIANCE_FHIR_VALIDATION_RESOURCES_H_
#define ALLIANCE_FHIR_VALIDATION_RESOURCES_H_

#include <string_view>

#include "fhir/validation/schema.h"

namespace fhir {
namespace validation_internal {

extern const TypeDef kQuestionnaire, kQuestionnaireResponse, kObservation,
    kConsent, kGoal, kCarePlan, kBundle, kOperationOutcome, kPatient,
    kPractitioner, kOrganization, kProvenance, kAuditEvent, kFlag,
    kDetectedIssue, kCapabilityStatement, kCodeSystem;

// The TypeDef of resource type `name`, or nullptr when we do not model it
// (it may still be a valid R4 type: see IsR4ResourceType).
const TypeDef* FindResourceType(std::string_view name);

// Every TypeDef above, for tests that inspect the tables.
const TypeDef* const* AllResourceTypes(std::size_t* count);

}  // namespace validation_internal
}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_RESOURCES_H_
