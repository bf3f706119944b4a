// Goal (gol-1) and CarePlan (cpl-3): tables and invariants.
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// gol-1: a target with a detail needs a measure.
void CheckGoalTarget(const Json& target, const Path& path, Context& ctx) {
  if (HasChoice(target, "detail") && !Has(target, "measure")) {
    Invariant(ctx, path, "gol-1",
              "Goal.target.measure is required if Goal.target.detail is "
              "populated");
  }
}

// cpl-3: an activity gives a reference or a detail, not both.
void CheckActivity(const Json& activity, const Path& path, Context& ctx) {
  if (Has(activity, "detail") && Has(activity, "reference")) {
    Invariant(ctx, path, "cpl-3", "provide a reference or detail, not both");
  }
}

constexpr ElementDef kGoalTargetElements[] = {
    Elem("measure", kCodeableConcept, Card::k01),
    ChoiceElem("detailQuantity", kQuantity, "detail"),
    ChoiceElem("detailRange", kRange, "detail"),
    ChoiceElem("detailCodeableConcept", kCodeableConcept, "detail"),
    ChoiceElem("detailString", kString, "detail"),
    ChoiceElem("detailBoolean", kBoolean, "detail"),
    ChoiceElem("detailInteger", kInteger, "detail"),
    ChoiceElem("detailRatio", kRatio, "detail"),
    ChoiceElem("dueDate", kDate, "due"),
    ChoiceElem("dueDuration", kDuration, "due"),
};
const TypeDef kGoalTarget =
    BackboneType("Goal.target", kGoalTargetElements, &CheckGoalTarget);

constexpr ElementDef kGoalElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("lifecycleStatus", kCode, Card::k11, &kGoalStatus),
    Elem("achievementStatus", kCodeableConcept, Card::k01),
    Elem("category", kCodeableConcept, Card::k0N),
    Elem("priority", kCodeableConcept, Card::k01),  // preferred binding
    Elem("description", kCodeableConcept, Card::k11),
    RefElem("subject", Card::k11, "Patient|Group|Organization"),
    ChoiceElem("startDate", kDate, "start"),
    ChoiceElem("startCodeableConcept", kCodeableConcept, "start"),
    Elem("target", kGoalTarget, Card::k0N),
    Elem("statusDate", kDate, Card::k01),
    Elem("statusReason", kString, Card::k01),
    RefElem("expressedBy", Card::k01,
            "Patient|Practitioner|PractitionerRole|RelatedPerson"),
    RefElem("addresses", Card::k0N,
            "Condition|Observation|MedicationStatement|NutritionOrder|"
            "ServiceRequest|RiskAssessment"),
    Elem("note", kAnnotation, Card::k0N),
    Elem("outcomeCode", kCodeableConcept, Card::k0N),
    RefElem("outcomeReference", Card::k0N, "Observation"),
};

constexpr const char* kCarePlanParties =
    "Patient|Practitioner|PractitionerRole|Device|RelatedPerson|Organization|"
    "CareTeam";

constexpr ElementDef kActivityDetailElements[] = {
    Elem("kind", kCode, Card::k01, &kCarePlanActivityKind),
    Elem("instantiatesCanonical", kCanonical, Card::k0N),
    Elem("instantiatesUri", kUri, Card::k0N),
    Elem("code", kCodeableConcept, Card::k01),
    Elem("reasonCode", kCodeableConcept, Card::k0N),
    RefElem("reasonReference", Card::k0N,
            "Condition|Observation|DiagnosticReport|DocumentReference"),
    RefElem("goal", Card::k0N, "Goal"),
    Elem("status", kCode, Card::k11, &kCarePlanActivityStatus),
    Elem("statusReason", kCodeableConcept, Card::k01),
    Elem("doNotPerform", kBoolean, Card::k01),
    ChoiceElem("scheduledTiming", kTiming, "scheduled"),
    ChoiceElem("scheduledPeriod", kPeriod, "scheduled"),
    ChoiceElem("scheduledString", kString, "scheduled"),
    RefElem("location", Card::k01, "Location"),
    RefElem("performer", Card::k0N,
            "Practitioner|PractitionerRole|Organization|RelatedPerson|Patient|"
            "CareTeam|HealthcareService|Device"),
    ChoiceElem("productCodeableConcept", kCodeableConcept, "product"),
    ChoiceElem("productReference", kReference, "product", Card::k01,
               "Medication|Substance"),
    Elem("dailyAmount", kSimpleQuantity, Card::k01),
    Elem("quantity", kSimpleQuantity, Card::k01),
    Elem("description", kString, Card::k01),
};
const TypeDef kActivityDetail =
    BackboneType("CarePlan.activity.detail", kActivityDetailElements);

constexpr ElementDef kActivityElements[] = {
    Elem("outcomeCodeableConcept", kCodeableConcept, Card::k0N),
    RefElem("outcomeReference", Card::k0N, nullptr),
    Elem("progress", kAnnotation, Card::k0N),
    RefElem("reference", Card::k01,
            "Appointment|CommunicationRequest|DeviceRequest|MedicationRequest|"
            "NutritionOrder|Task|ServiceRequest|VisionPrescription|"
            "RequestGroup"),
    Elem("detail", kActivityDetail, Card::k01),
};
const TypeDef kActivity =
    BackboneType("CarePlan.activity", kActivityElements, &CheckActivity);

constexpr ElementDef kCarePlanElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("instantiatesCanonical", kCanonical, Card::k0N),
    Elem("instantiatesUri", kUri, Card::k0N),
    RefElem("basedOn", Card::k0N, "CarePlan"),
    RefElem("replaces", Card::k0N, "CarePlan"),
    RefElem("partOf", Card::k0N, "CarePlan"),
    Elem("status", kCode, Card::k11, &kRequestStatus),
    Elem("intent", kCode, Card::k11, &kCarePlanIntent),
    Elem("category", kCodeableConcept, Card::k0N),
    Elem("title", kString, Card::k01),
    Elem("description", kString, Card::k01),
    RefElem("subject", Card::k11, "Patient|Group"),
    RefElem("encounter", Card::k01, "Encounter"),
    Elem("period", kPeriod, Card::k01),
    Elem("created", kDateTime, Card::k01),
    RefElem("author", Card::k01, kCarePlanParties),
    RefElem("contributor", Card::k0N, kCarePlanParties),
    RefElem("careTeam", Card::k0N, "CareTeam"),
    RefElem("addresses", Card::k0N, "Condition"),
    RefElem("supportingInfo", Card::k0N, nullptr),
    RefElem("goal", Card::k0N, "Goal"),
    Elem("activity", kActivity, Card::k0N),
    Elem("note", kAnnotation, Card::k0N),
};

}  // namespace

const TypeDef kGoal = ResourceType("Goal", kGoalElements);
const TypeDef kCarePlan = ResourceType("CarePlan", kCarePlanElements);

}  // namespace validation_internal
}  // namespace fhir
