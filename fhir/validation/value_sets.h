// Required value-set bindings of the R4 elements the validator models: the
// complete code lists, embedded (internal to fhir/validation). Extensible,
// preferred and example bindings are not enforced and have no list here.
#ifndef ALLIANCE_FHIR_VALIDATION_VALUE_SETS_H_
#define ALLIANCE_FHIR_VALIDATION_VALUE_SETS_H_

#include <string_view>

#include "fhir/validation/schema.h"

namespace fhir {
namespace validation_internal {

// Resources and their workflow.
extern const ValueSet kPublicationStatus, kItemType, kEnableOperator,
    kEnableBehavior, kQuestionnaireAnswersStatus, kObservationStatus,
    kConsentStateCodes, kConsentProvisionType, kConsentDataMeaning, kGoalStatus,
    kRequestStatus, kCarePlanIntent, kCarePlanActivityKind,
    kCarePlanActivityStatus, kBundleType, kHttpVerb, kSearchEntryMode,
    kIssueSeverity, kIssueType, kAdministrativeGender, kLinkType,
    kProvenanceEntityRole, kAuditEventAction, kAuditEventOutcome, kNetworkType,
    kFlagStatus, kDetectedIssueSeverity, kCapabilityStatementKind,
    kHierarchyMeaning, kContentMode, kFilterOperator, kPropertyType;
// Datatypes.
extern const ValueSet kIdentifierUse, kNameUse, kContactPointSystem,
    kContactPointUse, kAddressUse, kAddressType, kQuantityComparator,
    kNarrativeStatus, kUnitsOfTime, kDaysOfWeek, kEventTiming,
    kRelatedArtifactType;
// All concrete R4 resource type names (resource-types minus the abstract
// Resource and DomainResource).
extern const ValueSet kResourceTypes;

// True when `name` is a concrete FHIR R4 resource type ("Observation").
bool IsR4ResourceType(std::string_view name);

}  // namespace validation_internal
}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_VALUE_SETS_H_
