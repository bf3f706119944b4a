// Flag, DetectedIssue, OperationOutcome and a lenient CapabilityStatement;
// plus the registry of modelled resource types.
#include <iterator>

#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

constexpr ElementDef kFlagElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("status", kCode, Card::k11, &kFlagStatus),
    Elem("category", kCodeableConcept, Card::k0N),
    Elem("code", kCodeableConcept, Card::k11),
    RefElem("subject", Card::k11,
            "Patient|Location|Group|Organization|Practitioner|PlanDefinition|"
            "Medication|Procedure"),
    Elem("period", kPeriod, Card::k01),
    RefElem("encounter", Card::k01, "Encounter"),
    RefElem("author", Card::k01,
            "Device|Organization|Patient|Practitioner|PractitionerRole"),
};

constexpr ElementDef kEvidenceElements[] = {
    Elem("code", kCodeableConcept, Card::k0N),
    RefElem("detail", Card::k0N, nullptr),
};
const TypeDef kEvidence =
    BackboneType("DetectedIssue.evidence", kEvidenceElements);

constexpr ElementDef kMitigationElements[] = {
    Elem("action", kCodeableConcept, Card::k11),
    Elem("date", kDateTime, Card::k01),
    RefElem("author", Card::k01, "Practitioner|PractitionerRole"),
};
const TypeDef kMitigation =
    BackboneType("DetectedIssue.mitigation", kMitigationElements);

constexpr ElementDef kDetectedIssueElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    // R4 binds DetectedIssue.status to observation-status.
    Elem("status", kCode, Card::k11, &kObservationStatus),
    Elem("code", kCodeableConcept, Card::k01),
    Elem("severity", kCode, Card::k01, &kDetectedIssueSeverity),
    RefElem("patient", Card::k01, "Patient"),
    ChoiceElem("identifiedDateTime", kDateTime, "identified"),
    ChoiceElem("identifiedPeriod", kPeriod, "identified"),
    RefElem("author", Card::k01, "Practitioner|PractitionerRole|Device"),
    RefElem("implicated", Card::k0N, nullptr),
    Elem("evidence", kEvidence, Card::k0N),
    Elem("detail", kString, Card::k01),
    Elem("reference", kUri, Card::k01),
    Elem("mitigation", kMitigation, Card::k0N),
};

constexpr ElementDef kIssueElements[] = {
    Elem("severity", kCode, Card::k11, &kIssueSeverity),
    Elem("code", kCode, Card::k11, &kIssueType),
    Elem("details", kCodeableConcept, Card::k01),
    Elem("diagnostics", kString, Card::k01),
    Elem("location", kString, Card::k0N),
    Elem("expression", kString, Card::k0N),
};
const TypeDef kIssue = BackboneType("OperationOutcome.issue", kIssueElements);

constexpr ElementDef kOperationOutcomeElements[] = {
    Elem("issue", kIssue, Card::k1N),
};

// We only read a server's CapabilityStatement: the elements we use are
// checked, the rest (rest, software, ...) only for JSON shape.
constexpr ElementDef kCapabilityStatementElements[] = {
    Elem("url", kUri, Card::k01),
    Elem("version", kString, Card::k01),
    Elem("name", kString, Card::k01),
    Elem("status", kCode, Card::k11, &kPublicationStatus),
    Elem("date", kDateTime, Card::k01),
    Elem("kind", kCode, Card::k11, &kCapabilityStatementKind),
    Elem("fhirVersion", kCode, Card::k11),
    Elem("format", kCode, Card::k1N),  // mime types or json/xml/ttl
    Elem("patchFormat", kCode, Card::k0N),
    Elem("rest", kAnyObject, Card::k0N),
};
}  // namespace

const TypeDef kFlag = ResourceType("Flag", kFlagElements);
const TypeDef kDetectedIssue =
    ResourceType("DetectedIssue", kDetectedIssueElements);
const TypeDef kOperationOutcome =
    ResourceType("OperationOutcome", kOperationOutcomeElements);
const TypeDef kCapabilityStatement = TableType(
    "CapabilityStatement", Base::kDomainResource, kCapabilityStatementElements,
    std::size(kCapabilityStatementElements), nullptr, /*lenient=*/true);

namespace {
const TypeDef* const kModelled[] = {
    &kAuditEvent,
    &kBundle,
    &kCapabilityStatement,
    &kCarePlan,
    &kCodeSystem,
    &kConsent,
    &kDetectedIssue,
    &kFlag,
    &kGoal,
    &kObservation,
    &kOperationOutcome,
    &kOrganization,
    &kPatient,
    &kPractitioner,
    &kProvenance,
    &kQuestionnaire,
    &kQuestionnaireResponse,
};
}  // namespace

const TypeDef* FindResourceType(std::string_view name) {
  for (const TypeDef* t : kModelled) {
    if (t->name == name) return t;
  }
  return nullptr;
}

const TypeDef* const* AllResourceTypes(std::size_t* count) {
  *count = std::size(kModelled);
  return kModelled;
}

}  // namespace validation_internal
}  // namespace fhir
