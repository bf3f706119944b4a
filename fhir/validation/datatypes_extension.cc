// Extension: the table of its 50 value[x] types, and ext-1.
#include "fhir/validation/schema.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// ext-1: an extension has either nested extensions or a value[x].
void CheckExtension(const Json& e, const Path& path, Context& ctx) {
  if (Has(e, "extension") == HasChoice(e, "value")) {
    Invariant(ctx, path, "ext-1",
              "must have either extensions or value[x], not both");
  }
}

constexpr ElementDef kExtensionElements[] = {
    Elem("url", kUri, Card::k11),
    ChoiceElem("valueBase64Binary", kBase64Binary, "value"),
    ChoiceElem("valueBoolean", kBoolean, "value"),
    ChoiceElem("valueCanonical", kCanonical, "value"),
    ChoiceElem("valueCode", kCode, "value"),
    ChoiceElem("valueDate", kDate, "value"),
    ChoiceElem("valueDateTime", kDateTime, "value"),
    ChoiceElem("valueDecimal", kDecimal, "value"),
    ChoiceElem("valueId", kId, "value"),
    ChoiceElem("valueInstant", kInstant, "value"),
    ChoiceElem("valueInteger", kInteger, "value"),
    ChoiceElem("valueMarkdown", kMarkdown, "value"),
    ChoiceElem("valueOid", kOid, "value"),
    ChoiceElem("valuePositiveInt", kPositiveInt, "value"),
    ChoiceElem("valueString", kString, "value"),
    ChoiceElem("valueTime", kTime, "value"),
    ChoiceElem("valueUnsignedInt", kUnsignedInt, "value"),
    ChoiceElem("valueUri", kUri, "value"),
    ChoiceElem("valueUrl", kUrl, "value"),
    ChoiceElem("valueUuid", kUuid, "value"),
    ChoiceElem("valueAddress", kAddress, "value"),
    ChoiceElem("valueAge", kAge, "value"),
    ChoiceElem("valueAnnotation", kAnnotation, "value"),
    ChoiceElem("valueAttachment", kAttachment, "value"),
    ChoiceElem("valueCodeableConcept", kCodeableConcept, "value"),
    ChoiceElem("valueCoding", kCoding, "value"),
    ChoiceElem("valueContactPoint", kContactPoint, "value"),
    ChoiceElem("valueCount", kCount, "value"),
    ChoiceElem("valueDistance", kDistance, "value"),
    ChoiceElem("valueDuration", kDuration, "value"),
    ChoiceElem("valueHumanName", kHumanName, "value"),
    ChoiceElem("valueIdentifier", kIdentifier, "value"),
    ChoiceElem("valueMoney", kMoney, "value"),
    ChoiceElem("valuePeriod", kPeriod, "value"),
    ChoiceElem("valueQuantity", kQuantity, "value"),
    ChoiceElem("valueRange", kRange, "value"),
    ChoiceElem("valueRatio", kRatio, "value"),
    ChoiceElem("valueReference", kReference, "value"),
    ChoiceElem("valueSampledData", kSampledData, "value"),
    ChoiceElem("valueSignature", kSignature, "value"),
    ChoiceElem("valueTiming", kTiming, "value"),
    ChoiceElem("valueContactDetail", kContactDetail, "value"),
    ChoiceElem("valueContributor", kAnyObject, "value"),
    ChoiceElem("valueDataRequirement", kAnyObject, "value"),
    ChoiceElem("valueExpression", kExpression, "value"),
    ChoiceElem("valueParameterDefinition", kAnyObject, "value"),
    ChoiceElem("valueRelatedArtifact", kRelatedArtifact, "value"),
    ChoiceElem("valueTriggerDefinition", kAnyObject, "value"),
    ChoiceElem("valueUsageContext", kUsageContext, "value"),
    ChoiceElem("valueDosage", kAnyObject, "value"),
    ChoiceElem("valueMeta", kMeta, "value"),
};

}  // namespace

const TypeDef kExtension =
    ComplexType("Extension", kExtensionElements, &CheckExtension);

}  // namespace validation_internal
}  // namespace fhir
