// Questionnaire and QuestionnaireResponse: tables and invariants (que-*,
// qrs-*).
#include <algorithm>
#include <vector>

#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// que-7 on enableWhen.
void CheckEnableWhen(const Json& ew, const Path& path, Context& ctx) {
  if (StringMember(ew, "operator") == "exists" &&
      !FindMember(ew, "answerBoolean")) {
    Invariant(ctx, path, "que-7",
              "if the operator is 'exists', the value must be a boolean");
  }
}

// que-1, que-3 .. que-6, que-8 .. que-13 on one item.
void CheckItem(const Json& item, const Path& path, Context& ctx) {
  const std::string_view type = StringMember(item, "type");
  const bool display = type == "display", group = type == "group";
  const bool has_items = Has(item, "item");
  if ((group && !has_items) || (display && has_items)) {
    Invariant(ctx, path, "que-1",
              "group items must have nested items, display items cannot "
              "have nested items");
  }
  if (display && Has(item, "code")) {
    Invariant(ctx, path, "que-3", "display items cannot have a code asserted");
  }
  const bool options = Has(item, "answerOption");
  const bool value_set = Has(item, "answerValueSet");
  if (options && value_set) {
    Invariant(ctx, path, "que-4",
              "a question cannot have both answerOption and answerValueSet");
  }
  if ((options || value_set) &&
      !IsOneOf(type, {"choice", "open-choice", "decimal", "integer", "date",
                      "dateTime", "time", "string", "quantity"})) {
    Invariant(ctx, path, "que-5",
              "only 'choice' and 'open-choice' items can have answerValueSet");
  }
  if (display && (Has(item, "required") || Has(item, "repeats"))) {
    Invariant(ctx, path, "que-6",
              "required and repeat aren't permitted for display items");
  }
  const bool initial = Has(item, "initial");
  if ((group || display) && initial) {
    Invariant(ctx, path, "que-8",
              "initial values can't be specified for groups or display items");
  }
  if (display && Has(item, "readOnly")) {
    Invariant(ctx, path, "que-9",
              "read-only can't be specified for display items");
  }
  if (Has(item, "maxLength") &&
      !IsOneOf(type, {"boolean", "decimal", "integer", "string", "text", "url",
                      "open-choice"})) {
    Invariant(ctx, path, "que-10",
              "maximum length can only be declared for simple question types");
  }
  if (options && initial) {
    Invariant(ctx, path, "que-11",
              "if one or more answerOption is present, initial[x] must be "
              "missing");
  }
  // R4 says "more than one"; its FHIRPath (count() > 2) was an erratum.
  if (CountOf(item, "enableWhen") > 1 && !Has(item, "enableBehavior")) {
    Invariant(ctx, path, "que-12",
              "if there are more than one enableWhen, enableBehavior must be "
              "specified");
  }
  const Json* repeats = FindMember(item, "repeats");
  const bool repeating = repeats != nullptr && repeats->boolean();
  if (!repeating && CountOf(item, "initial") > 1) {
    Invariant(ctx, path, "que-13",
              "can only have multiple initial values for repeating items");
  }
}

void CollectLinkIds(const Json& holder, std::vector<std::string_view>* ids) {
  const Json* items = FindMember(holder, "item");
  if (items == nullptr || !items->is_array()) return;
  for (const Json& item : items->items()) {
    std::string_view id = StringMember(item, "linkId");
    if (!id.empty()) ids->push_back(id);
    CollectLinkIds(item, ids);
  }
}

// que-0 (warning) and que-2 on the Questionnaire.
void CheckQuestionnaire(const Json& q, const Path& path, Context& ctx) {
  std::string_view name = StringMember(q, "name");
  if (!name.empty() && !IsComputableName(name)) {
    Invariant(ctx, path, "que-0",
              "name should be usable as an identifier for the module by "
              "machine processing applications",
              Severity::kWarning);
  }
  std::vector<std::string_view> ids;
  CollectLinkIds(q, &ids);
  std::sort(ids.begin(), ids.end());
  if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) {
    Invariant(ctx, path, "que-2",
              "the link ids for groups and questions must be unique within "
              "the questionnaire");
  }
}

// qrs-1 on a response item.
void CheckResponseItem(const Json& item, const Path& path, Context& ctx) {
  if (Has(item, "answer") && Has(item, "item")) {
    Invariant(ctx, path, "qrs-1",
              "nested item can't be beneath both item and answer");
  }
}

extern const TypeDef kQuestionnaireItem;
extern const TypeDef kResponseItem;

constexpr ElementDef kEnableWhenElements[] = {
    Elem("question", kString, Card::k11),
    Elem("operator", kCode, Card::k11, &kEnableOperator),
    ChoiceElem("answerBoolean", kBoolean, "answer", Card::k11),
    ChoiceElem("answerDecimal", kDecimal, "answer", Card::k11),
    ChoiceElem("answerInteger", kInteger, "answer", Card::k11),
    ChoiceElem("answerDate", kDate, "answer", Card::k11),
    ChoiceElem("answerDateTime", kDateTime, "answer", Card::k11),
    ChoiceElem("answerTime", kTime, "answer", Card::k11),
    ChoiceElem("answerString", kString, "answer", Card::k11),
    ChoiceElem("answerCoding", kCoding, "answer", Card::k11),
    ChoiceElem("answerQuantity", kQuantity, "answer", Card::k11),
    ChoiceElem("answerReference", kReference, "answer", Card::k11),
};
const TypeDef kEnableWhen = BackboneType("Questionnaire.item.enableWhen",
                                         kEnableWhenElements, &CheckEnableWhen);

constexpr ElementDef kAnswerOptionElements[] = {
    ChoiceElem("valueInteger", kInteger, "value", Card::k11),
    ChoiceElem("valueDate", kDate, "value", Card::k11),
    ChoiceElem("valueTime", kTime, "value", Card::k11),
    ChoiceElem("valueString", kString, "value", Card::k11),
    ChoiceElem("valueCoding", kCoding, "value", Card::k11),
    ChoiceElem("valueReference", kReference, "value", Card::k11),
    Elem("initialSelected", kBoolean, Card::k01),
};
const TypeDef kAnswerOption =
    BackboneType("Questionnaire.item.answerOption", kAnswerOptionElements);

constexpr ElementDef kInitialElements[] = {
    ChoiceElem("valueBoolean", kBoolean, "value", Card::k11),
    ChoiceElem("valueDecimal", kDecimal, "value", Card::k11),
    ChoiceElem("valueInteger", kInteger, "value", Card::k11),
    ChoiceElem("valueDate", kDate, "value", Card::k11),
    ChoiceElem("valueDateTime", kDateTime, "value", Card::k11),
    ChoiceElem("valueTime", kTime, "value", Card::k11),
    ChoiceElem("valueString", kString, "value", Card::k11),
    ChoiceElem("valueUri", kUri, "value", Card::k11),
    ChoiceElem("valueAttachment", kAttachment, "value", Card::k11),
    ChoiceElem("valueCoding", kCoding, "value", Card::k11),
    ChoiceElem("valueQuantity", kQuantity, "value", Card::k11),
    ChoiceElem("valueReference", kReference, "value", Card::k11),
};
const TypeDef kInitial =
    BackboneType("Questionnaire.item.initial", kInitialElements);

constexpr ElementDef kQuestionnaireItemElements[] = {
    Elem("linkId", kString, Card::k11),
    Elem("definition", kUri, Card::k01),
    Elem("code", kCoding, Card::k0N),
    Elem("prefix", kString, Card::k01),
    Elem("text", kString, Card::k01),
    Elem("type", kCode, Card::k11, &kItemType),
    Elem("enableWhen", kEnableWhen, Card::k0N),
    Elem("enableBehavior", kCode, Card::k01, &kEnableBehavior),
    Elem("required", kBoolean, Card::k01),
    Elem("repeats", kBoolean, Card::k01),
    Elem("readOnly", kBoolean, Card::k01),
    Elem("maxLength", kInteger, Card::k01),
    Elem("answerValueSet", kCanonical, Card::k01),
    Elem("answerOption", kAnswerOption, Card::k0N),
    Elem("initial", kInitial, Card::k0N),
    Elem("item", kQuestionnaireItem, Card::k0N),
};
const TypeDef kQuestionnaireItem =
    BackboneType("Questionnaire.item", kQuestionnaireItemElements, &CheckItem);

constexpr ElementDef kQuestionnaireElements[] = {
    Elem("url", kUri, Card::k01),
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("version", kString, Card::k01),
    Elem("name", kString, Card::k01),
    Elem("title", kString, Card::k01),
    Elem("derivedFrom", kCanonical, Card::k0N),
    Elem("status", kCode, Card::k11, &kPublicationStatus),
    Elem("experimental", kBoolean, Card::k01),
    Elem("subjectType", kCode, Card::k0N, &kResourceTypes),
    Elem("date", kDateTime, Card::k01),
    Elem("publisher", kString, Card::k01),
    Elem("contact", kContactDetail, Card::k0N),
    Elem("description", kMarkdown, Card::k01),
    Elem("useContext", kUsageContext, Card::k0N),
    Elem("jurisdiction", kCodeableConcept, Card::k0N),
    Elem("purpose", kMarkdown, Card::k01),
    Elem("copyright", kMarkdown, Card::k01),
    Elem("approvalDate", kDate, Card::k01),
    Elem("lastReviewDate", kDate, Card::k01),
    Elem("effectivePeriod", kPeriod, Card::k01),
    Elem("code", kCoding, Card::k0N),
    Elem("item", kQuestionnaireItem, Card::k0N),
};

constexpr ElementDef kAnswerElements[] = {
    ChoiceElem("valueBoolean", kBoolean, "value"),
    ChoiceElem("valueDecimal", kDecimal, "value"),
    ChoiceElem("valueInteger", kInteger, "value"),
    ChoiceElem("valueDate", kDate, "value"),
    ChoiceElem("valueDateTime", kDateTime, "value"),
    ChoiceElem("valueTime", kTime, "value"),
    ChoiceElem("valueString", kString, "value"),
    ChoiceElem("valueUri", kUri, "value"),
    ChoiceElem("valueAttachment", kAttachment, "value"),
    ChoiceElem("valueCoding", kCoding, "value"),
    ChoiceElem("valueQuantity", kQuantity, "value"),
    ChoiceElem("valueReference", kReference, "value"),
    Elem("item", kResponseItem, Card::k0N),
};
const TypeDef kAnswer =
    BackboneType("QuestionnaireResponse.item.answer", kAnswerElements);

constexpr ElementDef kResponseItemElements[] = {
    Elem("linkId", kString, Card::k11),     Elem("definition", kUri, Card::k01),
    Elem("text", kString, Card::k01),       Elem("answer", kAnswer, Card::k0N),
    Elem("item", kResponseItem, Card::k0N),
};
const TypeDef kResponseItem = BackboneType(
    "QuestionnaireResponse.item", kResponseItemElements, &CheckResponseItem);

constexpr ElementDef kQuestionnaireResponseElements[] = {
    Elem("identifier", kIdentifier, Card::k01),
    RefElem("basedOn", Card::k0N, "CarePlan|ServiceRequest"),
    RefElem("partOf", Card::k0N, "Observation|Procedure"),
    Elem("questionnaire", kCanonical, Card::k01),
    Elem("status", kCode, Card::k11, &kQuestionnaireAnswersStatus),
    RefElem("subject", Card::k01, nullptr),
    RefElem("encounter", Card::k01, "Encounter"),
    Elem("authored", kDateTime, Card::k01),
    RefElem("author", Card::k01,
            "Device|Practitioner|PractitionerRole|Patient|RelatedPerson|"
            "Organization"),
    RefElem("source", Card::k01,
            "Patient|Practitioner|PractitionerRole|RelatedPerson"),
    Elem("item", kResponseItem, Card::k0N),
};

}  // namespace

const TypeDef kQuestionnaire =
    ResourceType("Questionnaire", kQuestionnaireElements, &CheckQuestionnaire);
const TypeDef kQuestionnaireResponse =
    ResourceType("QuestionnaireResponse", kQuestionnaireResponseElements);

}  // namespace validation_internal
}  // namespace fhir
