// More R4 datatypes (contact, name, address, timing, metadata types) and the
// placeholder types (Element, any object, nested and contained resources).
#include <iterator>

#include "fhir/validation/schema.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// cpt-2: a value needs a system.
void CheckContactPoint(const Json& cp, const Path& path, Context& ctx) {
  if (Has(cp, "value") && !Has(cp, "system")) {
    Invariant(ctx, path, "cpt-2",
              "a system is required if a value is provided");
  }
}

// exp-1: an expression or a reference.
void CheckExpression(const Json& e, const Path& path, Context& ctx) {
  if (!Has(e, "expression") && !Has(e, "reference")) {
    Invariant(ctx, path, "exp-1",
              "an expression or a reference must be provided");
  }
}

// tim-1 .. tim-10 on Timing.repeat.
void CheckTimingRepeat(const Json& r, const Path& path, Context& ctx) {
  struct Pair {
    const char* key;
    const char* present;
    const char* requires;
    const char* human;
  };
  static constexpr Pair kNeeds[] = {
      {"tim-1", "duration", "durationUnit",
       "if there's a duration, there needs to be duration units"},
      {"tim-2", "period", "periodUnit",
       "if there's a period, there needs to be period units"},
      {"tim-6", "periodMax", "period",
       "if there's a periodMax, there must be a period"},
      {"tim-7", "durationMax", "duration",
       "if there's a durationMax, there must be a duration"},
      {"tim-8", "countMax", "count",
       "if there's a countMax, there must be a count"},
  };
  for (const Pair& p : kNeeds) {
    if (Has(r, p.present) && !Has(r, p.requires)) {
      Invariant(ctx, path, p.key, p.human);
    }
  }
  const Json* duration = FindMember(r, "duration");
  if (duration != nullptr && IsNegativeDecimal(duration->str())) {
    Invariant(ctx, path, "tim-4", "duration SHALL be a non-negative value");
  }
  const Json* period = FindMember(r, "period");
  if (period != nullptr && IsNegativeDecimal(period->str())) {
    Invariant(ctx, path, "tim-5", "period SHALL be a non-negative value");
  }
  const Json* when = FindMember(r, "when");
  if (Has(r, "offset")) {
    bool ok = when != nullptr && when->is_array() && !when->empty();
    for (std::size_t i = 0; ok && i < when->size(); ++i) {
      const std::string& w = when->at(i).str();
      if (w == "C" || w == "CM" || w == "CD" || w == "CV") ok = false;
    }
    if (!ok) {
      Invariant(ctx, path, "tim-9",
                "if there's an offset, there must be a when (and not C, CM, "
                "CD, CV)");
    }
  }
  if (Has(r, "timeOfDay") && when != nullptr) {
    Invariant(ctx, path, "tim-10",
              "if there's a timeOfDay, there cannot be a when, or vice versa");
  }
}

constexpr ElementDef kContactPointElements[] = {
    Elem("system", kCode, Card::k01, &kContactPointSystem),
    Elem("value", kString, Card::k01),
    Elem("use", kCode, Card::k01, &kContactPointUse),
    Elem("rank", kPositiveInt, Card::k01),
    Elem("period", kPeriod, Card::k01),
};
constexpr ElementDef kHumanNameElements[] = {
    Elem("use", kCode, Card::k01, &kNameUse),
    Elem("text", kString, Card::k01),
    Elem("family", kString, Card::k01),
    Elem("given", kString, Card::k0N),
    Elem("prefix", kString, Card::k0N),
    Elem("suffix", kString, Card::k0N),
    Elem("period", kPeriod, Card::k01),
};
constexpr ElementDef kAddressElements[] = {
    Elem("use", kCode, Card::k01, &kAddressUse),
    Elem("type", kCode, Card::k01, &kAddressType),
    Elem("text", kString, Card::k01),
    Elem("line", kString, Card::k0N),
    Elem("city", kString, Card::k01),
    Elem("district", kString, Card::k01),
    Elem("state", kString, Card::k01),
    Elem("postalCode", kString, Card::k01),
    Elem("country", kString, Card::k01),
    Elem("period", kPeriod, Card::k01),
};
constexpr ElementDef kSampledDataElements[] = {
    Elem("origin", kSimpleQuantity, Card::k11),
    Elem("period", kDecimal, Card::k11),
    Elem("factor", kDecimal, Card::k01),
    Elem("lowerLimit", kDecimal, Card::k01),
    Elem("upperLimit", kDecimal, Card::k01),
    Elem("dimensions", kPositiveInt, Card::k11),
    Elem("data", kString, Card::k01),
};
constexpr const char* kSignatureParties =
    "Practitioner|PractitionerRole|RelatedPerson|Patient|Device|Organization";
constexpr ElementDef kSignatureElements[] = {
    Elem("type", kCoding, Card::k1N),
    Elem("when", kInstant, Card::k11),
    RefElem("who", Card::k11, kSignatureParties),
    RefElem("onBehalfOf", Card::k01, kSignatureParties),
    Elem("targetFormat", kCode, Card::k01),
    Elem("sigFormat", kCode, Card::k01),
    Elem("data", kBase64Binary, Card::k01),
};
constexpr ElementDef kTimingRepeatElements[] = {
    ChoiceElem("boundsDuration", kDuration, "bounds"),
    ChoiceElem("boundsRange", kRange, "bounds"),
    ChoiceElem("boundsPeriod", kPeriod, "bounds"),
    Elem("count", kPositiveInt, Card::k01),
    Elem("countMax", kPositiveInt, Card::k01),
    Elem("duration", kDecimal, Card::k01),
    Elem("durationMax", kDecimal, Card::k01),
    Elem("durationUnit", kCode, Card::k01, &kUnitsOfTime),
    Elem("frequency", kPositiveInt, Card::k01),
    Elem("frequencyMax", kPositiveInt, Card::k01),
    Elem("period", kDecimal, Card::k01),
    Elem("periodMax", kDecimal, Card::k01),
    Elem("periodUnit", kCode, Card::k01, &kUnitsOfTime),
    Elem("dayOfWeek", kCode, Card::k0N, &kDaysOfWeek),
    Elem("timeOfDay", kTime, Card::k0N),
    Elem("when", kCode, Card::k0N, &kEventTiming),
    Elem("offset", kUnsignedInt, Card::k01),
};
const TypeDef kTimingRepeat =
    ComplexType("Timing.repeat", kTimingRepeatElements, &CheckTimingRepeat);
constexpr ElementDef kTimingElements[] = {
    Elem("event", kDateTime, Card::k0N),
    Elem("repeat", kTimingRepeat, Card::k01),
    Elem("code", kCodeableConcept, Card::k01),
};
constexpr ElementDef kContactDetailElements[] = {
    Elem("name", kString, Card::k01),
    Elem("telecom", kContactPoint, Card::k0N),
};
constexpr ElementDef kUsageContextElements[] = {
    Elem("code", kCoding, Card::k11),
    ChoiceElem("valueCodeableConcept", kCodeableConcept, "value", Card::k11),
    ChoiceElem("valueQuantity", kQuantity, "value", Card::k11),
    ChoiceElem("valueRange", kRange, "value", Card::k11),
    ChoiceElem("valueReference", kReference, "value", Card::k11,
               "PlanDefinition|ResearchStudy|InsurancePlan|HealthcareService|"
               "Group|Location|Organization"),
};
constexpr ElementDef kRelatedArtifactElements[] = {
    Elem("type", kCode, Card::k11, &kRelatedArtifactType),
    Elem("label", kString, Card::k01),
    Elem("display", kString, Card::k01),
    Elem("citation", kMarkdown, Card::k01),
    Elem("url", kUrl, Card::k01),
    Elem("document", kAttachment, Card::k01),
    Elem("resource", kCanonical, Card::k01),
};
constexpr ElementDef kExpressionElements[] = {
    Elem("description", kString, Card::k01), Elem("name", kId, Card::k01),
    Elem("language", kCode, Card::k11),  // extensible binding: not enforced
    Elem("expression", kString, Card::k01),  Elem("reference", kUri, Card::k01),
};

constexpr TypeDef PlaceholderType(std::string_view name, Base base) {
  return TypeDef{name, base, Primitive::kNone, nullptr, 0, nullptr, false};
}

}  // namespace

const TypeDef kContactPoint =
    ComplexType("ContactPoint", kContactPointElements, &CheckContactPoint);
const TypeDef kHumanName = ComplexType("HumanName", kHumanNameElements);
const TypeDef kAddress = ComplexType("Address", kAddressElements);
const TypeDef kSampledData = ComplexType("SampledData", kSampledDataElements);
const TypeDef kSignature = ComplexType("Signature", kSignatureElements);
const TypeDef kTiming = BackboneType("Timing", kTimingElements);
const TypeDef kContactDetail =
    ComplexType("ContactDetail", kContactDetailElements);
const TypeDef kUsageContext =
    ComplexType("UsageContext", kUsageContextElements);
const TypeDef kRelatedArtifact =
    ComplexType("RelatedArtifact", kRelatedArtifactElements);
const TypeDef kExpression =
    ComplexType("Expression", kExpressionElements, &CheckExpression);

const TypeDef kElementOnly = PlaceholderType("Element", Base::kElement);
const TypeDef kAnyObject = PlaceholderType("Element", Base::kAny);
const TypeDef kAnyResource = PlaceholderType("Resource", Base::kAnyResource);
const TypeDef kContainedResource =
    PlaceholderType("Resource", Base::kContainedResource);

}  // namespace validation_internal
}  // namespace fhir
