// Observation: table and invariants (obs-3, obs-6, obs-7).
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// True when CodeableConcepts `a` and `b` share a coding (same system and
// code), as FHIRPath's coding.intersect() would find.
bool ShareCoding(const Json* a, const Json* b) {
  if (a == nullptr || b == nullptr) return false;
  const Json* ca = FindMember(*a, "coding");
  const Json* cb = FindMember(*b, "coding");
  if (ca == nullptr || cb == nullptr || !ca->is_array() || !cb->is_array()) {
    return false;
  }
  for (const Json& x : ca->items()) {
    for (const Json& y : cb->items()) {
      if (StringMember(x, "system") == StringMember(y, "system") &&
          StringMember(x, "code") == StringMember(y, "code") &&
          !StringMember(x, "code").empty()) {
        return true;
      }
    }
  }
  return false;
}

void CheckObservation(const Json& obs, const Path& path, Context& ctx) {
  const bool value = HasChoice(obs, "value");
  if (value && Has(obs, "dataAbsentReason")) {
    Invariant(ctx, path, "obs-6",
              "dataAbsentReason SHALL only be present if Observation.value[x] "
              "is not present");
  }
  const Json* components = FindMember(obs, "component");
  if (!value || components == nullptr || !components->is_array()) return;
  for (const Json& c : components->items()) {
    if (ShareCoding(FindMember(obs, "code"), FindMember(c, "code"))) {
      Invariant(ctx, path, "obs-7",
                "if Observation.code is the same as an "
                "Observation.component.code then the value element associated "
                "with the code SHALL NOT be present");
      return;
    }
  }
}

void CheckReferenceRange(const Json& rr, const Path& path, Context& ctx) {
  if (!Has(rr, "low") && !Has(rr, "high") && !Has(rr, "text")) {
    Invariant(ctx, path, "obs-3", "must have at least a low or a high or text");
  }
}

constexpr ElementDef kReferenceRangeElements[] = {
    Elem("low", kSimpleQuantity, Card::k01),
    Elem("high", kSimpleQuantity, Card::k01),
    Elem("type", kCodeableConcept, Card::k01),
    Elem("appliesTo", kCodeableConcept, Card::k0N),
    Elem("age", kRange, Card::k01),
    Elem("text", kString, Card::k01),
};
const TypeDef kReferenceRange =
    BackboneType("Observation.referenceRange", kReferenceRangeElements,
                 &CheckReferenceRange);

constexpr ElementDef kComponentElements[] = {
    Elem("code", kCodeableConcept, Card::k11),
    ChoiceElem("valueQuantity", kQuantity, "value"),
    ChoiceElem("valueCodeableConcept", kCodeableConcept, "value"),
    ChoiceElem("valueString", kString, "value"),
    ChoiceElem("valueBoolean", kBoolean, "value"),
    ChoiceElem("valueInteger", kInteger, "value"),
    ChoiceElem("valueRange", kRange, "value"),
    ChoiceElem("valueRatio", kRatio, "value"),
    ChoiceElem("valueSampledData", kSampledData, "value"),
    ChoiceElem("valueTime", kTime, "value"),
    ChoiceElem("valueDateTime", kDateTime, "value"),
    ChoiceElem("valuePeriod", kPeriod, "value"),
    Elem("dataAbsentReason", kCodeableConcept, Card::k01),
    Elem("interpretation", kCodeableConcept, Card::k0N),
    Elem("referenceRange", kReferenceRange, Card::k0N),
};
const TypeDef kComponent =
    BackboneType("Observation.component", kComponentElements);

constexpr ElementDef kObservationElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    RefElem("basedOn", Card::k0N,
            "CarePlan|DeviceRequest|ImmunizationRecommendation|"
            "MedicationRequest|NutritionOrder|ServiceRequest"),
    RefElem("partOf", Card::k0N,
            "MedicationAdministration|MedicationDispense|MedicationStatement|"
            "Procedure|Immunization|ImagingStudy"),
    Elem("status", kCode, Card::k11, &kObservationStatus),
    Elem("category", kCodeableConcept, Card::k0N),
    Elem("code", kCodeableConcept, Card::k11),
    RefElem("subject", Card::k01, "Patient|Group|Device|Location"),
    RefElem("focus", Card::k0N, nullptr),
    RefElem("encounter", Card::k01, "Encounter"),
    ChoiceElem("effectiveDateTime", kDateTime, "effective"),
    ChoiceElem("effectivePeriod", kPeriod, "effective"),
    ChoiceElem("effectiveTiming", kTiming, "effective"),
    ChoiceElem("effectiveInstant", kInstant, "effective"),
    Elem("issued", kInstant, Card::k01),
    RefElem("performer", Card::k0N,
            "Practitioner|PractitionerRole|Organization|CareTeam|Patient|"
            "RelatedPerson"),
    ChoiceElem("valueQuantity", kQuantity, "value"),
    ChoiceElem("valueCodeableConcept", kCodeableConcept, "value"),
    ChoiceElem("valueString", kString, "value"),
    ChoiceElem("valueBoolean", kBoolean, "value"),
    ChoiceElem("valueInteger", kInteger, "value"),
    ChoiceElem("valueRange", kRange, "value"),
    ChoiceElem("valueRatio", kRatio, "value"),
    ChoiceElem("valueSampledData", kSampledData, "value"),
    ChoiceElem("valueTime", kTime, "value"),
    ChoiceElem("valueDateTime", kDateTime, "value"),
    ChoiceElem("valuePeriod", kPeriod, "value"),
    Elem("dataAbsentReason", kCodeableConcept, Card::k01),
    Elem("interpretation", kCodeableConcept, Card::k0N),
    Elem("note", kAnnotation, Card::k0N),
    Elem("bodySite", kCodeableConcept, Card::k01),
    Elem("method", kCodeableConcept, Card::k01),
    RefElem("specimen", Card::k01, "Specimen"),
    RefElem("device", Card::k01, "Device|DeviceMetric"),
    Elem("referenceRange", kReferenceRange, Card::k0N),
    RefElem("hasMember", Card::k0N,
            "Observation|QuestionnaireResponse|MolecularSequence"),
    RefElem("derivedFrom", Card::k0N,
            "DocumentReference|ImagingStudy|Media|QuestionnaireResponse|"
            "Observation|MolecularSequence"),
    Elem("component", kComponent, Card::k0N),
};

}  // namespace

const TypeDef kObservation =
    ResourceType("Observation", kObservationElements, &CheckObservation);

}  // namespace validation_internal
}  // namespace fhir
