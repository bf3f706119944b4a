// CodeSystem (we publish our score codes as one): table and invariants
// (csd-0 warning, csd-1).
#include <algorithm>
#include <vector>

#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

void CollectCodes(const Json& holder, std::vector<std::string_view>* codes) {
  const Json* concepts = FindMember(holder, "concept");
  if (concepts == nullptr || !concepts->is_array()) return;
  for (const Json& c : concepts->items()) {
    std::string_view code = StringMember(c, "code");
    if (!code.empty()) codes->push_back(code);
    CollectCodes(c, codes);
  }
}

void CheckCodeSystem(const Json& cs, const Path& path, Context& ctx) {
  std::string_view name = StringMember(cs, "name");
  if (!name.empty() && !IsComputableName(name)) {
    Invariant(ctx, path, "csd-0",
              "name should be usable as an identifier for the module by "
              "machine processing applications",
              Severity::kWarning);
  }
  std::vector<std::string_view> codes;
  CollectCodes(cs, &codes);
  std::sort(codes.begin(), codes.end());
  if (std::adjacent_find(codes.begin(), codes.end()) != codes.end()) {
    Invariant(ctx, path, "csd-1",
              "within a code system definition, all the codes SHALL be "
              "unique");
  }
}

constexpr ElementDef kFilterElements[] = {
    Elem("code", kCode, Card::k11),
    Elem("description", kString, Card::k01),
    Elem("operator", kCode, Card::k1N, &kFilterOperator),
    Elem("value", kString, Card::k11),
};
const TypeDef kFilter = BackboneType("CodeSystem.filter", kFilterElements);

constexpr ElementDef kPropertyElements[] = {
    Elem("code", kCode, Card::k11),
    Elem("uri", kUri, Card::k01),
    Elem("description", kString, Card::k01),
    Elem("type", kCode, Card::k11, &kPropertyType),
};
const TypeDef kProperty =
    BackboneType("CodeSystem.property", kPropertyElements);

constexpr ElementDef kDesignationElements[] = {
    Elem("language", kCode, Card::k01),
    Elem("use", kCoding, Card::k01),
    Elem("value", kString, Card::k11),
};
const TypeDef kDesignation =
    BackboneType("CodeSystem.concept.designation", kDesignationElements);

constexpr ElementDef kConceptPropertyElements[] = {
    Elem("code", kCode, Card::k11),
    ChoiceElem("valueCode", kCode, "value", Card::k11),
    ChoiceElem("valueCoding", kCoding, "value", Card::k11),
    ChoiceElem("valueString", kString, "value", Card::k11),
    ChoiceElem("valueInteger", kInteger, "value", Card::k11),
    ChoiceElem("valueBoolean", kBoolean, "value", Card::k11),
    ChoiceElem("valueDateTime", kDateTime, "value", Card::k11),
    ChoiceElem("valueDecimal", kDecimal, "value", Card::k11),
};
const TypeDef kConceptProperty =
    BackboneType("CodeSystem.concept.property", kConceptPropertyElements);

extern const TypeDef kConcept;
constexpr ElementDef kConceptElements[] = {
    Elem("code", kCode, Card::k11),
    Elem("display", kString, Card::k01),
    Elem("definition", kString, Card::k01),
    Elem("designation", kDesignation, Card::k0N),
    Elem("property", kConceptProperty, Card::k0N),
    Elem("concept", kConcept, Card::k0N),
};
const TypeDef kConcept = BackboneType("CodeSystem.concept", kConceptElements);

constexpr ElementDef kCodeSystemElements[] = {
    Elem("url", kUri, Card::k01),
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("version", kString, Card::k01),
    Elem("name", kString, Card::k01),
    Elem("title", kString, Card::k01),
    Elem("status", kCode, Card::k11, &kPublicationStatus),
    Elem("experimental", kBoolean, Card::k01),
    Elem("date", kDateTime, Card::k01),
    Elem("publisher", kString, Card::k01),
    Elem("contact", kContactDetail, Card::k0N),
    Elem("description", kMarkdown, Card::k01),
    Elem("useContext", kUsageContext, Card::k0N),
    Elem("jurisdiction", kCodeableConcept, Card::k0N),
    Elem("purpose", kMarkdown, Card::k01),
    Elem("copyright", kMarkdown, Card::k01),
    Elem("caseSensitive", kBoolean, Card::k01),
    Elem("valueSet", kCanonical, Card::k01),
    Elem("hierarchyMeaning", kCode, Card::k01, &kHierarchyMeaning),
    Elem("compositional", kBoolean, Card::k01),
    Elem("versionNeeded", kBoolean, Card::k01),
    Elem("content", kCode, Card::k11, &kContentMode),
    Elem("supplements", kCanonical, Card::k01),
    Elem("count", kUnsignedInt, Card::k01),
    Elem("filter", kFilter, Card::k0N),
    Elem("property", kProperty, Card::k0N),
    Elem("concept", kConcept, Card::k0N),
};

}  // namespace

const TypeDef kCodeSystem =
    ResourceType("CodeSystem", kCodeSystemElements, &CheckCodeSystem);

}  // namespace validation_internal
}  // namespace fhir
