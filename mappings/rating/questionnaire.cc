#include "mappings/rating/questionnaire.h"

#include <map>
#include <string>

#include "mappings/codes.h"

namespace mappings {

using fhir::Json;

namespace {

constexpr const char* kMinValue =
    "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr const char* kMaxValue =
    "http://hl7.org/fhir/StructureDefinition/maxValue";
constexpr const char* kItemControl =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
constexpr const char* kItemControlSystem =
    "http://hl7.org/fhir/questionnaire-item-control";

Json ProducedByMeta() {
  Json meta = Json::Object();
  Json tag = Json::Object();
  tag.Set("system", kTagSystem);
  tag.Set("code", kProducedByTag);
  tag.Set("display", "Produced by alliance-fhir");
  meta.Set("tag", Json::Array()).Append(std::move(tag));
  return meta;
}

Json Extension(const char* url, const char* value_key, Json value) {
  Json ext = Json::Object();
  ext.Set("url", url);
  ext.Set(value_key, std::move(value));
  return ext;
}

Json ChoiceItem(const Item& item) {
  Json q = Json::Object();
  q.Set("linkId", item.link_id);
  q.Set("text", item.label);
  q.Set("type", "choice");
  Json& options = q.Set("answerOption", Json::Array());
  const Scale& s = item.scale;
  for (std::size_t i = 0; i < s.anchors.size(); ++i) {
    std::int64_t scored = s.anchors[i].value;
    if (item.reverse_scored) {
      scored = static_cast<std::int64_t>(s.min + s.max) - scored;
    }
    Json option = Json::Object();
    option.Set("extension", Json::Array())
        .Append(Extension(kOrdinalValueExtension, "valueDecimal",
                          Json::Decimal(std::to_string(scored))));
    option.Set("valueCoding", item.answer_codings[i]);
    options.Append(std::move(option));
  }
  return q;
}

Json AnalogueItem(const Item& item) {
  const Scale& s = item.scale;
  const char* value_key = s.integer ? "valueInteger" : "valueDecimal";
  Json q = Json::Object();
  Json& ext = q.Set("extension", Json::Array());
  ext.Append(Extension(kMinValue, value_key, Json::Decimal(s.min_text)));
  ext.Append(Extension(kMaxValue, value_key, Json::Decimal(s.max_text)));
  Json control = Json::Object();
  Json coding = Json::Object();
  coding.Set("system", kItemControlSystem);
  coding.Set("code", "slider");
  coding.Set("display", "Slider");
  control.Set("coding", Json::Array()).Append(std::move(coding));
  ext.Append(
      Extension(kItemControl, "valueCodeableConcept", std::move(control)));
  q.Set("linkId", item.link_id);
  q.Set("text", item.label);
  q.Set("type", s.integer ? "integer" : "decimal");
  return q;
}

std::string ItemList(const Instrument& in, const ScoreDef& s) {
  std::string out;
  for (int index : s.items) {
    if (!out.empty()) out += ", ";
    out += in.items[index].link_id;
  }
  return out;
}

}  // namespace

Json BuildQuestionnaire(const Instrument& in) {
  Json q = Json::Object();
  q.Set("resourceType", "Questionnaire");
  q.Set("meta", ProducedByMeta());
  q.Set("url", in.url);
  Json id = Json::Object();
  id.Set("use", "official");
  id.Set("system", std::string(kCanonicalBase) + "/instruments");
  id.Set("value", in.id + ":" + in.version);
  q.Set("identifier", Json::Array()).Append(std::move(id));
  q.Set("version", in.version);
  q.Set("name", in.name);
  q.Set("title", in.title);
  q.Set("status", "active");
  Json& subject = q.Set("subjectType", Json::Array());
  subject.Append("Patient");
  if (!in.description.empty()) q.Set("description", in.description);
  q.Set("copyright", in.copyright);
  Json& items = q.Set("item", Json::Array());
  for (const Item& item : in.items) {
    items.Append(item.scale.kind == ScaleKind::kChoice ? ChoiceItem(item)
                                                       : AnalogueItem(item));
  }
  return q;
}

Json BuildScoreCodeSystem(const InstrumentCatalog& catalog) {
  // code -> (display, definition) of the newest version defining it.
  std::map<std::string, std::pair<std::string, std::string>> concepts;
  for (const Instrument* in : catalog.All()) {  // oldest first: newest wins
    for (const ScoreDef& s : in->scores) {
      std::string definition = std::string(s.is_total ? "Total" : "Subscale") +
                               " score of the " + in->title + ": " +
                               ScoringMethodName(s.method) + " of items " +
                               ItemList(*in, s) + ".";
      concepts[s.code] = {s.display, std::move(definition)};
    }
  }
  Json cs = Json::Object();
  cs.Set("resourceType", "CodeSystem");
  cs.Set("meta", ProducedByMeta());
  cs.Set("url", kScoreCodeSystem);
  cs.Set("name", "AllianceScores");
  cs.Set("title", "Scores of therapeutic alliance instruments");
  cs.Set("status", "active");
  cs.Set("description",
         "Total and subscale scores of the alliance instruments loaded by "
         "alliance-fhir. Code = <instrument id>:<score id>.");
  cs.Set("caseSensitive", true);
  cs.Set("content", "complete");
  cs.Set("count", static_cast<std::int64_t>(concepts.size()));
  Json& list = cs.Set("concept", Json::Array());
  for (auto& [code, text] : concepts) {
    Json c = Json::Object();
    c.Set("code", code);
    c.Set("display", text.first);
    c.Set("definition", text.second);
    list.Append(std::move(c));
  }
  return cs;
}

}  // namespace mappings
